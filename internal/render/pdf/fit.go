package pdf

import "math"

// Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into
// lines", 1981), for justified text. Greedy breaking (greedyLines) fills
// each line in turn and cannot take a word down from a line to make room
// below: before a citation, which never breaks, a line was often left too
// loose to justify and drawn ragged. fitLines chooses all the breaks of a
// paragraph together, as TeX does, for the least total demerits.
//
// A paragraph is read as words (boxes; a word may span runs set in
// different styles, and a citation is one word), the spaces between them
// (glue of their natural width, which stretches, and shrinks by at most
// fitShrink of it: a fifth, as a typesetter's minimum word space of 80 %,
// so that text extraction still reads the words apart), the places where a
// word may be hyphenated (penalties, under hyphenSplit's rules) and its
// end or a hard break (a forced break, after which the line is set at its
// natural width).
//
// A line is feasible when each of its spaces stretches by at most
// looseStretch ems (but in the last pass, see fitLines), or shrinks by at
// most fitShrink of its width. Without shrinking, a word that overflowed a line
// by a few hundredths of a millimetre was carried down, and the line it
// left could be too loose to justify and was drawn ragged. Lines drawn
// ragged in the repository's briefing: 59; 44 with spaces that shrink;
// 27 with the last pass justifying lines looser than looseStretch within
// maxGap (the fictional dossier's: 6, 6, 4). Those left need gaps that
// text extraction would take for a column's edge.
// A shrunk line's badness is TeX's, 100·r³ with r the share of its
// shrink taken, and it is tight from fitTight on. A stretched line's
// badness is TeX's too, 100·r³, with the adjustment ratio r measured
// against a stretch of fitStretch ems a space, about half a space as in
// TeX's fonts, rather than against looseStretch: a space stretched by
// 0.3 em is twice as wide as it was, beyond TeX's tolerance, yet measured against
// looseStretch its badness is 12.5, a decent line, which the penalty of
// a hyphen outweighs. So measured, the repository's briefing had 430
// justified lines with spaces stretched by more than 0.3 em and 149
// hyphens; as it is, 314 and 246 (first fit: 222, with 113 more lines
// drawn ragged, and 254 hyphens; total fit leaves 58 ragged). The
// demerits of a line and the fitness classes are TeX's; so are the
// penalties, but for hyphens (see the constants).

// The weights of total fit: TeX's, but for hyphens, names, ragged lines
// and the stretch that badness is measured against (see above). With
// badness that grows so fast, TeX's penalties for a hyphen (50) and for
// two hyphenated lines in a row (10,000) cost less than a line whose
// spaces stretch by 0.15 em: the generated corpus of 1,000 sources (see
// docs/BENCHMARKS.md) came out with 1,328 hyphens and 153 such pairs of
// lines, first fit with 1,313 and 29. The square of 300 is the demerits
// of a line stretched by about 0.21 em, 1e6 of one by 0.32 em: 1,130
// hyphens and 6 pairs, and fewer loose lines than first fit's all the same.
const (
	fitLinePenalty   = 10    // every line
	fitHyphenPenalty = 300   // a line ending in a hyphen
	fitNamePenalty   = 1e4   // a line ending in a hyphenated name: its square outweighs any one line justified (at most 6410²)
	fitAdjDemerits   = 10000 // two lines next to each other, one very loose and the other decent
	fitDoubleHyphen  = 1e6   // two hyphenated lines in a row
	fitFinalHyphen   = 5000  // the last line but one hyphenated (more, and paragraphs grow a line to avoid it)

	// A line drawn ragged (in the last pass only: a word alone, or a line
	// whose gaps would pass maxGap) costs more than any line justified,
	// and more the less it holds: nearly empty, it reads
	// as a paragraph's end (a gap of 4.5 em costs as much as one line more
	// drawn ragged). Before the last line, which it can end with, it costs
	// less than in the middle.
	fitRaggedDemerits = 1e9
	fitRaggedGap      = 5e7 // times the square of the room it leaves, in ems
	fitRaggedLast     = 0.9e9
	fitRaggedLastGap  = 1e6

	fitPretolerance = 0.3          // the most a space stretches, in ems, in the pass without hyphens
	fitTolerance    = looseStretch // and in the passes with them
	fitStretch      = 0.15         // the stretch of a space, in ems, at badness 100
	fitShrink       = 0.2          // the most a space shrinks, as a share of its width (at badness 100)
	fitLoose        = 0.5          // the adjustment ratio at which a line is loose (badness 13),
	fitVeryLoose    = 1            // and very loose (badness 100);
	fitTight        = 0.5          // the share of its shrink at which a line is tight (badness 13)

	fitHyphensInRow = 2       // hyphenated lines in a row at most
	fitMaxActive    = 1 << 12 // active breaks at most: never in text, a bound on the work of a hostile paragraph
	fitNoBreak      = -1      // fitNode.cut of a break at a space
	fitStart        = -1      // fitNode.word of the paragraph's start
)

// fitWord is a word of a paragraph being broken: its frags (in
// fitter.frags), its width, and the space before it, if it is not the
// first.
type fitWord struct {
	first, end int32 // its frags: fitter.frags[first:end]
	cut0, cuts int32 // its hyphenation points: fitter.cuts[cut0:cut0+cuts], once found
	found      bool  // whether its hyphenation points were looked for
	w          float64
	space      frag // the space before it; space.run is nil for none
}

// fitCut is a place where a word may be hyphenated.
type fitCut struct {
	off       int     // byte offset in the word's one frag after which it breaks
	pre, post float64 // widths of the two parts, the hyphen added to pre
	hyphen    bool    // a hyphen is added (not a compound's own)
	name      bool    // the word is a name (capitalised)
}

// fitNode is a feasible break: after word (at the space that follows it,
// or the end) when cut is fitNoBreak, else at that hyphenation point of
// word; with the best way found to reach it.
type fitNode struct {
	word, cut int32
	prev      int32 // the node the line ending here starts at; -1 for none
	fitness   int8  // -1 tight, 0 decent, 1 loose, 2 very loose: the line ending here
	hyph      int8  // lines in a row ending in a hyphen, up to this one
	line      int32 // the lines of the paragraph, up to this one
	total     float64
}

// fitter is fitLines' scratch, which a doc keeps from paragraph to
// paragraph.
type fitter struct {
	words  []fitWord
	frags  []frag
	cuts   []fitCut
	nodes  []fitNode
	active []int32
	offs   []int
	pos    []float64 // pos[k]: the width of words[:k] with their spaces
	spw    []float64 // spw[k]: the width of the space before words[k]
	sps    []float64 // sps[k]: the width of the spaces before words[:k]
	big    []int32   // big[k]: how many of words[:k] have a frag of the largest size
	bigSp  []int32   // bigSp[k]: how many of words[:k] have a space of the largest size
	chain  []int32   // the nodes of the breaks chosen, from the last
	ways   []fitWay  // tryBreak's scratch
	lines  []line
	all    []frag // the frags of the lines made, one line after the other
}

// fitLines breaks runs into lines at most width wide, as breakLines does,
// but chooses the breaks of each paragraph (the text between hard breaks)
// together. A first pass hyphenates nothing and accepts lines whose spaces
// stretch by at most fitPretolerance ems, as TeX's pretolerance keeps
// paragraphs that set well without hyphens from having any; if it finds
// no breaks, a second hyphenates, and accepts spaces up to looseStretch;
// if that finds none, a third accepts looser lines: justified while the
// gaps between their words stay within maxGap, at TeX's demerits, which
// make the loosest line as tight as breaks can make it, and beyond (or a
// word alone) ragged, at a cost that keeps them few and full, and rather
// before the last line than in the middle.
// It reports false when no breaks keep every line within width (a word
// wider than the line), for breakLines to break greedily.
func (s *doc) fitLines(runs []run, width float64) ([]line, bool) {
	if s.fitter == nil {
		s.fitter = &fitter{}
	}
	ft := s.fitter
	ft.lines, ft.all = ft.lines[:0], ft.all[:0]
	ft.words, ft.frags = ft.words[:0], ft.frags[:0]
	var (
		space    frag
		hasSpace bool
		first    int32 = -1 // the first frag of the word being gathered
		wordW    float64
	)
	endWord := func() {
		if first < 0 {
			return
		}
		w := fitWord{first: first, end: int32(len(ft.frags)), w: wordW}
		if hasSpace && len(ft.words) > 0 {
			w.space = space
		}
		ft.words = append(ft.words, w)
		first, wordW, hasSpace = -1, 0, false
	}
	// A paragraph ends at a hard break, with a line (even an empty one),
	// and at the end of the runs, with a line if it has words or no line
	// came before.
	endParagraph := func(hard bool) bool {
		endWord()
		if len(ft.words) == 0 {
			if hard || len(ft.lines) == 0 {
				ft.lines = append(ft.lines, line{last: true})
			}
			return true
		}
		ok := s.fitParagraph(width)
		ft.words, ft.frags = ft.words[:0], ft.frags[:0]
		return ok
	}
	for kind, fr := range s.tokens(runs) {
		switch kind {
		case hardBreak:
			if !endParagraph(true) {
				return nil, false
			}
			hasSpace = false
		case wordSpace:
			endWord()
			space, hasSpace = fr, true
		case wordPart:
			if first < 0 {
				first = int32(len(ft.frags))
			}
			ft.frags = append(ft.frags, fr)
			wordW += fr.w
		}
	}
	if !endParagraph(false) {
		return nil, false
	}
	// The lines' frags were gathered in ft.all; each line gets its own
	// part of one copy, capped, so that appending to one never writes
	// into the next.
	all := make([]frag, len(ft.all))
	copy(all, ft.all)
	lines := make([]line, len(ft.lines))
	copy(lines, ft.lines)
	at := 0
	for i := range lines {
		n := len(lines[i].frags)
		lines[i].frags = all[at : at+n : at+n]
		at += n
	}
	return lines, true
}

// fitParagraph breaks the words in s.fitter into lines, appending them to
// s.fitter.lines (their frags to s.fitter.all, see fitLines), the last one last.
// It reports false when there is no way to break them.
func (s *doc) fitParagraph(width float64) bool {
	ft := s.fitter
	n := len(ft.words)
	ft.cuts = ft.cuts[:0]
	// Prefix sums of the widths, and of the words and spaces set in the
	// largest size: a line's spaces stretch by looseStretch of the
	// largest size on it (see drawLine). A line without that size is
	// measured against the smallest instead, so that no line judged
	// justifiable here is drawn ragged.
	ft.pos, ft.spw, ft.sps, ft.big, ft.bigSp = ft.pos[:0], ft.spw[:0], ft.sps[:0], ft.big[:0], ft.bigSp[:0]
	largest, smallest := 0.0, math.Inf(1)
	for _, w := range ft.words {
		for _, f := range ft.frags[w.first:w.end] {
			largest, smallest = max(largest, f.st.sizeMM()), min(smallest, f.st.sizeMM())
		}
		if w.space.run != nil {
			largest, smallest = max(largest, w.space.st.sizeMM()), min(smallest, w.space.st.sizeMM())
		}
	}
	ft.pos = append(ft.pos, 0)
	ft.sps = append(ft.sps, 0)
	ft.big = append(ft.big, 0)
	ft.bigSp = append(ft.bigSp, 0)
	for k, w := range ft.words {
		big, bigSp := int32(0), int32(0)
		for _, f := range ft.frags[w.first:w.end] {
			if f.st.sizeMM() == largest {
				big = 1
			}
		}
		if w.space.run != nil && w.space.st.sizeMM() == largest {
			bigSp = 1
		}
		ft.pos = append(ft.pos, ft.pos[k]+w.space.w+w.w)
		ft.spw = append(ft.spw, w.space.w)
		ft.sps = append(ft.sps, ft.sps[k]+w.space.w)
		ft.big = append(ft.big, ft.big[k]+big)
		ft.bigSp = append(ft.bigSp, ft.bigSp[k]+bigSp)
	}
	p := fitPass{ft: ft, width: width, largest: largest, smallest: smallest, strict: s.strictFit, noHyph: -1}
	if j := s.unhyphen - 1 - len(ft.lines); s.unhyphen > 0 && j >= 0 {
		p.noHyph = int32(j)
	}
	for pass := range 3 {
		p.hyphenate, p.emergency = pass > 0, pass == 2
		p.tolerance = fitTolerance
		if pass == 0 {
			p.tolerance = fitPretolerance
		}
		if end, ok := s.fitPass(&p, n); ok {
			s.fitEmit(end)
			return true
		}
	}
	return false
}

// fitPass is one pass of fitParagraph over its words.
type fitPass struct {
	ft                *fitter
	width             float64
	largest, smallest float64 // sizes in mm (see fitParagraph)
	hyphenate         bool    // try hyphenation points
	emergency         bool    // accept lines looser than tolerance
	strict            bool    // but none drawn ragged (doc.strictFit)
	noHyph            int32   // the line of the paragraph that may not end in a hyphen (doc.unhyphen); -1 for none
	tolerance         float64 // the most a space of a justified line stretches, in ems
}

// fitPass finds the best breaks of the n words of p.ft and returns the
// node of the last, or false when there are none.
func (s *doc) fitPass(p *fitPass, n int) (int32, bool) {
	ft := p.ft
	ft.nodes = append(ft.nodes[:0], fitNode{word: fitStart, cut: fitNoBreak, prev: -1})
	ft.active = append(ft.active[:0], 0)
	for b := 0; b < n; b++ {
		if p.hyphenate && s.fitNeedsCuts(p, b) {
			w := &ft.words[b]
			for c := int32(0); c < w.cuts; c++ {
				p.tryBreak(int32(b), c, false)
			}
		}
		p.tryBreak(int32(b), fitNoBreak, b == n-1)
		if len(ft.active) == 0 {
			return 0, false
		}
		if len(ft.active) > fitMaxActive {
			return 0, false // never in text; bounds the work on a pathological paragraph
		}
	}
	// The last break is the best node at the end.
	best, bestTotal := int32(-1), math.Inf(1)
	for _, a := range ft.active {
		nd := &ft.nodes[a]
		if int(nd.word) == n-1 && nd.cut == fitNoBreak && nd.total < bestTotal {
			best, bestTotal = a, nd.total
		}
	}
	return best, best >= 0
}

// fitNeedsCuts reports whether pass p should try the places where word b
// may be hyphenated, and looks for them the first time. A line ending
// inside the word is narrower than the line to its end: from the first
// active break, which gives the widest lines, the line to the word's end
// must be no looser than the pass accepts, or no line ending inside it is
// accepted. The last pass accepts any line with spaces, and a word alone
// when it is too wide.
func (s *doc) fitNeedsCuts(p *fitPass, b int) bool {
	ft := p.ft
	w := &ft.words[b]
	if w.end-w.first != 1 {
		return false // a word of several styles is not hyphenated (see hyphenSplit)
	}
	lw, glue, em, shrink := p.measure(&ft.nodes[ft.active[0]], int32(b), fitNoBreak)
	if p.emergency {
		if glue == 0 && lw-shrink <= p.width+eps {
			return false
		}
	} else if glue == 0 || (p.width-lw)/(float64(glue)*em) > p.tolerance {
		return false
	}
	if !w.found {
		w.found = true
		fr := ft.frags[w.first]
		var hyphen string
		var name bool
		ft.offs, hyphen, name = s.hyphenPoints(ft.offs[:0], fr, true)
		w.cut0 = int32(len(ft.cuts))
		hw := 0.0
		if hyphen != "" {
			hw = s.measure(fr.st, hyphen)
		}
		for _, off := range ft.offs {
			head := s.measure(fr.st, fr.text[:off])
			ft.cuts = append(ft.cuts, fitCut{off: off, pre: head + hw, post: s.measure(fr.st, fr.text[off:]), hyphen: hyphen != "", name: name})
		}
		w.cuts = int32(len(ft.cuts)) - w.cut0
	}
	return w.cuts > 0
}

// measure returns the natural width of the line from the break of node a
// to the break after word b (cut fitNoBreak) or at its cut, the number of
// its spaces, the size its spaces stretch by (see fitParagraph), and the
// most they shrink by together.
func (p *fitPass) measure(a *fitNode, b, cut int32) (w float64, glue int32, em, shrink float64) {
	ft := p.ft
	f := a.word + 1 // the first word, whole or not
	if a.cut != fitNoBreak {
		f = a.word
		w = ft.cuts[ft.words[f].cut0+a.cut].post + ft.pos[b+1] - ft.pos[f+1]
	} else {
		w = ft.pos[b+1] - ft.pos[f] - ft.spw[f]
	}
	if cut != fitNoBreak {
		wb := &ft.words[b]
		w += ft.cuts[wb.cut0+cut].pre - wb.w
	}
	em = p.smallest
	if ft.big[b+1]-ft.big[f] > 0 || ft.bigSp[b+1]-ft.bigSp[f+1] > 0 {
		em = p.largest
	}
	return w, b - f, em, fitShrink * (ft.sps[b+1] - ft.sps[f+1])
}

// restFits reports whether the words after the break after word b (cut
// fitNoBreak), or at its cut, fit on one line.
func (p *fitPass) restFits(b, cut int32) bool {
	ft := p.ft
	n := int32(len(ft.words))
	var w float64
	switch {
	case cut != fitNoBreak:
		w = ft.cuts[ft.words[b].cut0+cut].post + ft.pos[n] - ft.pos[b+1]
	case b+1 < n:
		w = ft.pos[n] - ft.pos[b+1] - ft.words[b+1].space.w
	}
	return w <= p.width+eps
}

// tryBreak considers a break after word b (cut fitNoBreak), or at its
// cut, from every active node, and adds the best ways to reach it as
// nodes, one per fitness class and run of hyphens; a node whose line to
// it runs past the measure at a space is no longer active. last is the
// end of the paragraph.
func (p *fitPass) tryBreak(b, cut int32, last bool) {
	ft := p.ft
	// The best way found to each node at this break, by fitness class and
	// run of hyphens (and, where a line may not end in a hyphen, by the
	// lines up to it): seldom more than two.
	ways := ft.ways[:0]
	hyphenated := cut != fitNoBreak
	pen := 0.0
	if hyphenated {
		pen = fitHyphenPenalty
		if ft.cuts[ft.words[b].cut0+cut].name {
			pen = fitNamePenalty
		}
	}
	keep := ft.active[:0]
	for _, ai := range ft.active {
		a := &ft.nodes[ai]
		if a.word == b && hyphenated { // a line does not start and end inside one word
			keep = append(keep, ai)
			continue
		}
		w, glue, em, shrink := p.measure(a, b, cut)
		if last {
			shrink = 0 // the last line is set at its natural width
		}
		if w-shrink > p.width+eps {
			if hyphenated {
				keep = append(keep, ai)
			}
			continue // a break further on only makes the line longer
		}
		keep = append(keep, ai)
		if hyphenated && (a.hyph >= fitHyphensInRow || a.line == p.noHyph) {
			continue
		}
		d, fitness, ok := p.demerits(a, w, glue, em, shrink, b, cut, last)
		if !ok {
			continue
		}
		d += pen * pen
		h := int8(0)
		if hyphenated {
			h = a.hyph + 1
		}
		t := a.total + d
		lines := int32(0) // the lines up to this one, where they matter
		if p.noHyph >= 0 {
			lines = min(a.line+1, p.noHyph+1)
		}
		k := 0
		for k < len(ways) && (ways[k].fitness != fitness || ways[k].hyph != h || ways[k].lines != lines) {
			k++
		}
		if k == len(ways) {
			ways = append(ways, fitWay{t, ai, fitness, h, lines})
		} else if t < ways[k].total {
			ways[k].total, ways[k].from = t, ai
		}
	}
	ft.active = keep
	for _, w := range ways {
		ft.active = append(ft.active, int32(len(ft.nodes)))
		ft.nodes = append(ft.nodes, fitNode{word: b, cut: cut, prev: w.from, fitness: w.fitness, hyph: w.hyph, line: ft.nodes[w.from].line + 1, total: w.total})
	}
	ft.ways = ways
}

// fitWay is the best way found to a break, for tryBreak.
type fitWay struct {
	total         float64
	from          int32
	fitness, hyph int8
	lines         int32
}

// demerits returns the demerits of the line from node a to the break
// after word b (cut fitNoBreak), or at its cut, w wide with glue spaces
// that stretch by ems of em and shrink by shrink together (see measure),
// before any penalty for its break, and its fitness class; ok is false
// when pass p does not accept the line. last is the end of the paragraph.
func (p *fitPass) demerits(a *fitNode, w float64, glue int32, em, shrink float64, b, cut int32, last bool) (d float64, fitness int8, ok bool) {
	var x float64 // how much each space stretches, in ems
	switch {
	case last:
	case w > p.width+eps:
		// Shrunk, by no more than shrink (see tryBreak): the badness of
		// the share of it taken, as TeX's.
		r := (w - p.width) / shrink
		bad := 100 * r * r * r
		d = (fitLinePenalty + bad) * (fitLinePenalty + bad)
		if r >= fitTight {
			fitness = -1
		}
		if fitness-a.fitness > 1 || a.fitness-fitness > 1 {
			d += fitAdjDemerits
		}
		return p.hyphenDemerits(a, d, cut, last), fitness, true
	case glue == 0:
		if p.width-w > eps {
			x = math.Inf(1)
		}
	default:
		x = (p.width - w) / (float64(glue) * em)
	}
	ragged := false
	if x > p.tolerance {
		if !p.emergency {
			return 0, 0, false
		}
		// Looser than the passes before accept: justified all the same,
		// as TeX sets an underfull line, while text extraction still
		// reads its gaps as spaces (see maxGap and justify); beyond, or a
		// word alone, drawn ragged, unless p.strict.
		ragged = glue == 0 || !p.gapFits(a, b, (p.width-w)/float64(glue))
		if ragged && p.strict {
			return 0, 0, false
		}
	}
	if ragged {
		// Drawn ragged, at its natural width, the fuller the better; a
		// line ragged before the last line reads as the paragraph's end,
		// and costs less than one in the middle.
		gap := (p.width - w) / em
		d = fitRaggedDemerits + fitRaggedGap*gap*gap
		if p.restFits(b, cut) {
			d = fitRaggedLast + fitRaggedLastGap*gap*gap
		}
	} else {
		// TeX's badness, uncapped: in the last pass a line looser than
		// the tolerance costs more than any within it, and the more the
		// looser, so that the loosest line is as tight as breaks can make it.
		r := x / fitStretch // the adjustment ratio
		bad := 100 * r * r * r
		d = (fitLinePenalty + bad) * (fitLinePenalty + bad)
		switch {
		case r >= fitVeryLoose:
			fitness = 2
		case r >= fitLoose:
			fitness = 1
		}
		if fitness-a.fitness > 1 || a.fitness-fitness > 1 {
			d += fitAdjDemerits
		}
	}
	return p.hyphenDemerits(a, d, cut, last), fitness, true
}

// gapFits reports whether the spaces of the line from the break of node a
// to word b, widened by extra (mm), leave gaps that text extraction reads
// as spaces (see gapFits in layout.go).
func (p *fitPass) gapFits(a *fitNode, b int32, extra float64) bool {
	ft := p.ft
	f := a.word + 1
	if a.cut != fitNoBreak {
		f = a.word
	}
	first, space := 0.0, 0.0
	for k := f; k <= b; k++ {
		w := &ft.words[k]
		if k > f && w.space.run != nil {
			space = max(space, w.space.w)
		}
		if first == 0 && ft.frags[w.first].badge == "" {
			first = ft.frags[w.first].st.sizeMM()
		}
	}
	return gapFits(first, space, extra)
}

// hyphenDemerits adds to d, the demerits of a line from node a to a break
// at cut, those of a hyphen at its start that another line or the end of
// the paragraph follows.
func (p *fitPass) hyphenDemerits(a *fitNode, d float64, cut int32, last bool) float64 {
	if a.cut != fitNoBreak {
		if cut != fitNoBreak {
			d += fitDoubleHyphen
		} else if last {
			d += fitFinalHyphen
		}
	}
	return d
}

// fitEmit appends the lines that end at node end, and at the nodes
// before it, to s.fitter.lines, the last one last.
func (s *doc) fitEmit(end int32) {
	ft := s.fitter
	ft.chain = ft.chain[:0]
	for e := end; e >= 0; e = ft.nodes[e].prev {
		ft.chain = append(ft.chain, e)
	}
	for i := len(ft.chain) - 1; i > 0; i-- {
		ft.lines = append(ft.lines, s.fitLine(&ft.nodes[ft.chain[i]], &ft.nodes[ft.chain[i-1]]))
	}
	ft.lines[len(ft.lines)-1].last = true
}

// fitLine makes the line from the break of node a to that of node b.
func (s *doc) fitLine(a, b *fitNode) line {
	ft := s.fitter
	var ln line
	f := a.word + 1
	if a.cut != fitNoBreak {
		f = a.word
	}
	start := len(ft.all)
	for k := f; k <= b.word; k++ {
		w := &ft.words[k]
		if k > f && w.space.run != nil {
			ft.all = append(ft.all, w.space)
			ln.w += w.space.w
			ln.glue++
		}
		switch {
		case k == f && a.cut != fitNoBreak:
			c := &ft.cuts[w.cut0+a.cut]
			fr := ft.frags[w.first]
			fr.text, fr.w = fr.text[c.off:], c.post
			ft.all = append(ft.all, fr)
			ln.w += fr.w
		case k == b.word && b.cut != fitNoBreak:
			c := &ft.cuts[w.cut0+b.cut]
			fr := ft.frags[w.first]
			fr.text, fr.w = fr.text[:c.off], c.pre
			if c.hyphen {
				fr.text += "-"
			}
			ft.all = append(ft.all, fr)
			ln.w += fr.w
			ln.hyph = true
		default:
			ft.all = append(ft.all, ft.frags[w.first:w.end]...)
			ln.w += w.w
		}
	}
	ln.frags = ft.all[start:len(ft.all):len(ft.all)]
	return ln
}
