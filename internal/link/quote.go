package link

import (
	"regexp"
	"strings"
	"unicode"

	"dossier/internal/model"
)

// lineBreakHyphen is a hyphen at the end of a line inside a word: "low-\nlevel".
var lineBreakHyphen = regexp.MustCompile(`(\S)[-\x{00AD}\x{2010}\x{2011}]\s+`)

// foldQuote prepares text for quote matching: runs of white space become
// one space, typographic quotes and apostrophes become their plain forms,
// and hyphens and dashes are dropped (with the line break after a hyphen at a
// line's end), so that a quote matches across line breaks, hyphenation and
// typography, while its words must still be exactly the source's.
func foldQuote(s string) string {
	s = lineBreakHyphen.ReplaceAllString(s, "$1")
	var b strings.Builder
	b.Grow(len(s))
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
