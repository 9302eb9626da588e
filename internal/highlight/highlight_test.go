package highlight

import (
	"crypto/sha256"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"

	"dossier/internal/cache"
)

func TestTokensLexOnce(t *testing.T) {
	h, err := New(DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	code := "id: interpol-minsk\ngrade: {reliability: B}\n"
	for range 3 {
		if _, err := h.Tokens("yaml", code); err != nil {
			t.Fatal(err)
		}
		if _, err := h.HTML("yaml", code); err != nil {
			t.Fatal(err)
		}
	}
	if h.lexed != 1 {
		t.Errorf("lexed %d times, want 1", h.lexed)
	}
	if _, err := h.Tokens("yaml", code+"x: 1\n"); err != nil {
		t.Fatal(err)
	}
	if h.lexed != 2 {
		t.Errorf("a different block: lexed %d times in all, want 2", h.lexed)
	}
}

func TestTokensRoundTrip(t *testing.T) {
	h, err := New(DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"yaml", "go", "", "no-such-language"} {
		code := "key: \"Материал\"\n\tindented\n"
		toks, err := h.Tokens(lang, code)
		if err != nil {
			t.Fatalf("%q: %v", lang, err)
		}
		var b strings.Builder
		for _, tok := range toks {
			b.WriteString(tok.Value)
		}
		if b.String() != code {
			t.Errorf("%q: tokens give back %q, want %q", lang, b.String(), code)
		}
	}
}

func TestHTMLAndStyle(t *testing.T) {
	h, err := New(DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	out, err := h.HTML("yaml", "id: x\n")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `class="hl-`) || strings.Contains(out, "style=") {
		t.Errorf("HTML should use classes, not inline styles:\n%s", out)
	}
	css, err := h.CSS()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(css, ".hl-") {
		t.Errorf("CSS has no .hl- rules:\n%.200s", css)
	}
	if c := h.Style(chroma.Keyword); c == (Colour{}) {
		t.Errorf("Style(Keyword) is plain black; the %s style colours keywords", DefaultStyle)
	}
	if _, err := New("no-such-style"); err == nil {
		t.Error("New with an unknown style: want an error")
	}
}

// TestTokensKept: a highlighter given a store lexes only what no earlier
// one kept there, and gives the same tokens either way.
func TestTokensKept(t *testing.T) {
	dir := t.TempDir()
	program := sha256.Sum256([]byte("test"))
	code := "package main\n\n// Привет, «мир»\nfunc main() { println(\"hi\\t\") }\n"
	var want []chroma.Token
	for i, wantLexed := range []int{1, 0} {
		h, err := New(DefaultStyle)
		if err != nil {
			t.Fatal(err)
		}
		h.Keep(cache.Open(dir, program))
		toks, err := h.Tokens("go", code)
		if err != nil {
			t.Fatal(err)
		}
		if h.lexed != wantLexed {
			t.Errorf("build %d lexed %d times, want %d", i+1, h.lexed, wantLexed)
		}
		if i == 0 {
			want = toks
		} else if !reflect.DeepEqual(toks, want) {
			t.Errorf("the kept tokens differ from the lexed ones:\n%v\n%v", toks, want)
		}
	}
}

// TestYAMLNotKept: YAML, which go-yaml lexes faster than the store reads
// it back, is lexed every time and never put in the store.
func TestYAMLNotKept(t *testing.T) {
	dir := t.TempDir()
	program := sha256.Sum256([]byte("test"))
	for i := range 2 {
		h, err := New(DefaultStyle)
		if err != nil {
			t.Fatal(err)
		}
		h.Keep(cache.Open(dir, program))
		if _, err := h.Tokens("yaml", "id: example\ntitle: Példa\n"); err != nil {
			t.Fatal(err)
		}
		if h.lexed != 1 {
			t.Errorf("build %d lexed %d times, want 1", i+1, h.lexed)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the store holds %d entries, want none", len(entries))
	}
}

// TestDecodeRejectsCut: data cut inside a token is not a whole encoding.
// (The store checks each entry's digest; this is the second line.)
func TestDecodeRejectsCut(t *testing.T) {
	toks := []chroma.Token{{Type: chroma.Keyword, Value: "func"}, {Type: chroma.Text, Value: " "}}
	data := encode(toks)
	if got, ok := decode(data, true); !ok || !reflect.DeepEqual(got, toks) {
		t.Fatalf("decode(encode) = %v, %v", got, ok)
	}
	first := len(encode(toks[:1]))
	for n := 1; n < len(data); n++ {
		if _, ok := decode(data[:n], true); ok && n != first {
			t.Errorf("decode accepted the first %d of %d bytes", n, len(data))
		}
	}
}
