package html

import (
	"slices"
	"testing"
)

// TestOthers checks how the other names of an entity are split between the
// line a page shows and the disclosure behind it.
func TestOthers(t *testing.T) {
	long := "INTERPOL National Central Bureau for the Republic" // longer than a line on its own
	for _, tt := range []struct {
		name        string
		aliases     []string
		shown, rest []string
	}{
		{"none", nil, nil, nil},
		{"one short", []string{"MIA"}, []string{"MIA"}, nil},
		{"a few that fit", []string{"MIA", "MVD", "Ministry of Internal Affairs"}, []string{"MIA", "MVD", "Ministry of Internal Affairs"}, nil},
		{"one long name is still shown", []string{long}, []string{long}, nil},
		{"one name over is not hidden alone", []string{long, "NCB"}, []string{long, "NCB"}, nil},
		{"many", []string{"NCB Minsk", "INTERPOL Minsk", "NCB", long, "Belarusian bureau of INTERPOL"},
			[]string{"NCB Minsk", "INTERPOL Minsk", "NCB"}, []string{long, "Belarusian bureau of INTERPOL"}},
		{"a long first name, then many", []string{long, "A", "B", "C"}, []string{long}, []string{"A", "B", "C"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := others(tt.aliases)
			if !slices.Equal(got.Shown, tt.shown) || !slices.Equal(got.Rest, tt.rest) {
				t.Errorf("others(%q) = shown %q, rest %q; want %q, %q", tt.aliases, got.Shown, got.Rest, tt.shown, tt.rest)
			}
		})
	}
}
