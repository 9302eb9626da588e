package source

import (
	"strings"
	"testing"
)

// TestWrittenLines checks that the line of each word of a plain-text value
// is known, however YAML folds the value's lines into one.
func TestWrittenLines(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		word string // a word of the value
		line int    // the line it is on
	}{
		{"plain, one line", "x: 1\ntext: one two S1\n", "S1", 2},
		{"plain, over lines", "text: one two\n  three S1\n  four\n", "S1", 2},
		{"first word", "text: one two\n  three S1\n", "one", 1},
		{"folded block", "text: >-\n  one two\n  three\n  S1 four\n", "S1", 4},
		{"folded block, blank line", "text: >-\n  one\n\n  two\n\n\n  S1\n", "S1", 7},
		{"literal block", "text: |\n  one\n  S1\n", "S1", 3},
		{"double-quoted", "text: \"one \\\"two\\\"\n  three S1\"\n", "S1", 2},
		{"single-quoted", "text: 'it''s\n  S1'\n", "S1", 2},
		{"flow mapping", "- {text: one S1, other: x}\n", "S1", 1},
		{"no-break space", "text: one\u00a0two\n  S1\n", "S1", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v struct {
				Text  at[string] `yaml:"text"`
				X     any        `yaml:"x"`
				Other any        `yaml:"other"`
			}
			data := []byte(tt.yaml)
			if strings.HasPrefix(tt.yaml, "- ") {
				var list []struct {
					Text  at[string] `yaml:"text"`
					Other any        `yaml:"other"`
				}
				if err := decodeYAML("f.yaml", data, &list); err != nil {
					t.Fatal(err)
				}
				v.Text = list[0].Text
			} else if err := decodeYAML("f.yaml", data, &v); err != nil {
				t.Fatal(err)
			}
			w := newDataFile("f.yaml", data).written(v.Text)
			i := strings.Index(w.Text, tt.word)
			if i < 0 {
				t.Fatalf("%q not in %q", tt.word, w.Text)
			}
			if got := w.LineAt(i); got != tt.line {
				t.Errorf("%q in %q: line %d, want %d (breaks %v)", tt.word, w.Text, got, tt.line, w.Breaks)
			}
		})
	}
}
