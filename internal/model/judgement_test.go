package model

import (
	"strings"
	"testing"
)

func TestParseLikelihood(t *testing.T) {
	tests := []struct {
		in   string
		want Likelihood
		ok   bool
	}{
		{"likely", Likely, true},
		{"Probably", Likely, true},
		{"highly  likely", HighlyLikely, true},
		{"almost certain", AlmostCertain, true},
		{"remote chance", RemoteChance, true},
		{"very likely", "", false},
		{"certain", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		b, ok := ParseLikelihood(tt.in)
		if ok != tt.ok || b.Term != tt.want {
			t.Errorf("ParseLikelihood(%q) = %q, %v; want %q, %v", tt.in, b.Term, ok, tt.want, tt.ok)
		}
	}
	if got := strings.Join(YardstickTerms(), ", "); got != "remote chance, highly unlikely, unlikely, realistic possibility, likely, probably, highly likely, almost certain" {
		t.Errorf("YardstickTerms() = %s", got)
	}
	if Likely.Range() != "55–75 %" || Likelihood("often").Range() != "" {
		t.Errorf("ranges: %q, %q", Likely.Range(), Likelihood("often").Range())
	}
	for _, c := range []Confidence{LowConfidence, ModerateConfidence, HighConfidence} {
		if !c.Valid() {
			t.Errorf("%s is not valid", c)
		}
	}
	if Confidence("medium").Valid() {
		t.Error("medium is valid")
	}
}
