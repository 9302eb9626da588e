package serve

import (
	"os"
	"testing"

	"dossier/internal/build"
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
