package link

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"dossier/internal/model"
	"dossier/internal/source"
)

// BenchmarkMentions finds entity names in about 100 KB of source text with
// growing numbers of entities. The time per byte should stay about the same
// as entities are added: the matcher makes one pass over the text.
func BenchmarkMentions(b *testing.B) {
	raw, err := os.ReadFile("../../sources/documents/004_acf4fb710b49b842.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Join(strings.Fields(strings.Repeat(string(raw)+" ", 100_000/len(raw))), " ")
	base := []*model.Entity{
		{ID: "interpol", Name: "INTERPOL", Aliases: []string{"Interpol", "International Criminal Police Organization"}},
		{ID: "ncb", Name: "National Central Bureau of Interpol in the Republic of Belarus", Aliases: []string{"NCB"}},
		{ID: "mvd", Name: "Ministry of Internal Affairs", Aliases: []string{"MVD"}},
	}
	for _, n := range []int{10, 1_000, 100_000} {
		entities := append([]*model.Entity(nil), base...)
		for i := len(entities); i < n; i++ {
			entities = append(entities, &model.Entity{ID: fmt.Sprintf("e%d", i), Name: fmt.Sprintf("Directorate Number %d of the Ministry", i)})
		}
		m, err := newMatcher(entities)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("entities=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if spans, _ := m.find(text); len(spans) == 0 {
					b.Fatal("no mentions found")
				}
			}
		})
	}
}

// BenchmarkMentionsNested finds names in text where every name holds
// others (see TestNestedNames), at two sizes: the time per byte should stay
// about the same as the text grows, nested names and all.
func BenchmarkMentionsNested(b *testing.B) {
	m, err := newMatcher([]*model.Entity{
		{ID: "office", Name: "Central Office (CO)"},
		{ID: "regional", Name: "Regional Central Office (RCO) of Examples", Aliases: []string{"Central Office of Northland"}},
		{ID: "northland", Name: "Northland"},
		{ID: "examples", Name: "Examples"},
		{ID: "desk", Name: "Desk of the Central Office", Aliases: []string{"CO Desk", "CO"}},
	})
	if err != nil {
		b.Fatal(err)
	}
	const sentence = "The Regional Central Office (RCO) of Examples and the Central Office of Northland met the Desk of the Central Office. "
	for _, size := range []int{100_000, 1_000_000} {
		text := strings.Repeat(sentence, size/len(sentence))
		b.Run(fmt.Sprintf("bytes=%d", size), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, inner := m.find(text); len(inner) == 0 {
					b.Fatal("no nested names found")
				}
			}
		})
	}
}

// BenchmarkResolveRepository resolves the repository's sources.
func BenchmarkResolveRepository(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		d := loadUnresolved(b, sourcesDir)
		b.StartTimer()
		if err := Resolve(d); err != nil {
			b.Fatal(err)
		}
	}
}

// loadUnresolved loads the sources folder dir without resolving it.
func loadUnresolved(b *testing.B, dir string) *model.Dossier {
	b.Helper()
	d, err := source.Load(os.DirFS(dir), source.Options{Name: dir})
	if err != nil {
		b.Fatal(err)
	}
	return d
}
