package link

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"dossier/internal/model"
	"dossier/internal/testutil"
)

// TestFoldQuoteJoinsBrokenWords checks foldQuote's one scan against what it
// replaced: the hyphens that end a line inside a word removed with a
// regular expression, then the text folded, on random texts made of the
// characters either treats specially.
func TestFoldQuoteJoinsBrokenWords(t *testing.T) {
	t.Parallel()
	lineBreakHyphen := regexp.MustCompile(`(\S)[-\x{00AD}\x{2010}\x{2011}]\s+`)
	tests := []struct{ in, want string }{
		{"low-\nlevel", "lowlevel"},
		{"low-level", "lowlevel"},
		{"low - level", "low level"},
		{"low-\n-\nlevel", "low level"},
		{"  “Quoted”\u00a0‘words’  ", "\"Quoted\" 'words'"},
		{"end-\n", "end"},
		{"знач\u00ad\r\nение", "значение"},
	}
	for _, tt := range tests {
		if got := foldQuote(tt.in); got != tt.want {
			t.Errorf("foldQuote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	alphabet := []string{" ", "\n", "\r\n", "\t", "\f", "\v", "\u00a0", "-", "\u00ad", "\u2010", "\u2011", "\u2013", "a", "я", "’", "«", "\xff", "\xe2\x80"}
	for _, s := range testutil.RandomTexts(3, 20000, alphabet) {
		if got, want := foldQuote(s), regexpFold(lineBreakHyphen, s); got != want {
			t.Fatalf("foldQuote(%q) = %q, want %q", s, got, want)
		}
	}
}

// regexpFold is foldQuote as it was: the hyphens that end a line inside a
// word removed with re, then the text folded.
func regexpFold(re *regexp.Regexp, s string) string {
	s = re.ReplaceAllString(s, "$1")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case r == '-' || r == '\u00ad' || unicode.Is(unicode.Pd, r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		switch r {
		case '‘', '’', '‚', '‛', '′':
			r = '\''
		case '“', '”', '„', '‟', '«', '»', '″':
			r = '"'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestFind finds a quote's paragraphs as citing would tie them: across a
// hyphen broken at a line's end and typographic quotes, one paragraph or
// several, never a heading.
func TestFind(t *testing.T) {
	doc := &model.Document{Blocks: []model.Block{
		{Kind: model.Heading, Text: "Low-level work"},
		{Kind: model.Paragraph, Number: 1, Text: "The unit does low-\nlevel work, it says “often”."},
		{Kind: model.Paragraph, Number: 2, Text: "Its low-level work is reported."},
	}}
	tests := []struct {
		quote string
		want  []int
	}{
		{`low-level work, it says "often"`, []int{1}},
		{"low-level work", []int{1, 2}},
		{"reported", []int{2}},
		{"nothing", nil},
	}
	for _, tt := range tests {
		var got []int
		for _, b := range Find(doc, tt.quote) {
			got = append(got, b.Number)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.quote, got, tt.want)
		}
	}
}

// TestFoldOffsets checks that foldOffsets folds as foldQuote does and maps
// each byte of the folded text back to the character it comes from.
func TestFoldOffsets(t *testing.T) {
	t.Parallel()
	s := "a ‘low-level’  official"
	f, offsets := foldOffsets(s)
	if f != "a 'lowlevel' official" {
		t.Fatalf("foldOffsets(%q) folds to %q", s, f)
	}
	for _, w := range []struct{ folded, want string }{
		{"'lowlevel'", "‘low-level’"},
		{"lowlevel", "low-level"},
		{"official", "official"},
		{"a", "a"},
	} {
		i := strings.Index(f, w.folded)
		if got := s[offsets[i]:offsets[i+len(w.folded)]]; got != w.want && strings.TrimSpace(got) != w.want {
			t.Errorf("%q maps back to %q, want %q", w.folded, got, w.want)
		}
	}
	alphabet := []string{" ", "\n", "\t", "\u00a0", "-", "\u00ad", "\u2013", "a", "я", "’", "«", "\xff"}
	for _, s := range testutil.RandomTexts(3, 5000, alphabet) {
		f, offsets := foldOffsets(s)
		if f != foldQuote(s) || len(offsets) != len(f)+1 || !slices.IsSorted(offsets) || offsets[len(f)] != len(s) {
			t.Fatalf("foldOffsets(%q) = %q, %v; want foldQuote's text and an offset per byte, in order", s, f, offsets)
		}
	}
}

// TestFirstDash: no dash punctuation lies between the hyphen-minus and
// firstDash, which fold does not look up.
func TestFirstDash(t *testing.T) {
	t.Parallel()
	for r := rune('-' + 1); r < firstDash; r++ {
		if unicode.Is(unicode.Pd, r) {
			t.Errorf("%U is dash punctuation, below firstDash %U", r, firstDash)
		}
	}
	if !unicode.Is(unicode.Pd, firstDash) {
		t.Errorf("firstDash %U is not dash punctuation", firstDash)
	}
}
