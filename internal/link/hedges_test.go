package link

import (
	"slices"
	"testing"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/tools/txtar"

	"dossier/internal/markdown"
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
		ev     model.Evidence
		hedge  string
		worded bool // the claim's words carry the hedge
	}{{model.Stated, "", false}, {model.Hedged, "reportedly", true}, {model.Hedged, "reportedly", false}, {model.Alleged, "is said to", false}}
	for i, w := range want {
		if got := cs[i].Evidence(); got != w.ev || cs[i].Hedge != w.hedge || cs[i].Worded != w.worded {
			t.Errorf("claim %d: %s, hedge %q, worded %v; want %s, hedge %q, worded %v", i, got, cs[i].Hedge, cs[i].Worded, w.ev, w.hedge, w.worded)
		}
	}
}

// TestBackgroundCount checks that the resolve stage counts the background
// passages of notes and descriptions, and writes the number where a note
// asks for it.
func TestBackgroundCount(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- notes/10-about.md --
# About

The briefing has [[count:background]] background passages.

> [!background]
> Valdoria is invented.

> A plain quote is no background.
-- entities/places.yaml --
- id: north
  name: Northland
  kind: place
  description: |
    > [!background]
    > A country to the north.

    [[S:doc]] names it.

    > [!background]
    > Its capital is on a river.
`)))
	if err != nil {
		t.Fatal(err)
	}
	if d.Background != 3 {
		t.Errorf("Background = %d, want 3", d.Background)
	}
	var count *markdown.Ref
	_ = ast.Walk(d.Notes[0].Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if r, ok := n.(*markdown.Ref); ok && entering {
			count = r
		}
		return ast.WalkContinue, nil
	})
	if count == nil || count.Display() != "three" {
		t.Errorf("[[count:background]] = %+v, want three", count)
	}
}
