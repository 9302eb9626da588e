package pdf

import (
	"slices"
	"testing"

	"dossier/internal/model"
)

func TestIndexRanges(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pages   []int
		profile [2]int
		want    []pageRange
	}{
		{nil, [2]int{}, nil},
		{[]int{7}, [2]int{}, []pageRange{{7, 7, false}}},
		{[]int{6, 7, 8, 10}, [2]int{}, []pageRange{{6, 8, false}, {10, 10, false}}},
		{[]int{3, 5, 7}, [2]int{}, []pageRange{{3, 3, false}, {5, 5, false}, {7, 7, false}}},
		// A mention on the page before the profile is not bold.
		{[]int{5, 6}, [2]int{6, 6}, []pageRange{{5, 5, false}, {6, 6, true}}},
		// Nor one after it, and mentions inside it are part of it.
		{[]int{1, 8, 9, 10, 11}, [2]int{9, 9}, []pageRange{{1, 1, false}, {8, 8, false}, {9, 9, true}, {10, 11, false}}},
		// A profile's pages are listed whether or not its name is
		// printed on each.
		{[]int{44, 46, 59}, [2]int{44, 45}, []pageRange{{44, 45, true}, {46, 46, false}, {59, 59, false}}},
		{nil, [2]int{12, 12}, []pageRange{{12, 12, true}}},
	}
	for _, tt := range tests {
		if got := indexRanges(tt.pages, tt.profile); !slices.Equal(got, tt.want) {
			t.Errorf("indexRanges(%v, %v) = %v, want %v", tt.pages, tt.profile, got, tt.want)
		}
	}
}

func TestOtherScript(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, alias string
		want        bool
	}{
		{"דוד לוי", "David Levi", true},
		{"王小明", "Wang Xiaoming", true},
		{"Ivan Petrov", "Иван Петров", true},
		{"Ivan Petrov", "I. Petrov", false},
		{"Ivan Petrov", "“Ivan” Petrov", false},
		{"Ministry", "2nd Ministry", false},
		{"Ministry", "123", false},
	}
	for _, tt := range tests {
		if got := otherScript(tt.name, tt.alias); got != tt.want {
			t.Errorf("otherScript(%q, %q) = %v, want %v", tt.name, tt.alias, got, tt.want)
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
		if got := model.SortKey(tt.name); got != tt.key {
			t.Errorf("model.SortKey(%q) = %q, want %q", tt.name, got, tt.key)
		}
		if got := initial(model.SortKey(tt.name)); got != tt.initial {
			t.Errorf("initial(%q) = %q, want %q", tt.name, got, tt.initial)
		}
	}
}
