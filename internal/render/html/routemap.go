package html

import (
	"fmt"
	"html/template"
	"strings"
)

// The route diagram's geometry, in SVG user units (CSS pixels at 100%).
const (
	mapCharW    = 7  // average width of a character of a place's name, generously
	mapPadX     = 10 // padding left and right of the name in its box
	mapMinBoxW  = 72 // narrowest box
	mapWrap     = 20 // characters per line of a place's name
	mapLineH    = 15 // line height of a place's name
	mapPadY     = 6  // padding above and below the name in its box
	mapArrowW   = 46 // length of an arrow between two boxes
	mapTitleH   = 20 // room above a route's boxes for its number and what moves
	mapRowGap   = 14 // room between two routes
	mapMargin   = 10
	mapFontSize = 13
)

// mapBox is a place on one route's row.
type mapBox struct {
	label  string
	target string // the entity's page, relative to the site root; "" for none
	unsaid bool   // a stand-in: the source does not say where from or where to
	lines  []string
	w, h   int
}

// routeDiagram draws the routes as an inline SVG, one row per route in the
// order of the routes table: its number and what moves, then the places
// from where it starts, through where it passes, to where it ends, as boxes
// joined by arrows (arrows both ways for a route "between" two places). An
// end the source does not state is a dashed box, "not stated". Places with
// a page are links, written for the page here. The drawing depends only on
// the routes; it returns "" for none.
func routeDiagram(routes []routeView, here string) template.HTML {
	if len(routes) == 0 {
		return ""
	}
	box := func(p *pointView) mapBox {
		b := mapBox{label: "not stated", unsaid: true}
		if p != nil {
			b = mapBox{label: p.Label}
			if p.Entity != nil {
				b.target = entityPage(p.Entity)
			}
		}
		b.lines = wrapLabel(b.label, mapWrap)
		longest := 0
		for _, l := range b.lines {
			longest = max(longest, len([]rune(l)))
		}
		b.w = max(mapMinBoxW, longest*mapCharW+2*mapPadX)
		b.h = 2*mapPadY + mapLineH*len(b.lines)
		return b
	}
	rows := make([][]mapBox, len(routes))
	width, height := 0, mapMargin
	for i := range routes {
		rt := &routes[i]
		row := []mapBox{box(rt.From)}
		for j := range rt.Via {
			row = append(row, box(&rt.Via[j]))
		}
		row = append(row, box(rt.To))
		rows[i] = row
		w, h := 0, 0
		for j, b := range row {
			if j > 0 {
				w += mapArrowW
			}
			w += b.w
			h = max(h, b.h)
		}
		title := len([]rune(routeTitle(rt))) * mapCharW
		width = max(width, w, title)
		height += mapTitleH + h + mapRowGap
	}
	width += 2 * mapMargin
	height += mapMargin - mapRowGap

	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<svg class="route-map" role="group" aria-labelledby="route-map-title" aria-describedby="route-map-desc" viewBox="0 0 %d %d" width="%d" height="%d" font-size="%d">`+"\n", width, height, width, height, mapFontSize)
	b.WriteString(`<title id="route-map-title">Routes the sources name</title>` + "\n")
	b.WriteString(`<desc id="route-map-desc">`)
	for i, rt := range routes {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(esc(routeSentence(&rt)))
	}
	b.WriteString("</desc>\n")
	b.WriteString(`<defs><marker id="route-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="route-arrowhead" d="M0 0L10 5L0 10z"/></marker></defs>` + "\n")
	y := mapMargin
	for i := range routes {
		rt := &routes[i]
		class := "route-row"
		if rt.Allegation {
			class += " alleged"
		}
		fmt.Fprintf(&b, `<g class="%s">`+"\n", class)
		fmt.Fprintf(&b, `<text class="route-title" x="%d" y="%d">%s</text>`+"\n", mapMargin, y+mapTitleH-6, esc(routeTitle(rt)))
		top := y + mapTitleH
		h := 0
		for _, bx := range rows[i] {
			h = max(h, bx.h)
		}
		x := mapMargin
		for j, bx := range rows[i] {
			if j > 0 {
				mid := top + h/2
				start := ""
				if rt.BothWays {
					start = ` marker-start="url(#route-arrow)"`
				}
				fmt.Fprintf(&b, `<path class="route-edge" d="M%d %dH%d"%s marker-end="url(#route-arrow)"/>`+"\n", x+3, mid, x+mapArrowW-3, start)
				x += mapArrowW
			}
			pclass := "route-place"
			if bx.unsaid {
				pclass += " unsaid"
			}
			open, end := "", ""
			if bx.target != "" {
				open = fmt.Sprintf(`<a href="%s">`, esc(relURL(here, bx.target)))
				end = "</a>"
			}
			by := top + (h-bx.h)/2
			fmt.Fprintf(&b, `<g class="%s">%s<rect x="%d" y="%d" width="%d" height="%d" rx="4"/>`, pclass, open, x, by, bx.w, bx.h)
			for k, l := range bx.lines {
				fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, x+bx.w/2, by+mapPadY+mapLineH*k+mapLineH-4, esc(l))
			}
			b.WriteString(end + "</g>\n")
			x += bx.w
		}
		b.WriteString("</g>\n")
		y = top + h + mapRowGap
	}
	b.WriteString("</svg>")
	return template.HTML(b.String()) // every text above is escaped
}

// routeTitle is the line above a route's row: "1. illicit arms".
func routeTitle(rt *routeView) string {
	t := fmt.Sprintf("%d. %s", rt.Number, rt.What)
	if rt.Allegation {
		t += " (hedged by the source)"
	}
	return t
}

// routeSentence describes a route in words, for the diagram's description:
// "Route 1, illicit arms: from Ukraine via Chernihiv to Belarus."
func routeSentence(rt *routeView) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Route %d, %s:", rt.Number, rt.What)
	if rt.BothWays && rt.From != nil && rt.To != nil {
		fmt.Fprintf(&b, " between %s and %s", rt.From.Label, rt.To.Label)
	} else {
		if rt.From != nil {
			fmt.Fprintf(&b, " from %s", rt.From.Label)
		} else {
			b.WriteString(" from a place not stated")
		}
	}
	for i, p := range rt.Via {
		if i == 0 {
			b.WriteString(" via ")
		} else {
			b.WriteString(" and ")
		}
		b.WriteString(p.Label)
	}
	if !(rt.BothWays && rt.From != nil && rt.To != nil) {
		if rt.To != nil {
			fmt.Fprintf(&b, " to %s", rt.To.Label)
		} else {
			b.WriteString(" to a place not stated")
		}
	}
	b.WriteByte('.')
	return b.String()
}

// wrapLabel breaks a place's name into lines of about n characters, at
// spaces.
func wrapLabel(s string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= n:
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
