package link

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/model"
)

// foldQuote prepares text for quote matching: runs of white space become
// one space, typographic quotes and apostrophes become their plain forms,
// and hyphens and dashes are dropped (with the line break after a hyphen at a
// line's end), so that a quote matches across line breaks, hyphenation and
// typography, while its words must still be exactly the source's.
//
// A hyphen at the end of a line inside a word ("low-\nlevel") is dropped
// with the white space after it, so that the word is whole again: a hyphen
// (-, U+00AD, U+2010 or U+2011) after a character that is not ASCII white
// space and before ASCII white space, as the regular expression
// `(\S)[-\x{00AD}\x{2010}\x{2011}]\s+` would find it. It is one scan of
// the text, not a regular expression and then a scan: resolving cites a
// dossier's every quote, and folds every paragraph it is looked for in.
func foldQuote(s string) string {
	return fold(s, nil)
}

// foldOffsets returns foldQuote(s) and, for each of its bytes, the offset in
// s of the character it comes from, with len(s) after the last: what
// maps words found in a folded paragraph back to the paragraph's own.
func foldOffsets(s string) (string, []int) {
	offsets := make([]int, 0, len(s)+1)
	f := fold(s, &offsets)
	return f, append(offsets, len(s))
}

// fold is foldQuote; when offsets is not nil, it records in it, for each
// byte written, the offset in s of the character it comes from.
func fold(s string, offsets *[]int) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	spaceAt := 0
	for i := 0; i < len(s); {
		at := i
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !asciiSpace(r) {
			if h, hn := utf8.DecodeRuneInString(s[i:]); isBreakHyphen(h) && i+hn < len(s) && asciiSpace(rune(s[i+hn])) {
				// r ends a line inside a word: the hyphen and the white
				// space after it go, and the word goes on with no space.
				i += hn
				for i < len(s) && asciiSpace(rune(s[i])) {
					i++
				}
			}
		}
		switch {
		case unicode.IsSpace(r):
			if !space {
				spaceAt = at
			}
			space = true
			continue
		case r == '-' || r == '\u00ad' || r >= firstDash && unicode.Is(unicode.Pd, r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			if offsets != nil {
				*offsets = append(*offsets, spaceAt)
			}
		}
		space = false
		switch r {
		case '‘', '’', '‚', '‛', '′':
			r = '\''
		case '“', '”', '„', '‟', '«', '»', '″':
			r = '"'
		}
		w, _ := b.WriteRune(r)
		if offsets != nil {
			for range w {
				*offsets = append(*offsets, at)
			}
		}
	}
	return b.String()
}

// firstDash is the first dash punctuation (Unicode's Pd) after the
// hyphen-minus, U+058A ARMENIAN HYPHEN: fold looks no character below it up
// in the table.
const firstDash = '\u058a'

// asciiSpace reports whether r is white space as \s means it in a regular
// expression of package regexp: ASCII only.
func asciiSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// isBreakHyphen reports whether r is a hyphen that can end a line inside a
// word: the hyphen-minus, the soft hyphen, the hyphen, the non-breaking
// hyphen.
func isBreakHyphen(r rune) bool {
	return r == '-' || r == '\u00ad' || r == '\u2010' || r == '\u2011'
}

// wholeBlocks narrows the blocks a folded quote q was found in to those it
// makes up entirely, when there are several and some are: a list item
// "Drugs" is cited by quoting it whole, although "Drugs and Trafficking in
// Human Beings" contains the word too. folded holds each block's folded text.
func wholeBlocks(found []*model.Block, q string, folded map[*model.Block]string) []*model.Block {
	if len(found) < 2 {
		return found
	}
	trim := func(s string) string { return strings.TrimRight(s, ".;:, ") }
	var whole []*model.Block
	for _, b := range found {
		if trim(folded[b]) == trim(q) {
			whole = append(whole, b)
		}
	}
	if len(whole) == 0 {
		return found
	}
	return whole
}
