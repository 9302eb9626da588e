package build

import (
	"fmt"
	"os"
	"testing"
	"time"

	"dossier/internal/corpus"
)

// BenchmarkRunRepository builds the repository's dossier end to end, as
// `dossier build` does: load, resolve, lay out the charts, render the site
// and the briefing, write aside and swap in.
func BenchmarkRunRepository(b *testing.B) {
	layouts := os.DirFS("../../layouts")
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		_, err := Run(Options{
			Sources:     os.DirFS("../../sources"),
			SourcesName: "sources",
			Layouts:     layouts,
			Out:         out,
			Built:       time.Unix(1700000000, 0),
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRunCorpus builds generated dossiers (package corpus) end to
// end, as BenchmarkRunRepository does: N documents of ten paragraphs, N/2
// entities, N/10 notes. N=1000 runs only with DOSSIER_BENCH_LARGE=1, as it
// takes seconds per build; none runs under -short.
func BenchmarkRunCorpus(b *testing.B) {
	if testing.Short() {
		b.Skip("generated corpus: not under -short")
	}
	sizes := []int{100}
	if os.Getenv("DOSSIER_BENCH_LARGE") != "" {
		sizes = append(sizes, 1000)
	}
	layouts := os.DirFS("../../layouts")
	for _, n := range sizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			sources := corpus.New(n).FS()
			out := b.TempDir()
			b.ReportAllocs()
			for b.Loop() {
				_, err := Run(Options{
					Sources:     sources,
					SourcesName: "sources",
					Layouts:     layouts,
					Out:         out,
					Built:       time.Unix(1700000000, 0),
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
