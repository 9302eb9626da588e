package highlight

import (
	"io/fs"
	"testing"

	"dossier/internal/corpus"
)

// BenchmarkProvenance highlights the provenance records (the YAML beside
// each text) of a generated dossier of 200 sources with a new highlighter,
// as a first build does: lexing (go-yaml's scanner, see yamlTokens) and
// chroma's formatting, the costliest steps of rendering a source's page.
func BenchmarkProvenance(b *testing.B) {
	sources := corpus.New(200).FS()
	records, err := fs.Glob(sources, "documents/*.yaml")
	if err != nil || len(records) == 0 {
		b.Fatalf("no records (%v)", err)
	}
	var code []string
	for _, name := range records {
		data, err := fs.ReadFile(sources, name)
		if err != nil {
			b.Fatal(err)
		}
		code = append(code, string(data))
	}
	b.ReportAllocs()
	for b.Loop() {
		h, err := New(DefaultStyle)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range code {
			if _, err := h.HTML("yaml", c); err != nil {
				b.Fatal(err)
			}
		}
	}
}
