package link

import (
	"slices"
	"testing"

	"golang.org/x/tools/txtar"

	"dossier/internal/model"
)

func TestFindHedges(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Coal is reportedly smuggled.", []string{"reportedly"}},
		{"REPORTEDLY, coal is smuggled.", []string{"reportedly"}},
		{"The Mayor of Minsk.", nil},                                                    // "may" inside a word
		{"Prices may rise.", []string{"may"}},                                           // the word itself
		{"It is likely that groups keep a low profile.", []string{"it is likely that"}}, // the phrase, not also "likely"
		{"Groups are likely active, and may grow.", []string{"are likely", "may"}},
		{"It is becoming a transit country.", []string{"becoming"}},
		{"Becomingly dressed.", nil},
		{"He is said to lead it.", []string{"is said to"}},
		{"She said to him.", nil},
		{"Likelihood is not a hedge word here.", nil},
		{"a well-known mayday call", nil},
		{"According to the police, he fled.", []string{"according to"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := FindHedges(tt.text, Hedges); !slices.Equal(got, tt.want) {
			t.Errorf("FindHedges(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestKeeps(t *testing.T) {
	tests := []struct {
		text, quote []string
		want        bool
	}{
		{[]string{"reportedly"}, []string{"reportedly"}, true},
		{[]string{"likely"}, []string{"reportedly"}, true},        // any hedge keeps one
		{[]string{"according to"}, []string{"reportedly"}, false}, // attribution is no hedge
		{[]string{"according to"}, []string{"according to"}, true},
		{nil, []string{"may"}, false},
	}
	for _, tt := range tests {
		if got := keeps(tt.text, tt.quote); got != tt.want {
			t.Errorf("keeps(%q, %q) = %v, want %v", tt.text, tt.quote, got, tt.want)
		}
	}
}

// TestEvidence checks the three kinds of claim the resolve stage tells
// apart: stated, hedged (the hedge kept in the words, or declared) and
// alleged.
func TestEvidence(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- documents/doc.txt --
The NCB is part of the Criminal Police.

Coal is reportedly smuggled through the region.

The NCB is said to track activists abroad.
-- entities/agencies.yaml --
- id: ncb
  name: National Central Bureau
  kind: unit
  claims:
    - text: The NCB is part of the Criminal Police.
      cites:
        - source: doc
          quote: The NCB is part of the Criminal Police.
    - text: Coal is reportedly smuggled through the region.
      cites:
        - source: doc
          quote: Coal is reportedly smuggled through the region.
    - text: Coal is smuggled through the region.
      hedge: reportedly
      cites:
        - source: doc
          quote: Coal is reportedly smuggled through the region.
    - text: The source alleges that the NCB tracks activists abroad.
      allegation: true
      cites:
        - source: doc
          quote: The NCB is said to track activists abroad.
`)))
	if err != nil {
		t.Fatal(err)
	}
	cs := d.Entity("ncb").Claims
	want := []struct {
		ev    model.Evidence
		hedge string
	}{{model.Stated, ""}, {model.Hedged, "reportedly"}, {model.Hedged, "reportedly"}, {model.Alleged, "is said to"}}
	for i, w := range want {
		if got := cs[i].Evidence(); got != w.ev || cs[i].Hedge != w.hedge {
			t.Errorf("claim %d: %s, hedge %q; want %s, hedge %q", i, got, cs[i].Hedge, w.ev, w.hedge)
		}
	}
}
