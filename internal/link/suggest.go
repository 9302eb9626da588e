package link

import (
	"fmt"
	"strings"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// entityHint ends the message about an unknown entity id: the entities
// whose name or other name it is, else the ids it is likely a slip for.
func (r *resolver) entityHint(id string) string {
	var named []string
	for _, e := range r.d.Entities {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if strings.EqualFold(n, id) {
				named = append(named, e.ID)
				break
			}
		}
	}
	if len(named) > 0 {
		return diag.DidYouMean(named) + " (an entity is named by its id)"
	}
	ids := make([]string, len(r.d.Entities))
	for i, e := range r.d.Entities {
		ids[i] = e.ID
	}
	return diag.DidYouMean(diag.Closest(id, ids))
}

// sourceHint ends the message about an unknown source id: the ids it is
// likely a slip for, else every source's id.
func (r *resolver) sourceHint(id string) string {
	ids := make([]string, len(r.d.Documents))
	for i, doc := range r.d.Documents {
		ids[i] = doc.ID
	}
	if near := diag.Closest(id, ids); len(near) > 0 {
		return diag.DidYouMean(near)
	}
	return "; the sources are " + r.sourceIDs()
}

// quoteHint says where a quote that doc does not contain went wrong: the
// two paragraphs it runs across, or the paragraph nearest to it and the
// words that differ there. q is the folded quote.
func (r *resolver) quoteHint(doc *model.Document, q string) string {
	var blocks []*model.Block
	for i := range doc.Blocks {
		if doc.Blocks[i].Kind != model.Heading {
			blocks = append(blocks, &doc.Blocks[i])
		}
	}
	// A quote that runs from the end of one paragraph into the next.
	for i := 0; i+1 < len(blocks); i++ {
		joined := r.folded[blocks[i]] + " " + r.folded[blocks[i+1]]
		if strings.Contains(joined, q) {
			return fmt.Sprintf("; it runs across %s %s and %s: a quote is words of one paragraph, so cite each paragraph with its own quote",
				doc.Ref, blocks[i].Label(), blocks[i+1].Label())
		}
	}
	qw := quoteWords(q)
	if len(qw) == 0 {
		return ""
	}
	var best *model.Block
	bestN := 0
	for _, b := range blocks {
		have := map[string]int{}
		for _, w := range quoteWords(r.folded[b]) {
			have[w]++
		}
		n := 0
		for _, w := range qw {
			if have[w] > 0 {
				have[w]--
				n++
			}
		}
		if n > bestN {
			best, bestN = b, n
		}
	}
	// Too little in common to be the paragraph the analyst meant.
	if best == nil || bestN*2 < len(qw) {
		return "; run dossier paragraphs " + doc.ID + " to find the words"
	}
	bw := quoteWords(r.folded[best])
	var diffs []string
	for i, w := range qw {
		if containsWord(bw, w) {
			continue
		}
		d := fmt.Sprintf("%q", w)
		if has, ok := inPlaceOf(qw, i, bw); ok {
			d += fmt.Sprintf(" (the source has %q)", has)
		} else if near := diag.Closest(w, bw); len(near) > 0 && len([]rune(w)) >= minHintWord {
			d += fmt.Sprintf(" (the source has %q)", near[0])
		}
		diffs = append(diffs, d)
		if len(diffs) == 4 {
			break
		}
	}
	if len(diffs) == 0 {
		return fmt.Sprintf("; %s %s has all its words, but not as they run there: quote its words exactly, leaving none out", doc.Ref, best.Label())
	}
	hint := fmt.Sprintf("; the nearest is %s %s, where %d of its %d words are; not there: %s", doc.Ref, best.Label(), bestN, len(qw), strings.Join(diffs, ", "))
	return hint
}

// minHintWord is the fewest letters a word of a quote needs for the hint
// to name the source's word nearest in spelling: a short word is near too
// many ("1" to "a", "one" to "and").
const minHintWord = 4

// inPlaceOf returns the word the paragraph's words bw have where the
// quote's words qw have qw[i]: the one between the same two words ("below
// one per" for "below 1 per"), or, at an end of the quote, after or before
// the same two words. It reports false when no word of bw stands so.
func inPlaceOf(qw []string, i int, bw []string) (string, bool) {
	same := func(j, k int) bool { // bw[j] is there and is qw[k]
		return j >= 0 && j < len(bw) && k >= 0 && k < len(qw) && bw[j] == qw[k]
	}
	for j := range bw {
		var ok bool
		switch {
		case i > 0 && i+1 < len(qw):
			ok = same(j-1, i-1) && same(j+1, i+1)
		case i > 0:
			ok = same(j-1, i-1) && same(j-2, i-2)
		default:
			ok = same(j+1, i+1) && same(j+2, i+2)
		}
		if ok {
			return bw[j], true
		}
	}
	return "", false
}

// quoteWords splits folded text into its words, without the punctuation
// around them.
func quoteWords(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if w = strings.Trim(w, ".,;:!?()[]\"'"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func containsWord(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}
