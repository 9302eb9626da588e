package link

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// judgements resolves the assessment: the references of the bottom line,
// every citation of a judgement, gap or implication (found in its source as
// an entity claim's is), the judgements an implication follows from, and
// the analyst's words. It holds each judgement to the standard a reader
// relies on: a statement that uses a term of the yardstick uses its own
// likelihood's, and a basis that claims corroboration, or a high
// confidence, rests on more than one independent source — a source that
// repeats another word for word is not independent of it.
func (r *resolver) judgements() error {
	a := r.d.Assessment
	if a == nil {
		return nil
	}
	var errs diag.List
	if p := a.Summary; p != nil {
		errs.Add(r.prose(p.Path, p.Line, p.Source, p.Doc))
		errs.Add(r.proseLiterals(p.Path, p.Line, p.Source, p.Doc))
	}
	byID := map[string]*model.Judgement{}
	for _, j := range a.Judgements {
		byID[j.ID] = j
		for i := range j.Cites {
			errs.Add(r.cite(&j.Cites[i]))
		}
		errs.Add(r.resolveText(&j.Statement, j.Written))
		errs.Add(r.resolveText(&j.Basis, j.BasisWritten))
		errs.Add(r.statementTerms(a.Path, j))
		errs.Add(r.independence(a.Path, j))
	}
	for _, p := range slices.Concat(a.Gaps, a.Implications) {
		for i := range p.Cites {
			errs.Add(r.cite(&p.Cites[i]))
		}
		errs.Add(r.resolveText(&p.Text, p.Written))
		for _, id := range p.JudgementIDs {
			j := byID[id]
			if j == nil {
				errs.Add(diag.Errorf(a.Path, p.Line, "implication follows from unknown judgement %q; the judgements are %s", id, judgementIDs(a)))
				continue
			}
			p.Judgements = append(p.Judgements, j)
		}
	}
	return errs.Err()
}

func judgementIDs(a *model.Assessment) string {
	var ids []string
	for _, j := range a.Judgements {
		ids = append(ids, j.ID)
	}
	return strings.Join(ids, ", ")
}

// statementTerms reports a statement that uses a term of the yardstick
// other than its own likelihood's: "is likely" in a judgement marked
// almost certain says two things at once.
func (r *resolver) statementTerms(file string, j *model.Judgement) error {
	if j.Likelihood == "" {
		return nil
	}
	for _, t := range model.TermsIn(j.Written.Text) {
		if t != j.Likelihood {
			return diag.Errorf(file, j.Written.Line, "judgement %s: the statement says %q but the likelihood is %q; use the likelihood's term, or none, in the statement", j.ID, t, j.Likelihood)
		}
	}
	return nil
}

// corroboration matches words of a basis that claim that more than one
// source bears a judgement out.
var corroboration = regexp.MustCompile(`(?i)\b(?:confirm\w*|corroborat\w*|independent\w*|(?:several|multiple|two|three|both|many)\s+(?:\w+\s+)?sources|sources\s+agree|agree)\b`)

// negation matches a word that takes back the claim after it: "not
// corroborated", "without independent confirmation".
var negation = regexp.MustCompile(`(?i)\b(?:not|no|nor|never|without|lacks?|unless|cannot)\b`)

// claimedCorroboration returns the first word of basis that claims
// corroboration and is not negated within the three words before it, with
// its offset; "" when there is none.
func claimedCorroboration(basis string) (string, int) {
	for _, m := range corroboration.FindAllStringIndex(basis, -1) {
		before := strings.Fields(basis[:m[0]])
		before = before[max(len(before)-3, 0):]
		if negation.MatchString(strings.Join(before, " ")) {
			continue
		}
		return basis[m[0]:m[1]], m[0]
	}
	return "", -1
}

// independence reports a judgement whose basis claims corroboration, or
// whose confidence is high, while its citations come from one source, or
// from sources one of which repeats another word for word.
func (r *resolver) independence(file string, j *model.Judgement) error {
	word, at := claimedCorroboration(j.BasisWritten.Text)
	if word == "" && j.Confidence != model.HighConfidence {
		return nil
	}
	var docs []*model.Document
	for _, c := range j.Cites {
		if c.Doc == nil {
			return nil // reported by cite
		}
		if !slices.Contains(docs, c.Doc) {
			docs = append(docs, c.Doc)
		}
	}
	// The later source repeats the earlier: order them as the dossier does.
	slices.SortFunc(docs, func(a, b *model.Document) int {
		return slices.Index(r.d.Documents, a) - slices.Index(r.d.Documents, b)
	})
	groups, copies := r.independentGroups(docs)
	if groups > 1 {
		return nil
	}
	why := "its citations are all from " + docs[0].Ref
	if len(docs) > 1 {
		why = "its citations come from sources that are not independent: " + strings.Join(copies, "; ") + "; a copy of a text is not corroboration"
	}
	if word != "" {
		return diag.Errorf(file, j.BasisWritten.LineAt(at), "judgement %s: the basis claims corroboration (%q) but %s; cite an independent source that says the same, or give the basis as one source", j.ID, word, why)
	}
	return diag.Errorf(file, j.Line, "judgement %s: high confidence needs several independent sources that agree, but %s; give moderate or low confidence, and why", j.ID, why)
}

// minCopyWords is the least number of words a passage that two sources
// share must have to show that one repeats the other: a heading or a stock
// phrase may recur by chance, a long sentence does not.
const minCopyWords = 12

// independentGroups counts the groups of docs that are independent of one
// another: two documents that share a passage of minCopyWords words or
// more, word for word, are one group. copies describes each shared passage
// that joined two groups: "S2 ¶7 repeats S1 ¶3 word for word".
func (r *resolver) independentGroups(docs []*model.Document) (int, []string) {
	group := make([]int, len(docs))
	for i := range group {
		group[i] = i
	}
	var copies []string
	for i := range docs {
		for k := i + 1; k < len(docs); k++ {
			if group[k] == group[i] {
				continue
			}
			a, b, ok := r.sharedPassage(docs[i], docs[k])
			if !ok {
				continue
			}
			copies = append(copies, copyText(docs[i], a, r.fold(a), docs[k], b, r.fold(b)))
			old := group[k]
			for n := range group {
				if group[n] == old {
					group[n] = group[i]
				}
			}
		}
	}
	distinct := map[int]bool{}
	for _, g := range group {
		distinct[g] = true
	}
	return len(distinct), copies
}

// copyText says how paragraph b of y repeats paragraph a of x: "S2 ¶7
// repeats S1 ¶3 word for word", or "repeats part of" when a says more, or
// "part of S2 ¶7 repeats" when b does.
func copyText(x *model.Document, a *model.Block, fa string, y *model.Document, b *model.Block, fb string) string {
	switch {
	case len(fa) > len(fb):
		return fmt.Sprintf("%s %s repeats part of %s %s word for word", y.Ref, b.Label(), x.Ref, a.Label())
	case len(fb) > len(fa):
		return fmt.Sprintf("part of %s %s repeats %s %s word for word", y.Ref, b.Label(), x.Ref, a.Label())
	}
	return fmt.Sprintf("%s %s repeats %s %s word for word", y.Ref, b.Label(), x.Ref, a.Label())
}

// sharedPassage finds a paragraph a of x and a paragraph b of y one of
// which holds the whole of the other, word for word, where the one held is
// at least minCopyWords long: a page that copies a sentence of another, or
// splits its paragraph in two, repeats it.
func (r *resolver) sharedPassage(x, y *model.Document) (a, b *model.Block, ok bool) {
	long := func(blk *model.Block) bool {
		return blk.Kind != model.Heading && len(strings.Fields(blk.Text)) >= minCopyWords
	}
	for i := range x.Blocks {
		bx := &x.Blocks[i]
		if bx.Kind == model.Heading {
			continue
		}
		fx := r.fold(bx)
		for k := range y.Blocks {
			by := &y.Blocks[k]
			if by.Kind == model.Heading {
				continue
			}
			fy := r.fold(by)
			if long(by) && strings.Contains(fx, fy) || long(bx) && strings.Contains(fy, fx) {
				return bx, by, true
			}
		}
	}
	return nil, nil, false
}

// fold returns the folded text of a block, computed once.
func (r *resolver) fold(b *model.Block) string {
	f, ok := r.folded[b]
	if !ok {
		f = foldQuote(b.Text)
		r.folded[b] = f
	}
	return f
}
