package source

import (
	"fmt"
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

// BenchmarkCleanLongParagraph cleans a hard-wrapped text of 1 MB that is
// one paragraph: its lines join one after the other, or, separated by
// blank lines in mid-sentence, rejoin. Either takes time linear in the
// text, however long the paragraph.
func BenchmarkCleanLongParagraph(b *testing.B) {
	for _, tc := range []struct{ name, sep string }{
		{"lines", "\n"},
		{"blank-separated", "\n\n"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var w strings.Builder
			w.WriteString("Report\n\n")
			for i := 0; w.Len() < 1<<20; i++ {
				// No two lines alike: a line that repeats the one
				// before it is dropped.
				fmt.Fprintf(&w, "the border police reportedly seized %d kilograms of heroin in the port and said that%s", i, tc.sep)
			}
			text := w.String()
			r := &rules{wrapped: true}
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				doc := newBenchDoc()
				if err := clean(doc, "x.txt", text, r); err != nil {
					b.Fatal(err)
				}
				if last := doc.Blocks[len(doc.Blocks)-1]; len(doc.Blocks) > 2 || len(last.Text) < len(text)/2 {
					b.Fatalf("%d blocks, the last of %d bytes; want the text one paragraph", len(doc.Blocks), len(last.Text))
				}
			}
		})
	}
}
