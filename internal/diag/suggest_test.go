package diag

import (
	"errors"
	"fmt"
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

func TestEntries(t *testing.T) {
	var l List
	l.Add(Errorf("a.yaml", 3, "bad kind"))
	l.Add(Errorf("b.yaml", 0, "empty"))
	err := fmt.Errorf("load: %w", errors.Join(l.Err(), errors.New("no position")))
	got := Entries(err)
	want := []Entry{{File: "a.yaml", Line: 3, Message: "bad kind"}, {File: "b.yaml", Message: "empty"}, {Message: "no position"}}
	if !slices.Equal(got, want) {
		t.Errorf("Entries = %+v, want %+v", got, want)
	}
	if got[0].String() != "a.yaml:3: bad kind" || got[1].String() != "b.yaml: empty" {
		t.Errorf("String = %q, %q", got[0], got[1])
	}
	if w := (Entry{File: "a.md", Line: 2, Message: "odd", Warning: true}).String(); w != "a.md:2: warning: odd" {
		t.Errorf("a warning prints as %q", w)
	}
	if Entries(nil) != nil {
		t.Error("Entries(nil) is not empty")
	}
	if got := Entries(fmt.Errorf("render: %w", Errorf("c.md", 2, "x"))); len(got) != 1 || got[0].File != "c.md" {
		t.Errorf("Entries of a wrapped error = %+v", got)
	}
}

func TestStage(t *testing.T) {
	var l List
	l.Add(Errorf("a.yaml", 3, "bad kind"))
	l.Add(Errorf("b.yaml", 0, "empty"))
	pos := Errorf("c.md", 2, "x")
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("load: %w", l.Err()), "load"},
		{fmt.Errorf("previous edition: %w", pos), "previous edition"},
		{fmt.Errorf("render: %w", fmt.Errorf("layouts: %w", pos)), "render: layouts"},
		{fmt.Errorf("load: %w; see the README", pos), ""},
		{l.Err(), ""},
		{pos, ""},
		{errors.New("no position"), ""},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := Stage(tt.err); got != tt.want {
			t.Errorf("Stage(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
