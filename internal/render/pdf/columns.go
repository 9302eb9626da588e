package pdf

// columns is a run of columns side by side, such as a reference chapter is
// set in: text fills the first column down to the foot of the page, then
// the next, then goes on in the first column of the next page.
type columns struct {
	n   int     // how many; 0 or 1 for none
	i   int     // the column being filled, from 0
	top float64 // where the columns start on this page
	w   float64 // the width of each
	gap float64 // the space between two
	low float64 // the lowest a column on this page reaches, of those left behind
	end float64 // the foot of the page, which a balanced column stops above
}

// startColumns sets what follows in n columns gap apart, starting under
// what is on the page. Headings waiting for what follows are set first,
// across the page.
func (s *doc) startColumns(n int, gap float64) {
	s.keepWith(0)
	if n < 2 || s.cols.n > 1 {
		return
	}
	if !s.atTop && s.room() < minColumnRoom {
		s.newPage()
	}
	s.cols = columns{n: n, w: (s.right - s.left - float64(n-1)*gap) / float64(n), gap: gap, end: s.bottom}
	if !s.atTop {
		s.advance(max(s.after, 5))
	}
	// The columns' tops line up: what starts the first is set as at the
	// top of a page, as what starts the second will be.
	s.atTop, s.after = true, 0
	s.cols.top = s.y
	s.right = s.left + s.cols.w
}

// minColumnRoom is the least room, in millimetres, under what is on a page
// for a run of columns to start there rather than on the next page.
const minColumnRoom = 40.0

// endColumns ends the run of columns: what follows is set across the page
// again, under the lowest column.
func (s *doc) endColumns() {
	s.keepWith(0)
	if s.cols.n < 2 {
		return
	}
	s.y = max(s.y, s.cols.low) // under the lowest column
	s.bottom = s.cols.end
	s.shiftColumn(-float64(s.cols.i) * (s.cols.w + s.cols.gap))
	s.right = s.left + float64(s.cols.n)*s.cols.w + float64(s.cols.n-1)*s.cols.gap
	s.cols = columns{}
}

// nextColumn moves the pen to the top of the next column on the page and
// reports whether there was one. At the last column it moves the pen back
// to the first, for the caller to start a new page.
func (s *doc) nextColumn() bool {
	if s.cols.n < 2 {
		return false
	}
	s.cols.low = max(s.cols.low, s.y)
	s.bottom = s.cols.end
	if s.cols.i+1 < s.cols.n {
		s.cols.i++
		s.shiftColumn(s.cols.w + s.cols.gap)
		s.y = s.cols.top
		s.atTop = true
		s.after = 0
		return true
	}
	s.shiftColumn(-float64(s.cols.i) * (s.cols.w + s.cols.gap))
	s.cols.i = 0
	s.cols.top, s.cols.low = marginTop, 0
	return false
}

// shiftColumn moves the column, and what is waiting to be drawn in it,
// dx to the right.
func (s *doc) shiftColumn(dx float64) {
	s.left += dx
	s.right += dx
	for i := range s.quoteBars {
		s.quoteBars[i] += dx
	}
	for i := range s.markers {
		s.markers[i].right += dx
	}
}
