package link

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// Hedges lists the words with which a source qualifies what it states
// ("coal is reportedly smuggled"), generic English vocabulary, not any
// dossier's. A claim that paraphrases a hedged quote must keep a hedge
// (see FindHedges and the resolve stage's hedge check). Longer phrases
// come before the words they contain, so that the longest match is the
// one reported.
var Hedges = []string{
	"there are indications that",
	"there is a possibility that",
	"it is likely that",
	"it is believed that",
	"is believed to",
	"are believed to",
	"is said to",
	"are said to",
	"is thought to",
	"are thought to",
	"appears to",
	"appear to",
	"according to",
	"reportedly",
	"allegedly",
	"alleged",
	"accused of",
	"is likely",
	"are likely",
	"likely",
	"unlikely",
	"probably",
	"possibly",
	"perhaps",
	"may",
	"might",
	"could",
	"suspected",
	"seemingly",
	"seems to",
	"seem to",
	"becoming",
	"if any",
}

// FindHedges returns the hedges of the list that occur in s, each once,
// in the order of the list, matched as whole words and without regard to
// case: "may" is found in "it may increase" but not in "Mayor". A phrase
// found inside a longer one already found ("likely" in "it is likely that")
// is not listed again.
func FindHedges(s string, list []string) []string {
	var found []string
	for _, h := range findHedges(s, list) {
		found = append(found, h.words)
	}
	return found
}

// hedgeAt is a hedge found in a text, at text[at:].
type hedgeAt struct {
	words string
	at    int
}

// findHedges is FindHedges with where each hedge first occurs.
func findHedges(s string, list []string) []hedgeAt {
	low := lower(s)
	var found []hedgeAt
	var spans [][2]int
	for _, h := range list {
		for at := 0; at < len(low); {
			i := strings.Index(low[at:], h)
			if i < 0 {
				break
			}
			i += at
			end := i + len(h)
			at = end
			if !wordEdge(low, i, end) {
				continue
			}
			inside := false
			for _, sp := range spans {
				if i >= sp[0] && end <= sp[1] {
					inside = true
					break
				}
			}
			spans = append(spans, [2]int{i, end})
			if !inside {
				found = append(found, hedgeAt{h, i})
			}
			break
		}
	}
	return found
}

// lower returns s in lower case, letter for letter and byte for byte, so
// that an offset in it is one in s: a letter whose lower case takes another
// number of bytes (as "İ" does) is left as it is.
func lower(s string) string {
	return strings.Map(func(r rune) rune {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			return l
		}
		return r
	}, s)
}

// attribution is the hedge that, in the analyst's words, usually names
// whose statement it is ("according to [[S:…]]") rather than qualifying
// it: it keeps a quote's hedge only when the quote says "according to" too.
const attribution = "according to"

// keeps reports whether the hedges of a claim's text keep those of its
// quote: any hedge but attribution does, and attribution does when the
// quote's hedge is attribution.
func keeps(text, quote []string) bool {
	for _, h := range text {
		if h != attribution || slices.Contains(quote, attribution) {
			return true
		}
	}
	return false
}

// wordEdge reports whether s[i:end] starts and ends at word boundaries.
func wordEdge(s string, i, end int) bool {
	if i > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:i])
		if isWord(r) {
			return false
		}
	}
	if end < len(s) {
		r, _ := utf8.DecodeRuneInString(s[end:])
		if isWord(r) {
			return false
		}
	}
	return true
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' }

// hedges checks that every claim that paraphrases a hedged quote keeps the
// hedge: entity claims, relations with a note, and the findings of the
// crime-market summary. A quote is hedged by a hedge in its words, or
// before them in its clause or opening its sentence (see
// quoteContext.qualifying). A claim keeps the hedge when it is an
// allegation, when it declares the source's hedge (hedge:), or when its own
// text carries a hedge; the resolve stage then records the quote's hedge in
// Claim.Hedge, so that the claim is shown as hedged. It runs after the
// texts and citations are resolved.
func (r *resolver) hedges() error {
	var errs diag.List
	for _, e := range r.d.Entities {
		for i := range e.Claims {
			c := &e.Claims[i]
			if c.Hedge != "" && !inQuotes(c.Hedge, c.Cites) {
				errs.Add(diag.Errorf(e.Path, c.Line, "claim of %s: hedge %q is not in the words of its quotes; quote the source's hedge with the statement it qualifies", e.ID, c.Hedge))
				continue
			}
			errs.Add(r.keepsHedge(e.Path, c, "claim of "+e.ID, true))
		}
		for _, rel := range e.Relations {
			if rel.Note == "" {
				continue
			}
			c := model.Claim{Text: rel.Note, Cites: rel.Cites, Line: rel.Line}
			errs.Add(r.keepsHedge(e.Path, &c, "note of the relation "+e.ID+" "+string(rel.Type)+" "+rel.ToID, false))
		}
	}
	if s := r.d.Markets; s != nil {
		for _, f := range s.Findings() {
			errs.Add(r.keepsHedge(s.Path, &f.Claim, "finding", true))
		}
		for _, m := range s.Markets {
			for _, a := range m.Agencies {
				if a.Note != "" && len(a.Cites) > 0 {
					c := model.Claim{Text: a.Note, Cites: a.Cites, Line: a.Line}
					errs.Add(r.keepsHedge(s.Path, &c, "note of the agency "+a.EntityID+" of market "+string(m.ID), false))
				}
			}
		}
	}
	return errs.Err()
}

// keepsHedge checks one claim, written in file, and records the hedge it
// keeps. A claim without text of its own (a market role, say, shown with
// its quote) keeps the source's words, and so its hedge. declarable says
// whether the claim may declare hedge: and allegation: (a claim or a
// finding may; a note only keeps the hedge in its words).
//
// A quote's hedge is one in its words or, when they hold none, one that
// stands before them in their sentence (see quoteSentence): "trafficking
// appears to be carried out by" qualifies the quote "carried out by
// customs officials" as much as it would the whole sentence.
func (r *resolver) keepsHedge(file string, c *model.Claim, what string, declarable bool) error {
	c.Worded = keeps(FindHedges(c.Text, Hedges), nil)
	if c.Hedge != "" {
		return nil
	}
	for i := range c.Cites {
		cite := &c.Cites[i]
		hs := FindHedges(cite.Quote, Hedges)
		before := "" // the words from the hedge before the quote to the quote
		if len(hs) == 0 {
			if h, lead, ok := r.hedgeBefore(cite); ok {
				hs, before = []string{h}, lead
			}
		}
		if len(hs) == 0 {
			continue
		}
		if c.Allegation || c.Text == "" || keeps(FindHedges(c.Text, Hedges), hs) {
			c.Hedge = hs[0]
			return nil
		}
		where := cite.Source
		if cite.Doc != nil {
			where = cite.Label()
		}
		if before != "" {
			fix := "keep the hedge in the note's words"
			if declarable {
				fix = fmt.Sprintf("keep the hedge in the claim's words, quote the words from %q on and declare it with hedge: %q, or mark the claim allegation: true", hs[0], hs[0])
			}
			return diag.Errorf(file, c.Line, "%s drops the hedge %q that stands before its quote in the same sentence of %s (%q, then the quote on line %d: %q): %s",
				what, hs[0], where, before, cite.Line, cite.Quote, fix)
		}
		fix := "keep the hedge in the note's words"
		if declarable {
			fix = fmt.Sprintf("keep the hedge in the claim's words, declare it with hedge: %q, or mark the claim allegation: true", hs[0])
		}
		return diag.Errorf(file, c.Line, "%s drops the hedge %q of its quote from %s (line %d: %q): %s",
			what, hs[0], where, cite.Line, cite.Quote, fix)
	}
	return nil
}

// hedgeBefore returns the first hedge of Hedges that stands before a
// resolved citation's quote and qualifies it (see quoteContext.qualifying:
// in the quote's clause, or opening its sentence), and the words from it
// up to the quote ("…appears to be carried out by"). A hedge that starts
// before the quote and ends inside it ("is said | to track") counts as
// before it: the quote does not hold it whole.
func (r *resolver) hedgeBefore(c *model.Citation) (hedge, lead string, ok bool) {
	ctx, ok := quoteSentence(c, r.folded)
	if !ok {
		return "", "", false
	}
	for _, h := range ctx.qualifying(Hedges) {
		if h.at < ctx.quote {
			return h.words, ctx.lead(h), true
		}
	}
	return "", "", false
}

// descriptions checks that every paragraph of an entity's description
// either names a source it rests on ([[S:id]] or [[S:id#12]]) or is marked
// as background, so that no sentence of the analyst's passes for sourced
// when it is not. It runs after the references are resolved.
func (r *resolver) descriptions() error {
	var errs diag.List
	for _, e := range r.d.Entities {
		p := e.Description
		if p == nil || p.Doc == nil {
			continue
		}
		for n := p.Doc.FirstChild(); n != nil; n = n.NextSibling() {
			para, ok := n.(*ast.Paragraph)
			if !ok || namesSource(para) {
				continue
			}
			line := p.Line
			if para.Lines().Len() > 0 {
				line += strings.Count(string(p.Source[:para.Lines().At(0).Start]), "\n")
			}
			errs.Add(diag.Errorf(p.Path, line, "description of %s: a paragraph that names no source: refer to the source it rests on ([[S:id]] or [[S:id#12]]), or mark it as background, a quote whose first line is %s", e.ID, markdown.BackgroundMarker))
		}
	}
	return errs.Err()
}

// namesSource reports whether n holds a reference to a source.
func namesSource(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if ref, ok := c.(*markdown.Ref); ok && entering && ref.IsSource() {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
