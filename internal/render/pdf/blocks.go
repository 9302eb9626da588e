package pdf

import (
	"slices"
	"strings"
)

// Type sizes, line heights and gaps, in points and millimetres.
const (
	bodySize  = 9.5
	bodyLH    = bodySize * ptToMM * 1.42
	paraGap   = 2.4
	smallSize = 8.5
	codeSize  = 8.3
	codeLH    = codeSize * ptToMM * 1.4
	codePad   = 2.4
	tableSize = 8.8
	// minTableSize is the smallest type a table fitted to its content
	// is set in, so that no word of it breaks (see shrinkToFit): below
	// it, its longest words break instead.
	minTableSize = 7
	shortCode    = 12 // code blocks of up to this many lines are not split between pages
)

// body is the style of running text.
var body = textStyle{size: bodySize, color: ink}

// headingStyle is the style of a heading of the given level: 0 a chapter,
// 1 a section, 2 a subsection, 3 anything deeper.
func headingStyle(level int) textStyle {
	switch level {
	case 0:
		return textStyle{bold: true, size: 20, color: accent}
	case 1:
		return textStyle{bold: true, size: 13.5, color: accent}
	case 2:
		return textStyle{bold: true, size: 11.5, color: ink}
	}
	return textStyle{bold: true, italic: true, size: 10, color: ink}
}

// headingGaps is the space above and below a heading of a level.
func headingGaps(level int) (before, after float64) {
	switch level {
	case 1:
		return 8, 2.6
	case 2:
		return 5.5, 2
	}
	return 4.5, 1.6
}

// mark records a heading that starts at the pen: an entry for the
// contents, a bookmark in the outline, and the target of its contents link.
func (s *doc) mark(level int, title string) {
	title = s.clean(title)
	idx := len(s.entries)
	s.entries = append(s.entries, tocEntry{Level: level, Title: title, Page: s.f.PageNo(), Annex: s.inAnnex, Part: s.part})
	// The outline may not skip a level on the way down.
	ol := min(level, s.lastOutline+1)
	if idx == 0 {
		ol = 0
	}
	s.lastOutline = ol
	s.f.Bookmark(title, ol, max(s.y-2, 0))
	if s.rec != nil {
		s.rec.mark(s.entries[idx], max(s.y-2, 0))
	}
	if idx < len(s.tocLinks) && s.tocLinks[idx] != nil {
		s.f.SetLinkDest(s.tocLinks[idx], max(s.y-2, 0), -1)
	}
}

// chapterStart starts a chapter on a new page: its title, set large with a
// rule beneath, in the contents and the outline at the top level. links are
// pointed at the title.
func (s *doc) chapterStart(title string, links ...dest) {
	s.keepWith(0) // nothing should be waiting; if it is, it goes before
	s.endColumns()
	s.chapter = title
	s.onCover = false
	s.newPage()
	s.chapterTitle(title, 0, links)
}

// runOnRoom is the room, in millimetres, a minor chapter needs left on the
// page in hand to start there rather than on a new page: about a third of
// an A4 page's body, enough for its title and the start of its text.
const runOnRoom = 85.0

// partStart starts a minor chapter inside a major one (a source's text in
// the annex of sources): its title set as a chapter's, but in the contents
// and the outline at the first level, under the major one's. It runs on
// under what came before when the page has runOnRoom left, and room for
// keep millimetres of what follows under the title, and starts a new page
// otherwise.
func (s *doc) partStart(title string, keep float64, links ...dest) {
	s.keepWith(0)
	s.chapter = title
	s.onCover = false
	if s.atTop || s.room() < max(runOnRoom, s.titleHeight(title)+keep) {
		s.newPage()
	} else {
		s.advance(max(s.after, 14))
		s.y -= 8 // chapterTitle sets the title 8 mm down, as below a running header
	}
	s.part = true
	s.chapterTitle(title, 1, links)
	s.part = false
}

// chapterTitle sets a chapter's title at the pen, with its rule; level is
// its level in the contents and the outline.
func (s *doc) chapterTitle(title string, level int, links []dest) {
	s.y += 8
	s.mark(level, title)
	s.pendingLinks = append(s.pendingLinks, links...)
	s.drawTitle(title)
}

// titleHeight is about the height a minor chapter's title takes when it
// runs on under what came before (partStart): the space above it, its
// lines and its rule, not the space under it (titleAfter).
func (s *doc) titleHeight(title string) float64 {
	lh := headingStyle(0).sizeMM() * 1.25
	return 14 + float64(len(s.layout([]run{{text: title, st: headingStyle(0)}}, s.right-s.left)))*lh + 3
}

// titleAfter is the space under a chapter's title and its rule;
// tableGap the space above a table.
const (
	titleAfter = 6.0
	tableGap   = 3.5
)

// drawTitle sets title as a chapter's, large with a rule beneath, where
// the pen is.
func (s *doc) drawTitle(title string) {
	st := headingStyle(0)
	lh := st.sizeMM() * 1.25
	lines := s.layout([]run{{text: title, st: st}}, s.right-s.left)
	for _, ln := range lines {
		s.beginLine(s.y)
		s.drawLine(ln, s.left, s.y, s.right-s.left, lh, alignLeft)
		s.advance(lh)
	}
	s.y += 2
	s.setDraw(accent)
	s.f.SetLineWidth(0.5)
	s.f.Line(s.left, s.y, s.right, s.y)
	s.y += 1
	s.after = titleAfter
}

// keepLines is the height of the two lines of text a heading is kept with.
const keepLines = paraGap + 2*bodyLH

// heading sets a heading of level 1 or deeper, from runs already in the
// heading's style, and keeps it on the same page as the first keep
// millimetres of what follows (keepLines for two lines of text). links are
// pointed at it.
func (s *doc) heading(level int, runs []run, keep float64, links ...dest) {
	st := headingStyle(level)
	before, after := headingGaps(level)
	h := pendingHead{
		level: level, title: plainOf(runs), lines: s.layout(runs, s.right-s.left),
		lh: st.sizeMM() * 1.3, before: before, after: after, keep: keep,
		links: links, page: s.f.PageNo(), left: s.left,
	}
	for _, r := range runs {
		if r.entity != "" {
			h.entities = append(h.entities, r.entity)
		}
	}
	s.heads = append(s.heads, h)
}

// pendingHead is a heading waiting to be drawn with the first lines of
// what follows it: it is set only once the next block knows how much of
// itself must stand on the same page (see keepWith).
type pendingHead struct {
	level         int
	title         string
	lines         []line
	lh            float64
	before, after float64
	keep          float64 // the least of what follows to keep with it, as the caller asked
	links         []dest
	page          int      // the page when it was asked for
	entities      []string // entities its text names
	// left is the edge it is set from: where the text stood when it was
	// asked for, not the indent of the list item whose first lines set
	// it (moved with the column, as that indent is).
	left float64
}

// keepWith draws the headings waiting to be set, on this page if they and
// the next need millimetres of what follows fit on it (and at least the
// keep each heading asked for), otherwise at the top of the next. Every
// block calls it before it draws; the space the block asked for above
// itself is kept as the gap under the last heading.
func (s *doc) keepWith(need float64) {
	if len(s.heads) == 0 {
		return
	}
	heads, gapBelow := s.heads, s.headGap
	s.heads, s.headGap = nil, 0
	last := heads[len(heads)-1]
	need = max(need, last.keep)
	total := 0.0
	for i, h := range heads {
		if i > 0 {
			total += max(heads[i-1].after, h.before)
		} else if !s.atTop {
			total += max(h.before, s.after)
		}
		total += float64(len(h.lines)) * h.lh
	}
	below := max(last.after, gapBelow)
	if s.y+total+below+need > s.bottom+eps {
		// The headings move with the text into the next column, or to
		// the next page's first.
		x := s.left
		s.breakPage()
		for i := range heads {
			heads[i].left += s.left - x
		}
	}
	for i, h := range heads {
		if i > 0 {
			s.advance(max(heads[i-1].after, h.before))
		} else if !s.atTop {
			s.advance(max(h.before, s.after))
		}
		s.after = 0
		s.mark(h.level, h.title)
		for _, id := range h.entities {
			if p, ok := s.profilePage[id]; ok && p == h.page {
				s.setProfilePage(id)
			}
		}
		s.pendingLinks = append(s.pendingLinks, h.links...)
		for _, ln := range h.lines {
			s.beginLine(s.y)
			s.drawLine(ln, h.left, s.y, s.right-h.left, h.lh, alignLeft)
			s.advance(h.lh)
		}
	}
	s.advance(below)
	s.after = 0
}

// headingHeight is the height a heading of runs takes with its gaps.
func (s *doc) headingHeight(level int, runs []run) float64 {
	before, after := headingGaps(level)
	lines := len(s.layout(runs, s.right-s.left))
	return before + float64(lines)*headingStyle(level).sizeMM()*1.3 + after
}

// headingText sets a heading from plain text, kept with keep millimetres
// of what follows.
func (s *doc) headingText(level int, text string, keep float64) {
	s.heading(level, []run{{text: text, st: headingStyle(level)}}, keep)
}

// paragraph sets runs as a justified paragraph of body text.
func (s *doc) paragraph(runs []run) {
	s.space(paraGap)
	s.flow(runs, bodyLH, alignJustify)
	s.after = paraGap
}

// text is a run of plain body text that the build writes, set with
// typographic quotes and dashes (typo); verbatim source text is set
// without this helper.
func text(t string) run { return run{text: typo(t), st: body} }

// styled is a run of text the build writes, in a style derived from body;
// quotes and dashes are typographic unless the style is mono.
func styled(t string, change func(*textStyle)) run {
	st := body
	change(&st)
	if !st.mono {
		t = typo(t)
	}
	return run{text: t, st: st}
}

// rule draws a thin horizontal rule across the column.
func (s *doc) rule() {
	s.space(4)
	s.keepWith(1)
	s.ensure(1)
	s.beginLine(s.y)
	s.setDraw(ruleInk)
	s.f.SetLineWidth(0.3)
	s.f.Line(s.left, s.y, s.right, s.y)
	s.advance(0.3)
	s.after = 4
}

// codeBlock draws code on a light background in the mono font, each token
// in the colour the highlighter gives it. Tabs are expanded to stops of
// four; lines too long for the column are broken. A block longer than the
// page continues on the next.
func (s *doc) codeBlock(lang, code string) error {
	toks, err := s.opts.Highlighter.Tokens(lang, code)
	if err != nil {
		return err
	}
	var (
		logical [][]run
		cur     []run
		col     int
	)
	for _, t := range toks {
		c := s.opts.Highlighter.Style(t.Type)
		st := textStyle{mono: true, size: codeSize, color: rgb{c.R, c.G, c.B}, bold: c.Bold, italic: c.Italic}
		for i, part := range strings.Split(t.Value, "\n") {
			if i > 0 {
				logical = append(logical, cur)
				cur, col = nil, 0
			}
			if part == "" {
				continue
			}
			part, col = expandTabs(part, col, 4)
			cur = append(cur, run{text: s.clean(part), st: st})
		}
	}
	if len(cur) > 0 {
		logical = append(logical, cur)
	}
	for len(logical) > 0 && len(logical[len(logical)-1]) == 0 {
		logical = logical[:len(logical)-1]
	}
	if len(logical) == 0 {
		return nil
	}
	width := s.right - s.left
	inner := width - 2*codePad
	var lines []line
	for _, l := range logical {
		lines = append(lines, s.wrapCode(l, inner)...)
	}
	lh := codeLH
	s.space(3)
	whole := float64(len(lines))*lh + 2*codePad
	if len(lines) <= shortCode {
		s.keepWith(whole)
	} else {
		s.keepWith(2*lh + 2*codePad)
	}
	if len(lines) <= shortCode && whole > s.room() && whole <= s.bottom-marginTop {
		s.breakPage() // a short block is not worth splitting
	}
	for i := 0; i < len(lines); {
		rest := len(lines) - i
		fits := int((s.room() - 2*codePad + eps) / lh)
		if fits < min(rest, 2) {
			s.breakPage()
			continue
		}
		n := min(fits, rest)
		if rest-n == 1 && n > 2 {
			n-- // no single line alone on the next page
		}
		s.beginLine(s.y)
		s.setFill(codeBack)
		s.f.Rect(s.left, s.y, width, float64(n)*lh+2*codePad, "F")
		s.advance(codePad)
		for k := 0; k < n; k++ {
			base := s.drawLine(lines[i+k], s.left+codePad, s.y, inner, lh, alignLeft)
			if k == 0 {
				s.drawMarkers(base)
			}
			s.advance(lh)
		}
		s.advance(codePad)
		i += n
		if i < len(lines) {
			s.newPage()
		}
	}
	s.after = 3
	return nil
}

// wrapCode breaks one line of code into lines at most width wide, keeping
// its spaces. It breaks after the last space that leaves at least half a
// line, otherwise between any two characters; continuation lines are
// indented two columns deeper than the line they continue.
func (s *doc) wrapCode(runs []run, width float64) []line {
	type glyph struct {
		r  rune
		st textStyle
		w  float64
	}
	var gs []glyph
	for _, r := range runs {
		for _, c := range r.text {
			gs = append(gs, glyph{c, r.st, s.measure(r.st, string(c))})
		}
	}
	build := func(gs []glyph) line {
		var ln line
		for _, g := range gs {
			if n := len(ln.frags); n > 0 && ln.frags[n-1].st == g.st {
				ln.frags[n-1].text += string(g.r)
				ln.frags[n-1].w += g.w
			} else {
				ln.frags = append(ln.frags, frag{run: &run{st: g.st}, text: string(g.r), w: g.w})
			}
			ln.w += g.w
		}
		return ln
	}
	if len(gs) == 0 {
		return []line{build(nil)} // an empty line of code is a line
	}
	indent := 0
	for indent < len(gs) && gs[indent].r == ' ' {
		indent++
	}
	indent += 2 // of continuation lines
	// Each line is pad continuation spaces, then gs from pos on: nothing
	// is copied, so that a long line costs time in proportion to its
	// length.
	var (
		lines    []line
		pos, pad int
		sp       glyph
	)
	at := func(k int) glyph {
		if k < pad {
			return sp
		}
		return gs[pos+k-pad]
	}
	for {
		total := pad + len(gs) - pos
		w, n, brk := 0.0, 0, -1
		for n < total && (n == 0 || w+at(n).w <= width+eps) {
			g := at(n)
			w += g.w
			if g.r == ' ' && w > width/2 {
				brk = n + 1
			}
			n++
		}
		if n < total && brk > pad {
			n = brk
		}
		n = max(n, pad+1) // every line takes at least one glyph of the code
		lines = append(lines, build(append(slices.Repeat([]glyph{sp}, pad), gs[pos:pos+n-pad]...)))
		pos += n - pad
		if pos >= len(gs) {
			return lines
		}
		sp = glyph{' ', gs[pos].st, s.measure(gs[pos].st, " ")}
		if indent*int(sp.w*1000) >= int(width*1000)/2 {
			indent = 0 // deeply indented code: continue at the margin
		}
		pad = indent
	}
}

// cell is one table cell.
type cell struct {
	runs  []run
	align alignment
}

// table is a table to draw: an optional header row and the body rows.
type table struct {
	head   []cell
	rows   [][]cell
	widths []float64 // column widths; fitted to the content when nil
	size   float64   // font size of the cells, in points
}

// Table metrics, in millimetres.
const (
	cellPadX = 1.8
	cellPadY = 1.2
)

// laidTable is a table laid out to the column, ready to draw: its cells'
// lines, row by row, and what of it must start on one page.
type laidTable struct {
	t         table // as laid out: its type perhaps made smaller to fit
	ncol      int
	widths    []float64
	lh        float64 // the cells' line height
	headLines [][]line
	headN     int     // lines of the header row
	headH     float64 // its height; 0 for none
	rows      [][][]line
	rowN      []int // lines of each row
	// need is what must start on one page: the header and two rows, or the
	// whole table when it takes half a page or less, which is not split.
	need float64
}

// layoutTable lays t out to the column, or returns nil for a table of no
// columns.
func (s *doc) layoutTable(t table) *laidTable {
	ncol := len(t.head)
	for _, r := range t.rows {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return nil
	}
	size := t.size
	if size == 0 {
		size = tableSize
	}
	widths := t.widths
	if widths == nil {
		var need needs
		t, size, need = s.shrinkToFit(t, ncol, size, s.right-s.left)
		widths = need.fit(s.right - s.left)
	} else {
		widths = s.widenForHeader(t, widths)
	}
	lt := &laidTable{t: t, ncol: ncol, widths: widths, lh: size * ptToMM * 1.4}
	layoutRow := func(cells []cell) ([][]line, int) {
		out := make([][]line, ncol)
		n := 1
		for c := 0; c < ncol; c++ {
			if c < len(cells) {
				out[c] = s.layout(cells[c].runs, widths[c]-2*cellPadX)
			}
			n = max(n, len(out[c]))
		}
		return out, n
	}
	if len(t.head) > 0 {
		lt.headLines, lt.headN = layoutRow(t.head)
		lt.headH = float64(lt.headN)*lt.lh + 2*cellPadY
	}
	lt.rows = make([][][]line, len(t.rows))
	lt.rowN = make([]int, len(t.rows))
	whole := lt.headH
	for i, row := range t.rows {
		lt.rows[i], lt.rowN[i] = layoutRow(row)
		whole += float64(lt.rowN[i])*lt.lh + 2*cellPadY
	}
	lt.need = lt.headH
	for i := range min(2, len(t.rows)) {
		lt.need += float64(lt.rowN[i])*lt.lh + 2*cellPadY
	}
	if whole <= (s.bottom-marginTop)/2 {
		lt.need = whole
	}
	return lt
}

// drawTable draws t across the column: a rule above, the header row on a
// shaded band, a thin rule under every row and a rule below. A row that
// does not fit moves to the next page, where the header is repeated; a row
// taller than a page is split between its lines.
func (s *doc) drawTable(t table) {
	if lt := s.layoutTable(t); lt != nil {
		s.drawLaidTable(lt)
	}
}

// drawLaidTable draws a table laid out with layoutTable, as drawTable
// describes.
func (s *doc) drawLaidTable(lt *laidTable) {
	t, ncol, widths, lh, headH := lt.t, lt.ncol, lt.widths, lt.lh, lt.headH
	align := func(cells []cell, c int) alignment {
		if c < len(cells) {
			return cells[c].align
		}
		return alignLeft
	}
	total := 0.0
	for _, w := range widths {
		total += w
	}
	hline := func(c rgb, w float64) {
		s.setDraw(c)
		s.f.SetLineWidth(w)
		s.f.Line(s.left, s.y, s.left+total, s.y)
	}
	drawRow := func(cells []cell, lines [][]line, from, n int, shade bool) {
		h := float64(n)*lh + 2*cellPadY
		s.beginLine(s.y)
		if shade {
			s.setFill(headBack)
			s.f.Rect(s.left, s.y, total, h, "F")
		}
		x := s.left
		for c := 0; c < ncol; c++ {
			y := s.y + cellPadY
			for k := from; k < from+n && k < len(lines[c]); k++ {
				s.drawLine(lines[c][k], x+cellPadX, y, widths[c]-2*cellPadX, lh, align(cells, c))
				y += lh
			}
			x += widths[c]
		}
		s.advance(h)
	}
	drawHead := func() {
		hline(darkRule, 0.45)
		if lt.headN > 0 {
			drawRow(t.head, lt.headLines, 0, lt.headN, true)
			hline(darkRule, 0.3)
		}
	}
	page := s.bottom - marginTop // the height of a page's body
	s.space(tableGap)
	s.keepWith(lt.need + 1)
	if !s.atTop && lt.need+1 > s.room() && lt.need <= page {
		s.newPage()
	}
	first := true
	for i, row := range t.rows {
		lines, n := lt.rows[i], lt.rowN[i]
		h := float64(n)*lh + 2*cellPadY
		for k := 0; k < n; {
			fits := int((s.room() - 2*cellPadY - eps) / lh)
			if first {
				fits = int((s.room() - headH - 2*cellPadY + eps) / lh)
			}
			if k == 0 && fits < n && h <= page-headH {
				fits = 0 // the row fits on a page: move it whole
			}
			if fits < 1 {
				if !first {
					hline(ruleInk, 0.2)
				}
				s.newPage()
				first = true
				continue
			}
			if first {
				drawHead()
				first = false
			}
			m := min(fits, n-k)
			drawRow(row, lines, k, m, false)
			k += m
			if k < n {
				hline(ruleInk, 0.2)
			}
		}
		if i < len(t.rows)-1 {
			hline(ruleInk, 0.2)
		}
	}
	if first { // no rows: the header alone
		s.ensure(headH + 1)
		drawHead()
	} else {
		hline(darkRule, 0.45)
	}
	s.advance(0.5)
	s.after = 3.5
}

// widenForHeader returns the column widths a caller gave, changed so that
// no column is narrower than the longest word of its header: a column that
// lacks room takes it from the columns with the most to spare beyond their
// own longest words.
func (s *doc) widenForHeader(t table, widths []float64) []float64 {
	out := slices.Clone(widths)
	ncol := len(out)
	need := make([]float64, ncol) // the header's longest word
	lacks := false
	for c := 0; c < min(ncol, len(t.head)); c++ {
		_, wid := s.textWidth(t.head[c].runs)
		need[c] = wid + 2*cellPadX + 0.3
		lacks = lacks || need[c]-out[c] > eps
	}
	if !lacks {
		return out // every header word fits: no cell needs measuring
	}
	spare := make([]float64, ncol) // what a column can give
	for c := 0; c < ncol; c++ {
		least := need[c]
		for _, r := range t.rows {
			if c < len(r) {
				_, wid := s.textWidth(r[c].runs)
				least = max(least, min(wid+2*cellPadX+0.3, out[c]))
			}
		}
		spare[c] = max(0, out[c]-least)
	}
	for c := 0; c < ncol; c++ {
		for lack := need[c] - out[c]; lack > eps; {
			d := -1
			for k := range spare {
				if k != c && spare[k] > eps && (d < 0 || spare[k] > spare[d]) {
					d = k
				}
			}
			if d < 0 {
				break // nothing to spare: the word breaks
			}
			take := min(lack, spare[d])
			out[d] -= take
			spare[d] -= take
			out[c] += take
			lack -= take
		}
	}
	return out
}

// shrinkToFit returns t, set in size points, in type small enough for
// every column to be as wide as its longest word within width, half a
// point at a time down to minTableSize, with the size it is set in and
// what its columns need at that size: a table of many columns is smaller
// on the page rather than broken in the middle of its words and numbers.
func (s *doc) shrinkToFit(t table, ncol int, size, width float64) (table, float64, needs) {
	for {
		need := s.columnNeeds(t, ncol, width)
		if size <= minTableSize+eps || sum(need.least) <= width+eps {
			return t, size, need
		}
		next := max(minTableSize, size-0.5)
		t = t.scaled(next / size)
		size = next
	}
}

func sum(xs []float64) float64 {
	total := 0.0
	for _, x := range xs {
		total += x
	}
	return total
}

// scaled returns t with the type of every cell scaled by f.
func (t table) scaled(f float64) table {
	row := func(cells []cell) []cell {
		out := make([]cell, len(cells))
		for i, c := range cells {
			runs := slices.Clone(c.runs)
			for k := range runs {
				runs[k].st.size *= f
				runs[k].st.rise *= f
			}
			out[i] = cell{runs: runs, align: c.align}
		}
		return out
	}
	u := table{head: row(t.head), widths: t.widths, size: t.size * f}
	for _, r := range t.rows {
		u.rows = append(u.rows, row(r))
	}
	return u
}

// fitColumns shares width among ncol columns: each gets what its longest
// cell needs when that fits, otherwise at least its longest word and a
// share of the rest in proportion to what it lacks. A table whose content
// nearly fills the column is stretched to the full width.
func (s *doc) fitColumns(t table, ncol int, width float64) []float64 {
	return s.columnNeeds(t, ncol, width).fit(width)
}

// fit shares width among the columns that need n: see fitColumns.
func (n needs) fit(width float64) []float64 {
	most, least, headLeast := n.most, n.least, n.headLeast
	ncol := len(most)
	sumMost, sumLeast := sum(most), sum(least)
	out := make([]float64, ncol)
	switch {
	case sumMost <= width:
		stretch := 1.0
		if sumMost > 0.7*width {
			stretch = width / sumMost
		}
		for c := range out {
			out[c] = most[c] * stretch
		}
	case sumLeast >= width:
		// Too narrow for every column's longest word: the header's words
		// keep their width, the body's long words give way (they break).
		sumHead := 0.0
		for c := range out {
			headLeast[c] = min(max(headLeast[c], 8), least[c])
			sumHead += headLeast[c]
		}
		for c := range out {
			if sumHead >= width || sumLeast == sumHead {
				out[c] = least[c] * width / sumLeast
				continue
			}
			out[c] = headLeast[c] + (width-sumHead)*(least[c]-headLeast[c])/(sumLeast-sumHead)
		}
	default:
		for c := range out {
			out[c] = least[c] + (width-sumLeast)*(most[c]-least[c])/(sumMost-sumLeast)
		}
	}
	return out
}

// needs are what the columns of a table need, each with the cell's
// padding: the width its longest cell takes on one line (most), the width
// of its longest word (least: a body cell's no more than a third of the
// width the table is fitted to) and of its header's longest word
// (headLeast, as a header's words are never broken). most and least are
// at least 8 mm.
type needs struct {
	most, least, headLeast []float64
}

// columnNeeds returns what each of ncol columns of t, fitted to width,
// needs.
func (s *doc) columnNeeds(t table, ncol int, width float64) needs {
	most := make([]float64, ncol)
	least := make([]float64, ncol)
	headLeast := make([]float64, ncol)
	for c := 0; c < len(t.head) && c < ncol; c++ {
		nat, wid := s.textWidth(t.head[c].runs)
		most[c] = max(most[c], nat+2*cellPadX+0.5)
		headLeast[c] = wid + 2*cellPadX + 0.5
		least[c] = headLeast[c]
	}
	for _, r := range t.rows {
		for c := 0; c < len(r) && c < ncol; c++ {
			nat, wid := s.textWidth(r[c].runs)
			most[c] = max(most[c], nat+2*cellPadX+0.5)
			least[c] = max(least[c], min(wid+2*cellPadX+0.5, width/3))
		}
	}
	for c := range ncol {
		most[c] = max(most[c], 8)
		least[c] = max(least[c], 8)
	}
	return needs{most, least, headLeast}
}

// fields draws a list of labelled values, label on the left: a document's
// metadata.
func (s *doc) fields(rows [][2][]run) {
	s.drawTable(s.fieldTable(rows))
}

// fieldTable is the table fields draws.
func (s *doc) fieldTable(rows [][2][]run) table {
	t := table{size: 9}
	labelW := 30.0
	t.widths = []float64{labelW, s.right - s.left - labelW}
	for _, r := range rows {
		t.rows = append(t.rows, []cell{{runs: r[0]}, {runs: r[1]}})
	}
	return t
}
