package orgchart

import (
	"cmp"
	"math"
	"slices"
)

// chart turns the current placement into a Chart: boxes, tree lines,
// routed edges, labels and legend, moved so that everything lies inside
// the margins.
func (t *tree) chart(s *Spec) *Chart {
	m := t.m
	ch := &Chart{Name: s.Name, Title: s.Title, Description: s.Description, Sources: s.Sources, Shows: s.Shows, FontSize: m.font}
	byID := map[string]int{}
	for _, v := range t.all {
		r := t.rect(v)
		id := entityID(v.spec.ID)
		b := Box{
			ID: id, Label: v.spec.Label, Sub: v.spec.Sub, Rect: r,
			Highlighted: id != "" && id == s.Highlight,
			Group:       id == "",
			Detail:      v.spec.Detail,
			Parent:      -1,
		}
		if v.parent != nil {
			b.Parent = v.parent.idx
		}
		for _, l := range v.lines {
			l.X += r.X
			l.Y += r.Y
			b.Lines = append(b.Lines, l)
		}
		ch.Boxes = append(ch.Boxes, b)
		if v.spec.ID != "" {
			byID[v.spec.ID] = v.idx
		}
	}
	// Tree lines.
	for _, v := range t.all {
		if len(v.units) == 0 {
			continue
		}
		bus := t.busY(v)
		pb := v.y + v.h
		for _, u := range v.units {
			if u.child != nil {
				c := u.child
				ch.Edges = append(ch.Edges, treeEdge(v, c, simplify([]Point{
					{v.cx, pb}, {v.cx, bus}, {c.cx, bus}, {c.cx, c.y},
				})))
				continue
			}
			spine := v.cx + u.off
			for _, b := range u.col {
				mid := b.y + b.h/2
				ch.Edges = append(ch.Edges, treeEdge(v, b, simplify([]Point{
					{v.cx, pb}, {v.cx, bus}, {spine, bus}, {spine, mid}, {b.x, mid},
				})))
			}
		}
	}
	// Extra edges, routed around the boxes.
	rects := make([]Rect, len(ch.Boxes))
	for i, b := range ch.Boxes {
		rects[i] = b.Rect
	}
	rt := newRouter(rects, ch.Edges, m.clear)
	var labels []Rect // placed labels, and the lines drawn so far as thin strips
	strip := func(pts []Point) {
		for i := 0; i+1 < len(pts); i++ {
			a, b := pts[i], pts[i+1]
			labels = append(labels, Rect{math.Min(a.X, b.X) - 0.5, math.Min(a.Y, b.Y) - 0.5, math.Abs(a.X-b.X) + 1, math.Abs(a.Y-b.Y) + 1})
		}
	}
	for _, e := range ch.Edges {
		strip(e.Points)
	}
	for _, e := range s.Edges {
		from, to := byID[e.From], byID[e.To]
		pts := rt.route(from, to)
		strip(pts)
		p := EdgePath{Kind: e.Kind, From: from, To: to, Points: pts, Label: e.Label}
		if e.Kind != CooperatesWith {
			p.Arrow = arrowhead(pts, 0.55*m.font)
		}
		if e.Label != "" {
			var cover float64
			p.LabelBox, p.Text, cover = t.placeLabel(e.Label, pts, rects, labels)
			if cover > 0 && e.Label == e.Kind.Legend() {
				// The label would cover a box or another label and says no
				// more than the legend: leave it out.
				p.Label, p.LabelBox, p.Text = "", Rect{}, Line{}
			} else {
				labels = append(labels, p.LabelBox)
			}
		}
		ch.Edges = append(ch.Edges, p)
	}
	// Bounds of everything drawn so far.
	var bb Rect
	for _, r := range rects {
		bb = bb.union(r)
	}
	for _, e := range ch.Edges {
		for _, p := range e.Points {
			bb = bb.union(Rect{p.X, p.Y, 0, 0})
		}
		if e.Label != "" {
			bb = bb.union(e.LabelBox)
		}
	}
	// Legend below, wrapped to the chart's width.
	legendTop := bb.Bottom() + 1.4*m.font
	ch.Legend = t.legend(usedKinds(ch.Edges), bb.X, legendTop, math.Max(bb.W, 20*m.font))
	for _, it := range ch.Legend {
		bb = bb.union(Rect{it.Sample[0].X, it.Text.Y - it.Text.Size, it.Text.X + it.Text.Width - it.Sample[0].X, 1.3 * it.Text.Size})
	}
	dx, dy := m.margin-bb.X, m.margin-bb.Y
	ch.translate(dx, dy)
	ch.Width = bb.W + 2*m.margin
	ch.Height = bb.H + 2*m.margin
	return ch
}

func treeEdge(parent, child *tnode, pts []Point) EdgePath {
	k := child.spec.Kind
	if k == "" {
		k = PartOf
	}
	return EdgePath{Kind: k, Tree: true, From: parent.idx, To: child.idx, Points: pts}
}

// arrowhead returns an open arrowhead at the last point of pts, pointing
// along the last segment.
func arrowhead(pts []Point, size float64) []Point {
	if len(pts) < 2 {
		return nil
	}
	a, b := pts[len(pts)-2], pts[len(pts)-1]
	dx, dy := b.X-a.X, b.Y-a.Y
	l := math.Hypot(dx, dy)
	if l == 0 {
		return nil
	}
	ux, uy := dx/l, dy/l
	back := Point{b.X - ux*size, b.Y - uy*size}
	half := size * 0.55
	return []Point{{back.X - uy*half, back.Y + ux*half}, b, {back.X + uy*half, back.Y - ux*half}}
}

// placeLabel places an edge label at the chart's small size.
func (t *tree) placeLabel(text string, pts []Point, boxes, taken []Rect) (Rect, Line, float64) {
	return PlaceLabel(text, t.m.small, pts, boxes, taken, t.o.Measurer)
}

// PlaceLabel finds a place for a label of text, set at size, beside one of
// the segments of the path pts, the longest first, sliding along each,
// away from boxes and what is taken; where there is none, it takes the
// place that covers the least of them. It returns the label's ground, the
// placed line and the area it covers. Charts and the route diagram place
// their labels with it.
func PlaceLabel(text string, size float64, pts []Point, boxes, taken []Rect, m Measurer) (Rect, Line, float64) {
	w := m.Width(text, size, false)
	h := 1.25 * size
	pad := 0.25 * size
	rw := w + 2*pad
	type seg struct {
		a, b Point
		l    float64
	}
	var segs []seg
	for i := 0; i+1 < len(pts); i++ {
		a, b := pts[i], pts[i+1]
		segs = append(segs, seg{a, b, math.Abs(a.X-b.X) + math.Abs(a.Y-b.Y)})
	}
	// Longest first, in path order among equals.
	slices.SortStableFunc(segs, func(a, b seg) int { return cmp.Compare(b.l, a.l) })
	var cands []Rect
	for _, sg := range segs {
		for _, f := range []float64{0.5, 0.3, 0.7, 0.12, 0.88} {
			x := sg.a.X + f*(sg.b.X-sg.a.X)
			y := sg.a.Y + f*(sg.b.Y-sg.a.Y)
			if sg.a.Y == sg.b.Y {
				cands = append(cands, Rect{x - rw/2, y - h - pad, rw, h}, Rect{x - rw/2, y + pad, rw, h})
			} else {
				cands = append(cands, Rect{x + pad, y - h/2, rw, h}, Rect{x - pad - rw, y - h/2, rw, h})
			}
		}
	}
	if len(cands) == 0 {
		return Rect{}, Line{}, 0
	}
	pick, least := cands[0], math.Inf(1)
	for _, c := range cands {
		cover := Coverage(c, boxes) + Coverage(c, taken)
		if cover < least-1e-9 {
			pick, least = c, cover
			if cover == 0 {
				break
			}
		}
	}
	return pick, Line{Text: text, X: pick.X + pad, Y: baseline(pick.Y, h, size), Width: w, Size: size}, least
}

// Coverage returns the area of r that rs cover (overlaps counted twice).
func Coverage(r Rect, rs []Rect) float64 {
	a := 0.0
	for _, s := range rs {
		w := math.Min(r.Right(), s.Right()) - math.Max(r.X, s.X)
		h := math.Min(r.Bottom(), s.Bottom()) - math.Max(r.Y, s.Y)
		if w > 0 && h > 0 {
			a += w * h
		}
	}
	return a
}

// legend lays out one item per kind from (x, top), wrapping at width.
func (t *tree) legend(kinds []EdgeKind, x, top, width float64) []LegendItem {
	m := t.m
	size := m.sub
	sample := 2.6 * m.font
	gap := 0.5 * m.font
	sep := 1.6 * m.font
	lineH := 1.5 * size
	cx, cy := x, top
	var out []LegendItem
	for _, k := range kinds {
		text := k.Legend()
		tw := t.o.Measurer.Width(text, size, false)
		iw := sample + gap + tw
		if cx > x && cx+iw > x+width {
			cx, cy = x, cy+lineH
		}
		mid := cy + lineH/2
		out = append(out, LegendItem{
			Kind:   k,
			Sample: [2]Point{{cx, mid}, {cx + sample, mid}},
			Text:   Line{Text: text, X: cx + sample + gap, Y: baseline(cy, lineH, size), Width: tw, Size: size},
		})
		cx += iw + sep
	}
	return out
}

// translate moves every coordinate of c by (dx, dy).
func (c *Chart) translate(dx, dy float64) {
	mv := func(p *Point) { p.X += dx; p.Y += dy }
	ml := func(l *Line) { l.X += dx; l.Y += dy }
	for i := range c.Boxes {
		b := &c.Boxes[i]
		b.Rect.X += dx
		b.Rect.Y += dy
		for j := range b.Lines {
			ml(&b.Lines[j])
		}
	}
	for i := range c.Edges {
		e := &c.Edges[i]
		for j := range e.Points {
			mv(&e.Points[j])
		}
		for j := range e.Arrow {
			mv(&e.Arrow[j])
		}
		if e.Label != "" {
			e.LabelBox.X += dx
			e.LabelBox.Y += dy
			ml(&e.Text)
		}
	}
	for i := range c.Legend {
		it := &c.Legend[i]
		mv(&it.Sample[0])
		mv(&it.Sample[1])
		ml(&it.Text)
	}
}
