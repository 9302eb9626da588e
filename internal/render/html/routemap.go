package html

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"dossier/internal/figure"
	"dossier/internal/orgchart"
)

// mapFontSize is the size in CSS pixels at which the route diagram's text
// is shown; the SVG is scaled from the layout's points to it.
const mapFontSize = 13

// routeDiagram draws the route diagram package figure laid out (fig) as
// an inline SVG: every place once, a box (the dossier's subject shaded, the
// stand-in for ends the sources do not state dashed), and the routes as
// arrows between them, labelled with their numbers in the routes table and,
// where a route starts, what moves; an arrow whose routes are all hedged
// is dashed. Places with a page are links, written for the page here;
// routes, the routes table's rows, give the description. It returns "" for
// no diagram.
func routeDiagram(fig *figure.Routes, routes []routeView, here string) template.HTML {
	if fig == nil || len(fig.Places) == 0 {
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
	b.WriteString(`<g class="route-edges">` + "\n")
	for _, l := range fig.Links {
		class := "route-edge"
		if l.Hedged {
			class += " route-alleged"
		}
		fmt.Fprintf(&b, `<path class="%s" d="%s"/>`, class, orgchart.PathData(l.Points))
		for _, h := range [][]orgchart.Point{l.Head, l.Tail} {
			if len(h) > 0 {
				fmt.Fprintf(&b, `<path class="route-head" d="%s"/>`, orgchart.PathData(h))
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("</g>\n")
	for _, p := range fig.Places {
		pclass := "route-place"
		if p.Unsaid {
			pclass += " unsaid"
		}
		if p.Subject {
			pclass += " subject"
		}
		open, end := "", ""
		if p.Entity != nil {
			open = fmt.Sprintf(`<a href="%s">`, esc(relURL(here, entityPage(p.Entity))))
			end = "</a>"
		}
		r := p.Rect
		fmt.Fprintf(&b, `<g class="%s">%s<rect x="%s" y="%s" width="%s" height="%s" rx="2.5"/>`, pclass, open, num(r.X), num(r.Y), num(r.W), num(r.H))
		for i, l := range p.Lines {
			cls := ""
			if i >= p.Name {
				cls = ` class="route-mark"`
			}
			fmt.Fprintf(&b, `<text%s x="%s" y="%s" text-anchor="middle">%s</text>`, cls, num(l.Center()), num(l.Y), esc(l.Text))
		}
		b.WriteString(end + "</g>\n")
	}
	for _, l := range fig.Links {
		if l.Label.Text == "" {
			continue
		}
		class := "route-label"
		if l.Hedged {
			class += " route-alleged"
		}
		r := l.LabelBox
		fmt.Fprintf(&b, `<g class="%s"><rect x="%s" y="%s" width="%s" height="%s"/><text x="%s" y="%s" text-anchor="middle">%s</text></g>`+"\n",
			class, num(r.X), num(r.Y), num(r.W), num(r.H), num(l.Label.Center()), num(l.Label.Y), esc(l.Label.Text))
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
