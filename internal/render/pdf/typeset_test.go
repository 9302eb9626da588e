package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// newTestDoc starts a pass on the test dossier with one page begun.
func newTestDoc(t testing.TB) *doc {
	t.Helper()
	s, err := newDoc(testDossier(t), testOptions(t), plan{}, nil, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.chapter = "Test"
	s.newPage()
	return s
}

// TestPlaceLines: a paragraph split between pages leaves at least two of
// its lines on each page, and one of three lines or fewer is not split.
func TestPlaceLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fits int // lines that fit on the first page
		n    int // lines of the paragraph
		want []int
	}{
		{"fits", 5, 4, []int{4}},
		{"one would be left at the top", 5, 6, []int{4, 2}},
		{"one would be alone at the bottom", 1, 6, []int{0, 6}},
		{"a short paragraph is not split", 2, 3, []int{0, 3}},
		{"two and two", 2, 4, []int{2, 2}},
		{"over a whole page", 3, 70, nil}, // checked by rule below
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := linesPerPage(newTestDoc(t), tt.fits, tt.n, nil)
			if tt.want != nil && !equalInts(got, tt.want) {
				t.Errorf("lines per page = %v, want %v", got, tt.want)
			}
			for p, k := range got {
				if k == 1 || (k == 0 && p > 0) {
					t.Errorf("lines per page = %v: page %d has %d", got, p, k)
				}
			}
		})
	}
}

// linesPerPage places n lines of body text with s.placeLines, on a page
// with room for fits of them, and returns how many went on each page.
func linesPerPage(s *doc, fits, n int, hyphenated func(int) bool) []int {
	s.atTop = false
	s.y = s.bottom - float64(fits)*bodyLH - 0.01
	first := s.f.PageNo()
	perPage := map[int]int{}
	s.placeLines(n, bodyLH, hyphenated, nil, func(i int, top float64) float64 {
		perPage[s.f.PageNo()-first]++
		return top + bodyLH/2
	})
	var got []int
	for p := 0; p <= s.f.PageNo()-first; p++ {
		got = append(got, perPage[p])
	}
	return got
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestHeadingKeptWithNext: a heading near the foot of a page moves to the
// next with the paragraph under it, and the contents name that page.
func TestHeadingKeptWithNext(t *testing.T) {
	t.Parallel()
	for _, room := range []float64{12, 18, 22} { // mm: the heading fits, a line or two not
		s := newTestDoc(t)
		s.atTop = false
		s.y = s.bottom - room
		s.headingText(2, "A heading", keepLines)
		start := s.f.PageNo()
		page := 0
		s.placeLines(5, bodyLH, nil, nil, func(i int, top float64) float64 {
			if i == 0 {
				page = s.f.PageNo()
			}
			return top + bodyLH/2
		})
		if len(s.entries) != 1 {
			t.Fatalf("room %g: %d headings marked, want 1", room, len(s.entries))
		}
		if s.entries[0].Page != page {
			t.Errorf("room %g: the heading is on page %d, its paragraph starts on page %d (the heading was asked for on %d)", room, s.entries[0].Page, page, start)
		}
	}
}

// TestLayoutHyphenates: justified text too loose without hyphens gets
// them, within the limits; a capitalised word (see TestHyphenateName), a
// citation and a digit are not hyphenated; left-aligned text never is.
func TestLayoutHyphenates(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	words := "international organisations coordinate investigations concerning transnational organized criminality " +
		"Internationalisation S1 ¶12 · B2 administration responsibilities establishment 1234567890 interoperability"
	runs := []run{text(strings.Repeat(words+" ", 4))}
	s.hyphenate = true
	lines := s.layout(runs, 50)
	s.hyphenate = false
	hyphenated, inRow := 0, 0
	for i, ln := range lines {
		last := ln.frags[len(ln.frags)-1].text
		if !ln.hyph {
			inRow = 0
			continue
		}
		hyphenated++
		inRow++
		if inRow > 2 {
			t.Errorf("line %d is the third hyphenated line in a row", i)
		}
		if !strings.HasSuffix(last, "-") {
			t.Errorf("line %d is marked hyphenated but ends %q", i, last)
		}
		if strings.HasPrefix(last, "Internationalis") || strings.ContainsAny(last, "0123456789¶") {
			t.Errorf("line %d hyphenates a name, number or citation: %q", i, last)
		}
		if ln.w > 50+eps {
			t.Errorf("line %d is %.1f wide, more than 50", i, ln.w)
		}
	}
	if hyphenated == 0 {
		t.Error("no line was hyphenated")
	}
	for _, ln := range s.layout(runs, 50) {
		if ln.hyph {
			t.Fatal("text that is not justified was hyphenated")
		}
	}
}

// TestTableHeaderWords: a column is never narrower than its header's
// longest word, whether the widths are fitted or given.
func TestTableHeaderWords(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	st := textStyle{size: 8, color: ink}
	head := []cell{{runs: []run{{text: "Market", st: st}}}, {runs: []run{{text: "Destination", st: st}}}, {runs: []run{{text: "Trend, in the source's words", st: st}}}}
	row := []cell{{runs: []run{{text: "Human trafficking", st: st}}}, {runs: []run{{text: "●", st: st}}}, {runs: []run{{text: strings.Repeat("a long phrase of the source ", 4), st: st}}}}
	word, _ := s.textWidth([]run{{text: "Destination", st: st}})
	for _, tt := range []struct {
		name   string
		widths []float64
	}{
		{"fitted", nil},
		{"given", []float64{40, 12, 108}},
	} {
		tab := table{head: head, rows: [][]cell{row}, widths: tt.widths, size: 8}
		var got []float64
		if tt.widths == nil {
			got = s.fitColumns(tab, 3, 160)
		} else {
			got = s.widenForHeader(tab, tt.widths)
		}
		if got[1]-2*cellPadX < word {
			t.Errorf("%s: the column of %q is %.1f wide, its word %.1f", tt.name, "Destination", got[1]-2*cellPadX, word)
		}
		total := got[0] + got[1] + got[2]
		if total > 160+eps {
			t.Errorf("%s: the columns take %.1f of 160", tt.name, total)
		}
	}
}

// TestTableShrinksToKeepWords: a fitted table too wide for its words at
// the usual size is set smaller, down to minTableSize, until every column
// holds its longest word, so that no word or number breaks; one that fits
// keeps its size; one too wide even at the smallest size stops there.
func TestTableShrinksToKeepWords(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	st := textStyle{size: tableSize, color: ink}
	cellOf := func(text string) cell { return cell{runs: []run{{text: text, st: st}}} }
	tableOf := func(head []string, rows ...[]string) table {
		var tab table
		for _, h := range head {
			hst := st
			hst.bold = true
			tab.head = append(tab.head, cell{runs: []run{{text: h, st: hst}}})
		}
		for _, r := range rows {
			var cells []cell
			for _, v := range r {
				cells = append(cells, cellOf(v))
			}
			tab.rows = append(tab.rows, cells)
		}
		return tab
	}
	years := []string{"2018", "2019", "2020", "2021", "2022", "2023", "2024"}
	wide := tableOf(append(append([]string{"Agency", "Substance"}, years...), "Change"),
		append(append([]string{"Investigative Committee", "Methamphetamine"}, slices.Repeat([]string{"1,234.5"}, 7)...), "increased considerably"))
	narrow := tableOf([]string{"Agency", "Substance"}, []string{"Investigative Committee", "Methamphetamine"})
	many := tableOf(nil, slices.Repeat([]string{"Methamphetamine"}, 30))
	const width = 160.0
	for _, tc := range []struct {
		name       string
		tab        table
		small, big float64 // the size it may end at
	}{
		{"ten columns", wide, minTableSize, tableSize - 0.5},
		{"two columns", narrow, tableSize, tableSize},
		{"thirty columns", many, minTableSize, minTableSize},
	} {
		ncol := max(len(tc.tab.head), len(tc.tab.rows[0]))
		got, size, _ := s.shrinkToFit(tc.tab, ncol, tableSize, width)
		if size < tc.small-eps || size > tc.big+eps {
			t.Errorf("%s: set at %.1f pt, want %.1f–%.1f", tc.name, size, tc.small, tc.big)
		}
		if r := got.rows[0][0].runs[0]; r.st.size != size {
			t.Errorf("%s: a cell set at %.1f pt in a table of %.1f", tc.name, r.st.size, size)
		}
		if size > minTableSize+eps {
			widths := s.fitColumns(got, ncol, width)
			for c, cl := range got.rows[0] {
				if _, word := s.textWidth(cl.runs); widths[c]-2*cellPadX < word-eps {
					t.Errorf("%s: column %d is %.1f wide for its word of %.1f", tc.name, c, widths[c]-2*cellPadX, word)
				}
			}
		}
	}
	if r := wide.rows[0][0].runs[0]; r.st.size != tableSize {
		t.Error("shrinking changed the table it was given")
	}
}

// TestCitationsUnbroken: a citation is never broken between lines.
func TestCitationsUnbroken(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	runs := []run{text("It does many things in many places, as the source says"), {text: " [S1 ¶12 · B2]", st: citeStyle}, text(" and more words follow it here.")}
	for width := 30.0; width < 120; width += 0.5 {
		for _, ln := range s.layout(runs, width) {
			var b strings.Builder
			for _, f := range ln.frags {
				b.WriteString(f.text)
			}
			line := strings.TrimSpace(b.String())
			if strings.Contains(line, "[S1") != strings.Contains(line, "B2]") {
				t.Fatalf("width %g: the citation is broken: %q", width, line)
			}
		}
	}
}

// TestNarrowColumnHyphenates: a word wider than its column breaks where it
// may be hyphenated, with a hyphen, rather than between any two letters.
func TestNarrowColumnHyphenates(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	st := textStyle{size: 8, color: ink}
	lines := s.layout([]run{{text: "responsibilities", st: st}}, 14)
	var got []string
	for _, ln := range lines {
		got = append(got, ln.frags[0].text)
	}
	if len(got) < 2 {
		t.Fatalf("lines %q: the word was not broken", got)
	}
	if joined := strings.ReplaceAll(strings.Join(got, ""), "-", ""); joined != "responsibilities" {
		t.Errorf("lines %q do not make the word", got)
	}
	for _, l := range got[:len(got)-1] {
		if !strings.HasSuffix(l, "-") {
			t.Errorf("lines %q: %q ends without a hyphen", got, l)
		}
	}
}

// textsAt is a canvas that records where each piece of text is drawn.
type textsAt struct {
	canvas
	at map[string]float64 // x of the text, by text
}

func (c *textsAt) Text(x, y float64, text string) {
	c.at[text] = x
	c.canvas.Text(x, y, text)
}

// TestHeadingBeforeList: a heading is set at the edge of the text, not at
// the indent of the list (or list of a source's text) whose first lines
// it waits for, in a column as across the page.
func TestHeadingBeforeList(t *testing.T) {
	t.Parallel()
	for _, cols := range []int{1, 2} {
		for _, src := range []string{"- first item\n- second item\n", "1. first item\n2. second item\n", "> quoted\n"} {
			s := newTestDoc(t)
			rec := &textsAt{canvas: s.f, at: map[string]float64{}}
			s.f = rec
			if cols > 1 {
				s.startColumns(cols, glossaryGap, false)
			}
			left := s.left
			if cols > 1 {
				// Room for the heading at the foot of the first column, not
				// for the lines it is kept with: it moves to the second.
				s.atTop = false
				s.y = s.bottom - 12
				left += s.cols.w + s.cols.gap
			}
			s.headingText(2, "Headword", keepLines)
			n := &model.Note{ID: "n", Path: "notes/n.md", Source: []byte(src)}
			n.Doc = markdown.Parse(markdown.New(), n.Source)
			if err := s.blocks(n.Doc, &note{Note: n, footnotes: map[int]dest{}}); err != nil {
				t.Fatal(err)
			}
			x, ok := rec.at["Headword"]
			if !ok {
				t.Fatalf("%d columns, %q: the heading was not drawn", cols, src)
			}
			if math.Abs(x-left) > eps {
				t.Errorf("%d columns, %q: the heading is set at x = %.1f mm, want the text's edge, %.1f mm", cols, src, x, left)
			}
		}
	}
}

// TestReferenceUnbroken: a source's reference and the paragraph number
// after it ("S2 ¶9"), in runs of their own, stay on one line.
func TestReferenceUnbroken(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	s1, s2 := &model.Document{ID: "a", Ref: "S1"}, &model.Document{ID: "b", Ref: "S2"}
	runs := s.namedIn([]model.Mention{{Doc: s1, Block: &model.Block{Number: 4}}, {Doc: s2, Block: &model.Block{Number: 9}}, {Doc: s2, Block: &model.Block{Number: 12}}}, textStyle{size: 9, color: muted})
	for width := 20.0; width < 100; width += 0.5 {
		for _, ln := range s.layout(runs, width) {
			var b strings.Builder
			for _, f := range ln.frags {
				b.WriteString(f.text)
			}
			line := strings.TrimSpace(b.String())
			if strings.HasSuffix(line, "S1") || strings.HasSuffix(line, "S2") {
				t.Fatalf("width %g: a line ends in a reference without its paragraph: %q", width, line)
			}
		}
	}
}

// profileIn draws the profile of e in the first of two columns with room
// millimetres left in it, and returns where each piece of text was drawn.
func profileIn(t *testing.T, e *model.Entity, room float64) *textsAt {
	t.Helper()
	s := newTestDoc(t)
	rec := &textsAt{canvas: s.f, at: map[string]float64{}}
	s.f = rec
	s.startColumns(2, glossaryGap, false)
	s.atTop = false
	s.y = s.bottom - room
	if err := s.profile(e, 2); err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestProfileHeadingKept: a profile's heading and its other names are not
// left at the foot of a column without a line of what follows them.
func TestProfileHeadingKept(t *testing.T) {
	t.Parallel()
	e := &model.Entity{ID: "x", Name: "Headword", Kind: model.Term, Aliases: []string{"Another name", "A third name", "A fourth name"},
		Claims: []model.Claim{{Text: "What the source says of it, at some length, so that it takes several lines of a narrow column."}}}
	for _, room := range []float64{16, 20, 24} { // mm: the heading and its other names fit, a line of what follows not
		rec := profileIn(t, e, room)
		head, ok := rec.at["Headword"]
		if !ok {
			t.Fatal("the heading was not drawn")
		}
		claim, ok := rec.at["What"]
		if !ok {
			t.Fatal("the claim was not drawn")
		}
		if claim-head > 20 { // the claim is indented as an item, not in the next column
			t.Errorf("room %g mm: the heading is in the column at %.0f mm, what follows it in the next, at %.0f mm", room, head, claim)
		}
	}
	// A description of three lines, which is not split, stays whole
	// under the heading and its other names.
	desc := []byte("Describing a function, not necessarily a separate organisational unit, that the source lists under another body.")
	d := &model.Entity{ID: "y", Name: "Headword", Kind: model.Term, Aliases: []string{"Another name", "A third name"},
		Description: &model.Prose{Source: desc, Doc: markdown.Parse(markdown.New(), desc)}}
	for room := 14.0; room <= 40; room += 2 {
		rec := profileIn(t, d, room)
		if head, first := rec.at["Headword"], rec.at["Describing"]; math.Abs(first-head) > 1 {
			t.Errorf("room %g mm: the heading is in the column at %.0f mm, its description in the one at %.0f mm", room, head, first)
		}
	}
}

// TestTableSplit: a short table near the foot of a page moves to the next
// whole; a long one starts with its header and two rows on a page.
func TestTableSplit(t *testing.T) {
	t.Parallel()
	st := textStyle{size: 8, color: ink}
	tableOf := func(n int) table {
		tab := table{head: []cell{{runs: []run{{text: "Head", st: st}}}, {runs: []run{{text: "Other", st: st}}}}}
		for i := range n {
			tab.rows = append(tab.rows, []cell{{runs: []run{{text: fmt.Sprintf("Row%d", i+1), st: st}}}, {runs: []run{{text: "words", st: st}}}})
		}
		return tab
	}
	for _, tt := range []struct {
		name  string
		rows  int
		room  float64 // mm left on the page
		whole bool    // the rows all on one page
	}{
		{"short, little room", 7, 30, true},
		{"short, room for it", 7, 80, true},
		{"long", 60, 30, false},
		{"long, room for one row", 60, 20, false},
	} {
		s := newTestDoc(t)
		rec := &pagesOf{canvas: s.f, page: map[string]int{}}
		s.f = rec
		s.atTop = false
		s.y = s.bottom - tt.room
		s.drawTable(tableOf(tt.rows))
		head, first, second, last := rec.page["Head"], rec.page["Row1"], rec.page["Row2"], rec.page[fmt.Sprintf("Row%d", tt.rows)]
		if head != first || first != second {
			t.Errorf("%s: the header on page %d, the first two rows on %d and %d", tt.name, head, first, second)
		}
		if tt.whole && last != first {
			t.Errorf("%s: split over pages %d to %d", tt.name, first, last)
		}
	}
}

// TestPlaceLinesHyphen: a page does not end in a hyphenated line when the
// line can go overleaf with two lines left on each side.
func TestPlaceLinesHyphen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fits int   // lines that fit on the first page
		n    int   // lines of the paragraph
		hyph []int // the lines that end in a hyphen
		want []int // lines per page
	}{
		{"moved", 4, 8, []int{3}, []int{3, 5}},
		{"not hyphenated", 4, 8, []int{2}, []int{4, 4}},
		{"two would be one", 2, 8, []int{1}, []int{2, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := linesPerPage(newTestDoc(t), tt.fits, tt.n, func(i int) bool { return slices.Contains(tt.hyph, i) })
			if !slices.Equal(got, tt.want) {
				t.Errorf("lines per page = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestFlowHyphenAtFoot: a paragraph whose first two lines fit at the foot
// of a page, the second ending in a hyphen ("against the smug-" / "gling"
// overleaf), where no line can go over without leaving one alone, is
// broken again so that the page ends in a whole word, and no more of its
// lines are left ragged.
func TestFlowHyphenAtFoot(t *testing.T) {
	t.Parallel()
	tests := []struct {
		para  int
		width float64
	}{
		{0, 50},
		{0, 66},
		{1, 57},
	}
	for _, tt := range tests {
		s := newTestDoc(t)
		p := fitParagraphs[tt.para]
		runs := fitRuns(p.text, p.cite)
		s.right = s.left + tt.width
		s.hyphenate = true
		if lines := s.layout(runs, tt.width); len(lines) < 4 || !lines[1].hyph {
			t.Fatalf("paragraph %d at %g mm: the second line does not end in a hyphen; the case tests nothing", tt.para, tt.width)
		}
		s.hyphenate = false
		rec := &textsOnPages{canvas: s.f}
		s.f = rec
		s.atTop = false
		s.y = s.bottom - 2*bodyLH - 0.01
		first := s.f.PageNo()
		s.flow(runs, bodyLH, alignJustify)
		var foot pageText
		for _, c := range rec.calls {
			if c.page == first && c.y < s.bottom && (c.y > foot.y+eps || (c.y > foot.y-eps && c.x > foot.x)) {
				foot = c
			}
		}
		if foot.text == "" {
			t.Errorf("paragraph %d at %g mm: nothing drawn at the foot of the first page", tt.para, tt.width)
		} else if strings.HasSuffix(foot.text, "-") {
			t.Errorf("paragraph %d at %g mm: the page ends in %q", tt.para, tt.width, foot.text)
		}
		if s.ragged > 0 {
			t.Errorf("paragraph %d at %g mm: %d lines drawn ragged", tt.para, tt.width, s.ragged)
		}
	}
}

// textsOnPages is a canvas that records each piece of text drawn, with its
// page.
type textsOnPages struct {
	canvas
	calls []pageText
}

type pageText struct {
	page int
	x, y float64
	text string
}

func (c *textsOnPages) Text(x, y float64, text string) {
	c.calls = append(c.calls, pageText{c.canvas.PageNo(), x, y, text})
	c.canvas.Text(x, y, text)
}

// textCalls is a canvas that records each piece of text drawn, in order.
type textCalls struct {
	canvas
	calls []textCall
}

type textCall struct {
	x, y float64
	text string
}

func (c *textCalls) Text(x, y float64, text string) {
	c.calls = append(c.calls, textCall{x, y, text})
	c.canvas.Text(x, y, text)
}

// TestContentsHang: a contents entry too long for a line hangs its second
// line under the first, indented, with the leaders and the page number
// after it.
func TestContentsHang(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	rec := &textCalls{canvas: s.f}
	s.f = rec
	title := strings.Repeat("A long title of a chart ", 8) + "end"
	s.tocEntry(tocEntry{Level: 1, Title: title, Page: 12}, newDest("toc/0"), false)
	x0 := s.left + tocIndent
	var lines []textCall // the title's pieces that start a line
	for i, c := range rec.calls {
		if i == 0 || c.y != rec.calls[i-1].y {
			lines = append(lines, c)
		}
	}
	if len(lines) < 2 {
		t.Fatalf("the title took %d line", len(lines))
	}
	if math.Abs(lines[0].x-x0) > eps {
		t.Errorf("the first line starts at %.1f mm, want %.1f", lines[0].x, x0)
	}
	for _, l := range lines[1:] {
		if math.Abs(l.x-(x0+tocHang)) > eps {
			t.Errorf("a line after the first starts at %.1f mm (%q), want %.1f", l.x, l.text, x0+tocHang)
		}
	}
}

// TestPlaceLinesTail: lines that fit on the page while what must follow
// them (a profile's note) does not take their last two lines along, or
// all of them when that would leave one behind.
func TestPlaceLinesTail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		fits int     // lines that fit on the first page
		n    int     // lines of the paragraph
		tail float64 // lines' height of what follows
		want []int   // lines per page
	}{
		{"nothing follows", 5, 5, 0, []int{5}},
		{"room for what follows", 8, 5, 2, []int{5}},
		{"two go with it", 5, 5, 2, []int{3, 2}},
		{"a short paragraph goes whole", 5, 3, 3, []int{0, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestDoc(t)
			s.tail = tt.tail * bodyLH
			got := linesPerPage(s, tt.fits, tt.n, nil)
			if !slices.Equal(got, tt.want) {
				t.Errorf("lines per page = %v, want %v", got, tt.want)
			}
			if s.tail != 0 {
				t.Errorf("tail %g left for the next lines", s.tail)
			}
		})
	}
}

// TestHyphenateName: a capitalised word is hyphenated only where the line
// before it would otherwise be too loose to justify, and left ragged.
func TestHyphenateName(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	width := 36.0
	first := func(words string) string {
		s.hyphenate = true
		defer func() { s.hyphenate = false }()
		ln := s.layout([]run{text(words + " more words to end the paragraph with")}, width)[0]
		var b strings.Builder
		for _, f := range ln.frags {
			b.WriteString(f.text)
		}
		return b.String()
	}
	// Two short words and a long name: without a hyphen, the line's one
	// space would stretch over most of the column.
	if got := first("of the Internationalisation"); !strings.HasSuffix(got, "-") {
		t.Errorf("the first line %q is left too loose to justify, the name unbroken", got)
	}
	// A name is broken with four letters at least before the hyphen.
	for _, w := range []string{"Belarus", "Bureau", "Secretariat", "Antiterrorism"} {
		s.hyphenate = true
		for width := 10.0; width < 60; width += 0.5 {
			for _, ln := range s.layout([]run{text("of the " + w + " and more words")}, width) {
				last := ln.frags[len(ln.frags)-1].text
				if head, ok := strings.CutSuffix(last, "-"); ok && strings.HasPrefix(w, head) && len([]rune(head)) < minNameHead {
					t.Errorf("width %g: %q is broken after %q", width, w, last)
				}
			}
		}
		s.hyphenate = false
	}
	// A line nearly full: a name goes whole to the next line.
	if got := first("the agency and its staff Internationalisation"); strings.HasSuffix(got, "-") {
		t.Errorf("the first line %q hyphenates a name where the line was tight enough", got)
	}
}

// renderModes is a canvas that records the text rendering mode each piece
// of text is drawn in.
type renderModes struct {
	canvas
	mode  int
	drawn map[string]int
}

func (c *renderModes) SetTextRenderingMode(mode int) {
	c.mode = mode
	c.canvas.SetTextRenderingMode(mode)
}

func (c *renderModes) Text(x, y float64, text string) {
	c.drawn[text] = c.mode
	c.canvas.Text(x, y, text)
}

// TestFakeBold: bold text in a face that has no bold (the CJK face) is
// drawn with its outlines stroked; text in a face with a bold, and regular
// text, is only filled; the pen is left as it was.
func TestFakeBold(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	rec := &renderModes{canvas: s.f, drawn: map[string]int{}}
	s.f = rec
	s.f.SetDrawColor(10, 20, 30)
	s.f.SetLineWidth(0.3)
	bold := textStyle{bold: true, size: 12, color: ink}
	s.show(bold, 30, 40, "王小明")
	s.show(bold, 30, 50, "Bold Latin")
	s.show(textStyle{size: 12, color: ink}, 30, 60, "小明")
	for text, want := range map[string]int{"王小明": 2, "Bold Latin": 0, "小明": 0} {
		if got, ok := rec.drawn[text]; !ok || got != want {
			t.Errorf("%q drawn in mode %d (drawn: %v), want %d", text, got, ok, want)
		}
	}
	if rec.mode != 0 {
		t.Errorf("the rendering mode is left at %d", rec.mode)
	}
	if r, g, b := s.f.GetDrawColor(); r != 10 || g != 20 || b != 30 || s.f.GetLineWidth() != 0.3 {
		t.Errorf("the pen is left at (%d, %d, %d), %.2f wide", r, g, b, s.f.GetLineWidth())
	}
}

// TestSourceTitleKept: a source's title in the annex is never left at the
// foot of a page with its table of metadata, which is not split, overleaf.
func TestSourceTitleKept(t *testing.T) {
	t.Parallel()
	for room := runOnRoom; room < runOnRoom+60; room += 5 {
		s := newTestDoc(t)
		rec := &pagesOf{canvas: s.f, page: map[string]int{}}
		s.f = rec
		s.atTop = false
		s.y = s.bottom - room
		d := s.d.Documents[0]
		if err := s.document(d); err != nil {
			t.Fatal(err)
		}
		title, table := rec.page[d.Ref], rec.page["Publisher"]
		if title == 0 || table == 0 {
			t.Fatalf("the title (page %d) or the table (page %d) was not drawn", title, table)
		}
		if title != table {
			t.Errorf("room %g mm: the title on page %d, its metadata on page %d", room, title, table)
		}
	}
}
