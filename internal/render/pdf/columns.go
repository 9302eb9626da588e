package pdf

// columns is a run of columns side by side, such as a reference chapter is
// set in: text fills the first column down to the foot of the page, then
// the next, then goes on in the first column of the next page.
//
// A balanced run ends level: on its last page, its columns stop short of
// the foot, at the height that shares the page's text out evenly. What
// that page holds is known only once the run is laid out, so each pass
// measures it for the next (balance, in the plan): the pass after sets
// the run's last page with the columns stopping at that height.
type columns struct {
	n   int     // how many; 0 or 1 for none
	i   int     // the column being filled, from 0
	top float64 // where the columns start on this page
	w   float64 // the width of each
	gap float64 // the space between two
	low float64 // the lowest a column on this page reaches, of those left behind
	end float64 // the foot of the page, which a balanced column stops above

	even   bool      // a balanced run
	run    int       // which balanced run of the pass it is, from 0
	page   int       // the page of the run being filled, from 1
	ends   []float64 // where each column left behind on this page ends
	bal    balance   // what the pass before learned of the run
	evened bool      // this page is set balanced, as bal says
}

// balance is what a pass learned of a balanced run of columns for the
// next: on which of its pages it ends, and the height, from the columns'
// top, at which all but the last column stop there for the columns to end
// level. The last column may still reach the foot of the page, so a
// height a little too low moves text into it, not off the page.
type balance struct {
	page   int     // from 1; 0 when the last page needs no balancing
	height float64 // mm
	// failed is set when balancing moved text off the page all the same,
	// having misjudged what it holds: the run is then set unbalanced, and
	// stays so for the passes that follow, so that they settle.
	failed bool
}

// Balancing metrics, in millimetres: a last page whose columns differ by
// less than minImbalance is left as it is; balanceSlack is added to the
// even share, so that the first column comes out the longer, not the
// shorter, by what cannot be split.
const (
	minImbalance = 15.0
	balanceSlack = 6.0
)

// startColumns sets what follows in n columns gap apart, starting under
// what is on the page; with even, the run ends level (see columns).
// Headings waiting for what follows are set first, across the page.
func (s *doc) startColumns(n int, gap float64, even bool) {
	s.keepWith(0)
	if n < 2 || s.cols.n > 1 {
		return
	}
	if !s.atTop && s.room() < minColumnRoom {
		s.newPage()
	}
	s.cols = columns{n: n, w: (s.right - s.left - float64(n-1)*gap) / float64(n), gap: gap, end: s.bottom, even: even, page: 1}
	if !s.atTop {
		s.advance(max(s.after, 5))
	}
	// The columns' tops line up: what starts the first is set as at the
	// top of a page, as what starts the second will be.
	s.atTop, s.after = true, 0
	s.cols.top = s.y
	s.right = s.left + s.cols.w
	if even {
		s.cols.run = len(s.balanced)
		s.balanced = append(s.balanced, balance{})
		planned := s.cols.run < len(s.plan.balance)
		if planned {
			s.cols.bal = s.plan.balance[s.cols.run]
		}
		if s.rec != nil {
			s.rec.startBalance(planned, s.cols.bal)
		}
		s.evenPage()
	}
}

// evenPage starts balancing the page of the run when the pass before
// learned that the run ends on it.
func (s *doc) evenPage() {
	c := &s.cols
	c.evened = c.even && !c.bal.failed && c.bal.page == c.page
	if c.evened && c.i < c.n-1 {
		s.bottom = min(c.end, c.top+c.bal.height)
	}
}

// learnBalance records, as the run ends, what the next pass is to do with
// its last page.
func (s *doc) learnBalance() {
	c := &s.cols
	var b balance
	switch {
	case c.bal.failed:
		b = c.bal
	case c.evened:
		b = c.bal // it worked: the same again
	case c.bal.page != 0 && c.page > c.bal.page:
		b = balance{failed: true} // text went past the balanced page
	default:
		b = c.measure(s.y)
	}
	s.balanced[c.run] = b
	if s.rec != nil {
		s.rec.learnBalance(c.run, b)
	}
}

// measure returns the balance of the run's last page, set unbalanced,
// whose last column ends at y.
func (c *columns) measure(y float64) balance {
	ends := append(c.ends, y)
	var total, longest float64
	for _, e := range ends {
		total += e - c.top
		longest = max(longest, e-c.top)
	}
	shortest := y - c.top
	if len(ends) < c.n {
		shortest = 0 // a column left empty
	}
	share := total / float64(c.n)
	if longest-shortest < minImbalance || c.top+share+minImbalance > c.end {
		return balance{} // level enough, or too full to even out safely
	}
	// Never lower than a run of columns needs to start: under a short
	// height, a heading and the lines kept with it, set at the top of the
	// first column, would be parted, the lines going to the next.
	h := max(share+balanceSlack, minColumnRoom)
	if c.top+h >= c.end-eps {
		return balance{}
	}
	return balance{page: c.page, height: h}
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
	if s.cols.even {
		s.learnBalance()
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
	s.cols.ends = append(s.cols.ends, s.y)
	s.bottom = s.cols.end
	if s.cols.i+1 < s.cols.n {
		s.cols.i++
		s.shiftColumn(s.cols.w + s.cols.gap)
		s.y = s.cols.top
		s.atTop = true
		s.after = 0
		s.evenPage()
		return true
	}
	s.shiftColumn(-float64(s.cols.i) * (s.cols.w + s.cols.gap))
	s.cols.i = 0
	s.cols.top, s.cols.low = marginTop, 0
	s.cols.page++
	s.cols.ends = s.cols.ends[:0]
	s.evenPage()
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
	for i := range s.heads {
		s.heads[i].left += dx
	}
}
