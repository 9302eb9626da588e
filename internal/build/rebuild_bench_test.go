package build

import (
	"fmt"
	"os"
	"testing"
	"testing/fstest"
	"time"

	"dossier/internal/corpus"
)

// BenchmarkRebuildNote times what issue 13's one-note target measures: a
// build into a folder that holds the previous build and its cache, after
// one note's text changed. Sizes as BenchmarkRunCorpus.
func BenchmarkRebuildNote(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			sources := corpus.New(n).FS().(fstest.MapFS)
			out := b.TempDir()
			opts := Options{Sources: sources, SourcesName: "sources", Layouts: os.DirFS("../../layouts"), Out: out, Built: time.Unix(1700000000, 0), Cache: true}
			if _, err := Run(opts); err != nil {
				b.Fatal(err)
			}
			note := "notes/note-0001.md"
			orig := sources[note]
			if orig == nil {
				b.Fatalf("no %s in the corpus", note)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				f := *orig
				f.Data = append(append([]byte{}, orig.Data...), fmt.Sprintf("\nEdit %d.\n", i)...)
				sources[note] = &f
				if _, err := Run(opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
