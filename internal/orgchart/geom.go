package orgchart

import "math"

// Point is a position in chart coordinates: points, x to the right, y down.
type Point struct{ X, Y float64 }

// Rect is an axis-aligned rectangle: top-left corner, width and height.
type Rect struct{ X, Y, W, H float64 }

// Right returns the x of the right edge.
func (r Rect) Right() float64 { return r.X + r.W }

// Bottom returns the y of the bottom edge.
func (r Rect) Bottom() float64 { return r.Y + r.H }

// Center returns the centre point.
func (r Rect) Center() Point { return Point{r.X + r.W/2, r.Y + r.H/2} }

// Overlaps reports whether the interiors of r and s intersect; rectangles
// that only touch do not overlap.
func (r Rect) Overlaps(s Rect) bool {
	return r.X < s.Right() && s.X < r.Right() && r.Y < s.Bottom() && s.Y < r.Bottom()
}

// union returns the smallest rectangle containing r and s; an empty r (zero
// width and height at the origin) is ignored.
func (r Rect) union(s Rect) Rect {
	if r == (Rect{}) {
		return s
	}
	x0, y0 := math.Min(r.X, s.X), math.Min(r.Y, s.Y)
	x1, y1 := math.Max(r.Right(), s.Right()), math.Max(r.Bottom(), s.Bottom())
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

// segmentCrossesInterior reports whether the axis-parallel segment a–b has
// a point strictly inside r. Segments along or outside r's border do not
// cross it. Diagonal segments are tested by their bounding box.
func segmentCrossesInterior(a, b Point, r Rect) bool {
	x0, x1 := math.Min(a.X, b.X), math.Max(a.X, b.X)
	y0, y1 := math.Min(a.Y, b.Y), math.Max(a.Y, b.Y)
	if x0 == x1 {
		return x0 > r.X && x0 < r.Right() && y0 < r.Bottom() && y1 > r.Y
	}
	if y0 == y1 {
		return y0 > r.Y && y0 < r.Bottom() && x0 < r.Right() && x1 > r.X
	}
	return x0 < r.Right() && x1 > r.X && y0 < r.Bottom() && y1 > r.Y
}

// simplify drops repeated points and the middle of three points on one
// vertical or horizontal line. It compares coordinates exactly, so that it
// never turns two orthogonal segments into a slanted one.
func simplify(pts []Point) []Point {
	out := make([]Point, 0, len(pts))
	for _, p := range pts {
		if n := len(out); n > 0 && out[n-1] == p {
			continue
		}
		if n := len(out); n >= 2 {
			a, b := out[n-2], out[n-1]
			if (a.X == b.X && b.X == p.X) || (a.Y == b.Y && b.Y == p.Y) {
				out[n-1] = p
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

// profile is one side of a subtree's outline: for y in [y0, y1) the subtree
// reaches x at most (right side) or at least (left side). Segments are sorted
// by y0 and do not overlap; y not covered by any segment is empty.
type profile []seg

type seg struct{ y0, y1, x float64 }

// shifted returns p moved by dx.
func (p profile) shifted(dx float64) profile {
	q := make(profile, len(p))
	for i, s := range p {
		q[i] = seg{s.y0, s.y1, s.x + dx}
	}
	return q
}

// breaks returns the sorted, distinct segment ends of a and b.
func breaks(a, b profile) []float64 {
	ys := make([]float64, 0, 2*(len(a)+len(b)))
	i, j := 0, 0
	push := func(y float64) {
		if n := len(ys); n == 0 || ys[n-1] < y {
			ys = append(ys, y)
		}
	}
	// Merge the two sorted streams of ends; each profile's ends are sorted.
	ea := ends(a)
	eb := ends(b)
	for i < len(ea) || j < len(eb) {
		if j >= len(eb) || (i < len(ea) && ea[i] <= eb[j]) {
			push(ea[i])
			i++
		} else {
			push(eb[j])
			j++
		}
	}
	return ys
}

func ends(p profile) []float64 {
	e := make([]float64, 0, 2*len(p))
	for _, s := range p {
		if n := len(e); n == 0 || e[n-1] < s.y0 {
			e = append(e, s.y0)
		}
		e = append(e, s.y1)
	}
	return e
}

// cursor walks a profile along increasing y.
type cursor struct {
	p profile
	i int
}

// at returns the x of the segment covering [y0, y1), if any.
func (c *cursor) at(y0, y1 float64) (float64, bool) {
	for c.i < len(c.p) && c.p[c.i].y1 <= y0 {
		c.i++
	}
	if c.i < len(c.p) && c.p[c.i].y0 <= y0 && c.p[c.i].y1 >= y1 {
		return c.p[c.i].x, true
	}
	return 0, false
}

// separation returns the least dx such that left shifted by dx lies at or
// to the right of right wherever both are defined, and false if their y
// ranges never meet.
func separation(right, left profile) (float64, bool) {
	ys := breaks(right, left)
	cr, cl := cursor{p: right}, cursor{p: left}
	best, ok := math.Inf(-1), false
	for k := 0; k+1 < len(ys); k++ {
		xr, okr := cr.at(ys[k], ys[k+1])
		xl, okl := cl.at(ys[k], ys[k+1])
		if okr && okl {
			ok = true
			best = math.Max(best, xr-xl)
		}
	}
	return best, ok
}

// merge combines a and b: where both are defined, pick chooses the x.
func merge(a, b profile, pick func(x, y float64) float64) profile {
	ys := breaks(a, b)
	ca, cb := cursor{p: a}, cursor{p: b}
	out := make(profile, 0, len(ys))
	for k := 0; k+1 < len(ys); k++ {
		y0, y1 := ys[k], ys[k+1]
		xa, oka := ca.at(y0, y1)
		xb, okb := cb.at(y0, y1)
		var x float64
		switch {
		case oka && okb:
			x = pick(xa, xb)
		case oka:
			x = xa
		case okb:
			x = xb
		default:
			continue
		}
		if n := len(out); n > 0 && out[n-1].y1 == y0 && out[n-1].x == x {
			out[n-1].y1 = y1
			continue
		}
		out = append(out, seg{y0, y1, x})
	}
	return out
}
