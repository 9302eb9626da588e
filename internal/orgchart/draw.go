package orgchart

// Canvas is what Draw paints on: a vector surface with the origin at the
// chart's top-left corner, y growing downwards, in points. The PDF renderer
// implements it over fpdf, translating to its page margins.
type Canvas interface {
	// Rect paints r with s's fill and, when s.StrokeWidth > 0, its border.
	Rect(r Rect, s BoxStyle)
	// Polyline strokes the open path through pts.
	Polyline(pts []Point, s LineStyle)
	// Text sets text with its left end at x and its baseline at y, in the
	// briefing's sans-serif (regular or bold) at size points.
	Text(x, y float64, text string, size float64, bold bool, c Color)
	// Link makes r a link to the page of the entity id.
	Link(r Rect, id string)
}

// DetailLinker is a Canvas that can link a box to another chart: Draw
// calls DetailLink, instead of Link, for a box that stands for a branch
// drawn in a chart of its own (Box.Detail).
type DetailLinker interface {
	DetailLink(r Rect, chart string)
}

// Draw paints c on cv at c.Scale: the tree lines and routed edges, then
// the boxes with their text (entity boxes also as links, a branch's box
// to its chart where cv is a DetailLinker), then the edge
// labels on a white ground, then the legend. It paints in the same order
// with the same values every time.
func Draw(c *Chart, cv Canvas) {
	k := c.Scale
	if k == 0 {
		k = 1
	}
	pt := func(p Point) Point { return Point{p.X * k, p.Y * k} }
	pts := func(ps []Point) []Point {
		out := make([]Point, len(ps))
		for i, p := range ps {
			out[i] = pt(p)
		}
		return out
	}
	rect := func(r Rect) Rect { return Rect{r.X * k, r.Y * k, r.W * k, r.H * k} }
	line := func(s LineStyle) LineStyle {
		out := LineStyle{Color: s.Color, Width: s.Width * k}
		for _, d := range s.Dash {
			out.Dash = append(out.Dash, d*k)
		}
		return out
	}
	text := func(l Line) {
		cv.Text(l.X*k, l.Y*k, l.Text, l.Size*k, l.Bold, TextColor(l, c.FontSize))
	}
	for _, e := range c.Edges {
		st := line(StyleOf(e.Kind))
		cv.Polyline(pts(e.Points), st)
		if len(e.Arrow) > 0 {
			st.Dash = nil
			cv.Polyline(pts(e.Arrow), st)
		}
	}
	for _, b := range c.Boxes {
		s := BoxStyleOf(b)
		s.StrokeWidth *= k
		cv.Rect(rect(b.Rect), s)
		for _, l := range b.Lines {
			text(l)
		}
		if dl, ok := cv.(DetailLinker); ok && b.Detail != "" {
			dl.DetailLink(rect(b.Rect), b.Detail)
		} else if b.ID != "" {
			cv.Link(rect(b.Rect), b.ID)
		}
	}
	for _, e := range c.Edges {
		if e.Label == "" {
			continue
		}
		cv.Rect(rect(e.LabelBox), BoxStyle{Fill: paper()})
		text(e.Text)
	}
	for _, it := range c.Legend {
		cv.Polyline(pts(it.Sample[:]), line(StyleOf(it.Kind)))
		text(it.Text)
	}
}
