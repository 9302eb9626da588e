package pdf

import (
	"strings"
	"unicode"
)

// The briefing is a left-to-right document in which a right-to-left name
// (Hebrew: the one right-to-left script it has a face for) may occur. fpdf
// sets glyphs left to right in the order given, so such text is put into
// visual order before it is drawn, as the Unicode bidirectional algorithm
// does for a left-to-right paragraph, simplified: a run of right-to-left
// letters, with the spaces and punctuation between them, is reversed,
// combining marks staying after the letter they belong to; digits and
// Latin text keep their order. It is applied per line: within each piece
// drawn (visual) and to the order of the pieces of a line (visualOrder).

// isRTL reports whether r is a letter of a right-to-left script.
func isRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08ff || r >= 0xfb1d && r <= 0xfdff || r >= 0xfe70 && r <= 0xfeff
}

// isLTR reports whether r is strongly left-to-right: a letter or digit of
// another script.
func isLTR(r rune) bool {
	return !isRTL(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// hasRTL reports whether text holds a right-to-left letter.
func hasRTL(text string) bool {
	for _, r := range text {
		if isRTL(r) {
			return true
		}
	}
	return false
}

// direction is how a piece of a line sits among its neighbours.
type direction int

const (
	neutral direction = iota // spaces, punctuation
	ltr                      // holds a left-to-right letter or digit
	rtl                      // right-to-left letters and neutrals only
)

func directionOf(text string) direction {
	d := neutral
	for _, r := range text {
		switch {
		case isLTR(r):
			return ltr
		case isRTL(r):
			d = rtl
		}
	}
	return d
}

// visual returns text in the order its glyphs are drawn left to right:
// each run of right-to-left letters, with the neutrals (spaces,
// punctuation) between them, reversed in place; neutrals at either end of
// a run stay where they are, in the left-to-right paragraph.
func visual(text string) string {
	if !hasRTL(text) {
		return text
	}
	rs := []rune(text)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !isRTL(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		// The run ends at the last right-to-left letter before a
		// left-to-right character or the end; marks go with it.
		j, end := i, i
		for ; j < len(rs) && !isLTR(rs[j]); j++ {
			if isRTL(rs[j]) || unicode.Is(unicode.Mn, rs[j]) && end == j {
				end = j + 1
			}
		}
		b.WriteString(string(reverseClusters(rs[i:end])))
		i = end
	}
	return b.String()
}

// reverseClusters reverses rs, keeping each combining mark after the
// character it follows.
func reverseClusters(rs []rune) []rune {
	out := make([]rune, 0, len(rs))
	for end := len(rs); end > 0; {
		start := end - 1
		for start > 0 && unicode.Is(unicode.Mn, rs[start]) {
			start--
		}
		out = append(out, rs[start:end]...)
		end = start
	}
	return out
}

// visualOrder puts the pieces of a line into visual order: each run of
// pieces that begins and ends with a right-to-left piece and holds no
// left-to-right one is drawn in reverse order (the text of each piece is
// put in order by visual when it is drawn).
func visualOrder(ps []frag) []frag {
	rtlAt := -1
	for i, p := range ps {
		if p.check != 0 {
			rtlAt = -1
			continue
		}
		switch directionOf(p.text) {
		case ltr:
			rtlAt = -1
		case rtl:
			if rtlAt < 0 {
				rtlAt = i
				continue
			}
			// Reverse ps[rtlAt..i] once the run is complete: when the
			// next piece that is not neutral is not right-to-left.
			if next := nextStrong(ps, i+1); next != rtl {
				reverseFrags(ps[rtlAt : i+1])
				rtlAt = -1
			}
		}
	}
	return ps
}

// nextStrong returns the direction of the first piece from i on that is
// not neutral, neutral for none.
func nextStrong(ps []frag, i int) direction {
	for ; i < len(ps); i++ {
		if ps[i].check != 0 {
			return ltr
		}
		if d := directionOf(ps[i].text); d != neutral {
			return d
		}
	}
	return neutral
}

func reverseFrags(ps []frag) {
	for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
		ps[i], ps[j] = ps[j], ps[i]
	}
}
