package source

import (
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestWithoutComments(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"whole-line comments go",
			"# required: who published it\nid: doc\n  # indented\ntitle: T\n",
			"id: doc\ntitle: T\n"},
		{"a comment after a value is cut with its spaces",
			"author: unknown   # the page names nobody\npublished: 2019-05-02 # the page's metadata says so\n",
			"author: unknown\npublished: 2019-05-02\n"},
		{"an address's fragment is no comment",
			"url: https://example.org/a#b # but this is\n",
			"url: https://example.org/a#b\n"},
		{"a # inside quotes stays",
			"title: 'Report #4: it''s # here' # gone\nnote: \"a \\\" # b\" # gone\n",
			"title: 'Report #4: it''s # here'\nnote: \"a \\\" # b\"\n"},
		{"a quote inside a plain value opens nothing",
			"title: it's #1 # gone\n",
			"title: it's\n"},
		{"a quoted value that runs on",
			"basis: 'first line\n  # not a comment\n  end' # gone\nid: x\n",
			"basis: 'first line\n  # not a comment\n  end'\nid: x\n"},
		{"a block scalar keeps its #",
			"description: |\n  # a heading, as the text has it\n\n  words # and more\nid: x # gone\n",
			"description: |\n  # a heading, as the text has it\n\n  words # and more\nid: x\n"},
		{"a block scalar in a list item ends at the next key",
			"cites:\n  - quote: >- # folded\n      a # b\n    source: s # gone\n",
			"cites:\n  - quote: >-\n      a # b\n    source: s\n"},
		{"a list item that is a block",
			"drop:\n  - |\n    # kept\n  - x # gone\n",
			"drop:\n  - |\n    # kept\n  - x\n"},
		{"blank lines and CRLF stay",
			"id: a\r\n\r\n# c\r\ntitle: b # c\r\n",
			"id: a\r\n\r\ntitle: b\r\n"},
		{"no newline at the end",
			"id: a # c",
			"id: a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(withoutComments([]byte(tc.in)))
			if got != tc.want {
				t.Errorf("withoutComments(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			var was, is any
			if err := yaml.Unmarshal([]byte(tc.in), &was); err != nil {
				t.Fatal(err)
			}
			if err := yaml.Unmarshal([]byte(got), &is); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(was, is) {
				t.Errorf("the file says %v, without its comments %v", was, is)
			}
		})
	}
}

// TestProvenanceRecordNeverChangesAValue: should cutting the comments
// line by line change what the file says, the record is the file
// re-encoded without its comments, saying what the file says.
func TestProvenanceRecordNeverChangesAValue(t *testing.T) {
	in := "id: doc # gone\nurl: https://example.org/a#b\n# gone\ntitle: 'x # y'\n"
	naive := func(b []byte) []byte { // cuts at every #, quotes and addresses too
		var out []string
		for _, l := range strings.Split(string(b), "\n") {
			l, _, _ = strings.Cut(l, "#")
			out = append(out, l)
		}
		return []byte(strings.Join(out, "\n"))
	}
	for name, cut := range map[string]func([]byte) []byte{"withoutComments": withoutComments, "a wrong cut": naive} {
		got := string(recordWith([]byte(in), cut))
		if strings.Contains(got, "gone") {
			t.Errorf("%s: the record keeps a comment:\n%s", name, got)
		}
		var was, is any
		_ = yaml.Unmarshal([]byte(in), &was)
		if err := yaml.Unmarshal([]byte(got), &is); err != nil || !reflect.DeepEqual(was, is) {
			t.Errorf("%s: the record says %v (%v); the file says %v", name, is, err, was)
		}
	}
}
