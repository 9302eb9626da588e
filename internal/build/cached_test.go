package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/internal/cache"
	"dossier/internal/corpus"
)

// FuzzCachedBuild checks that what a build keeps for the next (the record
// that makes an unchanged rebuild do nothing, the cache of highlighted
// code) never makes an output differ from a build that keeps nothing. It
// edits a copy of a dossier's sources and layouts, one edit after another
// as an author would, and after each one builds twice: into one folder
// kept for the whole sequence, with the cache, and with --no-cache. The two
// must agree: the same outputs byte for byte, or, for an edit that breaks
// the sources, the same error, with both folders left as they were. Each
// input is a sequence of edits (see edit); its seeds run in make test, and
// make fuzz looks for sequences that tell the builds apart.
func FuzzCachedBuild(f *testing.F) {
	// The generated corpus has notes with code blocks (the highlight
	// cache) and every kind of entity; the fictional dossier has the
	// charts, judgements and markets.
	fixtures := []fs.FS{corpus.New(8).FS(), os.DirFS("../../testdata/fictional")}
	// The first byte picks the fixture (0 the corpus, 1 the fictional
	// dossier), and each three after it an edit (see editor.edit).
	for _, seed := range [][]byte{
		// The corpus: a line of code changed, a file written again, the
		// code restored, a paragraph added, a name mentioned, an entity's
		// value edited.
		{0, 1, 0, 3, 8, 2, 0, 9, 0, 0, 0, 0, 0, 10, 0, 1, 4, 5, 1},
		// The fictional dossier: a note copied, a layout edited, a value
		// edited, a note removed, a heading, then a document's text and
		// digest (which a quote no longer finds: the same error both ways).
		{1, 3, 0, 1, 5, 3, 0, 4, 2, 4, 6, 1, 0, 2, 0, 3, 7, 0, 2},
	} {
		f.Add(seed)
	}
	layouts := os.DirFS("../../layouts")
	f.Fuzz(func(t *testing.T, ops []byte) {
		if testing.Short() {
			t.Skip("builds two dossiers for each edit")
		}
		if len(ops) < 1 {
			return
		}
		dir := t.TempDir()
		src, lay := filepath.Join(dir, "sources"), filepath.Join(dir, "layouts")
		if err := os.CopyFS(src, fixtures[int(ops[0])%len(fixtures)]); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(lay, layouts); err != nil {
			t.Fatal(err)
		}
		ed := newEditor(t, src, lay)
		cached, fresh := filepath.Join(dir, "cached"), filepath.Join(dir, "fresh")
		build := func(out string, keep bool) error {
			_, err := Run(Options{
				Sources:     os.DirFS(src),
				SourcesName: "sources",
				SourcesDir:  src,
				Layouts:     os.DirFS(lay),
				Out:         out,
				Built:       built,
				Cache:       keep,
			})
			return err
		}
		check := func(done []string) {
			t.Helper()
			what := "the sources as they are"
			if len(done) > 0 {
				what = strings.Join(done, ", then ")
			}
			cachedErr := build(cached, true)
			freshErr := build(fresh, false)
			if (cachedErr == nil) != (freshErr == nil) || cachedErr != nil && cachedErr.Error() != freshErr.Error() {
				t.Fatalf("after %s:\nbuilt with the cache: %v\nbuilt without: %v", what, cachedErr, freshErr)
			}
			if diff := sameOutputs(t, cached, fresh); diff != "" {
				t.Fatalf("after %s, the build with the cache differs from one without: %s", what, diff)
			}
			t.Logf("after %s: %v", what, cachedErr)
		}
		check(nil)
		// At most six edits, so that one input builds in a few seconds.
		var done []string
		for ops := ops[1:]; len(ops) >= 3 && len(done) < 6; ops = ops[3:] {
			done = append(done, ed.edit(ops[0], ops[1], ops[2]))
			check(done)
		}
	})
}

// sameOutputs compares the outputs in the folders a and b (what a build
// wrote there, not its cache or lock), and returns the first difference,
// "" for none.
func sameOutputs(t *testing.T, a, b string) string {
	t.Helper()
	read := func(dir string) map[string][]byte {
		files := map[string][]byte{}
		err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			if e.IsDir() {
				if rel == cache.Dir {
					return fs.SkipDir
				}
				return nil
			}
			if rel == lockFile {
				return nil
			}
			data, err := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = data
			return err
		})
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return files
	}
	fa, fb := read(a), read(b)
	names := map[string]bool{}
	for n := range fa {
		names[n] = true
	}
	for n := range fb {
		names[n] = true
	}
	for _, n := range slices.Sorted(func(yield func(string) bool) {
		for n := range names {
			if !yield(n) {
				return
			}
		}
	}) {
		x, inA := fa[n]
		y, inB := fb[n]
		switch {
		case !inA:
			return n + " is missing"
		case !inB:
			return n + " is there, and should not be"
		case !bytes.Equal(x, y):
			return n + " differs"
		}
	}
	return ""
}

// editor makes the edits of FuzzCachedBuild in a copy of a dossier's
// sources and layouts, chosen by three bytes each, and remembers each
// file's first content so that an edit can restore it.
type editor struct {
	t        *testing.T
	src, lay string
	original map[string][]byte // path → content at the start
	copies   int
}

func newEditor(t *testing.T, src, lay string) *editor {
	ed := &editor{t: t, src: src, lay: lay, original: map[string][]byte{}}
	for _, dir := range []string{src, lay} {
		for _, p := range ed.files(dir, "") {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			ed.original[p] = data
		}
	}
	return ed
}

// files lists the files under dir whose names end in ext ("" for any),
// sorted.
func (ed *editor) files(dir, ext string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && e.Type().IsRegular() && strings.HasSuffix(p, ext) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// note returns the n-th (modulo) note, "" when there is none.
func (ed *editor) note(n byte) string {
	return ed.pick(filepath.Join(ed.src, "notes"), ".md", n)
}

// pick returns the n-th (modulo) of the files under dir ending in ext,
// "" when there is none.
func (ed *editor) pick(dir, ext string, n byte) string {
	files := ed.files(dir, ext)
	if len(files) == 0 {
		return ""
	}
	return files[int(n)%len(files)]
}

func (ed *editor) read(p string) string {
	data, err := os.ReadFile(p)
	if err != nil {
		ed.t.Fatal(err)
	}
	return string(data)
}

func (ed *editor) write(p, text string) {
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		ed.t.Fatal(err)
	}
}

func (ed *editor) rel(p string) string {
	if r, err := filepath.Rel(filepath.Dir(ed.src), p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

// editLine rewrites the n-th (modulo) line of p for which ok holds with
// change, and reports whether there was one.
func (ed *editor) editLine(p string, n byte, ok func(string) bool, change func(string) string) bool {
	lines := strings.Split(ed.read(p), "\n")
	var at []int
	for i, l := range lines {
		if ok(l) {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return false
	}
	i := at[int(n)%len(at)]
	lines[i] = change(lines[i])
	ed.write(p, strings.Join(lines, "\n"))
	return true
}

// edit makes the edit kind chosen by k, on the file chosen by n, varied by
// v, and says what it did. The edits are those of an author at work, each
// a kind of change a cache could miss: a note's prose, its code, its
// headings and references; an entity's or a document's values; a
// document's text; the settings; the layouts; a note copied, removed or
// restored; a file written again unchanged.
func (ed *editor) edit(k, n, v byte) string {
	word := []string{"Edited", "Kestrel", "reportedly", "Минск", "2031"}[int(v)%5]
	switch k % 11 {
	case 0: // a paragraph added to a note
		p := ed.note(n)
		if p == "" {
			break
		}
		ed.write(p, ed.read(p)+"\n"+word+" is written in a new paragraph.\n")
		return "a paragraph added to " + ed.rel(p)
	case 1: // a line of code changed
		p := ed.note(n)
		if p != "" && ed.editLine(p, v, func(l string) bool { return strings.HasPrefix(l, "\t") }, func(l string) string { return l + " // " + word }) {
			return "a line of code changed in " + ed.rel(p)
		}
	case 2: // a heading renamed
		p := ed.note(n)
		if p != "" && ed.editLine(p, v, func(l string) bool { return strings.HasPrefix(l, "#") }, func(l string) string { return l + " " + word }) {
			return "a heading renamed in " + ed.rel(p)
		}
	case 3: // a note copied under another name
		p := ed.note(n)
		if p == "" {
			break
		}
		ed.copies++
		c := filepath.Join(filepath.Dir(p), fmt.Sprintf("copy-%d-%s", ed.copies, filepath.Base(p)))
		ed.write(c, ed.read(p))
		return ed.rel(p) + " copied to " + ed.rel(c)
	case 4: // a value of an entity, a document's metadata or the settings
		p := ed.pick(ed.src, ".yaml", n)
		if p != "" && ed.editLine(p, v, func(l string) bool {
			_, val, ok := strings.Cut(l, ": ")
			// Prose, not an id, a date or one of a list of words.
			return ok && strings.Contains(val, " ") && !strings.ContainsAny(val[:1], `"'[{|>&*!%@#`+"`")
		}, func(l string) string { return l + " " + word }) {
			return "a value edited in " + ed.rel(p)
		}
	case 5: // a layout edited
		p := ed.pick(ed.lay, "", n)
		if p == "" {
			break
		}
		// An edit that shows in the outputs (html/template drops an
		// HTML comment).
		text := ed.read(p)
		switch filepath.Ext(p) {
		case ".css":
			text += "\nmain { letter-spacing: 0.01em }\n"
		case ".js":
			text += "\n// edited\n"
		case ".html":
			text = strings.Replace(text, "</h", "<i>"+word+"</i></h", 1)
		default: // the wording
			first, rest, _ := strings.Cut(text, "\n")
			text = first + " " + word + ".\n" + rest
		}
		ed.write(p, text)
		return "the layout " + ed.rel(p) + " edited"
	case 6: // a note removed
		p := ed.note(n)
		if p == "" {
			break
		}
		if err := os.Remove(p); err != nil {
			ed.t.Fatal(err)
		}
		return ed.rel(p) + " removed"
	case 7: // a word of a document's text changed, and its digest
		p := ed.pick(ed.src, ".txt", n)
		if p == "" {
			break
		}
		before := sha256.Sum256([]byte(ed.read(p)))
		if !ed.editLine(p, v, func(l string) bool { return strings.Contains(l, " ") }, func(l string) string { return strings.Replace(l, " ", " "+word+" ", 1) }) {
			break
		}
		// The metadata beside it records the text's digest: a text
		// recaptured is a new text, with the digest of what it now is.
		after := sha256.Sum256([]byte(ed.read(p)))
		meta := strings.TrimSuffix(p, ".txt") + ".yaml"
		if _, err := os.Stat(meta); err == nil {
			ed.write(meta, strings.ReplaceAll(ed.read(meta), hex.EncodeToString(before[:]), hex.EncodeToString(after[:])))
		}
		return "a word added to " + ed.rel(p)
	case 8: // a file written again, unchanged
		p := ed.pick(ed.src, "", n)
		if p == "" {
			break
		}
		ed.write(p, ed.read(p))
		return ed.rel(p) + " written again unchanged"
	case 9: // a file restored as it was at the start
		var changed []string
		for p, data := range ed.original {
			if now, err := os.ReadFile(p); err != nil || !bytes.Equal(now, data) {
				changed = append(changed, p)
			}
		}
		if len(changed) == 0 {
			break
		}
		slices.Sort(changed)
		p := changed[int(n)%len(changed)]
		ed.write(p, string(ed.original[p]))
		return ed.rel(p) + " restored"
	case 10: // an entity's name mentioned in a note
		p, e := ed.note(n), ed.pick(filepath.Join(ed.src, "entities"), ".yaml", v)
		if p == "" || e == "" {
			break
		}
		var names []string
		for _, l := range strings.Split(ed.read(e), "\n") {
			if _, name, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- ")), "name: "); ok && name != "" {
				names = append(names, strings.Trim(name, `"'`))
			}
		}
		if len(names) == 0 {
			break
		}
		name := names[int(v)%len(names)]
		ed.write(p, ed.read(p)+"\nThe text names "+name+" here.\n")
		return name + " named in " + ed.rel(p)
	}
	return "nothing (no file for the edit)"
}
