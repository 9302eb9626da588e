package source

import (
	"strings"
	"testing"
	"unicode"

	"dossier/internal/diag"
	"dossier/internal/markdown"
)

// The fuzz tests run their seeds (below and in testdata/fuzz) with go
// test; make fuzz runs each for a while (FUZZTIME).

// FuzzCleanInput: what cleanInput accepts holds no CR, NUL or other
// control character, and its errors point at a line of the input.
func FuzzCleanInput(f *testing.F) {
	for _, s := range []string{"", "a\nb", "\uFEFFa\r\nb\rc", "a\x00b", "\xff\xfea\x00", "x\x1b[31m", "\t\f ok"} {
		f.Add([]byte(s), 0)
	}
	f.Fuzz(func(t *testing.T, data []byte, maxLine int) {
		out, line, err := cleanInput(data, maxLine%1000)
		if err != nil {
			if line < 1 || line > strings.Count(string(data), "\n")+strings.Count(string(data), "\r")+1 {
				t.Errorf("error at line %d of a file of %d bytes: %v", line, len(data), err)
			}
			return
		}
		if i := strings.IndexFunc(out, func(r rune) bool { return r != '\n' && r != '\t' && unicode.IsControl(r) }); i >= 0 {
			t.Errorf("accepted a control character at %d: %q", i, out)
		}
		if strings.HasPrefix(out, "\uFEFF") {
			t.Errorf("kept the byte-order mark")
		}
	})
}

// FuzzClean: cleaning any text that passes cleanInput, in each layout,
// does not panic, and every paragraph it makes is printable text.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"Para one.\n\nPara two.\n", "HEADING\n\n  • item\n  • other\n    continued\n", "a\n\n\n\n", "1. one\n2. two\n"} {
		for _, layout := range []string{"lines", "wrapped"} {
			f.Add(s, layout)
		}
	}
	f.Fuzz(func(t *testing.T, text, layout string) {
		if layout != "lines" && layout != "wrapped" {
			return
		}
		text, _, err := cleanInput([]byte(text), 0)
		if err != nil {
			return
		}
		m, err := parseMeta("x.yaml", []byte(strings.Replace(meta("x", "cleaning:\n  layout: "+layout+"\n"), "SHA", strings.Repeat("0", 64), 1)))
		if err != nil {
			t.Fatal(err)
		}
		if err := clean(m.doc, "x.txt", text, m.rules); err != nil {
			return
		}
		for _, b := range m.doc.Blocks {
			if strings.IndexFunc(b.Text, unicode.IsControl) >= 0 {
				t.Errorf("block %q holds a control character", b.Text)
			}
		}
	})
}

// checkDiag fails when err holds a problem whose line is past the end of
// data.
func checkDiag(t *testing.T, data []byte, err error) {
	t.Helper()
	lines := strings.Count(string(data), "\n") + 1
	for _, e := range diag.Entries(err) {
		if e.Line > lines {
			t.Errorf("problem at line %d of %d: %s", e.Line, lines, e.Message)
		}
		if len(e.Message) > 2000 {
			t.Errorf("a message of %d bytes quotes too much of the file", len(e.Message))
		}
	}
}

// FuzzYAML feeds any bytes to the loaders of the settings, of a
// document's metadata and of an entities file, as Load would: no panic,
// and every problem points at a line of the file.
func FuzzYAML(f *testing.F) {
	f.Add([]byte(settings[strings.Index(settings, "\n")+1:]))
	f.Add([]byte(meta("x", "")))
	f.Add([]byte("- id: a\n  name: A\n  kind: unit\n  relations:\n    - type: part-of\n      to: b\n"))
	f.Add([]byte("a: &a [*a, *a]\nb: *a\n"))
	f.Add([]byte("title: [unclosed\n"))
	md := markdown.New()
	f.Fuzz(func(t *testing.T, data []byte) {
		s, _, err := cleanInput(data, DefaultMaxLineLength)
		if err != nil {
			return
		}
		clean := []byte(s)
		_, err = parseSettings("dossier.yaml", clean)
		checkDiag(t, clean, err)
		_, err = parseMeta("x.yaml", clean)
		checkDiag(t, clean, err)
		var list []entityFile
		if err := decodeYAML("e.yaml", clean, &list); err != nil {
			checkDiag(t, clean, err)
			return
		}
		src := newDataFile("e.yaml", clean)
		for _, ef := range list {
			_, err := parseEntity(src, ef, md)
			checkDiag(t, clean, err)
		}
	})
}

// FuzzNote parses any note as the loader does: no panic in the parser or
// the check of its images and HTML, whose problems point at its lines.
func FuzzNote(f *testing.F) {
	for _, s := range []string{"# A\n\nText [[x]] and [[S:doc#2]].\n", "# A\n\n![x](http://e/x.png) <b>x</b>\n", "<div>\n\n</div>\n", "- a\n  - b\n    - c\n"} {
		f.Add([]byte(s))
	}
	md := markdown.New()
	f.Fuzz(func(t *testing.T, data []byte) {
		s, _, err := cleanInput(data, 0)
		if err != nil {
			return
		}
		src := []byte(s)
		doc := markdown.Parse(md, src)
		lines := strings.Count(s, "\n") + 1
		for _, p := range markdown.Check(doc, src) {
			if p.Line < 1 || p.Line > lines {
				t.Errorf("problem at line %d of %d: %s", p.Line, lines, p.Message)
			}
		}
	})
}
