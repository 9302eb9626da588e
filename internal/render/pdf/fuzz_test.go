package pdf

import (
	"io"
	"testing"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// FuzzNoteToPDF sets any note the loader would accept in the briefing:
// no panic, no error from fpdf. Its seeds are in testdata/fuzz too; make
// fuzz runs it.
func FuzzNoteToPDF(f *testing.F) {
	for _, s := range []string{
		"# A\n\nText with *emphasis*, `code` and [a link](https://example.org/).\n",
		"# A\n\n```go\nfunc f() { return }\n```\n\n- a\n  - b\n    1. c\n",
		"# A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote\n",
		"# A\n\n```\n" + string(make([]byte, 0)) + "x := 1 // a long line of code that wraps, and wraps, and wraps again and again and again\n```\n",
	} {
		f.Add(s)
	}
	d := testDossier(f)
	opts := optionsFor(f, d)
	md := markdown.New()
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4000 {
			return
		}
		src := []byte(s)
		doc := markdown.Parse(md, src)
		if len(markdown.Check(doc, src)) > 0 {
			return // the loader refuses it
		}
		n := *d
		n.Notes = []*model.Note{{ID: "fuzz", Title: "Fuzz", Path: "notes/10-fuzz.md", Source: src, Doc: doc}}
		if err := Render(io.Discard, &n, opts); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
	})
}
