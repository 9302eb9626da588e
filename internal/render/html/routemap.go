package html

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"dossier/internal/figure"
	"dossier/internal/model"
)

// mapFontSize is the size in CSS pixels at which the route diagram's text
// is shown; the SVG is scaled from the layout's points to it.
const mapFontSize = 13

// routeDiagram draws the route diagram package figure laid out (fig) as
// an inline SVG: one row per route in the order of the routes table, its
// number and what moves, then the places from where it starts, through
// where it passes, to where it ends, as boxes joined by arrows (arrows both
// ways for a route "between" two places). An end the source does not state
// is a dashed box, "not stated"; the dossier's subject is shaded. Places
// with a page are links, written for the page here; routes, the routes
// table's rows, give the description. It returns "" for no diagram.
func routeDiagram(fig *figure.Routes, routes []routeView, here string) template.HTML {
	if fig == nil || len(fig.Rows) == 0 {
		return ""
	}
	k := mapFontSize / fig.FontSize
	var b strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&b, `<svg class="route-map" role="group" aria-labelledby="route-map-title" aria-describedby="route-map-desc" viewBox="0 0 %s %s" width="%.0f" height="%.0f" font-size="%s">`+"\n",
		num(fig.Width), num(fig.Height), math.Ceil(fig.Width*k), math.Ceil(fig.Height*k), num(fig.FontSize))
	b.WriteString(`<title id="route-map-title">Routes the sources name</title>` + "\n")
	b.WriteString(`<desc id="route-map-desc">`)
	for i, rt := range routes {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(esc(routeSentence(&rt)))
	}
	b.WriteString("</desc>\n")
	b.WriteString(`<defs><marker id="route-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path class="route-arrowhead" d="M0 0L10 5L0 10z"/></marker></defs>` + "\n")
	for _, row := range fig.Rows {
		class := "route-row"
		switch row.Route.Evidence() {
		case model.Alleged:
			class += " route-alleged"
		case model.Hedged:
			class += " route-hedged"
		}
		fmt.Fprintf(&b, `<g class="%s">`+"\n", class)
		fmt.Fprintf(&b, `<text class="route-title" x="%s" y="%s">%s</text>`+"\n", num(row.Title.X), num(row.Title.Y), esc(row.Title.Text))
		for _, a := range row.Arrows {
			start := ""
			if a.BothWays {
				start = ` marker-start="url(#route-arrow)"`
			}
			fmt.Fprintf(&b, `<path class="route-edge" d="M%s %sH%s"%s marker-end="url(#route-arrow)"/>`+"\n", num(a.From.X), num(a.From.Y), num(a.To.X), start)
		}
		for _, bx := range row.Boxes {
			pclass := "route-place"
			if bx.Unsaid {
				pclass += " unsaid"
			}
			if bx.Subject {
				pclass += " subject"
			}
			open, end := "", ""
			if bx.Entity != nil {
				open = fmt.Sprintf(`<a href="%s">`, esc(relURL(here, entityPage(bx.Entity))))
				end = "</a>"
			}
			r := bx.Rect
			fmt.Fprintf(&b, `<g class="%s">%s<rect x="%s" y="%s" width="%s" height="%s" rx="2.5"/>`, pclass, open, num(r.X), num(r.Y), num(r.W), num(r.H))
			for _, l := range bx.Lines {
				fmt.Fprintf(&b, `<text x="%s" y="%s" text-anchor="middle">%s</text>`, num(l.Center()), num(l.Y), esc(l.Text))
			}
			b.WriteString(end + "</g>\n")
		}
		b.WriteString("</g>\n")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String()) // every text above is escaped
}

// num formats a length of the route diagram: at most two decimals, no
// trailing zeros.
func num(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// routeSentence describes a route in words, for the diagram's description:
// "Route 1, small arms: from Northland via Southland to a place not stated."
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
