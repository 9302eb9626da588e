// Package cache is the build's content-addressed store: what is costly to
// make and depends only on its inputs (a highlighted code block, say) is
// kept under a key digested from those inputs and from the program that
// made it, so that a later build of the same inputs reads it back instead
// of making it again.
//
// The store is a folder of files, one an entry, named by key; each file
// carries the digest of its content, and an entry that does not match it
// (a disk error, a hand edit) is a miss. Entries are written atomically,
// so a build killed midway leaves only whole entries. The folder is safe to
// delete at any time between builds: a build then makes everything afresh.
// Prune removes what the last build did not use, so that the store holds
// one build's worth and does not grow with every edit.
//
// A nil *Cache is a store that holds nothing: every Get misses and Put
// keeps nothing, for builds that keep no cache (dossier serve, tests).
package cache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is the store's folder inside a build's output folder.
const Dir = ".cache"

// A Cache is a store in one folder. Its methods may be called concurrently.
type Cache struct {
	dir     string
	program [sha256.Size]byte // the program's digest, salted into every key

	mu   sync.Mutex
	used map[string]bool // the entries this build read or wrote, by file name
}

// Key names an entry: its kind (a folder of the store, e.g. "highlight")
// and the digest of what it was made from.
type Key struct {
	kind string
	sum  [sha256.Size]byte
}

// String returns the key as kind/hex, for messages and tests.
func (k Key) String() string { return k.kind + "/" + hex.EncodeToString(k.sum[:]) }

// Open returns the store in dir, made by the program whose digest is
// program: entries another program (another version of dossier) made are
// not found. The folder is made when the first entry is put.
func Open(dir string, program [sha256.Size]byte) *Cache {
	return &Cache{dir: dir, program: program, used: map[string]bool{}}
}

// Key returns the key of an entry of kind made from parts. Each part is
// length-prefixed, so that no two lists of parts digest alike.
func (c *Cache) Key(kind string, parts ...[]byte) Key {
	h := sha256.New()
	if c != nil {
		h.Write(c.program[:])
	}
	var n [8]byte
	for _, p := range append([][]byte{[]byte(kind)}, parts...) {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	k := Key{kind: kind}
	h.Sum(k.sum[:0])
	return k
}

// file is the entry's file name, relative to the store's folder.
func (k Key) file() string {
	s := hex.EncodeToString(k.sum[:])
	return filepath.Join(k.kind, s[:2], s[2:])
}

// Get returns the entry under k, if the store holds a whole one.
func (c *Cache) Get(k Key) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	name := k.file()
	data, err := os.ReadFile(filepath.Join(c.dir, name))
	if err != nil || len(data) < sha256.Size {
		return nil, false
	}
	body := data[sha256.Size:]
	if sum := sha256.Sum256(body); !bytes.Equal(sum[:], data[:sha256.Size]) {
		return nil, false
	}
	c.mark(name)
	return body, true
}

// Put stores data, the parts one after the other, under k, whole or not
// at all (see WriteFile). The parts are not copied: a large entry made of
// pieces held elsewhere costs no memory of its own.
func (c *Cache) Put(k Key, data ...[]byte) error {
	if c == nil {
		return nil
	}
	name := k.file()
	h := sha256.New()
	for _, p := range data {
		h.Write(p)
	}
	sum := h.Sum(nil)
	if err := WriteFile(filepath.Join(c.dir, name), append([][]byte{sum}, data...)...); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	c.mark(name)
	return nil
}

func (c *Cache) mark(name string) {
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
}

// Prune removes the entries of the given kinds that this build neither
// read nor wrote, and any temporary file a killed build left: the store
// then holds what the next build of the same inputs needs, and no more.
func (c *Cache) Prune(kinds ...string) error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for _, kind := range kinds {
		root := filepath.Join(c.dir, kind)
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(c.dir, p)
			if err != nil {
				return err
			}
			if !c.used[rel] {
				return os.Remove(p)
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("cache: pruning: %w", err)
	}
	return nil
}

// WriteFile writes the parts, one after the other, to the file dst, making
// its folder: into a temporary file beside it, renamed into place, so that
// dst is whole or as it was.
func WriteFile(dst string, parts ...[]byte) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".tmp-*")
	if err != nil {
		return err
	}
	err = tmp.Chmod(0o644)
	for _, p := range parts {
		if err == nil {
			_, err = tmp.Write(p)
		}
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// ProgramDigest returns the digest of the running program's executable,
// which keys a store to the version of dossier that filled it.
//
// A binary the go command built carries its build ID, which digests the
// binary's content: the digest is then that of the ID, read from the
// executable's headers rather than its 35 MB (a quarter of a build with
// nothing to do). An executable without one (not ELF, or linked without
// it) is read whole.
func ProgramDigest() ([sha256.Size]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	if id := goBuildID(exe); id != "" {
		return sha256.Sum256([]byte("go build ID\x00" + id)), nil
	}
	return FileDigest(exe)
}

// goBuildID returns the Go build ID of the ELF executable at name, "" if
// it has none or is not ELF. The go command puts it in a note of its own
// (.note.go.buildid: name "Go", type 4), as "actionID/contentID", the
// latter a digest of the binary.
func goBuildID(name string) string {
	f, err := elf.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	data, err := sec.Data()
	if err != nil || len(data) < 16 {
		return ""
	}
	bo := f.ByteOrder
	namesz, descsz, typ := bo.Uint32(data), bo.Uint32(data[4:]), bo.Uint32(data[8:])
	if namesz != 4 || typ != 4 || string(data[12:16]) != "Go\x00\x00" || uint64(descsz) > uint64(len(data)-16) {
		return ""
	}
	id := string(data[16 : 16+descsz])
	if !strings.Contains(id, "/") {
		return "" // not an ID the go command writes
	}
	return id
}

// FileDigest returns the SHA-256 of the file at name, read as a stream.
func FileDigest(name string) ([sha256.Size]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := Copy(h, f); err != nil {
		return [sha256.Size]byte{}, err
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum, nil
}

// Copy copies r to w, as io.Copy does, through one of a few shared
// buffers: a build digests thousands of small files, and a file's own
// WriteTo, which io.Copy would call, takes a new buffer for each.
func Copy(w io.Writer, r io.Reader) (int64, error) {
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	return io.CopyBuffer(w, struct{ io.Reader }{r}, *buf)
}

// copyBuffers are the buffers Copy copies through.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}
