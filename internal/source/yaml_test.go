package source

import (
	"strings"
	"testing"
)

// TestYAMLMessages checks that go-yaml's messages reach the analyst in
// words, at the line of the mistake, with no Go type name.
func TestYAMLMessages(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"text for a mapping", "id: a\ngrade: G7\n", `meta.yaml:2: "G7" is text, where keys with their values, each on a line of its own, indented under it belongs`},
		{"text for a number", "grade:\n  credibility: two\n", `meta.yaml:2: "two" is text, where a whole number belongs`},
		{"text for a list", "other_languages: ru\n", `meta.yaml:1: "ru" is text, where a list (one "- item" per line, or [a, b]) belongs`},
		{"keys for a list", "other_languages:\n  ru: yes\n", `meta.yaml:2: here is a set of keys, where a list (one "- item" per line, or [a, b]) belongs`},
		{"a tab", "grade:\n  reliability: B\n\tcredibility: 2\n", "meta.yaml:3: a tab: YAML indents with spaces, never with tabs"},
		{"a line out of line", "grade:\n  reliability: B\n credibility: 2\n", "meta.yaml:3: this line does not line up with the keys around it"},
		{"an open quote", "title: \"An open\n", "meta.yaml:2: the file ends inside a quoted value"},
		{"an open list", "other_languages: [ru\n", "meta.yaml:1: a list in [brackets] is not closed with ]"},
		{"an unknown key", "titel: A\n", `meta.yaml:1: unknown key "titel"`},
		{"an empty file", "# only a comment\n", "meta.yaml: file is empty, or holds only comments: write what it is for"},
		{"a reference unquoted", "id: a\ndescription: [[S:doc]] is a report.\n", "meta.yaml:2: a value that starts with [[ is read by YAML as a list: put the whole value in single quotes"},
		{"a reference alone, unquoted", "id: a\ndescription: [[S:doc]]\n", "meta.yaml:2: a value that starts with [[ is read by YAML as a list"},
		{"a reference unquoted, nested", "id: a\ngrade:\n  reliability: B\n  reason: [[S:doc#3]] confirms it\n", "meta.yaml:4: a value that starts with [[ is read by YAML as a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mf metaFile
			err := decodeYAML("meta.yaml", []byte(tt.yaml), &mf)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error:\n%s\nwant it to contain\n%s", msg, tt.want)
			}
			for _, goName := range []string{"source.", "main.", "!!", "unmarshal", "[]string", "int "} {
				if strings.Contains(msg, goName) {
					t.Errorf("error %q shows %q, a parser's or Go's word", msg, goName)
				}
			}
		})
	}
}

// TestYAMLReferenceUnquoted: a claim whose text starts with a reference,
// unquoted, is reported at its own line with what to do; go-yaml reports
// the line before it, as a key out of line.
func TestYAMLReferenceUnquoted(t *testing.T) {
	y := "- id: port-authority\n  claims:\n    - text: [[S:harbour-review]] alleges that a supervisor took payments.\n      cites:\n        - source: harbour-review\n"
	var list []entityFile
	err := decodeYAML("entities/agencies.yaml", []byte(y), &list)
	want := "entities/agencies.yaml:3: a value that starts with [[ is read by YAML as a list: put the whole value in single quotes"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v; want %s…", err, want)
	}
}

// TestYAMLCitationByNumber: a citation that gives a paragraph's number is
// told that citations quote, and why.
func TestYAMLCitationByNumber(t *testing.T) {
	y := "- id: a\n  claims:\n    - text: It is a port.\n      cites:\n        - source: doc\n          paragraph: 3\n"
	var list []entityFile
	err := decodeYAML("entities/places.yaml", []byte(y), &list)
	want := `entities/places.yaml:6: unknown key "paragraph"; a citation finds its paragraph by the words it quotes (quote: …), never by its number`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v; want %s…", err, want)
	}
}
