package figure

import (
	"errors"
	"fmt"
	"strings"

	"dossier/internal/model"
	"dossier/internal/orgchart"
)

// RouteOptions tunes the route diagram. Every length is in points.
type RouteOptions struct {
	Width    float64 // the widest a row may be; default 462, an A4 page's text width
	FontSize float64 // size of the places' names and the rows' titles; default 7.5
	// TextMargin widens every box by this fraction of its widest line, so
	// that the names still fit when a browser sets them in a wider font
	// than the measured one. Default 0.18; negative means none.
	TextMargin float64
}

func (o RouteOptions) withDefaults() (RouteOptions, error) {
	if o.Width == 0 {
		o.Width = orgchart.DefaultWidth
	}
	if o.FontSize == 0 {
		o.FontSize = 7.5
	}
	if o.TextMargin == 0 {
		o.TextMargin = 0.18
	}
	if o.TextMargin < 0 {
		o.TextMargin = 0
	}
	if o.Width <= 0 || o.FontSize <= 0 || o.Width < 20*o.FontSize {
		return o, fmt.Errorf("bad route options: width %g, font %g", o.Width, o.FontSize)
	}
	return o, nil
}

// Routes is the laid-out route diagram: one row per route, in the order of
// the routes, each a title (its number and what moves) above the places
// from where it starts, through where it passes, to where it ends, as boxes
// joined by arrows. Lengths are in points, the origin at the top left.
type Routes struct {
	Width, Height float64
	FontSize      float64
	Rows          []RouteRow
}

// RouteRow is one route's row.
type RouteRow struct {
	Route  *model.Route
	Number int           // 1 for the first route
	Top    float64       // top of the row, title included
	Height float64       // from Top to the bottom of the tallest box
	Title  orgchart.Line // "1. what moves", with "(hedged by the source)" for an allegation
	Boxes  []RouteBox
	Arrows []RouteArrow // between neighbouring boxes
}

// RouteBox is a place on a route.
type RouteBox struct {
	Rect   orgchart.Rect
	Label  string          // the place's name, or model.Unknown
	Lines  []orgchart.Line // the name, wrapped and centred
	Entity *model.Entity   // the place's entity; nil for none
	// Unsaid marks a stand-in for an end the source does not state, drawn
	// dashed.
	Unsaid bool
	// Subject marks the dossier's subject (model.Dossier.Subject), drawn
	// shaded.
	Subject bool
}

// RouteArrow is a horizontal arrow between two boxes, with a head at To,
// and at From too when the route runs both ways.
type RouteArrow struct {
	From, To orgchart.Point
	BothWays bool
}

// The route diagram's spacing, in multiples of the font size.
const (
	routePadX   = 0.6
	routePadY   = 0.45
	routeLineH  = 1.25
	routeArrowW = 2.8
	routeTitleH = 1.7
	routeRowGap = 1.3
	routeMinBox = 5.0
	routeMargin = 0.3 // round the whole diagram, so that no stroke is cut off
)

// layoutRoutes lays out the rows of routes, shading the box of subject.
func layoutRoutes(routes []*model.Route, subject *model.Entity, m orgchart.Measurer, o RouteOptions) (*Routes, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if m == nil {
		return nil, errors.New("no Measurer")
	}
	f := o.FontSize
	padX, padY, lineH, arrowW := routePadX*f, routePadY*f, routeLineH*f, routeArrowW*f
	out := &Routes{FontSize: f}
	margin := routeMargin * f
	y := margin
	for i, rt := range routes {
		row := RouteRow{Route: rt, Number: i + 1, Top: y}
		title := fmt.Sprintf("%d. %s", i+1, rt.What)
		switch rt.Evidence() {
		case model.Alleged:
			title += " (alleged by the source)"
		case model.Hedged:
			title += " (hedged by the source)"
		}
		tw := m.Width(title, f, false)
		row.Title = orgchart.Line{Text: title, X: margin, Y: y + 0.75*routeTitleH*f, Width: tw, Size: f}
		var boxes []RouteBox
		add := func(p *model.RoutePoint) {
			if p == nil {
				boxes = append(boxes, RouteBox{Label: model.Unknown, Unsaid: true})
				return
			}
			boxes = append(boxes, RouteBox{Label: p.Label(), Entity: p.Entity, Subject: subject != nil && p.Entity == subject})
		}
		add(rt.From)
		for j := range rt.Via {
			add(&rt.Via[j])
		}
		add(rt.To)
		// Every box may take an equal share of the row; names wider than
		// that wrap.
		n := float64(len(boxes))
		maxText := ((o.Width-arrowW*(n-1))/n - 2*padX) / (1 + o.TextMargin)
		top := y + routeTitleH*f
		h := 0.0
		x := margin
		for j := range boxes {
			b := &boxes[j]
			lines := wrap(b.Label, f, maxText, m)
			w := 0.0
			for _, l := range lines {
				w = max(w, m.Width(l, f, false))
			}
			bw := max(routeMinBox*f, w*(1+o.TextMargin)+2*padX)
			bh := 2*padY + lineH*float64(len(lines))
			b.Rect = orgchart.Rect{X: x, Y: top, W: bw, H: bh}
			for k, l := range lines {
				lw := m.Width(l, f, false)
				b.Lines = append(b.Lines, orgchart.Line{Text: l, X: x + (bw-lw)/2, Y: top + padY + lineH*float64(k) + lineH/2 + 0.34*f, Width: lw, Size: f})
			}
			h = max(h, bh)
			x += bw + arrowW
		}
		// Centre the boxes on the tallest, and join them.
		for j := range boxes {
			b := &boxes[j]
			dy := (h - b.Rect.H) / 2
			b.Rect.Y += dy
			for k := range b.Lines {
				b.Lines[k].Y += dy
			}
			if j > 0 {
				prev := boxes[j-1].Rect
				mid := top + h/2
				row.Arrows = append(row.Arrows, RouteArrow{
					From:     orgchart.Point{X: prev.Right() + 0.1*f, Y: mid},
					To:       orgchart.Point{X: b.Rect.X - 0.1*f, Y: mid},
					BothWays: rt.BothWays,
				})
			}
		}
		row.Boxes = boxes
		row.Height = top + h - y
		out.Width = max(out.Width, x-arrowW+margin, tw+2*margin)
		out.Rows = append(out.Rows, row)
		y = top + h + routeRowGap*f
	}
	out.Height = y - routeRowGap*f + margin
	return out, nil
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
