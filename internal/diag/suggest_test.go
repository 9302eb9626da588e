package diag

import (
	"slices"
	"testing"
)

func TestClosest(t *testing.T) {
	ids := []string{"build", "serve", "paragraphs", "archive", "verify", "version", "russia", "mia", "ncb-valdoria"}
	tests := []struct {
		s    string
		want []string
	}{
		{"bild", []string{"build"}},
		{"ser", []string{"serve"}},
		{"verfiy", []string{"verify"}},
		{"Russia", []string{"russia"}},
		{"mai", []string{"mia"}},
		{"ncb-valdora", []string{"ncb-valdoria"}},
		{"frobnicate", nil},
		{"build", nil}, // itself is no suggestion
		{"x", nil},
	}
	for _, tt := range tests {
		if got := Closest(tt.s, ids); !slices.Equal(got, tt.want) {
			t.Errorf("Closest(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	if got := DidYouMean([]string{"a", "b"}); got != `; did you mean "a" or "b"?` {
		t.Errorf("DidYouMean = %q", got)
	}
	if DidYouMean(nil) != "" {
		t.Error("DidYouMean(nil) is not empty")
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{
		{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"Милиция", "Милицея", 1},
	} {
		if got := Distance(tt.a, tt.b); got != tt.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}
