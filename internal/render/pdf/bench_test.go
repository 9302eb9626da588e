package pdf

import (
	"io"
	"os"
	"testing"
	"time"

	"dossier/internal/highlight"
	"dossier/internal/link"
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
