package figure

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"dossier/internal/model"
	"dossier/internal/orgchart"
)

// RouteOptions tunes the route diagram. Every length is in points.
type RouteOptions struct {
	Width  float64 // the widest the diagram may be; default 462, an A4 page's text width
	Height float64 // the tallest it may be; default 650
	// FontSize is the size of every text of the diagram; default 8, the
	// smallest size the briefing prints a figure's text at.
	FontSize float64
	// TextMargin widens every box by this fraction of its widest line, so
	// that the names still fit when a browser sets them in a wider font
	// than the measured one. Default 0.18; negative means none.
	TextMargin float64
}

func (o RouteOptions) withDefaults() (RouteOptions, error) {
	if o.Width == 0 {
		o.Width = orgchart.DefaultWidth
	}
	if o.Height == 0 {
		o.Height = orgchart.DefaultHeight
	}
	if o.FontSize == 0 {
		o.FontSize = 8
	}
	if o.TextMargin == 0 {
		o.TextMargin = 0.18
	}
	if o.TextMargin < 0 {
		o.TextMargin = 0
	}
	if o.Width <= 0 || o.Height <= 0 || o.FontSize <= 0 || o.Width < 20*o.FontSize {
		return o, fmt.Errorf("bad route options: %gx%g, font %g", o.Width, o.Height, o.FontSize)
	}
	return o, nil
}

// Routes is the laid-out route diagram: one figure in which every place
// the routes name is one box, the dossier's subject shaded, and the routes
// run as arrows between them, each arrow labelled with the numbers of the
// routes along it (as in the routes table) and, on a route's first arrow,
// what moves. Places are set in columns from left to right in the
// direction the routes run. An end a route's source does not state is one
// "unknown" box per side, the start column's or the end column's. A route
// with neither end stated that passes through one place is no arrow but a
// line in that place's box (Marks). Lengths are in points, the origin at
// the top left.
type Routes struct {
	Width, Height float64
	FontSize      float64
	Places        []RoutePlace
	Links         []RouteLink
	// Routes are the routes in the order of the table: route number n is
	// Routes[n-1].
	Routes []*model.Route
}

// RoutePlace is one place of the diagram, drawn once.
type RoutePlace struct {
	Rect  orgchart.Rect
	Label string          // the place's name, or model.Unknown
	Lines []orgchart.Line // the name, wrapped and centred, then the marks
	// Name is how many of Lines are the name; the rest are the marks.
	Name   int
	Entity *model.Entity // the place's entity; nil for none
	// Unsaid marks the stand-in for the ends the sources do not state,
	// drawn dashed.
	Unsaid bool
	// Subject marks the dossier's subject (model.Dossier.Subject), drawn
	// shaded.
	Subject bool
	// Marks are the numbers of the routes that pass through this place
	// with neither end stated, listed in its box.
	Marks []int
}

// RouteLink is one arrow: the step from one place to the next of one or
// more routes.
type RouteLink struct {
	From, To int   // indices in Places
	Routes   []int // the numbers of the routes that take this step, ascending
	BothWays bool  // the routes run both ways: a head at each end
	Hedged   bool  // the routes along it are hedged or alleged by their sources: drawn dashed
	Points   []orgchart.Point
	Head     []orgchart.Point // the arrowhead at To (wing, tip, wing)
	Tail     []orgchart.Point // the arrowhead at From when BothWays; nil otherwise
	Label    orgchart.Line    // the route numbers, and what moves where a route starts here
	LabelBox orgchart.Rect    // the label's ground
}

// The route diagram's spacing, in multiples of the font size.
const (
	routePadX    = 0.6
	routePadY    = 0.45
	routeLineH   = 1.25
	routeColGap  = 4.5 // the least room between columns, for the arrows and their labels
	routeRowGap  = 3.2 // between the places of a column
	routeMinBox  = 4.0
	routeMargin  = 0.5 // round the whole diagram, so that no stroke is cut off
	routeClear   = 0.9 // arrows keep this far from boxes
	routeHead    = 0.6 // arrowhead length
	routeMaxText = 11.0
	routeMinText = 5.0
)

// errNoFit is returned inside the package when no width of the names
// makes the diagram fit.
var errNoFit = errors.New("the route diagram does not fit the page")

// layoutRoutes lays out the route diagram of routes, shading the box of
// subject. It returns nil, and no error, when a figure would add nothing
// to the table (no place lies on two routes: the figure would be the
// table's rows drawn apart) or cannot be set at the font size on the
// page; the table then stands alone.
func layoutRoutes(routes []*model.Route, subject *model.Entity, m orgchart.Measurer, o RouteOptions) (*Routes, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("no Measurer")
	}
	g := buildRouteGraph(routes, subject)
	if !g.shared() {
		return nil, nil
	}
	// The widest spacing and names that fit: room between the columns
	// first, for the arrows' labels, then the width of the names.
	f := o.FontSize
	for _, gap := range []float64{6.5, 5.5, routeColGap} {
		for k := routeMaxText; k >= routeMinText-1e-9; k -= 0.5 {
			r, err := g.layout(m, o, k*f, gap*f)
			if errors.Is(err, errNoFit) {
				continue
			}
			return r, err
		}
	}
	return nil, nil
}

// routeGraph is the routes as places and steps, before layout.
type routeGraph struct {
	routes  []*model.Route
	places  []RoutePlace
	links   []RouteLink
	first   map[int]int // route number → the index of its first link
	from    int         // index of the unknown start, -1 for none
	to      int         // index of the unknown end, -1 for none
	byKey   map[string]int
	linkKey map[string]int
}

func buildRouteGraph(routes []*model.Route, subject *model.Entity) *routeGraph {
	g := &routeGraph{routes: routes, first: map[int]int{}, from: -1, to: -1, byKey: map[string]int{}, linkKey: map[string]int{}}
	place := func(p *model.RoutePoint, unknown string) int {
		key := unknown
		if p != nil {
			key = "name:" + p.Label()
			if p.Entity != nil {
				key = "entity:" + p.Entity.ID
			}
		}
		if i, ok := g.byKey[key]; ok {
			return i
		}
		pl := RoutePlace{Label: model.Unknown, Unsaid: true}
		if p != nil {
			pl = RoutePlace{Label: p.Label(), Entity: p.Entity, Subject: subject != nil && p.Entity == subject}
		}
		g.byKey[key] = len(g.places)
		g.places = append(g.places, pl)
		switch key {
		case "unknown:from":
			g.from = len(g.places) - 1
		case "unknown:to":
			g.to = len(g.places) - 1
		}
		return len(g.places) - 1
	}
	for i, rt := range routes {
		n := i + 1
		if rt.From == nil && rt.To == nil && len(rt.Via) == 1 {
			k := place(&rt.Via[0], "")
			g.places[k].Marks = append(g.places[k].Marks, n)
			continue
		}
		chain := []int{place(rt.From, "unknown:from")}
		for j := range rt.Via {
			chain = append(chain, place(&rt.Via[j], ""))
		}
		chain = append(chain, place(rt.To, "unknown:to"))
		for j := 0; j+1 < len(chain); j++ {
			a, b := chain[j], chain[j+1]
			if a == b {
				continue
			}
			// A route its source hedges never shares an arrow with one
			// it states: drawn solid, the arrow would state both.
			hedged := rt.Evidence() != model.Stated
			key := fmt.Sprintf("%d>%d>%v>%v", a, b, rt.BothWays, hedged)
			l, ok := g.linkKey[key]
			if !ok {
				l = len(g.links)
				g.linkKey[key] = l
				g.links = append(g.links, RouteLink{From: a, To: b, BothWays: rt.BothWays, Hedged: hedged})
			}
			g.links[l].Routes = append(g.links[l].Routes, n)
			if _, ok := g.first[n]; !ok {
				g.first[n] = l
			}
		}
	}
	return g
}

// shared reports whether some place lies on two routes or more: only then
// does a figure show what the table does not.
func (g *routeGraph) shared() bool {
	on := make([]map[int]bool, len(g.places))
	for i := range on {
		on[i] = map[int]bool{}
		for _, n := range g.places[i].Marks {
			on[i][n] = true
		}
	}
	for _, l := range g.links {
		for _, n := range l.Routes {
			on[l.From][n] = true
			on[l.To][n] = true
		}
	}
	for i, s := range on {
		if len(s) > 1 && !g.places[i].Unsaid {
			return true
		}
	}
	return false
}

// backSteps returns, per link, whether it runs back: the places are put
// in one order from left to right in which as few routes as may be run
// back (Eades, Lin and Smyth's greedy order, each step weighed by the
// number of routes that take it: places where routes only end go right,
// places where they only start go left, and otherwise the place with the
// most routes leaving it over those arriving); a link from a later place
// to an earlier one runs back.
func (g *routeGraph) backSteps() []bool {
	n := len(g.places)
	left := make([]bool, n)
	// The order is built from both ends: head from the left, tail (kept
	// last place first) from the right.
	var head, tail []int
	// The routes arriving at and leaving each place by steps between
	// places not yet taken, kept as places are taken, so that a sweep
	// over the places costs a look at each, not at every step.
	in, out := make([]int, n), make([]int, n)
	incident := make([][]int, n) // the steps, by index, that start or end at each place
	for i, l := range g.links {
		if l.From == l.To {
			continue
		}
		in[l.To] += len(l.Routes)
		out[l.From] += len(l.Routes)
		incident[l.From] = append(incident[l.From], i)
		incident[l.To] = append(incident[l.To], i)
	}
	weigh := func(v int) (int, int) { return in[v], out[v] }
	remaining := n
	take := func(v int, toHead bool) {
		left[v] = true
		remaining--
		for _, i := range incident[v] {
			l := g.links[i]
			if l.From == v && !left[l.To] {
				in[l.To] -= len(l.Routes)
			}
			if l.To == v && !left[l.From] {
				out[l.From] -= len(l.Routes)
			}
		}
		if toHead {
			head = append(head, v)
		} else {
			tail = append(tail, v)
		}
	}
	for remaining > 0 {
		moved := true
		for moved {
			moved = false
			for v := n - 1; v >= 0; v-- {
				if left[v] {
					continue
				}
				if in, out := weigh(v); out == 0 && v != g.from && (in > 0 || v == g.to) {
					take(v, false)
					moved = true
				}
			}
			for v := range n {
				if left[v] {
					continue
				}
				if in, _ := weigh(v); in == 0 && v != g.to {
					take(v, true)
					moved = true
				}
			}
		}
		best, bestD := -1, math.MinInt
		for v := range n {
			if left[v] {
				continue
			}
			in, out := weigh(v)
			if d := out - in; d > bestD {
				best, bestD = v, d
			}
		}
		if best >= 0 {
			take(best, true)
		}
	}
	rank := make([]int, n)
	for i, v := range head {
		rank[v] = i
	}
	for i, v := range tail {
		rank[v] = n - 1 - i
	}
	back := make([]bool, len(g.links))
	for i, l := range g.links {
		back[i] = rank[l.From] > rank[l.To]
	}
	return back
}

// columns assigns every place a column: the steps of the routes run from
// left to right wherever the routes allow (a step that would close a
// cycle runs back), the unknown start is in the first column and the
// unknown end in the last, and a place where routes only start stands in
// the column just before its first next place.
func (g *routeGraph) columns() []int {
	n := len(g.places)
	back := g.backSteps()
	col := make([]int, n)
	done := make([]bool, n)
	var longest func(v int) int
	longest = func(v int) int {
		if done[v] {
			return col[v]
		}
		done[v] = true
		c := 0
		for li, l := range g.links {
			if l.To == v && !back[li] {
				c = max(c, longest(l.From)+1)
			}
		}
		col[v] = c
		return c
	}
	for v := range n {
		longest(v)
	}
	// A place where routes only start moves up to its next places.
	for v := range n {
		if v == g.from {
			continue
		}
		hasIn, next := false, math.MaxInt
		for li, l := range g.links {
			if back[li] {
				continue
			}
			if l.To == v {
				hasIn = true
			}
			if l.From == v {
				next = min(next, col[l.To])
			}
		}
		if !hasIn && next != math.MaxInt {
			col[v] = max(col[v], next-1)
		}
	}
	last := 0
	for v := range n {
		if v != g.to {
			last = max(last, col[v])
		}
	}
	if g.to >= 0 {
		col[g.to] = max(col[g.to], last)
	}
	if g.from >= 0 {
		col[g.from] = 0
	}
	// No empty columns.
	used := slices.Clone(col)
	slices.Sort(used)
	used = slices.Compact(used)
	for v := range col {
		col[v], _ = slices.BinarySearch(used, col[v])
	}
	return col
}

// layout sets the graph out with names wrapped at maxText and colGap
// between the columns; errNoFit when it is larger than the page.
func (g *routeGraph) layout(m orgchart.Measurer, o RouteOptions, maxText, colGap float64) (*Routes, error) {
	f := o.FontSize
	padX, padY, lineH := routePadX*f, routePadY*f, routeLineH*f
	places := slices.Clone(g.places)
	links := slices.Clone(g.links)
	// Boxes: the name, then a line per mark.
	for i := range places {
		p := &places[i]
		p.Lines = nil
		var texts []string
		texts = append(texts, wrap(p.Label, f, maxText, m)...)
		p.Name = len(texts)
		for _, n := range p.Marks {
			texts = append(texts, wrap(strconv.Itoa(n)+" "+g.routes[n-1].What, f, maxText, m)...)
		}
		w := 0.0
		for _, t := range texts {
			w = max(w, m.Width(t, f, false))
		}
		bw := max(routeMinBox*f, w*(1+o.TextMargin)+2*padX)
		bh := 2*padY + lineH*float64(len(texts))
		if len(p.Marks) > 0 {
			bh += 0.3 * f // a little room between the name and the marks
		}
		p.Rect = orgchart.Rect{W: bw, H: bh}
		y := padY
		for k, t := range texts {
			if k == p.Name {
				y += 0.3 * f
			}
			tw := m.Width(t, f, false)
			p.Lines = append(p.Lines, orgchart.Line{Text: t, X: (bw - tw) / 2, Y: y + lineH/2 + 0.34*f, Width: tw, Size: f, Bold: false})
			y += lineH
		}
	}
	// Columns, and the order in each: by the mean row of the places the
	// steps come from, then go to, twice over.
	col := g.columns()
	ncol := 0
	for _, c := range col {
		ncol = max(ncol, c+1)
	}
	cols := make([][]int, ncol)
	for v, c := range col {
		cols[c] = append(cols[c], v)
	}
	pos := make([]float64, len(places))
	setPos := func() {
		for _, vs := range cols {
			for k, v := range vs {
				pos[v] = float64(k) - float64(len(vs)-1)/2
			}
		}
	}
	setPos()
	sweep := func(c int, fromLeft bool) {
		mean := map[int]float64{}
		for _, v := range cols[c] {
			s, k := 0.0, 0
			for _, l := range links {
				switch {
				case fromLeft && l.To == v && col[l.From] < c:
					s += pos[l.From]
					k++
				case !fromLeft && l.From == v && col[l.To] > c:
					s += pos[l.To]
					k++
				}
			}
			if k > 0 {
				mean[v] = s / float64(k)
			} else {
				mean[v] = pos[v]
			}
		}
		slices.SortStableFunc(cols[c], func(a, b int) int { return cmp.Compare(mean[a], mean[b]) })
		setPos()
	}
	for range 2 {
		for c := 1; c < ncol; c++ {
			sweep(c, true)
		}
		for c := ncol - 2; c >= 0; c-- {
			sweep(c, false)
		}
	}
	// Place the columns, each centred on the tallest.
	heights := make([]float64, ncol)
	widths := make([]float64, ncol)
	for c, vs := range cols {
		for k, v := range vs {
			if k > 0 {
				heights[c] += routeRowGap * f
			}
			heights[c] += places[v].Rect.H
			widths[c] = max(widths[c], places[v].Rect.W)
		}
	}
	tall := slices.Max(heights)
	x := 0.0
	for c, vs := range cols {
		y := (tall - heights[c]) / 2
		for _, v := range vs {
			r := &places[v].Rect
			r.X, r.Y = x+(widths[c]-r.W)/2, y
			y += r.H + routeRowGap*f
		}
		x += widths[c] + colGap
	}
	// Routing is the costly part: give up first when the boxes alone are
	// larger than the page.
	if x-colGap+2*routeMargin*f > o.Width+1e-9 || tall+2*routeMargin*f > o.Height+1e-9 {
		return nil, errNoFit
	}
	// The arrows, routed round the boxes, and their labels.
	rects := make([]orgchart.Rect, len(places))
	for i, p := range places {
		rects[i] = p.Rect
	}
	pairs := make([][2]int, len(links))
	for i, l := range links {
		pairs[i] = [2]int{l.From, l.To}
	}
	paths := orgchart.Connect(rects, pairs, routeClear*f)
	var taken []orgchart.Rect
	for _, pts := range paths {
		taken = append(taken, strips(pts)...)
	}
	// A label is kept inside the page: beyond what the boxes and arrows
	// take, it counts as covering something, so that a place inside is
	// taken first (outside, it would widen the figure past the page).
	taken = append(taken, outside(rects, paths, o.Width-2*routeMargin*f, o.Height-2*routeMargin*f)...)
	for i := range links {
		l := &links[i]
		l.Points = paths[i]
		l.Head = orgchart.Arrowhead(l.Points, routeHead*f)
		if l.BothWays {
			l.Tail = orgchart.Arrowhead(reversed(l.Points), routeHead*f)
		}
		short := joinNumbers(l.Routes)
		long := g.linkText(i, l)
		box, line, cover := orgchart.PlaceLabel(long, f, l.Points, rects, taken, m)
		if cover > 0 && long != short {
			if b2, l2, c2 := orgchart.PlaceLabel(short, f, l.Points, rects, taken, m); c2 < cover {
				box, line = b2, l2
			}
		}
		l.LabelBox, l.Label = box, line
		taken = append(taken, box)
	}
	// Bounds, and everything moved inside the margin.
	var bb orgchart.Rect
	first := true
	grow := func(r orgchart.Rect) {
		if first {
			bb, first = r, false
			return
		}
		x0, y0 := math.Min(bb.X, r.X), math.Min(bb.Y, r.Y)
		x1, y1 := math.Max(bb.Right(), r.Right()), math.Max(bb.Bottom(), r.Bottom())
		bb = orgchart.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
	}
	for _, r := range rects {
		grow(r)
	}
	for _, l := range links {
		for _, p := range l.Points {
			grow(orgchart.Rect{X: p.X, Y: p.Y})
		}
		for _, p := range append(slices.Clone(l.Head), l.Tail...) {
			grow(orgchart.Rect{X: p.X, Y: p.Y})
		}
		grow(l.LabelBox)
	}
	margin := routeMargin * f
	dx, dy := margin-bb.X, margin-bb.Y
	out := &Routes{Width: bb.W + 2*margin, Height: bb.H + 2*margin, FontSize: f, Routes: g.routes}
	if out.Width > o.Width+1e-9 || out.Height > o.Height+1e-9 {
		return nil, errNoFit
	}
	mv := func(p *orgchart.Point) { p.X += dx; p.Y += dy }
	for i := range places {
		p := &places[i]
		p.Rect.X += dx
		p.Rect.Y += dy
		for k := range p.Lines {
			p.Lines[k].X += p.Rect.X
			p.Lines[k].Y += p.Rect.Y
		}
	}
	for i := range links {
		l := &links[i]
		l.Points = slices.Clone(l.Points)
		for k := range l.Points {
			mv(&l.Points[k])
		}
		for k := range l.Head {
			mv(&l.Head[k])
		}
		for k := range l.Tail {
			mv(&l.Tail[k])
		}
		l.LabelBox.X += dx
		l.LabelBox.Y += dy
		l.Label.X += dx
		l.Label.Y += dy
	}
	out.Places, out.Links = places, links
	return out, nil
}

// linkText is the label of link i: the numbers of its routes, and, for the
// routes that start with this step, what moves: "6, 7 illegal wildlife; 3".
func (g *routeGraph) linkText(i int, l *RouteLink) string {
	var parts []string
	var rest []int
	done := map[int]bool{}
	for _, n := range l.Routes {
		if done[n] {
			continue
		}
		if g.first[n] != i {
			rest = append(rest, n)
			continue
		}
		what := g.routes[n-1].What
		var same []int
		for _, k := range l.Routes {
			if !done[k] && g.first[k] == i && g.routes[k-1].What == what {
				same = append(same, k)
				done[k] = true
			}
		}
		parts = append(parts, joinNumbers(same)+" "+what)
	}
	if len(rest) > 0 {
		parts = append(parts, joinNumbers(rest))
	}
	return strings.Join(parts, "; ")
}

func joinNumbers(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

func reversed(pts []orgchart.Point) []orgchart.Point {
	out := slices.Clone(pts)
	slices.Reverse(out)
	return out
}

// outside returns four rectangles round boxes and the points of paths,
// each as far from them as the figure may reach on that side, w by h in
// all: what lies in one would take the figure past w by h.
func outside(boxes []orgchart.Rect, paths [][]orgchart.Point, w, h float64) []orgchart.Rect {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, b := range boxes {
		x0, y0 = math.Min(x0, b.X), math.Min(y0, b.Y)
		x1, y1 = math.Max(x1, b.Right()), math.Max(y1, b.Bottom())
	}
	for _, pts := range paths {
		for _, p := range pts {
			x0, y0 = math.Min(x0, p.X), math.Min(y0, p.Y)
			x1, y1 = math.Max(x1, p.X), math.Max(y1, p.Y)
		}
	}
	const far = 1e5
	left, right, top, bottom := x1-w, x0+w, y1-h, y0+h
	return []orgchart.Rect{
		{X: left - far, Y: top - far, W: far, H: 2*far + bottom - top},
		{X: right, Y: top - far, W: far, H: 2*far + bottom - top},
		{X: left - far, Y: top - far, W: 2*far + right - left, H: far},
		{X: left - far, Y: bottom, W: 2*far + right - left, H: far},
	}
}

// strips returns thin rectangles along the segments of pts, for keeping
// labels off the lines.
func strips(pts []orgchart.Point) []orgchart.Rect {
	var out []orgchart.Rect
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		out = append(out, orgchart.Rect{X: math.Min(a.X, b.X) - 0.5, Y: math.Min(a.Y, b.Y) - 0.5, W: math.Abs(a.X-b.X) + 1, H: math.Abs(a.Y-b.Y) + 1})
	}
	return out
}

// wrap breaks s into lines at most width wide, at spaces; a word wider
// than width has a line of its own.
func wrap(s string, size, width float64, m orgchart.Measurer) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case m.Width(line+" "+w, size, false) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}
