package html

import (
	"slices"
	"testing"

	"dossier/internal/model"
)

// TestAssessmentSearch checks that the search finds the key judgements and
// leads to each on the index page.
func TestAssessmentSearch(t *testing.T) {
	t.Parallel()
	r := &run{d: fixture()}
	var got []searchDoc
	for _, doc := range append(r.sourcesSearch(), r.restSearch()...) {
		if doc.Kind == "judgement" {
			got = append(got, doc)
		}
	}
	want := []searchDoc{{
		Kind: "judgement", Title: "KJ1 Every desk of the Ministry of Examples highly likely reports to the deputy minister.",
		Context: "Key judgement", URL: "index.html#kj-desks",
		Text: "Highly likely, moderate confidence: One official source & its own list; not corroborated.",
		Rank: 0, Grade: gradeRank(model.Grade{Reliability: 'B', Credibility: 2}), // S1's grade
	}}
	if !slices.Equal(got, want) {
		t.Errorf("search entries of the judgements:\n%+v\nwant:\n%+v", got, want)
	}
}
