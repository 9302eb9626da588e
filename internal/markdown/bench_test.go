package markdown

import (
	"strings"
	"testing"
)

// BenchmarkCheckDeepQuote checks a note whose one line opens 20,000 block
// quotes, as deep as a line within the default length limit can nest
// them a third of the way: Check is linear in the nodes, however deep they
// nest (it reports the nesting once, at the ninth level).
func BenchmarkCheckDeepQuote(b *testing.B) {
	src := []byte("# Deep\n\n" + strings.Repeat(">", 20000) + " text\n")
	doc := Parse(New(), src)
	b.ReportAllocs()
	for b.Loop() {
		if probs := Check(doc, src); len(probs) != 1 {
			b.Fatalf("%d problems, want the one nesting too deep", len(probs))
		}
	}
}
