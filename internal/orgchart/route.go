package orgchart

import (
	"math"
	"slices"
)

// router finds orthogonal paths between boxes on the grid of lines that
// run a clearance away from every box edge and through every box's middle.
// Paths never cross a box's interior; they prefer few bends, free ports and
// not running along lines already drawn.
type router struct {
	boxes  []Rect
	clear  float64
	xs, ys []float64
	rowIn  [][]int           // rowIn[j]: boxes whose interior the line y = ys[j] crosses
	colIn  [][]int           // colIn[i]: boxes whose interior the line x = xs[i] crosses
	in     []bool            // in[j*len(xs)+i]: the grid point lies inside a box
	hLines [][][2]float64    // hLines[j]: x ranges of lines drawn along y = ys[j]
	vLines [][][2]float64    // vLines[i]: y ranges of lines drawn along x = xs[i]
	ports  map[Point]float64 // extra cost of leaving or entering at a port, by portKey
	bounds Rect              // around every box

	// The search's state, one entry per grid point and direction, made
	// by the first route and reset by each.
	dist []float64
	prev []int32
	q    pq
}

const (
	// A port where a tree line or an earlier routed edge already meets the
	// box costs more than any detour on a page: two lines never end at one
	// point of a box while the box has a free port (twelve, three a side).
	occupiedPort = 1e5
	sharedPort   = 1e5
	offMiddle    = 6 // a port off the middle of a side
	overlapCost  = 4 // per unit of length run along a line already drawn
)

func newRouter(boxes []Rect, tree []EdgePath, clear float64) *router {
	r := &router{boxes: boxes, clear: clear, ports: map[Point]float64{}}
	for _, b := range boxes {
		c := b.Center()
		r.xs = append(r.xs, b.X-clear, c.X-b.W/4, c.X, c.X+b.W/4, b.Right()+clear)
		r.ys = append(r.ys, b.Y-clear, c.Y-b.H/4, c.Y, c.Y+b.H/4, b.Bottom()+clear)
		r.bounds = r.bounds.union(b)
	}
	bb := r.bounds
	r.xs = append(r.xs, bb.X-2*clear, bb.Right()+2*clear)
	r.ys = append(r.ys, bb.Y-2*clear, bb.Bottom()+2*clear)
	r.xs = sortedSet(r.xs)
	r.ys = sortedSet(r.ys)
	r.hLines = make([][][2]float64, len(r.ys))
	r.vLines = make([][][2]float64, len(r.xs))
	r.rowIn = make([][]int, len(r.ys))
	r.colIn = make([][]int, len(r.xs))
	for k, b := range boxes {
		for j := lowerBound(r.ys, b.Y); j < len(r.ys) && r.ys[j] < b.Bottom(); j++ {
			if r.ys[j] > b.Y {
				r.rowIn[j] = append(r.rowIn[j], k)
			}
		}
		for i := lowerBound(r.xs, b.X); i < len(r.xs) && r.xs[i] < b.Right(); i++ {
			if r.xs[i] > b.X {
				r.colIn[i] = append(r.colIn[i], k)
			}
		}
	}
	r.in = make([]bool, len(r.xs)*len(r.ys))
	for j := range r.ys {
		for _, k := range r.rowIn[j] {
			b := boxes[k]
			for i := lowerBound(r.xs, b.X); i < len(r.xs) && r.xs[i] < b.Right(); i++ {
				if r.xs[i] > b.X {
					r.in[j*len(r.xs)+i] = true
				}
			}
		}
	}
	for _, e := range tree {
		r.addLines(e.Points)
		if len(e.Points) > 0 {
			r.ports[portKey(e.Points[0])] += occupiedPort
			r.ports[portKey(e.Points[len(e.Points)-1])] += occupiedPort
		}
	}
	return r
}

// portKey rounds p to a thousandth of a point, so that a tree line's end,
// computed from a box's centre, and a port, computed from its corner, are
// one key however the sums rounded.
func portKey(p Point) Point {
	return Point{math.Round(p.X*1000) / 1000, math.Round(p.Y*1000) / 1000}
}

func sortedSet(v []float64) []float64 {
	slices.Sort(v)
	out := v[:0]
	for _, x := range v {
		// Only exact duplicates go: every port must find its own line.
		if len(out) == 0 || x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}

func lowerBound(v []float64, x float64) int {
	i, _ := slices.BinarySearch(v, x)
	return i
}

func (r *router) addLines(pts []Point) {
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		switch {
		case a.Y == b.Y:
			if j, ok := slices.BinarySearch(r.ys, a.Y); ok {
				r.hLines[j] = append(r.hLines[j], [2]float64{math.Min(a.X, b.X), math.Max(a.X, b.X)})
			}
		case a.X == b.X:
			if i, ok := slices.BinarySearch(r.xs, a.X); ok {
				r.vLines[i] = append(r.vLines[i], [2]float64{math.Min(a.Y, b.Y), math.Max(a.Y, b.Y)})
			}
		}
	}
}

func overlapLen(ivs [][2]float64, a, b float64) float64 {
	s := 0.0
	for _, iv := range ivs {
		if o := math.Min(b, iv[1]) - math.Max(a, iv[0]); o > 0 {
			s += o
		}
	}
	return s
}

// port is where a path meets a box: a point on its border and the grid
// point a clearance outside it.
type port struct {
	at, stub Point
	vertical bool
	cost     float64
}

func (r *router) portsOf(k int) []port {
	b := r.boxes[k]
	c := b.Center()
	ps := []port{
		{Point{c.X, b.Bottom()}, Point{c.X, b.Bottom() + r.clear}, true, 0},
		{Point{b.Right(), c.Y}, Point{b.Right() + r.clear, c.Y}, false, 0},
		{Point{c.X, b.Y}, Point{c.X, b.Y - r.clear}, true, 0},
		{Point{b.X, c.Y}, Point{b.X - r.clear, c.Y}, false, 0},
	}
	// Side ports a quarter of the way from the middle, so that several
	// edges can meet one box apart.
	qx, qy := b.W/4, b.H/4
	for _, d := range []float64{-1, 1} {
		ps = append(ps,
			port{Point{c.X + d*qx, b.Bottom()}, Point{c.X + d*qx, b.Bottom() + r.clear}, true, offMiddle},
			port{Point{b.Right(), c.Y + d*qy}, Point{b.Right() + r.clear, c.Y + d*qy}, false, offMiddle},
			port{Point{c.X + d*qx, b.Y}, Point{c.X + d*qx, b.Y - r.clear}, true, offMiddle},
			port{Point{b.X, c.Y + d*qy}, Point{b.X - r.clear, c.Y + d*qy}, false, offMiddle},
		)
	}
	return ps
}

func (r *router) segmentFree(a, b Point) bool {
	for _, bx := range r.boxes {
		if segmentCrossesInterior(a, b, bx) {
			return false
		}
	}
	return true
}

// route returns a path from box from to box to: it starts on from's border,
// ends on to's border, and runs along grid lines in between.
func (r *router) route(from, to int) []Point {
	nx, ny := len(r.xs), len(r.ys)
	idx := func(p Point) (int, bool) {
		i, okx := slices.BinarySearch(r.xs, p.X)
		j, oky := slices.BinarySearch(r.ys, p.Y)
		if !okx || !oky {
			return 0, false
		}
		return j*nx + i, true
	}
	if r.dist == nil {
		r.dist = make([]float64, 2*nx*ny)
		r.prev = make([]int32, 2*nx*ny)
	}
	dist, prev := r.dist, r.prev
	for i := range dist {
		dist[i] = math.Inf(1)
		prev[i] = -1
	}
	q := &r.q
	*q = (*q)[:0]
	bend := 2 * r.clear
	srcPort := map[int]port{}
	for _, p := range r.portsOf(from) {
		id, ok := idx(p.stub)
		if !ok || r.in[id] || !r.segmentFree(p.at, p.stub) {
			continue
		}
		s := id*2 + b2i(p.vertical)
		c := r.clear + r.ports[portKey(p.at)] + p.cost
		if c < dist[s] {
			dist[s] = c
			srcPort[s] = p
			*q = append(*q, item{cost: c, state: s})
		}
	}
	type finish struct {
		p    port
		cost float64
	}
	dst := map[int][]finish{}
	toPorts := r.portsOf(to)
	for _, p := range toPorts {
		id, ok := idx(p.stub)
		if !ok || r.in[id] || !r.segmentFree(p.at, p.stub) {
			continue
		}
		for dir := 0; dir < 2; dir++ {
			c := r.clear + r.ports[portKey(p.at)] + p.cost
			if (dir == 1) != p.vertical {
				c += bend
			}
			dst[id*2+dir] = append(dst[id*2+dir], finish{p, c})
		}
	}
	// A*: the Manhattan distance to the nearest target stub never
	// overestimates the remaining cost, since every step costs at least its
	// length.
	h := func(s int) float64 {
		id := s / 2
		x, y := r.xs[id%nx], r.ys[id/nx]
		best := math.Inf(1)
		for _, g := range toPorts {
			best = math.Min(best, math.Abs(g.stub.X-x)+math.Abs(g.stub.Y-y))
		}
		return best
	}
	for i := range *q {
		(*q)[i].prio = (*q)[i].cost + h((*q)[i].state)
	}
	q.init()
	best, bestState := math.Inf(1), -1
	var bestPort port
	for len(*q) > 0 {
		it := q.pop()
		if it.prio >= best {
			break
		}
		if it.cost > dist[it.state] {
			continue
		}
		s := it.state
		for _, f := range dst[s] {
			if tot := it.cost + f.cost; tot < best {
				best, bestState, bestPort = tot, s, f.p
			}
		}
		id, dir := s/2, s%2
		i, j := id%nx, id/nx
		here := Point{r.xs[i], r.ys[j]}
		for _, mv := range [4][3]int{{1, 0, 0}, {-1, 0, 0}, {0, 1, 1}, {0, -1, 1}} {
			ni, nj := i+mv[0], j+mv[1]
			if ni < 0 || nj < 0 || ni >= nx || nj >= ny {
				continue
			}
			there := Point{r.xs[ni], r.ys[nj]}
			if r.in[nj*nx+ni] || r.blocked(i, j, ni, nj) {
				continue
			}
			ndir := mv[2]
			var l, ov float64
			if ndir == 0 {
				l = math.Abs(there.X - here.X)
				ov = overlapLen(r.hLines[j], math.Min(here.X, there.X), math.Max(here.X, there.X))
			} else {
				l = math.Abs(there.Y - here.Y)
				ov = overlapLen(r.vLines[i], math.Min(here.Y, there.Y), math.Max(here.Y, there.Y))
			}
			c := it.cost + l + overlapCost*ov
			if ndir != dir {
				c += bend
			}
			ns := (nj*nx+ni)*2 + ndir
			if c < dist[ns] {
				dist[ns] = c
				prev[ns] = int32(s)
				q.push(item{cost: c, prio: c + h(ns), state: ns})
			}
		}
	}
	if bestState < 0 {
		// No way around the boxes: fall back to a straight elbow between
		// the boxes' centres' nearest borders.
		return r.fallback(from, to)
	}
	var rev []Point
	s := bestState
	for s >= 0 {
		id := s / 2
		rev = append(rev, Point{r.xs[id%nx], r.ys[id/nx]})
		if prev[s] < 0 {
			break
		}
		s = int(prev[s])
	}
	start := srcPort[s]
	pts := []Point{start.at}
	for k := len(rev) - 1; k >= 0; k-- {
		pts = append(pts, rev[k])
	}
	pts = append(pts, bestPort.at)
	pts = simplify(pts)
	r.addLines(pts)
	r.ports[portKey(start.at)] += sharedPort
	r.ports[portKey(bestPort.at)] += sharedPort
	return pts
}

// blocked reports whether the grid step between neighbouring points
// crosses a box's interior.
func (r *router) blocked(i, j, ni, nj int) bool {
	if j == nj {
		x0, x1 := math.Min(r.xs[i], r.xs[ni]), math.Max(r.xs[i], r.xs[ni])
		for _, k := range r.rowIn[j] {
			b := r.boxes[k]
			if b.X < x1 && b.Right() > x0 {
				return true
			}
		}
		return false
	}
	y0, y1 := math.Min(r.ys[j], r.ys[nj]), math.Max(r.ys[j], r.ys[nj])
	for _, k := range r.colIn[i] {
		b := r.boxes[k]
		if b.Y < y1 && b.Bottom() > y0 {
			return true
		}
	}
	return false
}

// fallback joins two boxes that the grid cannot connect: down from the
// bottom of one and up into the other, around the outside of the chart.
func (r *router) fallback(from, to int) []Point {
	a, b := r.boxes[from], r.boxes[to]
	y := r.bounds.Bottom() + 2*r.clear
	return simplify([]Point{{a.Center().X, a.Bottom()}, {a.Center().X, y}, {b.Center().X, y}, {b.Center().X, b.Bottom()}})
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

type item struct {
	cost, prio float64
	state      int
}

// pq is a binary min-heap of items by priority, then state, so that ties
// break the same way every time.
type pq []item

func (q pq) less(i, j int) bool {
	if q[i].prio != q[j].prio {
		return q[i].prio < q[j].prio
	}
	return q[i].state < q[j].state
}

func (q pq) init() {
	for i := len(q)/2 - 1; i >= 0; i-- {
		q.down(i)
	}
}

func (q *pq) push(it item) {
	*q = append(*q, it)
	h := *q
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (q *pq) pop() item {
	h := *q
	it := h[0]
	n := len(h) - 1
	h[0] = h[n]
	*q = h[:n]
	q.down(0)
	return it
}

func (q pq) down(i int) {
	n := len(q)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && q.less(r, l) {
			m = r
		}
		if !q.less(m, i) {
			return
		}
		q[i], q[m] = q[m], q[i]
		i = m
	}
}
