package highlight

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// TestYAMLTokens: go-yaml's tokens get the types chroma's YAML lexer gives
// the same text, and give back the code exactly.
func TestYAMLTokens(t *testing.T) {
	code := "# provenance\n" +
		"id: doc-1   # the id\n" +
		"title: \"Материал «дела»\"\n" +
		"alt: 'single'\n" +
		"published: 2025-01-01\n" +
		"count: 12\n" +
		"draft: false\n" +
		"grade:\n  reliability: B\n  reason: >-\n    folded,\n    on two lines\n" +
		"cites:\n  - source: doc-1\n    quote: a quote\n" +
		"base: &b {x: 1}\nmore: *b\n" +
		"tagged: !!str 3\n\n\n"
	toks, ok := yamlTokens(code)
	if !ok {
		t.Fatal("go-yaml's tokens were refused")
	}
	var b strings.Builder
	got := map[string]chroma.TokenType{}
	for _, tok := range toks {
		b.WriteString(tok.Value)
		if tok.Type != chroma.TextWhitespace {
			got[tok.Value] = tok.Type
		}
	}
	if b.String() != code {
		t.Fatalf("tokens give back\n%q\nwant\n%q", b.String(), code)
	}
	for _, c := range []struct {
		text string
		want chroma.TokenType
	}{
		{"# provenance", chroma.Comment},
		{"# the id", chroma.Comment},
		{"id", chroma.NameTag},
		{"reliability", chroma.NameTag},
		{"source", chroma.NameTag},
		{":", chroma.Punctuation},
		{"-", chroma.Punctuation},
		{">-", chroma.Punctuation},
		{"doc-1", chroma.Literal},
		{`"Материал «дела»"`, chroma.LiteralStringDouble},
		{"'single'", chroma.LiteralStringSingle},
		{"2025-01-01", chroma.LiteralDate},
		{"12", chroma.LiteralNumber},
		{"false", chroma.KeywordConstant},
		{"folded,\n    on two lines", chroma.LiteralStringDoc},
		{"&b", chroma.CommentPreproc},
		{"*b", chroma.CommentPreproc},
		{"!!str", chroma.CommentPreproc},
	} {
		if typ, ok := got[c.text]; !ok {
			t.Errorf("no token %q in %v", c.text, toks)
		} else if typ != c.want {
			t.Errorf("%q is a %v, want %v", c.text, typ, c.want)
		}
	}
}

// TestYAMLFallback: code go-yaml's scanner refuses is lexed by chroma, so
// that it is shown as ever; code it scans (a flow sequence left open: the
// scanner does not parse) is given back exactly either way.
func TestYAMLFallback(t *testing.T) {
	for _, c := range []struct {
		code    string
		refused bool
	}{
		{"a: \"unclosed\n", true},
		{"\ta: tab-indented\n", true},
		{"key: [1, 2\n", false},
	} {
		toks, err := lex(lexerFor("yaml"), c.code)
		if err != nil {
			t.Fatal(err)
		}
		if s := join(toks); s != c.code {
			t.Errorf("%q: tokens give back %q", c.code, s)
		}
		if _, ok := yamlTokens(c.code); ok == c.refused {
			t.Errorf("%q: go-yaml's scanner took it: %v, want %v", c.code, ok, !c.refused)
			continue
		}
		if !c.refused {
			continue
		}
		it, err := chroma.Coalesce(lexers.Get("yaml")).Tokenise(nil, c.code)
		if err != nil {
			t.Fatal(err)
		}
		if want := it.Tokens(); fmt.Sprint(toks) != fmt.Sprint(want) {
			t.Errorf("%q: refused by go-yaml, but not lexed by chroma:\n%v\nwant\n%v", c.code, toks, want)
		}
	}
}

// FuzzYAMLTokens: whatever the code, the tokens give it back exactly; a
// page never shows other text than its source's record.
func FuzzYAMLTokens(f *testing.F) {
	for _, s := range []string{"id: x\n", "a: [1, {b: c}]\n", "k: |\n  x\n  y\n", "- &a x\n- *a\n", "? k\n: v", "a: \"x\" # c\n\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		if !utf8.ValidString(code) {
			return // chroma's lexers, which take what go-yaml refuses, read text; the sources are checked to be UTF-8
		}
		toks, err := lex(lexerFor("yaml"), code)
		if err != nil {
			return
		}
		// chroma's lexers, which take what go-yaml refuses, end every
		// line with a line feed.
		want := code
		if _, ok := yamlTokens(code); !ok {
			want = strings.ReplaceAll(strings.ReplaceAll(code, "\r\n", "\n"), "\r", "\n")
		}
		if s := join(toks); s != want {
			t.Errorf("tokens give back %q, want %q", s, want)
		}
	})
}

func join(toks []chroma.Token) string {
	var b strings.Builder
	for _, tok := range toks {
		b.WriteString(tok.Value)
	}
	return b.String()
}
