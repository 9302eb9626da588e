package diag

import (
	"fmt"
	"strings"
)

// Closest returns the candidates nearest to s, for a "did you mean"
// hint: those within a few edits of it (about one in four of its letters,
// at least two), ignoring case, and of them the nearest, at most three; a
// candidate that s is a prefix of, or that is s in other case, counts as
// one edit away. It returns nil when none is near enough to be a likely
// slip.
func Closest(s string, candidates []string) []string {
	low := strings.ToLower(s)
	limit := max(2, len([]rune(s))/4)
	type hit struct {
		c string
		d int
	}
	var hits []hit
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := Distance(low, lc)
		if len(low) >= 2 && strings.HasPrefix(lc, low) {
			d = min(d, 1)
		}
		if c != s && low == lc {
			d = min(d, 1)
		}
		if d <= limit && c != s {
			hits = append(hits, hit{c, d})
		}
	}
	// Stable by distance: the candidates' own order breaks ties.
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].d < hits[j-1].d; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	var out []string
	for _, h := range hits {
		if len(out) == 3 || h.d > hits[0].d {
			break
		}
		out = append(out, h.c)
	}
	return out
}

// DidYouMean formats the candidates of Closest as the end of a message:
// `; did you mean "a"?` or `; did you mean "a" or "b"?`; "" for none.
func DidYouMean(candidates []string) string {
	if len(candidates) == 0 {
		return ""
	}
	q := make([]string, len(candidates))
	for i, c := range candidates {
		q[i] = fmt.Sprintf("%q", c)
	}
	return "; did you mean " + strings.Join(q, " or ") + "?"
}

// Distance is the Levenshtein distance between a and b, counted in runes:
// the fewest insertions, deletions and substitutions that turn one into the
// other.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
