package source

import (
	"os"
	"strings"
	"testing"
)

// BenchmarkLoadRepository loads and cleans the repository's sources.
func BenchmarkLoadRepository(b *testing.B) {
	fsys := os.DirFS("../../sources")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(fsys, Options{Name: "sources"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanWrapped cleans a hard-wrapped text of about 1 MB, made of
// the GI-TOC summary repeated, to show how cleaning scales with text size.
func BenchmarkCleanWrapped(b *testing.B) {
	raw, err := os.ReadFile("../../sources/documents/003_c7e544643c1fa4be.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat(string(raw)+"\n\n", 1<<20/len(raw))
	r := &rules{wrapped: true, capsHeadings: true}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		doc := newBenchDoc()
		if err := clean(doc, "x.txt", text, r); err != nil {
			b.Fatal(err)
		}
	}
}
