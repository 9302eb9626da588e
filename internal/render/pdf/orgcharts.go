package pdf

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-pdf/fpdf"

	"dossier/internal/figure"
	"dossier/internal/model"
	"dossier/internal/orgchart"
)

// chartHeading is the room, in points, a chart page keeps above the chart
// for its heading and description: a title of two lines and a caption of
// five. A chart page whose heading takes more shrinks the chart to fit,
// which may set its text under the 8 points it was laid out for.
const chartHeading = 110.0

// FigureOptions returns the options with which package figure lays out the
// figures to fit the briefing's pages, text measured with m (see Measurer):
// an organisation chart gets the text area of the page size less room for
// its heading, portrait, or landscape where it fits that better (the area
// both orientations can offer); the route diagram gets the text area of
// a portrait page less room for a heading. The build lays every figure out once with these options
// and gives the result to both renderers.
func FigureOptions(s model.Settings, m orgchart.Measurer) figure.Options {
	_, pageW, pageH, _ := pageFormat(s)
	toPt := func(mm float64) float64 { return mm / ptToMM }
	portraitW := toPt(pageW - marginLeft - marginRight)
	portraitH := toPt(pageH-marginTop-marginBottom) - chartHeading
	landscapeW := toPt(pageH - marginLeft - marginRight)
	landscapeH := toPt(pageW-marginTop-marginBottom) - chartHeading
	return figure.Options{
		Measurer: m,
		Chart:    orgchart.Options{Width: min(portraitW, landscapeH), Height: min(portraitH, landscapeW)},
		Route:    figure.RouteOptions{Width: portraitW, Height: portraitH, FontSize: routeSize},
	}
}

// layoutFigures lays out d's figures as the build does, for a Render
// without Options.Figures.
func layoutFigures(d *model.Dossier) (*figure.Set, error) {
	m, err := Measurer()
	if err != nil {
		return nil, err
	}
	return figure.Layout(d, FigureOptions(d.Settings, m))
}

// orgcharts draws the chapter of organisation charts: a short
// introduction, then each chart on a page of its own, turned where the
// chart is wider than high, under a heading that the contents and the
// outline list.
func (s *doc) orgcharts() error {
	s.chapterStart("Organisation charts")
	s.say("charts/intro")
	order := s.chartOrder(s.y)
	// The charts by title, in the order they are drawn; each chart's page
	// says what it shows.
	for _, c := range order {
		s.paragraph([]run{styled("• "+c.Title, func(st *textStyle) { st.color = muted })})
	}
	portrait := true // the page in hand is portrait: the chapter's introduction, then a chart page
	for _, c := range order {
		// A small portrait chart goes under the introduction or the
		// chart before it when the page has room for the whole of it, so
		// that a body with a unit or two does not take a page of its own.
		below := portrait && c.Orientation != orgchart.Landscape && s.y+chartGap+s.chartRoom(c) <= s.bottom
		if err := s.chartPage(c, below); err != nil {
			return fmt.Errorf("chart %q: %w", c.Name, err)
		}
		portrait = c.Orientation != orgchart.Landscape
	}
	s.y = s.bottom // what follows starts on a new page
	return nil
}

// chartOrder is the order the charts are drawn in: as declared, except
// that where the next chart does not fit under what a portrait page holds,
// the first later small portrait chart that does is brought forward to
// fill the page, as a typesetter places floats. y is where the pen is
// after the chapter's introduction, less the list of charts.
func (s *doc) chartOrder(y float64) []*orgchart.Chart {
	// The introduction lists the charts, a line each.
	y += float64(len(s.charts)) * (paraGap + bodyLH)
	rest := slices.Clone(s.charts)
	var out []*orgchart.Chart
	portrait := true
	fits := func(c *orgchart.Chart) bool {
		return portrait && c.Orientation != orgchart.Landscape && y+chartGap+s.chartRoom(c) <= s.bottom
	}
	for len(rest) > 0 {
		i := 0
		if !fits(rest[0]) {
			for j, c := range rest[1:] {
				if fits(c) {
					i = j + 1
					break
				}
			}
		}
		c := rest[i]
		rest = slices.Delete(rest, i, i+1)
		switch {
		case fits(c):
			y += chartGap + s.chartRoom(c)
		case c.Orientation == orgchart.Landscape:
			y = s.bottom
		default:
			y = marginTop + s.chartRoom(c)
		}
		portrait = c.Orientation != orgchart.Landscape
		out = append(out, c)
	}
	return out
}

// chartGap is the room, in millimetres, between two charts on one page.
const chartGap = 12.0

// chartDescription is how a chart's description is set under its title:
// what it shows, and what date the structure is attested for.
func (s *doc) chartDescription(c *orgchart.Chart) []run {
	return []run{{text: strings.TrimSpace(c.Description + " " + s.attested(c.Sources, c.Shows)), st: textStyle{size: 9, color: muted}}}
}

// attested is the sentence that says what date the structure drawn from
// docs' citations is attested for (wording.AttestedSnippet); an error is
// kept as the document's error, which the chapter reports.
func (s *doc) attested(docs []*model.Document, shows string) string {
	a, err := s.opts.Wording.Attested(docs, shows)
	if err != nil {
		s.f.SetError(fmt.Errorf("layouts: %w", err))
	}
	return a
}

// chartRoom is the height, in millimetres, that c takes on a page at its
// own scale: its heading, its description and the drawing.
func (s *doc) chartRoom(c *orgchart.Chart) float64 {
	h := s.headingHeight(1, []run{{text: c.Title, st: headingStyle(1)}})
	if c.Description != "" || len(c.Sources) > 0 {
		h += 1 + float64(len(s.layout(s.chartDescription(c), s.right-s.left)))*9*ptToMM*1.4
	}
	k := c.Scale
	if k == 0 {
		k = 1
	}
	return h + 3 + c.Height*k*ptToMM
}

// chartPage draws one chart on a new page, turned where the chart is
// landscape, or, when below is set, under what the portrait page in hand
// already holds (the caller has checked that it fits).
func (s *doc) chartPage(c *orgchart.Chart, below bool) error {
	pw, ph := s.pageW, s.pageH
	switch {
	case below:
		s.y += chartGap
		s.after = 0
	case c.Orientation == orgchart.Landscape:
		s.turnPage(func() { s.f.AddPageFormat("L", fpdf.SizeType{Wd: pw, Ht: ph}) })
		pw, ph = ph, pw
	default:
		s.turnPage(s.f.AddPage)
	}
	s.left, s.right, s.bottom = marginLeft, pw-marginRight, ph-marginBottom
	defer func() {
		// Back to the document's page for what follows.
		s.left, s.right, s.bottom = marginLeft, s.pageW-marginRight, s.pageH-marginBottom
	}()
	if !below {
		s.y, s.atTop, s.after = marginTop, true, 0
	}
	s.heading(1, []run{{text: c.Title, st: headingStyle(1)}}, 0, s.chartLink(c.Name))
	if c.Description != "" || len(c.Sources) > 0 {
		s.space(1)
		s.flow(s.chartDescription(c), 9*ptToMM*1.4, alignLeft)
	}
	s.keepWith(0)
	s.y += 3

	// The chart at its own scale, shrunk further if the heading took more
	// room than the layout was promised.
	k := c.Scale
	if k == 0 {
		k = 1
	}
	w, h := c.Width*k*ptToMM, c.Height*k*ptToMM
	extra := min(1, (s.right-s.left)/w, (s.bottom-s.y)/h)
	x0 := s.left + (s.right-s.left-w*extra)/2
	s.f.SetDashPattern(nil, 0)
	cv := &chartCanvas{s: s, x0: x0, y0: s.y, k: ptToMM * extra}
	orgchart.Draw(c, cv)
	cv.dash(nil)
	s.y += h * extra
	if c.Orientation == orgchart.Landscape {
		s.y = s.bottom // a turned page holds one chart
	}
	return s.f.Error()
}

// chartLink returns the internal link to a chart's page.
func (s *doc) chartLink(name string) dest { return linkFor(s.dests, s.dests.chart, name, chartDest) }

func chartDest(name string) dest { return newDest("chart/" + name) }

// chartCanvas draws a chart with fpdf: chart points become millimetres
// from (x0, y0), k millimetres per point.
type chartCanvas struct {
	s      *doc
	x0, y0 float64
	k      float64   // millimetres per chart point
	dashed []float64 // the dash pattern in force, in millimetres; empty for solid
}

func (c *chartCanvas) x(v float64) float64 { return c.x0 + v*c.k }
func (c *chartCanvas) y(v float64) float64 { return c.y0 + v*c.k }

func rgbOf(col orgchart.Color) rgb { return rgb{col.R, col.G, col.B} }

// dash sets the dash pattern d, given in chart points, unless it is in
// force already; nil is solid.
func (c *chartCanvas) dash(d []float64) {
	mm := make([]float64, len(d))
	for i, v := range d {
		mm[i] = v * c.k
	}
	if slices.Equal(mm, c.dashed) {
		return
	}
	c.s.f.SetDashPattern(mm, 0)
	c.dashed = mm
}

// Rect implements orgchart.Canvas.
func (c *chartCanvas) Rect(r orgchart.Rect, st orgchart.BoxStyle) {
	s := c.s
	s.setFill(rgbOf(st.Fill))
	style := "F"
	if st.StrokeWidth > 0 {
		s.setDraw(rgbOf(st.Stroke))
		s.f.SetLineWidth(st.StrokeWidth * c.k)
		style = "FD"
		c.dash(nil)
	}
	s.f.Rect(c.x(r.X), c.y(r.Y), r.W*c.k, r.H*c.k, style)
}

// Polyline implements orgchart.Canvas. It strokes one path, so that the
// dashes run on round the corners and the corners are joined.
func (c *chartCanvas) Polyline(pts []orgchart.Point, st orgchart.LineStyle) {
	if len(pts) < 2 {
		return
	}
	s := c.s
	s.setDraw(rgbOf(st.Color))
	s.f.SetLineWidth(st.Width * c.k)
	c.dash(st.Dash)
	s.f.MoveTo(c.x(pts[0].X), c.y(pts[0].Y))
	for _, p := range pts[1:] {
		s.f.LineTo(c.x(p.X), c.y(p.Y))
	}
	s.f.DrawPath("D")
}

// Text implements orgchart.Canvas.
func (c *chartCanvas) Text(x, y float64, text string, size float64, bold bool, col orgchart.Color) {
	st := textStyle{size: size * c.k / ptToMM, bold: bold, color: rgbOf(col)}
	c.s.show(st, c.x(x), c.y(y), c.s.clean(text))
}

// Link implements orgchart.Canvas.
func (c *chartCanvas) Link(r orgchart.Rect, id string) {
	c.s.f.LinkToDest(c.x(r.X), c.y(r.Y), r.W*c.k, r.H*c.k, c.s.entityLink(id))
}

// DetailLink implements orgchart.DetailLinker: a box that stands for a
// branch drawn in a chart of its own links to that chart's page.
func (c *chartCanvas) DetailLink(r orgchart.Rect, chart string) {
	c.s.f.LinkToDest(c.x(r.X), c.y(r.Y), r.W*c.k, r.H*c.k, c.s.chartLink(chart))
}
