package serve

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/internal/build"
	"dossier/internal/corpus"
)

// BenchmarkRebuild measures what dossier serve does after an edit to the
// repository's sources: load and resolve them again, lay out the figures,
// render the site (Site, after which the pages reload) and then the
// briefing (SiteAndPDF). The server's highlighter is kept across builds, as
// in serve.
func BenchmarkRebuild(b *testing.B) {
	layouts, err := layoutsFS()
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Options{Build: build.Options{Sources: os.DirFS("../../sources"), SourcesName: "sources", Layouts: layouts}})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Site", func(b *testing.B) {
		for b.Loop() {
			if _, _, _, err := srv.buildSite(srv.opts.Build); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("SiteAndPDF", func(b *testing.B) {
		for b.Loop() {
			_, _, p, err := srv.buildSite(srv.opts.Build)
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := p.PDF(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkRebuildNote measures the site of a generated dossier of N
// sources (package corpus; N=100, or the first of DOSSIER_BENCH_SIZES)
// rebuilt after an edit to one note: the pages of the sources and
// entities are taken from the last site (Keep), or all are rendered
// again (All), as with layouts of one's own.
func BenchmarkRebuildNote(b *testing.B) {
	if testing.Short() {
		b.Skip("generated corpus: not under -short")
	}
	n := 100
	if f := strings.Fields(os.Getenv("DOSSIER_BENCH_SIZES")); len(f) > 0 {
		var err error
		if n, err = strconv.Atoi(f[0]); err != nil {
			b.Fatalf("DOSSIER_BENCH_SIZES: %v", err)
		}
	}
	layouts, err := layoutsFS()
	if err != nil {
		b.Fatal(err)
	}
	for _, keep := range []bool{true, false} {
		name := map[bool]string{true: "Keep", false: "All"}[keep]
		b.Run(fmt.Sprintf("N=%d/%s", n, name), func(b *testing.B) {
			sources := corpus.New(n).FS().(fstest.MapFS)
			note := sources["notes/note-0001.md"]
			srv, err := New(Options{Build: build.Options{Sources: sources, SourcesName: "sources", Layouts: layouts}})
			if err != nil {
				b.Fatal(err)
			}
			site, base, _, err := srv.buildSite(srv.opts.Build)
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				f := *note
				f.Data = fmt.Appendf(slices.Clone(note.Data), "\nEdit %d.\n", i)
				sources["notes/note-0001.md"] = &f
				srv.site, srv.base = site, base
				if !keep {
					srv.base = ""
				}
				if site, base, _, err = srv.buildSite(srv.opts.Build); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
