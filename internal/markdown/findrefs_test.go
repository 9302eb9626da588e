package markdown

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFindRefs checks that references in plain text are read as the
// Markdown parser reads them, with their place in the text.
func TestFindRefs(t *testing.T) {
	type ref struct {
		Target, Label, Source, EntityID string
		Paragraph, Offset, End          int
	}
	tests := []struct {
		text string
		want []ref
	}{
		{"no reference", nil},
		{"as [[S:doc#12]] says", []ref{{Target: "S:doc#12", Source: "doc", Paragraph: 12, Offset: 3, End: 15}}},
		{"[[S:doc]]'s and [[ncb|the NCB]]", []ref{
			{Target: "S:doc", Source: "doc", Offset: 0, End: 9},
			{Target: "ncb", Label: "the NCB", EntityID: "ncb", Offset: 16, End: 31},
		}},
		{"[[[ncb]]", []ref{{Target: "ncb", EntityID: "ncb", Offset: 1, End: 8}}},
		{"[[S:doc#x]]", []ref{{Target: "S:doc#x", Source: "doc", Paragraph: -1, Offset: 0, End: 11}}},
		{"[[]] and [[open", nil},
	}
	for _, tt := range tests {
		var got []ref
		for _, r := range FindRefs(tt.text) {
			got = append(got, ref{r.Target, r.Label, r.Source, r.EntityID, r.Paragraph, r.Offset, r.End})
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FindRefs(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// FuzzFindRefs checks that every reference found is where it says it is,
// "[[" to "]]", in order and without overlapping.
func FuzzFindRefs(f *testing.F) {
	for _, s := range []string{"as [[S:doc#12]] says", "[[[a]]]", "[[a|b]] [[S:x#]]", "[[\n]]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, r := range FindRefs(s) {
			if r.Offset < end || r.End > len(s) || r.Offset+4 > r.End {
				t.Fatalf("%q: reference at %d:%d after one ending at %d", s, r.Offset, r.End, end)
			}
			w := s[r.Offset:r.End]
			if !strings.HasPrefix(w, "[[") || !strings.HasSuffix(w, "]]") || strings.ContainsAny(w[2:len(w)-2], "[]\n") {
				t.Fatalf("%q: reference %q at %d:%d", s, w, r.Offset, r.End)
			}
			end = r.End
		}
	})
}
