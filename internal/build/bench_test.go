package build

import (
	"os"
	"testing"
	"time"
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
