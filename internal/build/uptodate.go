package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"dossier/internal/cache"
	"dossier/internal/diag"
	"dossier/internal/source"
)

// A build that keeps a cache (Options.Cache) records itself in
// Out/.cache/build.json: the fingerprint of everything it was made from
// and the digest of every output it wrote. The next build with the same
// fingerprint, finding those outputs as they were, has nothing to do: like
// make, it says so and leaves them alone. Anything else (an edited source
// or layout, another flag, SOURCE_DATE_EPOCH, another version of dossier,
// a changed previous edition, an output changed, added or removed by hand)
// builds again.
const stampFile = "build.json"

// stamp is what build.json holds.
type stamp struct {
	Inputs  string            `json:"inputs"` // the fingerprint
	Title   string            `json:"title"`
	Sources int               `json:"sources"`
	Notes   int               `json:"notes"`
	Outputs map[string]string `json:"outputs"` // output name → SHA-256, hex
	// Files holds the signature of each output as the build left it
	// (see fileSig), by output name.
	Files map[string]fileSig `json:"files,omitempty"`
	// Pages holds the key of each page the next build may keep as it is,
	// by output name (see pageKeeper).
	Pages map[string]string `json:"pages,omitempty"`
	// Warnings are the build's, repeated by a build that finds it up to
	// date: its outputs have the problems they tell of.
	Warnings []diag.Entry `json:"warnings,omitempty"`
	// Previous is the previous edition the build compared with, read
	// from outside the sources: its digest is checked again.
	Previous *previousStamp `json:"previous,omitempty"`

	recorded time.Time // when the record was written: its file's modification time
}

type previousStamp struct {
	Path   string `json:"path"`
	Digest string `json:"digest"`
}

// fingerprint digests what a build's outputs are made of: the program,
// every file of the sources and the layouts, and each option that changes
// an output. The build time counts only when it is fixed
// (SOURCE_DATE_EPOCH): a build with nothing else changed keeps the time of
// the build that made its outputs.
func fingerprint(opts Options, inputs, program [sha256.Size]byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "dossier build stamp 2\x00%x\x00%x\x00", program, inputs)
	built := int64(0)
	if !opts.BuiltNow {
		built = opts.Built.Unix()
	}
	fmt.Fprintf(h, "%q\x00%d\x00%q\x00%q\x00%+v", opts.BaseURL, built, opts.Previous, opts.SourcesDir, opts.Limits)
	return hex.EncodeToString(h.Sum(nil))
}

// digestInputs digests every file of the sources and the layouts, by name
// and content: what both the build id and the fingerprint are made of,
// read once per build. A file that cannot be read counts by its name
// alone; loading it reports the problem. A file of the sources larger
// than loading accepts (Options.Limits) is read no further than that (see
// digestInput): loading refuses it if it reads it, and it changes no
// output if it does not, so that a build given a huge file fails as fast,
// and in as little memory, as the limit promises.
func digestInputs(opts Options) [sha256.Size]byte { return digestAll(opts).all }

// inputDigests are the digests digestAll makes of a build's inputs.
type inputDigests struct {
	all [sha256.Size]byte // every file of the sources and the layouts (see digestInputs)
	// frame is all without the texts of the notes (notes/*.md): what the
	// pages kept from the last build are made of (see pageKeeper).
	frame [sha256.Size]byte
	// layouts is the digest of the layouts alone, by name and content.
	layouts [sha256.Size]byte
	// files is the digest of each file of the sources, by name (over the
	// size limit, not of its content: see digestInput), for what loading
	// keeps of each document (knownStore).
	files map[string][sha256.Size]byte
}

// digestAll makes the digests of the inputs of opts, reading each file
// once.
func digestAll(opts Options) inputDigests {
	h, frame := sha256.New(), sha256.New()
	both := io.MultiWriter(h, frame)
	var layouts hash.Hash
	files := map[string][sha256.Size]byte{}
	maxSize := opts.Limits.WithDefaults().FileSize
	for i, fsys := range []fs.FS{opts.Sources, opts.Layouts} {
		if fsys == nil {
			fmt.Fprintf(both, "none\x00")
			continue
		}
		var names []string
		fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
			if err == nil && e.Type().IsRegular() {
				names = append(names, p)
			}
			return nil
		})
		max := maxSize
		if i > 0 {
			max = 0 // the layouts have no limit: every byte counts
			layouts = sha256.New()
		}
		sums := digestEach(names, func(name string) ([sha256.Size]byte, error) {
			return digestInput(fsys, name, max)
		})
		for k, sum := range sums {
			if sum == nil {
				continue
			}
			if i == 0 {
				files[names[k]] = *sum
			}
			switch {
			case i > 0:
				fmt.Fprintf(io.MultiWriter(both, layouts), "%s\x00%x\x00", names[k], *sum)
			case isNoteText(names[k]):
				fmt.Fprintf(h, "%s\x00%x\x00", names[k], *sum)
			default:
				fmt.Fprintf(both, "%s\x00%x\x00", names[k], *sum)
			}
		}
		fmt.Fprintf(both, "\x01")
	}
	d := inputDigests{files: files}
	h.Sum(d.all[:0])
	frame.Sum(d.frame[:0])
	if layouts != nil {
		layouts.Sum(d.layouts[:0])
	}
	return d
}

// isNoteText reports whether name, in the sources, is the text of a note.
func isNoteText(name string) bool {
	dir, file := path.Split(name)
	return dir == source.NotesDir+"/" && strings.HasSuffix(file, ".md")
}

// digestInput returns the SHA-256 of the content of name, read as a stream.
// With max > 0, a file of more than max bytes is read only as far as its
// first max+1, and digests instead as a record of that prefix and of the
// size its folder gives it.
func digestInput(fsys fs.FS, name string, max int64) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, err := fsys.Open(name)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	var r io.Reader = f
	if max > 0 {
		r = io.LimitReader(f, max+1)
	}
	n, err := cache.Copy(h, r)
	if err != nil {
		return sum, err
	}
	if max > 0 && n > max {
		size := n
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		prefix := h.Sum(nil)
		h.Reset()
		fmt.Fprintf(h, "dossier: a file over the limit\x00%d\x00%d\x00%x", max, size, prefix)
	}
	h.Sum(sum[:0])
	return sum, nil
}

// digestReaders is how many files digestEach reads at once. Reading a
// file is mostly waiting for the system to open it, so more files are in
// flight than there are cores.
const digestReaders = 8

// digestEach returns the digest of each of names, nil for one that cannot
// be read.
func digestEach(names []string, digest func(name string) ([sha256.Size]byte, error)) []*[sha256.Size]byte {
	sums := make([]*[sha256.Size]byte, len(names))
	var g errgroup.Group
	g.SetLimit(digestReaders)
	for i, name := range names {
		g.Go(func() error {
			if sum, err := digest(name); err == nil {
				sums[i] = &sum
			}
			return nil
		})
	}
	g.Wait()
	return sums
}

// upToDate reports whether s, the stamp of the last build into out (nil
// for none), has the fingerprint fp and out holds its outputs, unchanged,
// and nothing else: no work folder of a build that was cut short, no file
// added to an output folder.
func upToDate(out, fp string, s *stamp) bool {
	if s == nil || s.Inputs != fp || len(s.Outputs) == 0 {
		return false
	}
	for _, dir := range []string{stageDir, oldDir, trashDir} {
		if _, err := os.Lstat(filepath.Join(out, dir)); !errors.Is(err, fs.ErrNotExist) {
			return false
		}
	}
	if p := s.Previous; p != nil {
		if d, err := digestPath(p.Path); err != nil || d != p.Digest {
			return false
		}
	}
	tops := map[string]bool{}
	for name := range s.Outputs {
		tops[topLevel(name)] = true
	}
	var names []string
	for top := range tops {
		err := filepath.WalkDir(filepath.Join(out, top), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() {
				return nil
			}
			if !e.Type().IsRegular() {
				return fmt.Errorf("%s is not a regular file", p)
			}
			rel, err := filepath.Rel(out, p)
			names = append(names, filepath.ToSlash(rel))
			return err
		})
		if err != nil {
			return false
		}
	}
	found := map[string]string{}
	sums := digestEach(names, func(name string) ([sha256.Size]byte, error) {
		p := filepath.Join(out, filepath.FromSlash(name))
		if sum, ok := s.unchanged(name, p); ok {
			return sum, nil
		}
		return cache.FileDigest(p)
	})
	for i, sum := range sums {
		if sum == nil {
			return false
		}
		found[names[i]] = hex.EncodeToString(sum[:])
	}
	if !maps.Equal(found, s.Outputs) {
		return false
	}
	return true
}

// unchanged returns the digest the record gives the output name, at p,
// when the file's signature says it still holds it (see fileSig).
func (s *stamp) unchanged(name, p string) (sum [sha256.Size]byte, ok bool) {
	sig, ok := s.Files[name]
	if !ok || !trusted(sig, s.recorded) {
		return sum, false
	}
	fi, err := os.Lstat(p)
	if err != nil {
		return sum, false
	}
	if got, ok := sigOf(fi); !ok || got != sig {
		return sum, false
	}
	hexSum := s.Outputs[name]
	if len(hexSum) != 2*len(sum) {
		return sum, false
	}
	_, err = hex.Decode(sum[:], []byte(hexSum))
	return sum, err == nil
}

// readStamp returns the record of the last build into out, if there is one.
func readStamp(out string) (*stamp, bool) {
	data, err := os.ReadFile(filepath.Join(out, cache.Dir, stampFile))
	if err != nil {
		return nil, false
	}
	var s stamp
	if json.Unmarshal(data, &s) != nil {
		return nil, false
	}
	if fi, err := os.Stat(filepath.Join(out, cache.Dir, stampFile)); err == nil {
		s.recorded = fi.ModTime()
	}
	return &s, true
}

// saveStamp records the build res, whose outputs have the digests sums,
// in out, for the next build to compare with; prev is the previous
// edition it compared with, "" for none. A build that cannot record itself
// has still built: the next one builds again.
func saveStamp(out, fp string, res *Result, sums map[string]string, sigs map[string]fileSig, pages map[string]string, prev string) error {
	s := stamp{Inputs: fp, Title: res.Title, Sources: res.Sources, Notes: res.Notes, Outputs: sums, Files: sigs, Pages: pages, Warnings: res.Warnings}
	if prev != "" {
		digest, err := digestPath(prev)
		if err != nil {
			return err
		}
		abs, err := filepath.Abs(prev)
		if err != nil {
			return err
		}
		s.Previous = &previousStamp{Path: abs, Digest: digest}
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return cache.WriteFile(filepath.Join(out, cache.Dir, stampFile), data)
}

// forgetStamp removes the record of the last build from out, before a
// build changes its outputs.
func forgetStamp(out string) error {
	err := os.Remove(filepath.Join(out, cache.Dir, stampFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// digestFile returns the SHA-256 of the file at p, in hex.
func digestFile(p string) (string, error) {
	sum, err := cache.FileDigest(p)
	return hex.EncodeToString(sum[:]), err
}

// digestPath digests a file, or every file of a folder by name and
// content.
func digestPath(p string) (string, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return digestFile(p)
	}
	h := sha256.New()
	err = filepath.WalkDir(p, func(q string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			return err
		}
		sum, err := digestFile(q)
		fmt.Fprintf(h, "%s\x00%s\x00", filepath.ToSlash(q), sum)
		return err
	})
	return hex.EncodeToString(h.Sum(nil)), err
}
