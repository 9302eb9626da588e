package highlight

import (
	"regexp"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/token"
)

// yamlTokens lexes YAML with go-yaml's scanner instead of chroma's YAML
// lexer, whose regular expressions made it the costliest step of a first
// build: every source page shows its provenance record, and go-yaml
// tokenises one about nine times faster. The token types are those chroma's
// lexer gives, so the stylesheet and the PDF's colours are unchanged. ok is
// false when go-yaml finds the code invalid or its tokens do not give back
// the code exactly; the caller then lexes it with chroma.
func yamlTokens(code string) (toks []chroma.Token, ok bool) {
	defer func() {
		if recover() != nil { // a scanner bug must cost only the fast path
			toks, ok = nil, false
		}
	}()
	var out []chroma.Token
	emit := func(typ chroma.TokenType, s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Type == typ {
			out[n-1].Value += s // coalesced, as chroma.Coalesce does
			return
		}
		out = append(out, chroma.Token{Type: typ, Value: s})
	}
	var b strings.Builder
	prev := chroma.Text // the type of the last token that was not space
	for _, t := range lexer.Tokenize(code) {
		typ, ok := yamlType(t, prev)
		if !ok {
			return nil, false
		}
		// A token's origin holds the spaces around it; they are shown as
		// chroma's lexer shows them, as whitespace of their own.
		core := strings.TrimLeft(t.Origin, " \t\r\n")
		emit(chroma.TextWhitespace, t.Origin[:len(t.Origin)-len(core)])
		text := strings.TrimRight(core, " \t\r\n")
		emit(typ, text)
		emit(chroma.TextWhitespace, core[len(text):])
		b.WriteString(t.Origin)
		prev = typ
	}
	// The scanner leaves out the spaces that end the code.
	got := b.String()
	rest, found := strings.CutPrefix(code, got)
	if !found || strings.Trim(rest, " \t\r\n") != "" {
		return nil, false
	}
	emit(chroma.TextWhitespace, rest)
	if out == nil {
		out = []chroma.Token{}
	}
	return out, true
}

// yamlDate is a plain scalar chroma's YAML lexer shows as a date.
var yamlDate = regexp.MustCompile(`^\d\d\d\d-\d\d-\d\d([T ]\d\d:\d\d:\d\d(\.\d+)?(Z|\s+[-+]\d+)?)?$`)

// yamlType returns the chroma type of a go-yaml token; prev is that of
// the token before it. ok is false for a token go-yaml found invalid.
func yamlType(t *token.Token, prev chroma.TokenType) (typ chroma.TokenType, ok bool) {
	switch t.Type {
	case token.InvalidType, token.UnknownType:
		return 0, false
	case token.CommentType:
		return chroma.Comment, true
	case token.DocumentHeaderType, token.DocumentEndType:
		return chroma.NameNamespace, true
	case token.AnchorType, token.AliasType, token.TagType, token.DirectiveType:
		return chroma.CommentPreproc, true
	case token.SequenceEntryType, token.MappingKeyType, token.MappingValueType, token.MergeKeyType,
		token.CollectEntryType, token.SequenceStartType, token.SequenceEndType,
		token.MappingStartType, token.MappingEndType, token.LiteralType, token.FoldedType:
		return chroma.Punctuation, true
	case token.SpaceType:
		return chroma.TextWhitespace, true
	}
	if t.Next != nil && t.Next.Type == token.MappingValueType {
		return chroma.NameTag, true // a key
	}
	if prev == chroma.CommentPreproc && t.Prev != nil && (t.Prev.Type == token.AnchorType || t.Prev.Type == token.AliasType) {
		return chroma.CommentPreproc, true // the name after & or *
	}
	switch t.Type {
	case token.NullType, token.ImplicitNullType, token.BoolType:
		return chroma.KeywordConstant, true
	case token.IntegerType, token.BinaryIntegerType, token.OctetIntegerType, token.HexIntegerType,
		token.FloatType, token.InfinityType, token.NanType:
		return chroma.LiteralNumber, true
	case token.SingleQuoteType:
		return chroma.LiteralStringSingle, true
	case token.DoubleQuoteType:
		return chroma.LiteralStringDouble, true
	}
	if t.Prev != nil && (t.Prev.Type == token.LiteralType || t.Prev.Type == token.FoldedType) {
		return chroma.LiteralStringDoc, true // a block scalar's lines
	}
	if yamlDate.MatchString(t.Value) {
		return chroma.LiteralDate, true
	}
	return chroma.Literal, true
}
