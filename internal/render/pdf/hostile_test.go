package pdf

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// codeRuns is one line of code n characters long, of words and spaces.
func codeRuns(s *doc, n int) []run {
	text := strings.Repeat("x := f(a, b) ", n/13+1)[:n]
	return []run{{text: text, st: textStyle{mono: true, size: codeSize}}}
}

// TestWrapCodeLong wraps a long line of code: every character is kept,
// in order, and the time it takes grows in proportion to the length (it
// once copied the rest of the line for every line it made: 200 KB took
// 15 s).
func TestWrapCodeLong(t *testing.T) {
	s := newTestDoc(t)
	width := s.right - s.left - 2*codePad
	cost := func(n int) time.Duration {
		runs := codeRuns(s, n)
		start := time.Now()
		lines := s.wrapCode(runs, width)
		took := time.Since(start)
		var got strings.Builder
		for i, ln := range lines {
			var b strings.Builder
			for _, fr := range ln.frags {
				b.WriteString(fr.text)
			}
			l := b.String()
			if i > 0 {
				l = strings.TrimPrefix(l, "  ") // the continuation indent
			}
			if ln.w > width+eps {
				t.Fatalf("line %d is %.1f mm wide, more than %.1f", i, ln.w, width)
			}
			got.WriteString(l)
		}
		if got.String() != runs[0].text {
			t.Fatalf("%d characters: the wrapped lines do not hold the line", n)
		}
		return took
	}
	cost(1000) // warm up
	small, large := cost(20_000), cost(200_000)
	if large > 40*small+50*time.Millisecond {
		t.Errorf("10 times the text took %v against %v: wrapping is not linear", large, small)
	}
}

// BenchmarkWrapCode wraps one long line of code; ns/op per size should
// grow tenfold from one size to the next, not a hundredfold.
func BenchmarkWrapCode(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 500_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			s := newTestDoc(b)
			runs := codeRuns(s, n)
			width := s.right - s.left - 2*codePad
			for b.Loop() {
				s.wrapCode(runs, width)
			}
		})
	}
}

// longLinkNote is a note with one link whose label is words words long
// and whose address is long too.
func longLinkNote(words int) *model.Note {
	src := []byte("# Links\n\nSee [" + strings.TrimSpace(strings.Repeat("label ", words)) + "](https://example.org/" + strings.Repeat("a", 1500) + ").\n")
	return &model.Note{ID: "links", Title: "Links", Path: "notes/10-links.md", Source: src, Doc: markdown.Parse(markdown.New(), src)}
}

// TestLongLinkSize renders a note with a long link label: the link is one
// annotation per line, so the PDF grows with the lines, not with the
// words times the address.
func TestLongLinkSize(t *testing.T) {
	size := func(words int) int {
		d := testDossier(t)
		d.Notes = []*model.Note{longLinkNote(words)}
		var buf bytes.Buffer
		if err := Render(&buf, d, optionsFor(t, d)); err != nil {
			t.Fatal(err)
		}
		return bytes.Count(buf.Bytes(), []byte("/URI"))
	}
	const words = 400
	n := size(words)
	if n == 0 || n > words/5 {
		t.Errorf("%d link annotations for a label of %d words, want one per line", n, words)
	}
}

// BenchmarkLongLink renders a note with a link of 2,000 words.
func BenchmarkLongLink(b *testing.B) {
	d := testDossier(b)
	d.Notes = []*model.Note{longLinkNote(2000)}
	opts := optionsFor(b, d)
	for b.Loop() {
		var buf bytes.Buffer
		if err := Render(&buf, d, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// TestWrapCodeEmptyLine: an empty line of code is one empty line (found
// by FuzzNoteToPDF: the linear wrapCode first panicked on it).
func TestWrapCodeEmptyLine(t *testing.T) {
	s := newTestDoc(t)
	if lines := s.wrapCode(nil, 100); len(lines) != 1 || len(lines[0].frags) != 0 {
		t.Errorf("wrapCode of an empty line gave %d lines", len(lines))
	}
	if err := s.codeBlock("go", "a := 1\n\nb := 2\n"); err != nil {
		t.Fatal(err)
	}
}
