package html

import (
	"os"
	"testing"
	"time"

	"dossier/internal/highlight"
	"dossier/internal/link"
	"dossier/internal/output"
	"dossier/internal/source"
)

// BenchmarkRenderRepository renders the site of the repository's own
// sources into memory: every page, the charts, the search index.
func BenchmarkRenderRepository(b *testing.B) {
	d, err := source.Load(os.DirFS(sourcesDir), source.Options{Name: "sources", Built: time.Unix(1700000000, 0)})
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
	figs := layoutFigures(b, d)
	layouts := os.DirFS(layoutsDir)
	b.ReportAllocs()
	for b.Loop() {
		var out output.Mem
		if err := Render(d, &out, Options{Layouts: layouts, Highlighter: hl, Figures: figs}); err != nil {
			b.Fatal(err)
		}
	}
}
