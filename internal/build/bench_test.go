package build

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/internal/corpus"
	"dossier/internal/output"
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
// entities, N/10 notes. By default N=100 only; DOSSIER_BENCH_SIZES="100
// 1000 5000" sets the sizes (N=1000 takes seconds per build). None runs
// under -short.
func BenchmarkRunCorpus(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			sources := corpus.New(n).FS()
			out := b.TempDir()
			b.ReportAllocs()
			for b.Loop() {
				_, err := Run(Options{
					Sources:     sources,
					SourcesName: "sources",
					Layouts:     os.DirFS("../../layouts"),
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

// BenchmarkSiteCorpus is BenchmarkRunCorpus without the briefing: load,
// resolve, lay out the figures and render the site into memory, as dossier
// serve does, each stage reported as a metric of its own (ms/op).
func BenchmarkSiteCorpus(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			sources := corpus.New(n).FS()
			b.ReportAllocs()
			var load, prep, site time.Duration
			for b.Loop() {
				t0 := time.Now()
				d, err := Load(Options{Sources: sources, SourcesName: "sources", Built: time.Unix(1700000000, 0)})
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				p, err := Prepare(d, os.DirFS("../../layouts"), nil)
				if err != nil {
					b.Fatal(err)
				}
				t2 := time.Now()
				if err := p.Site(&output.Mem{}); err != nil {
					b.Fatal(err)
				}
				load, prep, site = load+t1.Sub(t0), prep+t2.Sub(t1), site+time.Since(t2)
			}
			ms := func(d time.Duration) float64 { return float64(d.Milliseconds()) / float64(b.N) }
			b.ReportMetric(ms(load), "load-ms/op")
			b.ReportMetric(ms(prep), "prepare-ms/op")
			b.ReportMetric(ms(site), "site-ms/op")
		})
	}
}

// benchSizes are the sizes of the generated dossiers to benchmark:
// DOSSIER_BENCH_SIZES, or 100.
func benchSizes(b *testing.B) []int {
	if testing.Short() {
		b.Skip("generated corpus: not under -short")
	}
	env := os.Getenv("DOSSIER_BENCH_SIZES")
	if env == "" {
		return []int{100}
	}
	var sizes []int
	for _, f := range strings.Fields(env) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			b.Fatalf("DOSSIER_BENCH_SIZES: %q is not a size", f)
		}
		sizes = append(sizes, n)
	}
	return sizes
}
