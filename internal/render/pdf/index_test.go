package pdf

import (
	"slices"
	"testing"
)

func TestPageRanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pages []int
		want  [][2]int
	}{
		{nil, nil},
		{[]int{7}, [][2]int{{7, 7}}},
		{[]int{6, 7, 8, 10}, [][2]int{{6, 8}, {10, 10}}},
		{[]int{3, 5, 7}, [][2]int{{3, 3}, {5, 5}, {7, 7}}},
		{[]int{1, 2, 4, 5}, [][2]int{{1, 2}, {4, 5}}},
	}
	for _, tt := range tests {
		if got := pageRanges(tt.pages); !slices.Equal(got, tt.want) {
			t.Errorf("pageRanges(%v) = %v, want %v", tt.pages, got, tt.want)
		}
	}
}

func TestIsAbbreviation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		alias string
		want  bool
	}{
		{"NCB", true},
		{"MVD", true},
		{"GUBOPiK", true},
		{"MIA", true},
		{"ALMAZ", true},
		{"Interpol", false},
		{"NCB Minsk", false},
		{"A", false},
		{"МВД", true},
		{"Minsk", false},
	}
	for _, tt := range tests {
		if got := isAbbreviation(tt.alias); got != tt.want {
			t.Errorf("isAbbreviation(%q) = %v, want %v", tt.alias, got, tt.want)
		}
	}
}

func TestSortKeyAndInitial(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, key, initial string
	}{
		{"INTERPOL", "interpol", "I"},
		{"“ALMAZ” unit", "almaz unit", "A"},
		{"24-hour Command Centre", "24hour command centre", "0–9"},
		{"Лукашенко", "лукашенко", "Л"},
	}
	for _, tt := range tests {
		if got := sortKey(tt.name); got != tt.key {
			t.Errorf("sortKey(%q) = %q, want %q", tt.name, got, tt.key)
		}
		if got := initial(sortKey(tt.name)); got != tt.initial {
			t.Errorf("initial(%q) = %q, want %q", tt.name, got, tt.initial)
		}
	}
}
