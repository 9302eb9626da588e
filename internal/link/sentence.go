package link

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/model"
)

// sentenceStart returns the byte offset in text at which the sentence that
// holds text[at] begins: the start of text, or the first byte after a
// sentence break before at. text is a paragraph as foldQuote leaves it,
// with one space between words.
//
// A sentence break is ".", "!" or "?", then any closing quotes or brackets,
// then a space, then a word that starts with an upper-case letter or a
// digit (after any opening quotes or brackets). A "." does not break a
// sentence when the word it ends is a single letter (an initial, "J.
// Smith", or the end of "e.g."), holds a "." of its own ("e.g.", "U.S."),
// or is one of the abbreviations that stand before a name or a number
// ("No. 5", "Art. 12", "Mr. Smith", see abbreviations). The rule is
// conservative: where it is unsure it finds no break, so the sentence runs
// on to the left and the hedge check looks at more words, never fewer.
func sentenceStart(text string, at int) int {
	for i := min(at, len(text)) - 1; i > 0; i-- {
		if text[i] == ' ' && endsSentence(text[:i]) && startsSentence(text[i+1:]) {
			return i + 1
		}
	}
	return 0
}

// closers are the characters that may follow a sentence's final stop, and
// openers those that may come before its first word: quotes as foldQuote
// leaves them, and brackets.
const (
	closers = `"')]`
	openers = `"'([`
)

// endsSentence reports whether s ends with a sentence's final stop, as
// sentenceStart describes it.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, closers)
	switch {
	case strings.HasSuffix(s, "!"), strings.HasSuffix(s, "?"):
		return true
	case !strings.HasSuffix(s, "."):
		return false
	}
	word := s[strings.LastIndexByte(s, ' ')+1 : len(s)-1]
	word = strings.TrimLeft(word, openers)
	switch {
	case word == "":
		return true // "…" written as ". . ."; or a stop on its own
	case strings.Contains(word, "."):
		return false // "e.g.", "U.S."
	case utf8.RuneCountInString(word) == 1:
		r, _ := utf8.DecodeRuneInString(word)
		return !unicode.IsLetter(r) // "J. Smith"; "in 5. Then" does break
	}
	return !abbreviations[strings.ToLower(word)]
}

// startsSentence reports whether s starts with a sentence's first word, as
// sentenceStart describes it.
func startsSentence(s string) bool {
	s = strings.TrimLeft(s, openers)
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// abbreviations are the words, lower case and without their ".", that
// stand before a name or a number and so are followed by a capital or a
// digit without ending a sentence: generic English, titles and the words
// of references.
var abbreviations = map[string]bool{
	"no": true, "nos": true, "art": true, "arts": true, "para": true, "paras": true,
	"pp": true, "fig": true, "figs": true, "vol": true, "vols": true, "ch": true,
	"sec": true, "cf": true, "vs": true, "approx": true, "ca": true,
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "gov": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true,
	"aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// clauseStart returns the byte offset in text at which the clause that
// holds text[at] begins, looking no further left than from, the start of
// its sentence. A clause begins after "; " and at the conjunction of ", and
// ", ", but ", ", while ", ", whereas " and ", where ": the words that join
// a new clause to the one before it ("Arms are believed to cross the border
// near the town, and most seizures are made by customs"). Other
// commas do not end a clause, nor does "which" or "who", whose clause hangs
// on the words before it.
func clauseStart(text string, from, at int) int {
	for i := min(at, len(text)) - 1; i >= from; i-- {
		switch text[i] {
		case ';':
			if i+1 < len(text) && text[i+1] == ' ' && i+2 <= at {
				return i + 2
			}
		case ',':
			rest := text[i+1:]
			for _, w := range clauseWords {
				if strings.HasPrefix(rest, " "+w) && wordEdge(rest, 1, 1+len(w)) && i+2 <= at {
					return i + 2
				}
			}
		}
	}
	return from
}

// clauseWords are the conjunctions that, after a comma, begin a clause of
// their own (see clauseStart).
var clauseWords = []string{"and", "but", "while", "whereas", "where"}

// quoteContext is what a paragraph says around a quote that bears on it:
// the words from the start of the quote's sentence to the end of the
// quote, with where in them the quote and its clause begin.
type quoteContext struct {
	words  string // from the start of the sentence to the end of the quote, folded
	clause int    // offset in words of the start of the quote's clause
	quote  int    // offset in words of the start of the quote

	text string // the paragraph's own text, unfolded
	from int    // offset of words in the folded paragraph
}

// quoteSentence returns the context of a resolved citation's quote in the
// paragraph it is tied to. The paragraph is folded as the quote was found
// in it (foldQuote); a quote that occurs twice in its paragraph is taken
// where it first occurs. It returns ok false for a citation that is not
// resolved.
func quoteSentence(c *model.Citation, folded map[*model.Block]string) (ctx quoteContext, ok bool) {
	if c.Block == nil {
		return ctx, false
	}
	f := foldedText(c.Block, folded)
	q := foldQuote(c.Quote)
	i := strings.Index(f, q)
	if i < 0 || q == "" {
		return ctx, false
	}
	from := sentenceStart(f, i)
	return quoteContext{words: f[from : i+len(q)], clause: clauseStart(f, from, i) - from, quote: i - from, text: c.Block.Text, from: from}, true
}

// qualifying returns the phrases of list that qualify the quote: those in
// the quote's clause, up to the end of the quote, and one that opens the
// sentence ("According to the police, …", "It is likely that …"), which
// frames the whole of it. Each phrase is listed once, in the order of
// list, at its first such place; offsets are in ctx.words.
func (ctx quoteContext) qualifying(list []string) []hedgeAt {
	found := findHedges(ctx.words[ctx.clause:], list)
	for i := range found {
		found[i].at += ctx.clause
	}
	if ctx.clause == 0 {
		return found
	}
	lead := len(ctx.words) - len(strings.TrimLeft(ctx.words, openers))
	for _, h := range findHedges(ctx.words, list) {
		if h.at == lead && !slices.ContainsFunc(found, func(f hedgeAt) bool { return f.words == h.words }) {
			found = append([]hedgeAt{h}, found...)
		}
	}
	return found
}

// lead returns the paragraph's words from h to the quote, as the paragraph
// writes them (hyphens, dashes and typographic quotes as they are), with
// "…" for the words of the sentence before h ("…appears to be carried out
// by"), or "" when h is not before the quote.
func (ctx quoteContext) lead(h hedgeAt) string {
	if h.at >= ctx.quote {
		return ""
	}
	_, offsets := foldOffsets(ctx.text)
	lead := strings.TrimSpace(ctx.text[offsets[ctx.from+h.at]:offsets[ctx.from+ctx.quote]])
	if h.at > 0 {
		lead = "…" + lead
	}
	return lead
}
