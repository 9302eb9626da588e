package link

import (
	"slices"
	"testing"

	"golang.org/x/tools/txtar"

	"dossier/internal/model"
)

func TestClaimedCorroboration(t *testing.T) {
	tests := []struct {
		basis, want string
	}{
		{"One official page; confirmed by the bureau's own list.", "confirmed"},
		{"Two independent sources agree.", "Two independent sources"},
		{"Several sources say so.", "Several sources"},
		{"Both INTERPOL sources agree.", "Both INTERPOL sources"},
		{"One official page, not corroborated.", ""},
		{"Not independently confirmed.", ""},
		{"One article, without independent confirmation.", ""},
		{"One article by an unnamed author, graded F3.", ""},
		{"An agreement of 2013.", ""}, // "agreement" is not "agree"
	}
	for _, tt := range tests {
		if got, _ := claimedCorroboration(tt.basis); got != tt.want {
			t.Errorf("claimedCorroboration(%q) = %q, want %q", tt.basis, got, tt.want)
		}
	}
}

func TestTermsIn(t *testing.T) {
	tests := []struct {
		statement string
		want      []model.Likelihood
	}{
		{"The bureau almost certainly answers to the minister.", []model.Likelihood{model.AlmostCertain}},
		{"It is highly likely that the route is used.", []model.Likelihood{model.HighlyLikely}},
		{"It is highly unlikely that the route is used.", []model.Likelihood{model.HighlyUnlikely}},
		{"The route is probably used.", []model.Likelihood{model.Likely}},
		{"It is unlikely, not likely.", []model.Likelihood{model.Unlikely, model.Likely}},
		{"There is a realistic possibility that it is.", []model.Likelihood{model.RealisticPossibility}},
		{"The bureau answers to the minister.", nil},
	}
	for _, tt := range tests {
		if got := model.TermsIn(tt.statement); !slices.Equal(got, tt.want) {
			t.Errorf("TermsIn(%q) = %v, want %v", tt.statement, got, tt.want)
		}
	}
}

// TestJudgementsResolve checks a whole assessment: citations found,
// references resolved, implications tied to their judgements, and a basis
// that says what it lacks ("not corroborated") accepted.
func TestJudgementsResolve(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- entities/units.yaml --
- id: ncb
  name: National Central Bureau
  kind: unit
  aliases: [NCB]
-- judgements.yaml --
summary: |
  The [[ncb]] answers to a deputy minister ([[S:doc#2]]).
judgements:
  - id: line
    statement: The [[ncb]] almost certainly answers to the First Deputy Minister.
    likelihood: almost certain
    confidence: moderate
    basis: '[[S:doc]] alone, an official page; not corroborated.'
    cites:
      - source: doc
        quote: The NCB answers to the First Deputy Minister
gaps:
  - text: No source says who heads the bureau.
implications:
  - text: Address requests through the ministry.
    judgements: [line]
`)))
	if err != nil {
		t.Fatal(err)
	}
	a := d.Assessment
	if a == nil || len(a.Judgements) != 1 {
		t.Fatalf("assessment %+v, want one judgement", a)
	}
	j := a.Judgements[0]
	if j.Statement != "The National Central Bureau almost certainly answers to the First Deputy Minister." {
		t.Errorf("statement %q", j.Statement)
	}
	if j.Basis != "S1 alone, an official page; not corroborated." {
		t.Errorf("basis %q", j.Basis)
	}
	if j.Cites[0].Label() != "S1 ¶2" || j.Band().Range != "≥ 95 %" {
		t.Errorf("cite %s, band %+v", j.Cites[0].Label(), j.Band())
	}
	if len(a.Gaps) != 1 || a.Gaps[0].Text == "" {
		t.Errorf("gaps %+v", a.Gaps)
	}
	if len(a.Implications) != 1 || len(a.Implications[0].Judgements) != 1 || a.Implications[0].Judgements[0] != j {
		t.Errorf("implication not tied to its judgement: %+v", a.Implications)
	}
}
