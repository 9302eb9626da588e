// Package highlight turns code into coloured tokens with chroma, once.
//
// Lexing is the costliest step of rendering, and the same block (a source's
// provenance record, a code sample in a note) is shown by the HTML pages and
// the PDF alike. A Highlighter lexes each distinct (language, code) pair once
// and hands the tokens to both back ends: HTML through chroma's formatter with
// CSS classes, the PDF through Style, which gives each token's colour. Given
// a build cache (Keep), it keeps the tokens there for later builds too.
package highlight

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"

	"dossier/internal/cache"
)

// DefaultStyle is the chroma style used when none is named.
const DefaultStyle = "github"

// Highlighter lexes and formats code. It is safe for concurrent use.
type Highlighter struct {
	style     *chroma.Style
	formatter *chromahtml.Formatter

	store *cache.Cache // where lexed tokens are kept across builds; nil for none

	mu     sync.Mutex
	tokens map[key][]chroma.Token
	html   map[key]string
	lexed  int // number of times a lexer actually ran; for tests
}

type key struct{ lang, code string }

// New returns a Highlighter using the named chroma style. An unknown name is
// an error rather than a silent fallback.
func New(style string) (*Highlighter, error) {
	s, ok := styles.Registry[style]
	if !ok {
		return nil, fmt.Errorf("unknown highlighting style %q", style)
	}
	return &Highlighter{
		style:     s,
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix("hl-")),
		tokens:    make(map[key][]chroma.Token),
		html:      make(map[key]string),
	}, nil
}

// CacheKind is the kind of the entries Keep puts in a build cache.
const CacheKind = "highlight"

// Keep has h keep the tokens it lexes in c, and look there before it
// lexes, so that a build lexes only the code blocks no earlier build did.
// Call it before the first Tokens.
func (h *Highlighter) Keep(c *cache.Cache) { h.store = c }

// Tokens returns the tokens of code in the language lang (a chroma lexer name
// or alias such as "yaml" or "go"). An unknown or empty language gives the
// code as a single text token. The result is shared: do not modify it.
func (h *Highlighter) Tokens(lang, code string) ([]chroma.Token, error) {
	k := key{lang, code}
	h.mu.Lock()
	toks, ok := h.tokens[k]
	h.mu.Unlock()
	if ok {
		return toks, nil
	}
	// Lexing runs outside the lock, so that pages rendered in parallel
	// lex their blocks in parallel; two that lex the same block at once
	// get equal tokens, and the first stored is kept.
	lexer := lexerFor(lang)
	store := h.store
	if isYAML(lexer) {
		// go-yaml's scanner (see yamlTokens) lexes YAML in less time
		// than the store takes to read the tokens back, and far less
		// than to write them (a file for each source's provenance
		// record): YAML is not kept.
		store = nil
	}
	ck := store.Key(CacheKind, []byte(lang), []byte(code))
	toks, ok = decode(store.Get(ck))
	if !ok {
		var err error
		if toks, err = lex(lexer, code); err != nil {
			return nil, err
		}
		// A store that fails to keep them costs the next build a lexing.
		_ = store.Put(ck, encode(toks))
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !ok {
		h.lexed++
	}
	if stored, ok := h.tokens[k]; ok {
		return stored, nil
	}
	h.tokens[k] = toks
	return toks, nil
}

// lexerFor returns chroma's lexer for the language lang, a chroma lexer
// name or alias; the fallback, which gives the code as one text token, for
// an unknown or empty one.
func lexerFor(lang string) chroma.Lexer {
	if lexer := lexers.Get(lang); lang != "" && lexer != nil {
		return lexer
	}
	return lexers.Fallback
}

// isYAML reports whether lexer is chroma's for YAML.
func isYAML(lexer chroma.Lexer) bool { return lexer.Config().Name == "YAML" }

// lex returns the tokens of code with lexer, or with go-yaml's scanner
// for YAML (see yamlTokens).
func lex(lexer chroma.Lexer, code string) ([]chroma.Token, error) {
	if isYAML(lexer) {
		if toks, ok := yamlTokens(code); ok {
			return toks, nil
		}
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return nil, fmt.Errorf("highlighting %s code: %w", lexer.Config().Name, err)
	}
	return it.Tokens(), nil
}

// HTML returns code as a highlighted <pre> element whose spans carry CSS
// classes (see CSS).
func (h *Highlighter) HTML(lang, code string) (string, error) {
	k := key{lang, code}
	h.mu.Lock()
	s, ok := h.html[k]
	h.mu.Unlock()
	if ok {
		return s, nil
	}
	toks, err := h.Tokens(lang, code)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := h.formatter.Format(&buf, h.style, chroma.Literator(toks...)); err != nil {
		return "", fmt.Errorf("formatting %s code: %w", lang, err)
	}
	s = buf.String()
	h.mu.Lock()
	h.html[k] = s
	h.mu.Unlock()
	return s, nil
}

// encode writes tokens as the store keeps them: for each, its type and its
// value's length as varints, then the value.
func encode(toks []chroma.Token) []byte {
	var b []byte
	for _, t := range toks {
		b = binary.AppendVarint(b, int64(t.Type))
		b = binary.AppendUvarint(b, uint64(len(t.Value)))
		b = append(b, t.Value...)
	}
	return b
}

// decode reads what encode wrote; ok is false when found is, or the data
// is not a whole encoding.
func decode(data []byte, found bool) (toks []chroma.Token, ok bool) {
	if !found {
		return nil, false
	}
	toks = []chroma.Token{}
	for len(data) > 0 {
		typ, n := binary.Varint(data)
		if n <= 0 {
			return nil, false
		}
		data = data[n:]
		size, n := binary.Uvarint(data)
		if n <= 0 || uint64(len(data)-n) < size {
			return nil, false
		}
		data = data[n:]
		toks = append(toks, chroma.Token{Type: chroma.TokenType(typ), Value: string(data[:size])})
		data = data[size:]
	}
	return toks, true
}

// CSS returns the stylesheet for the classes HTML uses.
func (h *Highlighter) CSS() (string, error) {
	var buf bytes.Buffer
	if err := h.formatter.WriteCSS(&buf, h.style); err != nil {
		return "", fmt.Errorf("writing highlighting CSS: %w", err)
	}
	return buf.String(), nil
}

// Colour is how the PDF draws one token.
type Colour struct {
	R, G, B      uint8
	Bold, Italic bool
}

// Style returns the colour and weight the style gives token type t.
func (h *Highlighter) Style(t chroma.TokenType) Colour {
	e := h.style.Get(t)
	c := Colour{Bold: e.Bold == chroma.Yes, Italic: e.Italic == chroma.Yes}
	if e.Colour.IsSet() {
		c.R, c.G, c.B = e.Colour.Red(), e.Colour.Green(), e.Colour.Blue()
	}
	return c
}
