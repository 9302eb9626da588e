package highlight

import (
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
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
