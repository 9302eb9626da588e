package orgchart

// Connect routes lines between boxes for figures other than the charts of
// this package (such as the route diagram of package figure), with the
// router the charts use: each pair (from, to) of box indices, in order,
// gets an orthogonal path from a port on the border of boxes[from] to one
// on the border of boxes[to], keeping clear points away from every box,
// crossing none, preferring few bends, and ending at a point of a box no
// earlier path ends at while the box has a free port (three a side). It
// is deterministic.
func Connect(boxes []Rect, pairs [][2]int, clear float64) [][]Point {
	r := newRouter(boxes, nil, clear)
	out := make([][]Point, len(pairs))
	for i, p := range pairs {
		out[i] = r.route(p[0], p[1])
	}
	return out
}

// Arrowhead returns an open arrowhead of the given length at the last
// point of pts, pointing along the last segment, as the polyline wing, tip,
// wing; nil for a path of fewer than two distinct points.
func Arrowhead(pts []Point, size float64) []Point { return arrowhead(pts, size) }
