package dossier

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The generator holds no dossier: nothing of the dossiers in this
// repository (sources/, and any sources folder under testdata/) may be
// written in the Go code under cmd/ and internal/, test files apart. What
// a dossier names belongs in its sources, and the words a reader sees in
// layouts/.

// word is one thing of a dossier that Go code must not name.
type word struct {
	text   string // what to look for
	quoted bool   // an entity id: look for it as a whole Go string, "id" or `id`
	stem   bool   // the subject's name: also as the start of a longer word ("Ruritanian")
	what   string // for the report: `name of entity ruritania in sources`
}

// finding is one place where Go code names a dossier's word.
type finding struct {
	file string
	line int
	word word
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d: %q (%s)", f.file, f.line, f.word.text, f.word.what)
}

// entityFile is what the check reads of an entities file: no more than it
// needs, so that it reads the fixtures of other tests too.
type entityFile []struct {
	ID      string   `yaml:"id"`
	Name    string   `yaml:"name"`
	Kind    string   `yaml:"kind"`
	Aliases []string `yaml:"aliases"`
}

// dossierWords returns the words of the dossier in dir (a folder with a
// dossier.yaml): the id of every source; the id, and the names and
// aliases of four letters or more, of every entity but the terms of its
// glossary; and the name of the subject. A term ("criminal networks", "Admiralty scale") is vocabulary
// the generator shares: the Index's framework in Go names the same things.
func dossierWords(dir string) ([]word, error) {
	var settings struct {
		Subject string `yaml:"subject"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "dossier.yaml"))
	if err != nil {
		return nil, err
	}
	// Only the subject is wanted; other keys may be anything.
	if err := yaml.Unmarshal(data, &settings); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "dossier.yaml"), err)
	}
	var out []word
	docs, err := filepath.Glob(filepath.Join(dir, "documents", "*.yaml"))
	if err != nil {
		return nil, err
	}
	for _, file := range docs {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var doc struct {
			ID string `yaml:"id"`
		}
		if err := yaml.Unmarshal(data, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		if doc.ID != "" {
			out = append(out, word{text: doc.ID, quoted: true, what: fmt.Sprintf("id of source %s in %s", doc.ID, dir)})
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "entities", "*.yaml"))
	if err != nil {
		return nil, err
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var es entityFile
		if err := yaml.Unmarshal(data, &es); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		for _, e := range es {
			if e.ID == "" {
				continue
			}
			subject := e.ID == settings.Subject
			if e.Kind == "term" && !subject {
				continue
			}
			out = append(out, word{text: e.ID, quoted: true, what: fmt.Sprintf("id of entity %s in %s", e.ID, dir)})
			for i, name := range append([]string{e.Name}, e.Aliases...) {
				if letters(name) < 4 {
					continue
				}
				what := "name"
				if i > 0 {
					what = "alias"
				}
				if subject {
					what = "subject's " + what
				}
				out = append(out, word{text: name, stem: subject, what: fmt.Sprintf("%s of entity %s in %s", what, e.ID, dir)})
			}
		}
	}
	return out, nil
}

// letters counts the letters of s.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// scan returns every place in src (the file named name) where a word
// occurs: an id as a whole Go string, a name as a whole word (case
// matters), the subject's name also at the start of a longer word.
func scan(name string, src []byte, words []word) []finding {
	var out []finding
	for _, w := range words {
		var pats []string
		if w.quoted {
			pats = []string{`"` + w.text + `"`, "`" + w.text + "`"}
		} else {
			pats = []string{w.text}
		}
		for _, pat := range pats {
			for at := 0; ; {
				i := bytes.Index(src[at:], []byte(pat))
				if i < 0 {
					break
				}
				i += at
				at = i + len(pat)
				if !w.quoted && (wordRune(lastRune(src[:i])) || !w.stem && wordRune(firstRune(src[at:]))) {
					continue
				}
				out = append(out, finding{file: name, line: 1 + bytes.Count(src[:i], []byte("\n")), word: w})
			}
		}
	}
	return out
}

// wordRune reports whether r continues a word: a letter, digit, hyphen
// or underscore.
func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_'
}

func lastRune(b []byte) rune {
	r, _ := utf8.DecodeLastRune(b)
	return r
}

func firstRune(b []byte) rune {
	r, _ := utf8.DecodeRune(b)
	return r
}

// dossierDirs returns the sources folders of the repository: sources/, and
// every folder with a dossier.yaml under a testdata/ folder.
func dossierDirs(t *testing.T) []string {
	t.Helper()
	dirs := []string{"sources"}
	err := filepath.WalkDir(".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (p == ".git" || p == "build" || e.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !e.IsDir() && e.Name() == "dossier.yaml" && slices.Contains(strings.Split(filepath.ToSlash(p), "/"), "testdata") {
			dirs = append(dirs, filepath.Dir(p))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// goFiles returns the Go files under cmd/ and internal/ but test files and
// what is under testdata/.
func goFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, root := range []string{"cmd", "internal"} {
		err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() && e.Name() == "testdata" {
				return filepath.SkipDir
			}
			if !e.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

// TestNoDossierContentInGo checks that the Go code of the generator names
// nothing of the dossiers in this repository, in its strings or its
// comments: no source or entity id as a Go string, no name or alias of an entity
// (glossary terms apart), no subject's name. Each place is reported as
// file:line; move the words into the sources or into layouts/, and let
// comments speak of "the subject".
func TestNoDossierContentInGo(t *testing.T) {
	var words []word
	for _, dir := range dossierDirs(t) {
		ws, err := dossierWords(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(ws) == 0 {
			t.Errorf("%s: found no entities to look for", dir)
		}
		words = append(words, ws...)
	}
	var found []finding
	for _, file := range goFiles(t) {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		found = append(found, scan(filepath.ToSlash(file), src, words)...)
	}
	slices.SortStableFunc(found, func(a, b finding) int {
		return cmp.Or(strings.Compare(a.file, b.file), cmp.Compare(a.line, b.line))
	})
	for _, f := range slices.Compact(found) {
		t.Error(f)
	}
}

// TestScan checks what the check counts as naming a word, and what not.
func TestScan(t *testing.T) {
	words := []word{
		{text: "ncb-ruritania", quoted: true},
		{text: "Ruritania", stem: true},
		{text: "Strelsau"},
	}
	tests := []struct {
		name string
		src  string
		want []string // the words found, in order of words then position
	}{
		{"id as a Go string", `x := "ncb-ruritania"`, []string{"ncb-ruritania"}},
		{"id as a raw string", "x := `ncb-ruritania`", []string{"ncb-ruritania"}},
		{"id inside a longer string", `x := "ncb-ruritania-2"`, nil},
		{"name in a comment", "// the police of Strelsau", []string{"Strelsau"}},
		{"name in a string", `"Strelsau's police"`, []string{"Strelsau"}},
		{"name inside a longer word", "// Strelsauer", nil},
		{"name in another case", "// STRELSAU", nil},
		{"subject as a stem", "// Ruritanian police", []string{"Ruritania"}},
		{"subject inside a word", "// neoRuritania", nil},
		{"nothing", "// the subject", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range scan("x.go", []byte(tt.src), words) {
				got = append(got, f.word.text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("scan(%q) found %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}
