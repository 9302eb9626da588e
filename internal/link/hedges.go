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

// Allegations lists the words with which a source reports a claim that
// someone did wrong which it does not establish: "allegedly", "is accused
// of", "is suspected of". Generic English vocabulary, as Hedges is. A claim
// whose quote, or the words that qualify it (see quoteContext.qualifying),
// holds one is an allegation and must be marked so (allegation: true); see
// the resolve stage's hedge check.
//
// The list holds only words that speak of wrongdoing in any context. It
// names an allegation as a noun only with what is alleged ("allegations
// that", "accusations of"): "given … corruption allegations" says that
// there are some, and alleges nothing itself. It leaves out "suspected"
// alone ("suspected cases of measles" are no one's crime), "suspect"
// ("the agency does not suspect that it is misused"), "the accused" (a party
// to a trial) and "charged with" ("the committee is charged with guarding
// the border" gives it a task). Passive forms ("is suspected", "been
// accused") are listed, so that "has been suspected, by Russian officials,
// of avoiding export duties" is found with words between the verb and its
// "of".
var Allegations = []string{
	"allegedly",
	"alleged",
	"allege",
	"alleges",
	"alleging",
	"allegation that",
	"allegations that",
	"allegation of",
	"allegations of",
	"accused of",
	"is accused",
	"are accused",
	"was accused",
	"were accused",
	"been accused",
	"being accused",
	"accuse",
	"accuses",
	"accusing",
	"accusation that",
	"accusations that",
	"accusation of",
	"accusations of",
	"suspected of",
	"is suspected",
	"are suspected",
	"was suspected",
	"were suspected",
	"been suspected",
	"being suspected",
	"on suspicion of",
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
// hedge, and that every claim that rests on an allegation is marked as one:
// entity claims, relations with a note, and the findings of the
// crime-market summary. A quote is hedged by a hedge in its words, or
// before them in its clause or opening its sentence (see
// quoteContext.qualifying); it reports an allegation by a word of
// Allegations in the same places. A claim keeps the hedge when it is an
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
	if err := r.alleges(file, c, what, declarable); err != nil {
		return err
	}
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

// alleges checks that a claim whose quote reports an allegation (a word of
// Allegations in the quote, or before it in its clause or opening its
// sentence) is marked as one. A note, which cannot be marked, must keep
// such a word in its own words.
func (r *resolver) alleges(file string, c *model.Claim, what string, declarable bool) error {
	if c.Allegation || (!declarable && len(FindHedges(c.Text, Allegations)) > 0) {
		return nil
	}
	for i := range c.Cites {
		cite := &c.Cites[i]
		word, lead := "", ""
		if ctx, ok := quoteSentence(cite, r.folded); ok {
			if as := ctx.qualifying(Allegations); len(as) > 0 {
				word, lead = as[0].words, ctx.lead(as[0])
			}
		} else if as := FindHedges(cite.Quote, Allegations); len(as) > 0 {
			word = as[0]
		}
		if word == "" {
			continue
		}
		where := fmt.Sprintf("its quote from %s says %q (line %d: %q)", cite.Label(), word, cite.Line, cite.Quote)
		if lead != "" {
			where = fmt.Sprintf("%q stands before its quote in the same sentence of %s (%q, then the quote on line %d: %q)", word, cite.Label(), lead, cite.Line, cite.Quote)
		}
		fix := "mark the claim allegation: true, so that it is shown as alleged and attributed to its source"
		if !declarable {
			fix = fmt.Sprintf("a note cannot be marked as one: keep %q in the note's words, or make the allegation a claim marked allegation: true", word)
		}
		return diag.Errorf(file, c.Line, "%s rests on an allegation: %s: %s", what, where, fix)
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
