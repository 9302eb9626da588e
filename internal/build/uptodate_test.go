package build

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"dossier/internal/cache"
	"dossier/internal/source"
	"dossier/internal/testutil"
)

// TestUpToDate builds into one output folder twice and checks when the
// second build has nothing to do: only when every input, option and output
// is as the first build left it.
func TestUpToDate(t *testing.T) {
	options := func(out string) Options {
		return Options{
			Sources: testutil.Fixture(t, sources, nil),
			Layouts: os.DirFS("../../layouts"),
			Out:     out,
			Built:   built,
			Cache:   true,
		}
	}
	type firstOut struct {
		out string
		*Result
	}
	firstBuild := map[bool]firstOut{}
	for _, now := range []bool{false, true} {
		o := options(t.TempDir())
		o.BuiltNow = now
		res, err := Run(o)
		if err != nil {
			t.Fatal(err)
		}
		if res.UpToDate {
			t.Fatal("the first build into an empty folder was up to date")
		}
		firstBuild[now] = firstOut{o.Out, res}
	}
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, out string, o *Options)
		want   bool // up to date
	}{
		{"nothing changed", func(*testing.T, string, *Options) {}, true},
		{"a source edited", func(t *testing.T, _ string, o *Options) {
			o.Sources = testutil.Fixture(t, sources, map[string]string{"notes/10-about.md": "# About\n\nSee [[S:doc#1]] again.\n"})
		}, false},
		{"another SOURCE_DATE_EPOCH", func(_ *testing.T, _ string, o *Options) { o.Built = built.Add(time.Hour) }, false},
		{"the clock moved on", func(_ *testing.T, _ string, o *Options) { o.Built = built.Add(time.Hour) }, true},
		{"another base URL", func(_ *testing.T, _ string, o *Options) { o.BaseURL = "https://example.org/d/" }, false},
		{"a page changed by hand", func(t *testing.T, out string, _ *Options) {
			writeFile(t, filepath.Join(out, "site", "index.html"), "edited")
		}, false},
		{"a file added to the site", func(t *testing.T, out string, _ *Options) {
			writeFile(t, filepath.Join(out, "site", "extra.html"), "mine")
		}, false},
		{"the briefing removed", func(t *testing.T, out string, _ *Options) {
			if err := os.Remove(filepath.Join(out, PDFFile)); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a build cut short", func(t *testing.T, out string, _ *Options) {
			if err := os.Mkdir(filepath.Join(out, oldDir), 0o755); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"the cache deleted", func(t *testing.T, out string, _ *Options) {
			if err := os.RemoveAll(filepath.Join(out, ".cache")); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"a build without the cache between", func(t *testing.T, out string, o *Options) {
			o2 := *o
			o2.Cache = false
			if _, err := Run(o2); err != nil {
				t.Fatal(err)
			}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o := options("")
			// Without SOURCE_DATE_EPOCH, the build time is the clock's.
			o.BuiltNow = tc.name == "the clock moved on"
			first := firstBuild[o.BuiltNow]
			// The first build is shared: each case starts from a copy.
			out := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(out, os.DirFS(first.out)); err != nil {
				t.Fatal(err)
			}
			o.Out = out
			before := tree(t, out)
			tc.change(t, out, &o)
			second, err := Run(o)
			if err != nil {
				t.Fatal(err)
			}
			if second.UpToDate != tc.want {
				t.Errorf("second build up to date: %v, want %v", second.UpToDate, tc.want)
			}
			if second.Title != first.Title || second.Sources != 1 || second.Notes != 1 {
				t.Errorf("second build reports %q, %d sources, %d notes; want %q, 1, 1", second.Title, second.Sources, second.Notes, first.Title)
			}
			if tc.want {
				if !slices.Equal(second.Files, first.Files) {
					t.Errorf("an up-to-date build reports the files %v; want %v", second.Files, first.Files)
				}
				sameTree(t, "an up-to-date output", before, tree(t, out))
			}
			// Whatever happened, a third build has nothing to do.
			if third, err := Run(o); err != nil || !third.UpToDate {
				t.Errorf("third build: up to date %v, %v; want true", third != nil && third.UpToDate, err)
			}
		})
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCacheKeepsWhatTheBuildUsed: a build keeps the code blocks it lexed
// in OUT/.cache, and the next build, whose note shows other code (and
// whose title changed, so that every page is rendered again), keeps that
// code's tokens and not the first's.
func TestCacheKeepsWhatTheBuildUsed(t *testing.T) {
	out := t.TempDir()
	entries := func(code string) []string {
		t.Helper()
		note := "# About\n\nSee [[S:doc#1]].\n\n```go\n" + code + "\n```\n"
		settings := "title: Test dossier " + code + "\ncutoff: 2026-01-31\n"
		_, err := Run(Options{
			Sources: testutil.Fixture(t, sources, map[string]string{"notes/10-about.md": note, "dossier.yaml": settings}),
			Layouts: os.DirFS("../../layouts"),
			Out:     out,
			Built:   built,
			Cache:   true,
		})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		root := filepath.Join(out, ".cache", "highlight")
		err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				names = append(names, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return names
	}
	first := entries("package a")
	if len(first) == 0 {
		t.Fatal("the build kept no highlighted code")
	}
	second := entries("package b")
	if len(second) != len(first) {
		t.Errorf("after the code changed, the cache holds %d entries, want %d (the new code's, in place of the old)", len(second), len(first))
	}
	// Only the note's block changed: one entry gone, one new; those of
	// the blocks that did not change (the sources' records) kept.
	var gone, added int
	for _, name := range first {
		if !slices.Contains(second, name) {
			gone++
		}
	}
	for _, name := range second {
		if !slices.Contains(first, name) {
			added++
		}
	}
	if gone != 1 || added != 1 {
		t.Errorf("after one code block changed, %d entries went and %d came, want 1 and 1:\n%v\n%v", gone, added, first, second)
	}
}

// TestDigestStopsAtTheLimit digests sources holding a file larger than
// loading accepts: the digest reads no more of it than the limit and a
// byte, so that a huge file is refused as fast as the limit promises;
// files within the limit are read whole; and the digest still tells
// different sizes, and different first bytes, of the large file apart.
func TestDigestStopsAtTheLimit(t *testing.T) {
	const limit = 1 << 10
	big := strings.Repeat("x", 64<<10)
	digest := func(content string) ([sha256.Size]byte, map[string]int64) {
		sources := &countingFS{MapFS: fstest.MapFS{
			"documents/big.txt":   {Data: []byte(content)},
			"documents/small.txt": {Data: []byte("A small text.\n")},
		}}
		sum := digestInputs(Options{Sources: sources, Limits: source.Limits{FileSize: limit}})
		return sum, sources.read
	}
	sum, read := digest(big)
	if n := read["documents/big.txt"]; n > limit+1 {
		t.Errorf("read %d bytes of a file over the limit of %d", n, limit)
	}
	if n := read["documents/small.txt"]; n != int64(len("A small text.\n")) {
		t.Errorf("read %d bytes of the small file, want it whole", n)
	}
	for _, other := range []string{big + "y", "y" + big[1:], big[:limit] + "x"} {
		if s, _ := digest(other); s == sum {
			t.Errorf("a large file of %d bytes, starting %q, digests as the first", len(other), other[:1])
		}
	}
	if s, _ := digest(big); s != sum {
		t.Error("the same sources digest differently")
	}
}

// countingFS is a MapFS that counts the bytes read from each file.
type countingFS struct {
	fstest.MapFS
	mu   sync.Mutex
	read map[string]int64
}

func (c *countingFS) Open(name string) (fs.File, error) {
	f, err := c.MapFS.Open(name)
	if err != nil {
		return nil, err
	}
	return &countingFile{File: f, fs: c, name: name}, nil
}

type countingFile struct {
	fs.File
	fs   *countingFS
	name string
}

func (f *countingFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.fs.mu.Lock()
	defer f.fs.mu.Unlock()
	if f.fs.read == nil {
		f.fs.read = map[string]int64{}
	}
	f.fs.read[f.name] += int64(n)
	return n, err
}

// buildNote builds the test sources, with note as notes/10-about.md, into
// out, with the cache or without.
func buildNote(t *testing.T, out, note string, cached bool) *Result {
	t.Helper()
	res, err := Run(Options{
		Sources: testutil.Fixture(t, sources, map[string]string{"notes/10-about.md": note}),
		Layouts: os.DirFS("../../layouts"),
		Out:     out,
		Built:   built,
		Cache:   cached,
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestUnchangedFilesLinked: a build links each file the previous
// build wrote with the same bytes, rather than writing it again, and
// writes every other one. A previous file that is not what the build
// would write (edited in place, or a link to a file elsewhere) is never
// linked, and is left as it was. A build without the cache does the same.
func TestUnchangedFilesLinked(t *testing.T) {
	out := t.TempDir()
	var res *Result
	build := func(note string, cached bool) {
		t.Helper()
		res = buildNote(t, out, note, cached)
	}
	type file struct {
		fi   fs.FileInfo
		data string
	}
	files := func() map[string]file {
		t.Helper()
		m := map[string]file{}
		err := filepath.WalkDir(filepath.Join(out, "site"), func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			fi, err := os.Lstat(p)
			if err != nil {
				return err
			}
			data, err := os.ReadFile(p)
			m[p] = file{fi, string(data)}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	// linked returns the files of after that are the files of before.
	linked := func(before, after map[string]file) []string {
		var names []string
		for p, a := range after {
			if b, ok := before[p]; ok && os.SameFile(a.fi, b.fi) {
				names = append(names, p)
			}
		}
		slices.Sort(names)
		return names
	}
	// check reports whether the files of after that are those of before
	// are the files whose bytes did not change, and returns them.
	check := func(before, after map[string]file) []string {
		t.Helper()
		same := linked(before, after)
		for p, a := range after {
			if unchanged := before[p].data == a.data; unchanged != slices.Contains(same, p) {
				t.Errorf("%s: unchanged %v, linked %v", p, unchanged, !unchanged)
			}
		}
		return same
	}
	build("# About\n\nSee [[S:doc#1]].\n", true)
	first := files()
	build("# About\n\nSee [[S:doc#1]] again.\n", true)
	second := files()
	same := check(first, second)
	if res.Unchanged != len(same) {
		t.Errorf("the build says %d files are unchanged; %d are", res.Unchanged, len(same))
	}
	if len(same) == 0 || len(same) == len(second) {
		t.Fatalf("%d of %d files linked after a note's edit, want some but not all", len(same), len(second))
	}

	// One unchanged page edited in place, another replaced by a link to
	// a file outside with the bytes the build would write.
	edited, swapped := same[0], same[1]
	tampered := strings.ToUpper(second[edited].data)
	if err := os.WriteFile(edited, []byte(tampered), 0o644); err != nil {
		t.Fatal(err)
	}
	elsewhere := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(elsewhere, []byte(second[swapped].data), 0o644); err != nil {
		t.Fatal(err)
	}
	kept, err := os.Lstat(edited)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(swapped); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, swapped); err != nil {
		t.Fatal(err)
	}
	outside, err := os.Stat(elsewhere)
	if err != nil {
		t.Fatal(err)
	}
	build("# About\n\nSee [[S:doc#1]] again.\n", true)
	third := files()
	for p, want := range second {
		if third[p].data != want.data {
			t.Errorf("%s differs from the same build's", p)
		}
	}
	if os.SameFile(third[edited].fi, kept) {
		t.Errorf("%s: the file edited in place was linked", edited)
	}
	if !third[swapped].fi.Mode().IsRegular() || os.SameFile(third[swapped].fi, outside) {
		t.Errorf("%s: the link's target was used (mode %v)", swapped, third[swapped].fi.Mode())
	}
	if data, err := os.ReadFile(elsewhere); err != nil || string(data) != second[swapped].data {
		t.Errorf("the file outside changed (%v)", err)
	}

	// Without the cache, every page is made afresh, and kept alike.
	build("# About\n\nSee [[S:doc#1]].\n", false)
	if len(check(third, files())) == 0 {
		t.Error("without the cache, no file was kept")
	}
}

// TestKeptBySignature: an output whose signature (size, modification time,
// inode) is the one the last build recorded, and older than the record, is
// taken to hold what the record says without being read, both by the
// check for a build that is up to date and when a page is kept; so a
// change that keeps all three goes unseen, as it does for git and rsync.
// One whose time is not older than the record (racy: it may have changed
// in the tick it was recorded in) is read, and the change found.
func TestKeptBySignature(t *testing.T) {
	out := t.TempDir()
	build := func(note string) *Result {
		t.Helper()
		return buildNote(t, out, note, true)
	}
	build("# About\n\nSee [[S:doc#1]].\n")
	s, ok := readStamp(out)
	if !ok || len(s.Pages) == 0 {
		t.Fatal("the build recorded no page to keep")
	}
	name := slices.Sorted(maps.Keys(s.Pages))[0] // a page kept when a note changes
	page := filepath.Join(out, filepath.FromSlash(name))
	fresh, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Files[name]; !ok {
		t.Fatalf("no signature recorded for %s", name)
	}
	// tamper changes the page's bytes but not its size, time or inode,
	// and dates the record at recorded.
	tamper := func(recorded func(page time.Time) time.Time) {
		t.Helper()
		fi, err := os.Lstat(page)
		if err != nil {
			t.Fatal(err)
		}
		data := slices.Clone(fresh)
		i := bytes.IndexByte(data, '>')
		data[i+1] ^= 0x20
		f, err := os.OpenFile(page, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(data); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err := os.Chtimes(page, fi.ModTime(), fi.ModTime()); err != nil {
			t.Fatal(err)
		}
		at := recorded(fi.ModTime())
		if err := os.Chtimes(filepath.Join(out, cache.Dir, stampFile), at, at); err != nil {
			t.Fatal(err)
		}
	}
	later := func(page time.Time) time.Time { return page.Add(time.Hour) }
	racy := func(page time.Time) time.Time { return page }
	check := func(what string, res *Result, upToDate, kept bool) {
		t.Helper()
		if res.UpToDate != upToDate {
			t.Errorf("%s: up to date %v, want %v", what, res.UpToDate, upToDate)
		}
		data, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		if got := !bytes.Equal(data, fresh); got != kept {
			t.Errorf("%s: the changed page kept %v, want %v", what, got, kept)
		}
	}
	tamper(later)
	check("nothing changed, the record later than the page", build("# About\n\nSee [[S:doc#1]].\n"), true, true)
	tamper(racy)
	check("nothing changed, the record in the page's tick", build("# About\n\nSee [[S:doc#1]].\n"), false, false)
	tamper(later)
	check("a note changed, the record later than the page", build("# About\n\nSee [[S:doc#1]] again.\n"), false, true)
	tamper(racy)
	check("a note changed back, the record in the page's tick", build("# About\n\nSee [[S:doc#1]].\n"), false, false)
}
