package archive

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
)

// Kind is a kind of problem Verify reports.
type Kind string

// The problems Verify reports.
const (
	Changed    Kind = "changed"            // the file's SHA-256 is not the one in the manifest
	Missing    Kind = "missing"            // listed in the manifest, not in the archive (or no manifest at all)
	Added      Kind = "added"              // in the archive, not listed in the manifest
	Damaged    Kind = "damaged"            // the file cannot be read back (a zip checksum error)
	Malformed  Kind = "malformed"          // a manifest line that is not "<sha256>  <path>"
	Unsafe     Kind = "unsafe path"        // absolute, with "..", unclean, or outside the top directory
	Duplicate  Kind = "duplicate"          // two entries for one path
	NotRegular Kind = "not a regular file" // a link, device, or other special entry
)

// Problem is one thing wrong with an archive.
type Problem struct {
	// Path is the file's path relative to the top directory, as in the
	// manifest; for an entry that is not inside the top directory, it is
	// the entry's name as stored in the archive.
	Path   string
	Kind   Kind
	Detail string // what exactly; may be empty
}

func (p Problem) String() string {
	if p.Detail == "" {
		return fmt.Sprintf("%s: %s", p.Path, p.Kind)
	}
	return fmt.Sprintf("%s: %s: %s", p.Path, p.Kind, p.Detail)
}

// Error is the error Verify returns for an archive that does not match its
// manifest. It lists every problem found, sorted by path.
type Error struct {
	Archive  string
	Problems []Problem
}

func (e *Error) Error() string {
	var b strings.Builder
	n := len(e.Problems)
	fmt.Fprintf(&b, "%s: %d problem", e.Archive, n)
	if n != 1 {
		b.WriteString("s")
	}
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// Result is what Verify found in an archive.
type Result struct {
	Top   string // the top directory, e.g. "dossier-2025-06-30"
	Files int    // files whose SHA-256 matched the manifest
}

// maxManifest bounds the manifest Verify reads into memory: some 200,000
// lines, far beyond any dossier.
const maxManifest = 16 << 20

// Verify checks the archive in the file name, a .tar.gz or a .zip (told
// apart by their first bytes), against the manifest inside it. It reads
// the archive once, hashing each file as it streams past. When the archive
// does not match, the error is an *Error listing every problem; the Result
// is returned either way, unless the archive could not be read at all.
func Verify(name string) (*Result, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return VerifyReader(f, info.Size(), name)
}

// VerifyReader is Verify for an archive of size bytes read from r, such
// as one in memory or received over a network; name is how to call it in
// the error. It never reads r beyond size.
func VerifyReader(r io.ReaderAt, size int64, name string) (*Result, error) {
	var magic [4]byte
	n, err := r.ReadAt(magic[:], 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	c := &checker{count: map[string]int{}}
	switch m := magic[:n]; {
	case bytes.HasPrefix(m, []byte{0x1f, 0x8b}):
		err = c.readTarGz(io.NewSectionReader(r, 0, size))
	case bytes.Equal(m, []byte("PK\x03\x04")) || bytes.Equal(m, []byte("PK\x05\x06")):
		err = c.readZip(r, size)
	default:
		err = errors.New("not a tar.gz or zip archive")
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	res, problems := c.finish()
	if len(problems) > 0 {
		return res, &Error{Archive: name, Problems: problems}
	}
	return res, nil
}

// entry is an entry of the archive whose name is safe.
type entry struct {
	name    string // clean, slash-separated, relative to the archive root
	dir     bool
	sum     [sha256.Size]byte
	other   string // for a link or other special entry, what it is
	damaged error  // for a file that could not be read back, why
}

// checker collects the entries of one archive and what is wrong with them.
type checker struct {
	entries   []entry
	count     map[string]int    // entries per name, to find duplicates
	manifests map[string][]byte // manifest contents by top directory
	problems  []Problem
}

func (c *checker) problem(path string, kind Kind, format string, args ...any) {
	c.problems = append(c.problems, Problem{Path: path, Kind: kind, Detail: fmt.Sprintf(format, args...)})
}

func (c *checker) readTarGz(r io.Reader) error {
	br := bufio.NewReaderSize(r, 64<<10)
	gz, err := gzip.NewReader(br)
	if err != nil {
		return err
	}
	// One gzip member only: tar -z would extract a second one appended to
	// the file, which the manifest does not describe.
	gz.Multistream(false)
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) {
			return fmt.Errorf("reading the tar: %w", err)
		}
		switch hdr.Typeflag {
		case tar.TypeReg:
			if err := c.file(hdr.Name, tr); err != nil {
				// The stream itself is broken: nothing after can be trusted.
				return fmt.Errorf("reading %s: %w", hdr.Name, err)
			}
		case tar.TypeDir:
			c.add(hdr.Name, entry{dir: true})
		case tar.TypeSymlink:
			c.add(hdr.Name, entry{other: "a symbolic link to " + hdr.Linkname})
		case tar.TypeLink:
			c.add(hdr.Name, entry{other: "a hard link to " + hdr.Linkname})
		default:
			c.add(hdr.Name, entry{other: fmt.Sprintf("an entry of tar type %q", hdr.Typeflag)})
		}
	}
	// Read to the end of the gzip stream, where its checksum is checked:
	// after the end of the tar only its zero padding may follow.
	if _, err := io.Copy(nonZero{}, gz); errors.Is(err, errNonZero) {
		return errors.New("data after the end of the tar archive, which the manifest does not cover")
	} else if err != nil {
		return fmt.Errorf("reading the gzip stream: %w", err)
	}
	if err := gz.Close(); err != nil {
		return err
	}
	if _, err := br.Peek(1); err == nil {
		return errors.New("data after the end of the gzip stream (a second gzip member?), which tar -z would extract but the manifest does not cover")
	}
	return nil
}

// nonZero is a writer that discards zero bytes and fails with errNonZero
// on any other.
type nonZero struct{}

func (nonZero) Write(p []byte) (int, error) {
	for i, b := range p {
		if b != 0 {
			return i, errNonZero
		}
	}
	return len(p), nil
}

var errNonZero = errors.New("non-zero")

func (c *checker) readZip(r io.ReaderAt, size int64) error {
	zr, err := zip.NewReader(r, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) {
		return fmt.Errorf("reading the zip: %w", err)
	}
	if err := noOverlap(zr.File, size); err != nil {
		return err
	}
	for _, zf := range zr.File {
		mode := zf.Mode()
		switch {
		case mode.IsDir():
			c.add(zf.Name, entry{dir: true})
		case mode.IsRegular():
			rc, err := zf.Open()
			if err == nil {
				err = c.file(zf.Name, rc)
				rc.Close()
			}
			if err != nil {
				// A zip's entries are read independently: one damaged
				// file does not hide the others.
				c.add(zf.Name, entry{damaged: err})
			}
		case mode&fs.ModeSymlink != 0:
			c.add(zf.Name, entry{other: "a symbolic link"})
		default:
			c.add(zf.Name, entry{other: fmt.Sprintf("an entry of mode %v", mode)})
		}
	}
	return nil
}

// noOverlap checks that the compressed data of the entries of a zip lie
// each in a range of its own inside the file: entries that share their
// data (a "zip bomb" of overlapping entries) would have every one of them
// inflated and hashed, and are never what dossier archive writes.
func noOverlap(files []*zip.File, size int64) error {
	type span struct {
		start, end int64
		name       string
	}
	spans := make([]span, 0, len(files))
	for _, zf := range files {
		off, err := zf.DataOffset()
		if err != nil {
			return fmt.Errorf("reading the zip: %s: %w", zf.Name, err)
		}
		end := off + int64(zf.CompressedSize64)
		if zf.CompressedSize64 > uint64(size) || end > size {
			return fmt.Errorf("reading the zip: %s: its data runs past the end of the file", zf.Name)
		}
		spans = append(spans, span{off, end, zf.Name})
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.start, b.start) })
	for i := 1; i < len(spans); i++ {
		if spans[i].start < spans[i-1].end {
			return fmt.Errorf("reading the zip: the entries %q and %q overlap (they share their compressed data): the archive was made to deceive or exhaust a reader", spans[i-1].name, spans[i].name)
		}
	}
	return nil
}

// name checks the name of an entry and returns it clean, "." for the
// archive root itself (as in "./"), or "" when it is unsafe; a problem is
// then recorded.
func (c *checker) name(raw string) string {
	n := raw
	for strings.HasPrefix(n, "./") {
		n = n[2:]
	}
	n = strings.TrimSuffix(n, "/")
	switch {
	case strings.HasPrefix(raw, "/"):
		c.problem(raw, Unsafe, "absolute path")
	case strings.Contains(raw, `\`):
		c.problem(raw, Unsafe, "backslash in the name")
	case slices.Contains(strings.Split(n, "/"), ".."):
		c.problem(raw, Unsafe, "path traversal (..)")
	case raw == "":
		c.problem(raw, Unsafe, "an entry without a name")
	case n == "" || n == ".":
		return "."
	case !fs.ValidPath(n):
		c.problem(raw, Unsafe, "not a clean path")
	default:
		return n
	}
	return ""
}

// add records an entry under its name, if the name is safe.
func (c *checker) add(raw string, e entry) { c.put(raw, c.name(raw), e) }

// put records an entry under n, what name returned for raw.
func (c *checker) put(raw, n string, e entry) {
	switch n {
	case "":
	case ".":
		if !e.dir {
			c.problem(raw, Unsafe, "not a directory, yet named as the archive's root")
		}
	default:
		e.name = n
		c.count[n]++
		c.entries = append(c.entries, e)
	}
}

// file hashes a regular file as it is read, and keeps a manifest.
func (c *checker) file(raw string, r io.Reader) error {
	n := c.name(raw)
	if n == "" || n == "." {
		c.put(raw, n, entry{})
		return nil
	}
	var e entry
	h := sha256.New()
	if top, rest, _ := strings.Cut(n, "/"); rest == Manifest {
		data, err := io.ReadAll(io.LimitReader(r, maxManifest+1))
		if err != nil {
			return err
		}
		if len(data) > maxManifest {
			c.problem(rest, Malformed, "larger than %d bytes; not read", maxManifest)
			data = nil
		}
		if c.manifests == nil {
			c.manifests = map[string][]byte{}
		}
		c.manifests[top] = data
		h.Write(data)
	} else if _, err := io.Copy(h, r); err != nil {
		return err
	}
	h.Sum(e.sum[:0])
	c.put(raw, n, e)
	return nil
}

// finish decides the top directory, reads the manifest and compares.
func (c *checker) finish() (*Result, []Problem) {
	res := &Result{}
	if tops := slices.Sorted(maps.Keys(c.manifests)); len(tops) > 0 {
		res.Top = tops[0] // an archive with several has the others reported as outside it
	} else if len(c.entries) > 0 {
		res.Top, _, _ = strings.Cut(c.entries[0].name, "/")
	}
	prefix := res.Top + "/"

	files := map[string]entry{} // regular files by path relative to the top
	isFile := map[string]bool{}
	reported := map[string]bool{}
	for _, e := range c.entries {
		rel, inside := strings.CutPrefix(e.name, prefix)
		if !inside {
			rel = e.name
		}
		if c.count[e.name] > 1 && !reported[e.name] {
			reported[e.name] = true
			c.problem(rel, Duplicate, "%d entries for one path", c.count[e.name])
		}
		switch {
		case e.name == res.Top && e.dir:
		case !inside:
			c.problem(rel, Unsafe, "outside the top directory %s", prefix)
		case e.other != "":
			c.problem(rel, NotRegular, "%s", e.other)
		case !e.dir:
			isFile[rel] = true
			if rel != Manifest {
				files[rel] = e
			}
		}
	}
	for _, e := range c.entries {
		rel, ok := strings.CutPrefix(e.name, prefix)
		for dir := rel; ok; {
			i := strings.LastIndexByte(dir, '/')
			if i < 0 {
				break
			}
			if dir = dir[:i]; isFile[dir] {
				c.problem(rel, Unsafe, "inside %s, which is a file", dir)
				break
			}
		}
	}

	data, ok := c.manifests[res.Top]
	if !ok {
		c.problem(Manifest, Missing, "no %s%s in the archive: nothing to verify against", prefix, Manifest)
		return res, c.sorted()
	}
	want := c.parseManifest(data)
	for _, p := range slices.Sorted(maps.Keys(want)) {
		got, ok := files[p]
		switch {
		case !ok:
			c.problem(p, Missing, "listed in %s, not in the archive", Manifest)
		case got.damaged != nil:
			c.problem(p, Damaged, "%v", got.damaged)
		case got.sum != want[p]:
			c.problem(p, Changed, "SHA-256 %x, %s says %x", got.sum[:], Manifest, want[p])
		default:
			res.Files++
		}
	}
	for p, e := range files {
		if _, ok := want[p]; !ok {
			if e.damaged != nil {
				c.problem(p, Damaged, "%v", e.damaged)
			}
			c.problem(p, Added, "not listed in %s", Manifest)
		}
	}
	return res, c.sorted()
}

func (c *checker) sorted() []Problem {
	slices.SortStableFunc(c.problems, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(string(a.Kind), string(b.Kind)))
	})
	return c.problems
}

// parseManifest reads lines in the format of sha256sum: 64 hexadecimal
// digits, a space, a space or an asterisk (binary mode), and the path.
func (c *checker) parseManifest(data []byte) map[string][sha256.Size]byte {
	want := map[string][sha256.Size]byte{}
	if bytes.Contains(data, []byte("\r\n")) {
		// Named once, then read as sha256sum -c would not: without the
		// CRs, so that the other problems are still found.
		c.problem(Manifest, Malformed, "Windows (CRLF) line ends: sha256sum -c reads each path with a CR at its end; save the manifest with LF line ends")
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	lines := strings.Split(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, line := range lines {
		n := i + 1
		if len(line) < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') {
			c.problem(Manifest, Malformed, "line %d: want \"<sha256>  <path>\", got %q", n, shorten(line))
			continue
		}
		var sum [sha256.Size]byte
		if _, err := hex.Decode(sum[:], []byte(line[:64])); err != nil {
			c.problem(Manifest, Malformed, "line %d: %q is not a SHA-256 in hexadecimal", n, line[:64])
			continue
		}
		p := line[66:]
		switch _, dup := want[p]; {
		case !fs.ValidPath(p) || p == "." || strings.Contains(p, `\`):
			c.problem(Manifest, Malformed, "line %d: %q is not a clean relative path", n, shorten(p))
		case p == Manifest:
			c.problem(Manifest, Malformed, "line %d: lists %s itself", n, Manifest)
		case dup:
			c.problem(Manifest, Malformed, "line %d: %s is listed twice", n, p)
		default:
			want[p] = sum
		}
	}
	return want
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
