package pdf

import (
	"io"
	"os"
	"testing"
	"time"

	"dossier/internal/highlight"
	"dossier/internal/link"
	"dossier/internal/model"
	"dossier/internal/source"
)

// BenchmarkRenderRepository lays out the briefing of the repository's own
// sources: every pass until the page numbers settle, and the output.
func BenchmarkRenderRepository(b *testing.B) {
	d, err := source.Load(os.DirFS("../../../sources"), source.Options{Name: "sources", Built: time.Unix(1700000000, 0)})
	if err != nil {
		b.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		b.Fatal(err)
	}
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Render(io.Discard, d, Options{Highlighter: hl, Wording: testWording(b, d)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBreakJustified breaks the paragraphs and list items of the
// repository's sources as Annex A justifies them, across the page and in a
// column as narrow as the two-column chapters', by total fit (fit, what
// breakLines does) and by first fit (greedy). loose/op counts the lines
// looser than looseStretch.
func BenchmarkBreakJustified(b *testing.B) {
	paras := breakParas(b)
	s := newTestDoc(b)
	s.hyphenate = true
	for _, width := range []struct {
		name string
		w    float64
	}{{"page", s.right - s.left}, {"column", 72.5}} {
		for _, breaker := range []struct {
			name  string
			lines func([]run, float64) []line
		}{{"fit", s.breakLines}, {"greedy", s.greedyLines}} {
			b.Run(width.name+"/"+breaker.name, func(b *testing.B) {
				loose := 0
				b.ReportAllocs()
				for b.Loop() {
					loose = 0
					for _, p := range paras {
						loose += looseLines(breaker.lines(p, width.w), width.w)
					}
				}
				b.ReportMetric(float64(loose), "loose/op")
			})
		}
	}
}

// breakParas returns the paragraphs and list items of the repository's
// sources as runs, as Annex A sets them.
func breakParas(tb testing.TB) [][]run {
	d, err := source.Load(os.DirFS("../../../sources"), source.Options{Name: "sources"})
	if err != nil {
		tb.Fatal(err)
	}
	var paras [][]run
	for _, doc := range d.Documents {
		for i := range doc.Blocks {
			if k := doc.Blocks[i].Kind; k == model.Paragraph || k == model.ListItem {
				paras = append(paras, mentionRuns(&doc.Blocks[i], sourceText))
			}
		}
	}
	return paras
}
