package source

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
	"dossier/internal/testutil"
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

// FuzzPropose feeds any text to new source's proposals: no panic, every
// proposal at a line of the text, and every rule proposed, once the
// analyst uncomments it, matching what it was proposed for, as a build
// requires of a rule (a rule that matches nothing stops it).
func FuzzPropose(f *testing.F) {
	for _, s := range []string{
		"Title\nHome | About | Contact\nText.\nOur site uses cookies.\n",
		"Page 1 of 2\nText of a page that runs on and on\nPage 2 of 2\n",
		"Annual review\nFirst page.\n1\n\fAnnual review\nSecond page.\n2\n",
		"Customs at PortPort is busy.\nThe Port handles cargo.\n",
		"Bodies include:One;Two;Three.\n",
		"ARMS\nA line that is long enough to count for the layout, which\nbreaks in mid-sentence here and\nthere again, as a PDF's text does\n\nDRUGS\nMore.\n",
		"informa-\ntion is information.\n",
		"A text.\nOur site uses\u2003cookies.\n",
		"A.\nOur site uses cookies.\nB.\nOur site uses cookies.\n",
		"Press releaseThe Ministry met the press on Monday.\n\nPress releaseThe Minister visited the port.\n",
		"Our workWe help the port and the city.\n\nOur workersThey are many, and they work hard.\n",
		"Intro.\n" + strings.Repeat("\f\n", 300) + "End.\n",
	} {
		f.Add(s)
	}
	fsys := testutil.Fixture(f, settings, nil)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		p, err := Propose(fsys, "x.txt", []byte(text), Limits{})
		if err != nil {
			return
		}
		checkProposal(t, p, text)
	})
}

// FuzzReadPage feeds any bytes to new source's reading of a web page, and
// its text, with the headings the page marks, to the proposals: no panic,
// and every rule proposed matches, as FuzzPropose checks.
func FuzzReadPage(f *testing.F) {
	for _, s := range []string{
		"<html><head><title>T</title></head><body><h1>Head</h1><p>Text <b>bold</b>.</p><ul><li>One</li></ul></body></html>",
		"<h2>A</h2><h2>A</h2><p>A</p><pre> x\n y</pre><table><tr><td>1</td><td>2</td></tr></table>",
		"<p hidden>x</p><div style='display:none'>y</div><h3>Title:</h3>",
	} {
		f.Add([]byte(s))
	}
	fsys := testutil.Fixture(f, settings, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		page, err := ReadPage(data)
		if err != nil {
			return
		}
		p, err := ProposePage(fsys, "x.txt", page, Limits{})
		if err != nil {
			return
		}
		checkProposal(t, p, string(page.Text))
	})
}

// FuzzPDFText feeds any pages of a layout, as pdftotext -bbox-layout
// gives it, to new source's reading of a PDF's text, and the text to the
// proposals: no panic; a text a build reads, UTF-8 with no control
// character but line feed, tab and form feed; and every rule proposed
// matches, as FuzzPropose checks.
func FuzzPDFText(f *testing.F) {
	for _, s := range []string{
		xPage(xFlow(xBlock(xLine(xWords("Kessmar", "port&apos;s")), xLine(xWords("inter-"))), xBlock(xLine(xWords("national", "&amp;")))), xFlow(xBlock(xLine(xWords("2"))))) + xPage(),
		xPage(xFlow(xBlock(xLine(xWord(0, 6, "S"), xWord(9, 15, "U")), xLine(xWords("a\x01b", "&#10;"))))) + layoutTail,
		"<page><flow><block><line><word>x</word></line></block></flow></page></doc>",
	} {
		f.Add([]byte(s))
	}
	fsys := testutil.Fixture(f, settings, nil)
	f.Fuzz(func(t *testing.T, pages []byte) {
		var b strings.Builder
		if _, err := PDFText(&b, io.MultiReader(strings.NewReader(layoutHead), bytes.NewReader(pages))); err != nil {
			return
		}
		text := b.String()
		if !utf8.ValidString(text) {
			t.Errorf("the text is not UTF-8: %q", text)
		}
		if i := strings.IndexFunc(text, func(r rune) bool { return r != '\n' && r != '\t' && r != '\f' && unicode.IsControl(r) }); i >= 0 {
			t.Errorf("a control character at %d: %q", i, text)
		}
		p, err := Propose(fsys, "x.txt", []byte(text), Limits{})
		if err != nil {
			return
		}
		checkProposal(t, p, text)
	})
}

// checkProposal checks p, proposed for text: every proposal at a line of
// the text, and every rule it proposes, confirmed, matching.
func checkProposal(t *testing.T, p *Proposal, text string) {
	t.Helper()
	lines := strings.Count(text, "\n") + strings.Count(text, "\r") + 1
	var cf cleaningFile
	for _, d := range p.Drops {
		if d.Line < 1 || d.Line > lines {
			t.Errorf("a drop at line %d of %d", d.Line, lines)
		}
		r := dropRule{Why: at[string]{V: d.Why}}
		if d.Pattern != "" {
			r.Pattern.V = d.Pattern
		} else {
			r.Line.V = d.Text
		}
		cf.Drop = append(cf.Drop, r)
	}
	for _, sp := range p.Splits {
		cf.Split = append(cf.Split, splitRule{After: at[string]{V: sp.After}, As: at[string]{V: "heading"}, Why: at[string]{V: "glued"}})
	}
	for _, l := range p.Lists {
		cf.Lists = append(cf.Lists, listRule{After: at[string]{V: l.After}, Separator: at[string]{V: l.Separator}, Why: at[string]{V: "glued"}})
	}
	for _, h := range p.Headings {
		cf.Headings = append(cf.Headings, headingRule{Text: at[string]{V: h.Text}, Level: at[int]{V: h.Level, Set: true}})
	}
	if p.Layout == "wrapped" {
		cf.Layout.V = "wrapped"
		cf.CapsHeadings.V = p.CapsHeadings
	}
	r, err := parseRules("x.yaml", cf)
	if err != nil {
		t.Fatalf("the proposed rules do not parse: %v", err)
	}
	r.preview = true
	s, _, err := cleanInput([]byte(text), 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := clean(&model.Document{ID: "x"}, "x.txt", s, r); err != nil {
		t.Errorf("the proposed rules, confirmed, stop the build: %v", err)
	}
}

// FuzzWithoutComments: a provenance record, the metadata file without its
// comments, never says other than the file (withoutComments, or the file
// re-encoded where a line-by-line cut would).
func FuzzWithoutComments(f *testing.F) {
	for _, s := range []string{
		"id: doc # c\nurl: https://example.org/a#b\n",
		"title: 'it''s # here' # c\nnote: \"a \\\" # b\"\n",
		"description: |\n  # kept\n  a # b\nid: x # c\n",
		"cites:\n  - quote: >-\n      a # b\n    source: s # c\n",
		"basis: 'a\n  # b\n  c' # d\n",
		"a: [x, 'y # z', {k: \"v#\"}] # c\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var was any
		if yaml.Unmarshal([]byte(in), &was) != nil {
			return
		}
		out := provenanceRecord([]byte(in))
		var is any
		if err := yaml.Unmarshal(out, &is); err != nil {
			t.Fatalf("%q without comments, %q, is not YAML: %v", in, out, err)
		}
		if !reflect.DeepEqual(was, is) {
			t.Fatalf("%q says %#v; without comments, %q, it says %#v", in, was, out, is)
		}
	})
}
