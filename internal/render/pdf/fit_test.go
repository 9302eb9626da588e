package pdf

import (
	"strings"
	"testing"
)

// looseLines counts the lines that drawLine, justifying them to width,
// would stretch or shrink beyond what total fit accepts before its last
// pass: not the last of their paragraph, with spaces, and too loose to
// stretch by looseStretch, or too wide to shrink to width by at most
// fitShrink of their spaces.
func looseLines(lines []line, width float64) int {
	n := 0
	for _, ln := range lines {
		if ln.last || ln.glue == 0 {
			continue
		}
		if extra := (width - ln.w) / float64(ln.glue); extra > looseStretch*ln.typeSize() || ln.w-width > fitShrink*spaceWidth(ln)+eps {
			n++
		}
	}
	return n
}

// spaceWidth returns the width of the spaces of a line.
func spaceWidth(ln line) float64 {
	w := 0.0
	for _, f := range ln.frags {
		if f.space {
			w += f.w
		}
	}
	return w
}

// lineText returns the text of a line as drawn.
func lineText(ln line) string {
	var b strings.Builder
	for _, f := range ln.frags {
		b.WriteString(f.text)
	}
	return b.String()
}

// fitParagraphs are paragraphs to break at many widths: prose, long words,
// names, and a citation at the end, which never breaks.
var fitParagraphs = []struct {
	text, cite string
}{
	{"The agency reports that its officers took part in a joint operation against the smuggling of firearms across the northern border last spring.", "[S2 ¶14 · B2]"},
	{"According to the second source, the bureau answers to the deputy minister and exchanges information with its counterparts abroad every day.", "[S2 ¶9 · B2]"},
	{"The committee said that its investigators had questioned several witnesses about the shipments, and that the prosecutors would decide within a month whether the case goes to court.", ""},
	{"Investigators in Valdoria and Kessmar coordinate transnational investigations concerning organised criminality, counterfeiting and the laundering of its proceeds through intermediaries.", "[S1 ¶3 · A1]"},
	{"Is part of the Directorate of Border Security of the Ministry of the Interior of Valdoria", "[S1 ¶21 · B2]"},
	{"The council has adopted anti-fraud rules and declared the fight against fraud its most pressing duty for the coming year.", "[S3 ¶8 · B2]"},
}

// fitRuns returns the runs of a paragraph of fitParagraphs, as a profile
// sets a statement and its citation.
func fitRuns(text, cite string) []run {
	runs := []run{{text: text, st: body}}
	if cite != "" {
		runs = append(runs, run{text: " ", st: body}, run{text: cite, st: citeStyle})
	}
	return runs
}

// TestFitBeforeCitation: a statement ending in a citation, which never
// breaks, where first-fit breaking leaves the line before the last too
// loose to justify; total fit takes words down from the lines above and
// justifies every line.
func TestFitBeforeCitation(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	tests := []struct {
		para  int
		width float64
	}{
		{0, 74},
		{0, 77.5},
		{1, 61.5},
	}
	for _, tt := range tests {
		p := fitParagraphs[tt.para]
		runs := fitRuns(p.text, p.cite)
		s.hyphenate = true
		lines := s.layout(runs, tt.width)
		greedy := s.greedyLines(runs, tt.width)
		s.hyphenate = false
		if looseLines(greedy, tt.width) == 0 {
			t.Fatalf("paragraph %d at %g mm: first fit leaves no line loose; the case tests nothing", tt.para, tt.width)
		}
		if n := looseLines(lines, tt.width); n > 0 {
			var b strings.Builder
			for _, ln := range lines {
				b.WriteString("\n\t" + lineText(ln))
			}
			t.Errorf("paragraph %d at %g mm: %d lines too loose to justify:%s", tt.para, tt.width, n, b.String())
		}
	}
}

// TestFitShrink: a line that a word overflows by less than its spaces may
// shrink (fitShrink) keeps the word, where the line was left too loose to
// justify and drawn ragged (after the break at a compound's own hyphen,
// "anti-" / "fraud rules and declared the", with "fight" carried down).
// Every line is justified, one of them shrunk, and no space by more than
// fitShrink of its width.
func TestFitShrink(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	tests := []struct {
		para  int
		width float64
	}{
		{5, 52.5},
		{5, 63},
	}
	for _, tt := range tests {
		p := fitParagraphs[tt.para]
		s.hyphenate = true
		lines := s.layout(fitRuns(p.text, p.cite), tt.width)
		s.hyphenate = false
		var b strings.Builder
		shrunk := 0
		for _, ln := range lines {
			b.WriteString("\n\t" + lineText(ln))
			if ln.last {
				continue
			}
			extra, ok := justify(ln, tt.width, ln.typeSize())
			if !ok {
				continue // looseLines counts it
			}
			if extra < 0 {
				shrunk++
			}
			for _, f := range ln.frags {
				if f.space && f.w+extra < (1-fitShrink)*f.w-eps {
					t.Errorf("paragraph %d at %g mm: a space of %q shrinks from %.2f to %.2f mm", tt.para, tt.width, lineText(ln), f.w, f.w+extra)
				}
			}
		}
		if n := looseLines(lines, tt.width); n > 0 || shrunk == 0 {
			t.Errorf("paragraph %d at %g mm: %d lines too loose to justify, %d shrunk:%s", tt.para, tt.width, n, shrunk, b.String())
		}
	}
}

// TestFitLines breaks the paragraphs of fitParagraphs at widths from 50 to
// 120 mm and checks the lines against what an exhaustive search says is
// possible: no line is loose when some breaks justify every line within
// looseStretch (hyphenating as hyphenSplit allows, never three lines in a
// row, spaces shrinking by fitShrink at most), and no word is hyphenated
// when some breaks without hyphens keep every space within
// fitPretolerance. Never more lines are drawn ragged than first fit
// leaves, and the lines are well formed (see checkLines).
func TestFitLines(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	s.hyphenate = true
	widths, justified, plain := 0, 0, 0
	for i, p := range fitParagraphs {
		runs := fitRuns(p.text, p.cite)
		words := oracleWords(s, p.text, p.cite)
		for width := 50.0; width <= 120; width += 0.5 {
			widths++
			lines := s.layout(runs, width)
			checkLines(t, runs, lines, width)
			if r, g := raggedCount(lines, width), raggedCount(s.greedyLines(runs, width), width); r > g {
				t.Errorf("paragraph %d at %g mm: %d lines drawn ragged, first fit leaves %d", i, width, r, g)
			}
			if feasible(words, width, looseStretch, fitShrink, true) {
				justified++
				if n := looseLines(lines, width); n > 0 {
					t.Errorf("paragraph %d at %g mm: %d lines loose where every line can be justified within looseStretch", i, width, n)
				}
			}
			if feasible(words, width, fitPretolerance, fitShrink, false) {
				plain++
				for _, ln := range lines {
					if ln.hyph {
						t.Errorf("paragraph %d at %g mm: %q is hyphenated where no hyphen is needed", i, width, lineText(ln))
					}
				}
			}
		}
	}
	if justified == 0 || plain == 0 || justified == widths {
		t.Errorf("of %d widths, %d can be justified and %d without hyphens: the paragraphs test too little", widths, justified, plain)
	}
}

// TestFitLoose: where no breaks keep every space of a paragraph within
// looseStretch, but some keep every gap between words within maxGap, the
// last pass of total fit still justifies every line but the last, where
// drawLine drew the loose line ragged, and its loosest line is within
// 0.1 em of the least that any breaks can make the loosest (an exhaustive
// search, see feasible). At no width is a gap drawn wider than maxGap.
func TestFitLoose(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	em := body.sizeMM()
	limit := maxGap - s.measure(body, " ")/em - 0.005 // the stretch within maxGap, in ems of body text
	loose := 0                                        // widths where some line must be loose, within limit
	for i, p := range fitParagraphs {
		runs := fitRuns(p.text, p.cite)
		words := oracleWords(s, p.text, p.cite)
		for width := 40.0; width <= 120; width += 0.5 {
			s.hyphenate = true
			lines := s.layout(runs, width)
			s.hyphenate = false
			ragged, worst := s.ragged, 0.0
			var b strings.Builder
			for _, ln := range lines {
				s.drawLine(ln, s.left, s.y, width, bodyLH, alignJustify)
				b.WriteString("\n\t" + lineText(ln))
				if ln.last || ln.glue == 0 {
					continue
				}
				extra, ok := justify(ln, width, em)
				if !ok {
					continue
				}
				worst = max(worst, extra/em)
				if gap := extra + s.measure(body, " "); gap > maxGap*ln.frags[0].st.sizeMM()+eps {
					t.Errorf("paragraph %d at %g mm: %q is justified with gaps of %.2f em, more than maxGap", i, width, lineText(ln), gap/em)
				}
			}
			if feasible(words, width, looseStretch, fitShrink, true) || !feasible(words, width, limit, fitShrink, true) {
				continue // TestFitLines; or some line must be drawn ragged
			}
			loose++
			if n := s.ragged - ragged; n > 0 {
				t.Errorf("paragraph %d at %g mm: %d lines drawn ragged:%s", i, width, n, b.String())
			}
			// The least stretch of the loosest line, to within 0.01 em.
			lo, hi := looseStretch, limit
			for hi-lo > 0.01 {
				if mid := (lo + hi) / 2; feasible(words, width, mid, fitShrink, true) {
					hi = mid
				} else {
					lo = mid
				}
			}
			if worst > hi+0.1 {
				t.Errorf("paragraph %d at %g mm: the loosest line stretches its spaces by %.2f em, where breaks exist that stretch none by more than %.2f em:%s", i, width, worst, hi, b.String())
			}
		}
	}
	if loose < 20 {
		t.Errorf("%d widths where a paragraph needs a loose line: the test tests too little", loose)
	}
}

// TestFitCases checks how justified text breaks in cases of its own,
// each at a range of widths.
func TestFitCases(t *testing.T) {
	t.Parallel()
	long := "International organisations coordinate investigations concerning transnational criminality, and their administrations exchange information about responsibilities."
	url := "See https://example.org/" + strings.Repeat("segment/", 12) + "end for the record of it."
	twoInRow, namesBroken := 0, 0 // how often the limits were put to the test
	widths := func(from, to float64) []float64 {
		var ws []float64
		for w := from; w <= to; w += 0.5 {
			ws = append(ws, w)
		}
		return ws
	}
	tests := []struct {
		name   string
		runs   []run
		widths []float64
		check  func(t *testing.T, s *doc, runs []run, width float64, lines []line)
		whole  bool // one paragraph, no word wider than a line: see checkLines
	}{
		{
			"a hard break ends a paragraph, its line set as a last line",
			[]run{{text: "A first paragraph that runs on over a few lines before it breaks", st: body}, {brk: true}, {brk: true},
				{text: "and a second after a blank line, which runs on as well", st: body}, {brk: true}},
			widths(40, 80),
			func(t *testing.T, s *doc, runs []run, width float64, lines []line) {
				var got []string
				for _, ln := range lines {
					got = append(got, fmtLast(ln))
				}
				// The first paragraph's last line, the blank line, the
				// second's last line, and nothing after it.
				var last []int
				for i, ln := range lines {
					if ln.last {
						last = append(last, i)
					}
				}
				if len(last) != 3 || last[1] != last[0]+1 || len(lines[last[1]].frags) != 0 || last[2] != len(lines)-1 || len(lines[last[2]].frags) == 0 {
					t.Errorf("at %g mm: lines %q", width, got)
				}
			},
			false,
		},
		{
			"a citation is never broken",
			[]run{{text: "It does many things in many places, as the source says", st: body}, {text: " [S1 ¶12 · B2]", st: citeStyle}, {text: " and more words follow it here.", st: body}},
			widths(30, 120),
			func(t *testing.T, s *doc, runs []run, width float64, lines []line) {
				for _, ln := range lines {
					if text := lineText(ln); strings.Contains(text, "[S1") != strings.Contains(text, "B2]") {
						t.Errorf("at %g mm: the citation is broken: %q", width, text)
					}
				}
			},
			true,
		},
		{
			"a word wider than the line is broken greedily",
			[]run{{text: url, st: body}},
			widths(40, 60),
			func(t *testing.T, s *doc, runs []run, width float64, lines []line) {
				if _, ok := s.fitLines(runs, width); ok {
					t.Errorf("at %g mm: total fit broke a paragraph with a word wider than the line", width)
				}
				for _, ln := range lines {
					if ln.w > width+eps {
						t.Errorf("at %g mm: %q runs into the margin", width, lineText(ln))
					}
				}
			},
			false,
		},
		{
			"no three hyphenated lines in a row",
			[]run{{text: long + " " + long, st: body}},
			widths(35, 70),
			func(t *testing.T, s *doc, runs []run, width float64, lines []line) {
				for i := 1; i < len(lines); i++ {
					if lines[i].hyph && lines[i-1].hyph {
						twoInRow++ // checkLines checks that no third follows
					}
				}
			},
			true,
		},
		{
			"a name keeps four letters before its hyphen and three after",
			[]run{{text: "of the Valdoria and Kessmar and Directorate and Internationalisation words", st: body}},
			widths(12, 60),
			func(t *testing.T, s *doc, runs []run, width float64, lines []line) {
				for i, ln := range lines {
					if !ln.hyph {
						continue
					}
					last := ln.frags[len(ln.frags)-1].text
					head := []rune(strings.TrimSuffix(last, "-"))
					tail := []rune(lines[i+1].frags[0].text)
					if head[0] < 'A' || head[0] > 'Z' {
						continue
					}
					namesBroken++
					if len(head) < minNameHead || len(tail) < minNameTail {
						t.Errorf("at %g mm: a name is broken as %q / %q", width, last, string(tail))
					}
				}
			},
			true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newTestDoc(t)
			s.hyphenate = true
			for _, width := range tt.widths {
				lines := s.layout(tt.runs, width)
				if tt.check != nil {
					tt.check(t, s, tt.runs, width, lines)
				}
				if tt.whole {
					checkLines(t, tt.runs, lines, width)
				}
			}
		})
	}
	t.Cleanup(func() {
		if twoInRow == 0 || namesBroken == 0 {
			t.Errorf("%d pairs of hyphenated lines, %d names hyphenated: a limit is not tested", twoInRow, namesBroken)
		}
	})
}

// fmtLast describes a line for a test's message: its text, after "last:"
// for a last line.
func fmtLast(ln line) string {
	if ln.last {
		return "last: " + lineText(ln)
	}
	return lineText(ln)
}

// oracleWord is a word as feasible sees it: its width and the widths of
// the two parts of each place where it may be hyphenated.
type oracleWord struct {
	w, space  float64 // the word, and the space before it
	pre, post []float64
}

// oracleWords returns the words of a paragraph of fitParagraphs, measured.
func oracleWords(s *doc, text, cite string) []oracleWord {
	var words []oracleWord
	for _, w := range strings.Fields(text) {
		r := &run{text: w, st: body}
		ow := oracleWord{w: s.measure(body, w), space: s.measure(body, " ")}
		cuts, mark, _ := s.hyphenPoints(nil, frag{run: r, text: w}, true)
		for _, c := range cuts {
			ow.pre = append(ow.pre, s.measure(body, w[:c]+mark))
			ow.post = append(ow.post, s.measure(body, w[c:]))
		}
		words = append(words, ow)
	}
	if cite != "" {
		words = append(words, oracleWord{w: s.measure(citeStyle, cite), space: s.measure(body, " ")})
	}
	return words
}

// feasible reports, by trying every way, whether words can be broken into
// lines no wider than width whose spaces, but the last line's, stretch by
// at most tol ems of body text to fill it, or shrink by at most shrink of
// their width, hyphenating (with hyph) where oracleWords found it may, but
// never three lines in a row. The last line is set at its natural width.
func feasible(words []oracleWord, width, tol, shrink float64, hyph bool) bool {
	type state struct{ k, c, h int }
	em := body.sizeMM()
	memo := map[state]bool{}
	var from func(st state) bool // the line starts at word k, after its cut c (-1: whole)
	from = func(st state) bool {
		if ok, seen := memo[st]; seen {
			return ok
		}
		memo[st] = false
		fits := func(w, spaces float64, glue int) bool {
			return glue > 0 && (width-w)/float64(glue) <= tol*em && w-shrink*spaces <= width+eps
		}
		lw, sp := 0.0, 0.0 // the line's width, and its spaces'
		for e := st.k; e < len(words); e++ {
			start, startSp := lw, sp
			switch {
			case e == st.k && st.c >= 0:
				lw = words[e].post[st.c]
			case e == st.k:
				lw = words[e].w
			default:
				lw += words[e].space + words[e].w
				sp += words[e].space
			}
			if hyph && st.h < 2 && (e > st.k || st.c < 0) {
				for j, pre := range words[e].pre {
					w, s := start+pre, startSp
					if e > st.k {
						w += words[e].space
						s += words[e].space
					}
					if fits(w, s, e-st.k) && from(state{e, j, st.h + 1}) {
						memo[st] = true
						return true
					}
				}
			}
			if lw-shrink*sp > width+eps {
				return false
			}
			if e == len(words)-1 {
				memo[st] = lw <= width+eps
				return memo[st]
			}
			if fits(lw, sp, e-st.k) && from(state{e + 1, -1, 0}) {
				memo[st] = true
				return true
			}
		}
		return false
	}
	return from(state{0, -1, 0})
}

// checkLines checks lines broken from runs at width: no line wider than
// width, or than its spaces shrink to by fitShrink before its paragraph's
// last, a line's width the sum of its frags', its glue the number of its
// spaces, no space at either end, each frag cut from the run it names,
// only the last line last, no three hyphenated lines in a row, and the
// words of the runs, in order, all there.
func checkLines(t *testing.T, runs []run, lines []line, width float64) {
	t.Helper()
	var got, want strings.Builder
	for i, ln := range lines {
		text := lineText(ln)
		if over := ln.w - width; over > eps && (ln.last || over > fitShrink*spaceWidth(ln)+eps) {
			t.Errorf("at %g mm: line %q is %.2f mm wide", width, text, ln.w)
		}
		sum, glue := 0.0, 0
		for k, f := range ln.frags {
			sum += f.w
			if f.space {
				glue++
				if k == 0 || k == len(ln.frags)-1 {
					t.Errorf("at %g mm: line %q starts or ends in a space", width, text)
				}
			}
			if f.run != &runs[f.src] {
				t.Errorf("at %g mm: a frag of line %q is not cut from the run it names", width, text)
			}
		}
		if diff := sum - ln.w; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("at %g mm: line %q is %.4f mm wide, its frags %.4f", width, text, ln.w, sum)
		}
		if glue != ln.glue {
			t.Errorf("at %g mm: line %q has %d spaces, glue %d", width, text, glue, ln.glue)
		}
		if ln.last != (i == len(lines)-1) {
			t.Errorf("at %g mm: line %d of %d (%q) has last %v", width, i, len(lines), text, ln.last)
		}
		if ln.hyph && i >= 2 && lines[i-1].hyph && lines[i-2].hyph {
			t.Errorf("at %g mm: line %q is the third hyphenated in a row", width, text)
		}
		got.WriteString(text)
	}
	for _, r := range runs {
		want.WriteString(r.text)
	}
	letters := func(s string) string {
		return strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(s)
	}
	if g, w := letters(got.String()), letters(want.String()); g != w {
		t.Errorf("at %g mm: the lines read %q, the runs %q", width, got.String(), want.String())
	}
}

// FuzzFitLines breaks any text as justified text, at any width: no panic,
// no line wider than the width (but by what its spaces shrink, before its
// paragraph's last) but a single character wider, each line's width and
// glue what its frags make, and every character of the text
// (but spaces and the hyphens breaking adds) in its lines. A '|' in the
// text starts a run in another style (a citation's, bold), a '\n' a hard
// break; make fuzz runs it.
func FuzzFitLines(f *testing.F) {
	for _, p := range fitParagraphs {
		f.Add(p.text+"|"+p.cite, 72.5)
	}
	f.Add("A first paragraph\n\nand a|second, bold|, after a blank line\n", 30.0)
	f.Add("See https://example.org/"+strings.Repeat("segment/", 12)+"end.", 40.0)
	f.Add("Жалоба направлена в|Генеральную прокуратуру|Республики", 20.0)
	s := newTestDoc(f)
	s.hyphenate = true
	styles := []textStyle{body, citeStyle, {size: bodySize, color: ink, bold: true}}
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if len(text) > 2000 || !(width >= 5 && width <= 300) {
			return
		}
		var runs []run
		for i, para := range strings.Split(text, "\n") {
			if i > 0 {
				runs = append(runs, run{brk: true})
			}
			for k, part := range strings.Split(para, "|") {
				runs = append(runs, run{text: part, st: styles[k%len(styles)]})
			}
		}
		lines := s.layout(runs, width)
		var got strings.Builder
		for _, ln := range lines {
			sum, glue := 0.0, 0
			for _, fr := range ln.frags {
				sum += fr.w
				if fr.space {
					glue++
				}
				if fr.run != &runs[fr.src] {
					t.Fatalf("a frag of %q is not cut from the run it names", lineText(ln))
				}
				got.WriteString(fr.text)
			}
			if d := sum - ln.w; d > 1e-6 || d < -1e-6 || glue != ln.glue {
				t.Fatalf("line %q: width %g and glue %d, its frags %g and %d", lineText(ln), ln.w, ln.glue, sum, glue)
			}
			if over := ln.w - width; over > eps && (ln.last || over > fitShrink*spaceWidth(ln)+eps) && !(len(ln.frags) == 1 && len([]rune(ln.frags[0].text)) == 1) {
				t.Fatalf("line %q is %g wide, more than %g", lineText(ln), ln.w, width)
			}
		}
		var want strings.Builder
		for _, r := range runs {
			want.WriteString(clean(r.text))
		}
		letters := func(s string) string {
			return strings.NewReplacer(" ", "", "-", "", "\u00a0", "", glue, "").Replace(s)
		}
		if g, w := letters(got.String()), letters(want.String()); g != w {
			t.Fatalf("the lines read %q, the text %q", got.String(), want.String())
		}
	})
}
