package pdf

import "strings"

// boxSize is the side of a task-list box as a share of the font size.
const boxSize = 0.72

// layout breaks runs into lines at most width wide. Lines break at spaces;
// a word wider than a whole line is broken inside, preferably after one of
// breakAfter, so that nothing ever runs into the margin.
func (s *doc) layout(runs []run, width float64) []line {
	var (
		lines   []line
		cur     line
		space   *frag // the space before the word being gathered
		word    []frag
		wordW   float64
		hasWord bool
	)
	flushWord := func() {
		if !hasWord {
			return
		}
		sp := 0.0
		if space != nil && len(cur.frags) > 0 {
			sp = space.w
		}
		if wordW > width+eps && len(cur.frags) > 0 && width-cur.w-sp > width/4 {
			// A word longer than a line (an address, a digest) starts
			// where the line has room rather than leaving a gap.
			chunks := s.splitWord(word, width-cur.w-sp, width)
			if space != nil {
				cur.frags = append(cur.frags, *space)
				cur.glue++
			}
			cur.frags = append(cur.frags, chunks[0].frags...)
			cur.w += sp + chunks[0].w
			for _, c := range chunks[1:] {
				lines = append(lines, cur)
				cur = c
			}
			word, wordW, hasWord, space = nil, 0, false, nil
			return
		}
		if len(cur.frags) > 0 && cur.w+sp+wordW > width+eps {
			lines = append(lines, cur)
			cur, sp = line{}, 0
		}
		if len(cur.frags) == 0 && wordW > width+eps {
			chunks := s.splitWord(word, width, width)
			for _, c := range chunks[:len(chunks)-1] {
				lines = append(lines, c)
			}
			cur = chunks[len(chunks)-1]
		} else {
			if sp > 0 {
				cur.frags = append(cur.frags, *space)
				cur.w += sp
				cur.glue++
			}
			cur.frags = append(cur.frags, word...)
			cur.w += wordW
		}
		word, wordW, hasWord, space = nil, 0, false, nil
	}
	for _, r := range runs {
		switch {
		case r.brk:
			flushWord()
			cur.last = true
			lines = append(lines, cur)
			cur, space = line{}, nil
			continue
		}
		text := clean(r.text)
		for text != "" {
			i := strings.IndexByte(text, ' ')
			if i == 0 {
				flushWord()
				n := len(text) - len(strings.TrimLeft(text, " "))
				sr := r
				sr.text = " "
				space = &frag{run: sr, w: s.measure(r.st, " "), space: true}
				text = text[n:]
				continue
			}
			if i < 0 {
				i = len(text)
			}
			wr := r
			wr.text = text[:i]
			w := s.measure(r.st, wr.text)
			word = append(word, frag{run: wr, w: w})
			wordW += w
			hasWord = true
			text = text[i:]
		}
	}
	flushWord()
	cur.last = true
	if len(cur.frags) > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// splitWord breaks a word that is wider than width into lines, the first
// at most first wide, after one of breakAfter if there is one in the second
// half of a line, otherwise between any two characters.
func (s *doc) splitWord(word []frag, first, width float64) []line {
	type glyph struct {
		f int // index of the frag
		r rune
		w float64
	}
	var gs []glyph
	for i, fr := range word {
		for _, r := range fr.text {
			gs = append(gs, glyph{i, r, s.measure(fr.st, string(r))})
		}
	}
	build := func(part []glyph) line {
		var ln line
		for k, g := range part {
			if k == 0 || part[k-1].f != g.f {
				fr := word[g.f]
				fr.text, fr.w = "", 0
				ln.frags = append(ln.frags, fr)
			}
			last := &ln.frags[len(ln.frags)-1]
			last.text += string(g.r)
			last.w += g.w
			ln.w += g.w
		}
		return ln
	}
	var lines []line
	for lw := first; len(gs) > 0; lw = width {
		w, n, brk := 0.0, 0, -1
		for n < len(gs) && (n == 0 || w+gs[n].w <= lw+eps) {
			w += gs[n].w
			if strings.ContainsRune(breakAfter, gs[n].r) && w > lw/2 {
				brk = n + 1
			}
			n++
		}
		if n < len(gs) && brk > 0 {
			n = brk
		}
		lines = append(lines, build(gs[:n]))
		gs = gs[n:]
	}
	return lines
}

// drawLine draws ln with its top at top, in a column from x0 width wide,
// in lines lh high, and returns the baseline.
func (s *doc) drawLine(ln line, x0, top, width, lh float64, align alignment) float64 {
	maxSize := 0.0
	for _, fr := range ln.frags {
		maxSize = max(maxSize, fr.st.sizeMM())
	}
	baseline := top + lh/2 + 0.34*maxSize
	x, extra := x0, 0.0
	switch align {
	case alignCenter:
		x += (width - ln.w) / 2
	case alignRight:
		x += width - ln.w
	case alignJustify:
		if !ln.last && ln.glue > 0 {
			extra = (width - ln.w) / float64(ln.glue)
			if extra > 0.6*maxSize || extra < 0 {
				extra = 0 // a loose line reads better ragged than stretched
			}
		}
	}
	for _, p := range pieces(ln.frags, extra > 0) {
		if p.space {
			if p.code { // a space inside a code span keeps its background
				s.setFill(codeBack)
				size := p.st.sizeMM()
				s.f.Rect(x-0.3, baseline-0.82*size, p.w+extra+0.6, 1.08*size, "F")
			}
			x += p.w + extra
			continue
		}
		s.drawPiece(p, x, top, baseline, lh)
		x += p.w
	}
	return baseline
}

// pieces merges neighbouring frags set alike, so that a line is drawn with
// few text operations. Spaces are merged in too unless they are stretched.
func pieces(frags []frag, keepSpaces bool) []frag {
	var out []frag
	for _, fr := range frags {
		if fr.space && keepSpaces {
			out = append(out, fr)
			continue
		}
		if n := len(out); n > 0 && !out[n-1].space && sameLook(out[n-1].run, fr.run) {
			out[n-1].text += fr.text
			out[n-1].w += fr.w
			continue
		}
		fr.space = false
		out = append(out, fr)
	}
	return out
}

// sameLook reports whether two runs are drawn alike.
func sameLook(a, b run) bool {
	return a.st == b.st && a.link == b.link && a.url == b.url && a.code == b.code && a.entity == b.entity && a.badge == b.badge
}

// drawPiece draws one piece of a line at x.
func (s *doc) drawPiece(p frag, x, top, baseline, lh float64) {
	size := p.st.sizeMM()
	if p.code {
		s.setFill(codeBack)
		s.f.Rect(x-0.3, baseline-0.82*size, p.w+0.6, 1.08*size, "F")
	}
	if p.check != 0 {
		b := size * boxSize
		bx, by := x, baseline-b
		s.setDraw(p.st.color)
		s.f.SetLineWidth(0.25)
		s.f.Rect(bx, by, b, b, "D")
		if p.check == 2 {
			s.f.SetLineWidth(0.35)
			s.f.Line(bx+0.2*b, by+0.55*b, bx+0.42*b, by+0.8*b)
			s.f.Line(bx+0.42*b, by+0.8*b, bx+0.85*b, by+0.2*b)
		}
		return
	}
	if p.entity != "" {
		s.seen(p.entity)
	}
	if p.badge != "" {
		s.drawBadge(p, x, baseline)
	}
	if strings.TrimSpace(p.text) != "" || p.code {
		s.setFont(p.st)
		s.f.Text(x, baseline-p.st.rise*ptToMM, p.text)
	}
	if p.st.strike {
		s.setDraw(p.st.color)
		s.f.SetLineWidth(0.06 * size)
		y := baseline - 0.3*size
		s.f.Line(x, y, x+p.w, y)
	}
	if p.link != 0 {
		s.f.Link(x, top, p.w, lh, p.link)
	} else if p.url != "" {
		s.f.LinkString(x, top, p.w, lh, p.url)
	}
}

// flow sets runs as a paragraph in the current column, breaking pages
// between lines. It never leaves a paragraph's first line alone at the
// bottom of a page, nor (for paragraphs of four lines or more) its last line
// alone at the top of the next.
func (s *doc) flow(runs []run, lh float64, align alignment) {
	width := s.right - s.left
	lines := s.layout(runs, width)
	s.placeLines(len(lines), lh, func(i int, top float64) float64 {
		return s.drawLine(lines[i], s.left, top, width, lh, align)
	})
}

// placeLines places n lines lh high, drawing each with draw, with the page
// breaks that flow describes.
func (s *doc) placeLines(n int, lh float64, draw func(i int, top float64) float64) {
	fits := int((s.room() + eps) / lh)
	breakAt := -1
	if n > 1 && fits < n {
		switch {
		case fits < 2 || n <= 3:
			breakAt = 0
		case n-fits == 1:
			breakAt = fits - 1
		}
	}
	for i := 0; i < n; i++ {
		if i == breakAt || s.y+lh > s.bottom+eps {
			s.breakPage()
		}
		s.beginLine(s.y)
		base := draw(i, s.y)
		s.drawMarkers(base)
		s.advance(lh)
	}
}

// textWidth returns the width of runs set on one line, and the width of
// their widest word: the most and the least a table column needs.
func (s *doc) textWidth(runs []run) (natural, widest float64) {
	lineW, wordW := 0.0, 0.0
	for _, r := range runs {
		if r.brk {
			natural = max(natural, lineW)
			widest = max(widest, wordW)
			lineW, wordW = 0, 0
			continue
		}
		for _, c := range clean(r.text) {
			w := s.measure(r.st, string(c))
			lineW += w
			if c == ' ' {
				widest = max(widest, wordW)
				wordW = 0
				continue
			}
			wordW += w
		}
	}
	return max(natural, lineW), max(widest, wordW)
}
