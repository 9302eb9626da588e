package model

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCitedPlaces(t *testing.T) {
	t.Parallel()
	a := &Document{ID: "a", Ref: "S1"}
	b := &Document{ID: "b", Ref: "S2"}
	a1, a2, b1 := &Block{Number: 1}, &Block{Number: 2}, &Block{Number: 1}
	cs := []Citation{
		{Quote: "one", Doc: a, Block: a1},
		{Quote: "two", Doc: b, Block: b1},
		{Quote: "three", Doc: a, Block: a1}, // the paragraph of the first again
		{Quote: "four", Doc: a, Block: a2},
		{Quote: "unresolved"},
		{Quote: "five", Doc: a}, // the document, no paragraph
		{Quote: "six", Doc: a},
	}
	var got [][]string
	for _, place := range CitedPlaces(cs) {
		var quotes []string
		for _, c := range place {
			quotes = append(quotes, c.Quote)
		}
		got = append(got, quotes)
	}
	want := [][]string{{"one", "three"}, {"two"}, {"four"}, {"five", "six"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CitedPlaces (-want +got):\n%s", diff)
	}
}

// TestRelationPhrases: every relation type reads as English from both
// ends, before the other entity's name ("Receives reports from the
// Desk"), and only cooperation reads the same both ways.
func TestRelationPhrases(t *testing.T) {
	t.Parallel()
	want := map[RelationType][2]string{
		PartOf:         {"is part of", "includes"},
		ReportsTo:      {"reports to", "receives reports from"},
		CooperatesWith: {"cooperates with", "cooperates with"},
		MemberOf:       {"is a member of", "counts among its members"},
		HeadedBy:       {"is headed by", "heads"},
		Party:          {"is bound by", "binds"},
		ListedAmong:    {"is listed among", "lists"},
		Amends:         {"amends", "is amended by"},
	}
	for _, rt := range RelationTypes {
		w, ok := want[rt]
		if !ok {
			t.Errorf("%s: no phrases in the test", rt)
			continue
		}
		if got := [2]string{rt.Phrase(), rt.Inverse()}; got != w {
			t.Errorf("%s reads %q, want %q", rt, got, w)
		}
		if rt.Symmetric() != (rt == CooperatesWith) {
			t.Errorf("%s: Symmetric() = %v", rt, rt.Symmetric())
		}
	}
}
