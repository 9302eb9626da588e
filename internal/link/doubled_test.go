package link

import (
	"strings"
	"testing"
)

// TestDoubled checks which names printed next to words are doubled. The
// name is written between ⟨ and ⟩ in each text.
func TestDoubled(t *testing.T) {
	tests := []struct {
		text  string
		words string // the words printed twice; "" when nothing is doubled
		rest  string // the label to write instead
	}{
		{"the INTERPOL ⟨INTERPOL National Central Bureau in Minsk⟩ is part of it", "INTERPOL", "National Central Bureau in Minsk"},
		{"INTERPOL's ⟨INTERPOL General Secretariat⟩ issues", "INTERPOL", "General Secretariat"},
		{"INTERPOL’s ⟨INTERPOL General Secretariat⟩ issues", "INTERPOL", "General Secretariat"},
		{"the Ministry of ⟨Ministry of Internal Affairs⟩", "Ministry of", "Internal Affairs"},
		{"the ⟨National Central Bureau in Minsk⟩ in Minsk.", "in Minsk", "National Central Bureau"},
		{"under the Criminal Police ⟨Criminal Police⟩", "Criminal Police", ""},
		{"the interpol\n⟨INTERPOL General Secretariat⟩", "INTERPOL", "General Secretariat"},
		{"(INTERPOL ⟨INTERPOL General Secretariat⟩)", "INTERPOL", "General Secretariat"},

		// Not doubled.
		{"the ⟨INTERPOL National Central Bureau in Minsk⟩ is part of it", "", ""},
		{"INTERPOL's ⟨General Secretariat⟩ issues", "", ""},
		{"a member of INTERPOL. ⟨INTERPOL General Secretariat⟩ issues", "", ""},
		{"INTERPOL, ⟨INTERPOL General Secretariat⟩ and others", "", ""},
		{"INTERPOL (⟨INTERPOL General Secretariat⟩)", "", ""},
		{"INTERPOL-led ⟨INTERPOL General Secretariat⟩", "", ""},
		{"INTERPOL and the ⟨INTERPOL General Secretariat⟩", "", ""},
		{"⟨Ministry of Internal Affairs⟩, Internal Affairs", "", ""},
		{"⟨INTERPOL⟩", "", ""},
		{"in Minsk ⟨National Central Bureau in Minsk⟩", "", ""},
	}
	for _, tt := range tests {
		start := strings.Index(tt.text, "⟨")
		text := strings.Replace(strings.Replace(tt.text, "⟨", "", 1), "⟩", "", 1)
		end := strings.Index(tt.text, "⟩") - len("⟨")
		d, ok := doubled(text, start, end)
		if ok != (tt.words != "") || d.words != tt.words || d.rest != tt.rest {
			t.Errorf("doubled(%q) = %+v, %v; want words %q, rest %q", tt.text, d, ok, tt.words, tt.rest)
		}
	}
}
