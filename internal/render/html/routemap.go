package html

import (
	"fmt"
	"html/template"
	"slices"
	"strings"
)

// The route diagram's geometry, in SVG user units (CSS pixels at 100%).
const (
	mapNodeW    = 140 // width of a place's box
	mapColGap   = 64  // room between columns for the arrows and their labels
	mapLineH    = 16  // line height of a place's name
	mapPadY     = 8   // padding above and below the name in its box
	mapRowGap   = 22  // room between boxes in a column
	mapMargin   = 12
	mapWrap     = 17 // characters per line of a place's name
	mapFontSize = 13
)

// mapNode is a place in the route diagram, or one of the two stand-ins for
// an end the source does not state.
type mapNode struct {
	key    string
	label  string
	target string // the entity's page, relative to the site root; "" for none
	unsaid bool   // a stand-in: the source does not say where from or where to
	order  int    // first appearance
	rank   int    // column
	lines  []string
	x, y   int // top left
	h      int
}

// mapEdge is an arrow between two places, carrying the routes that take it.
type mapEdge struct {
	from, to *mapNode
	both     bool
	routes   []int
}

// routeDiagram draws the routes as an inline SVG: the places are boxes laid
// out in columns from where the goods come from to where they go, each
// route a chain of arrows labelled with its number in the routes table. An
// end the source does not state is a dashed box, "not stated". The drawing
// depends only on the routes, in their order; links are written for the
// page here. It returns "" for no routes.
func routeDiagram(routes []routeView, here string) template.HTML {
	if len(routes) == 0 {
		return ""
	}
	nodes := map[string]*mapNode{}
	var order []*mapNode
	node := func(key, label, target string, unsaid bool) *mapNode {
		if n := nodes[key]; n != nil {
			return n
		}
		n := &mapNode{key: key, label: label, target: target, unsaid: unsaid, order: len(order)}
		nodes[key] = n
		order = append(order, n)
		return n
	}
	place := func(p *pointView) *mapNode {
		if p.Entity != nil {
			return node("e:"+p.Entity.ID, p.Label, entityPage(p.Entity), false)
		}
		return node("n:"+p.Label, p.Label, "", false)
	}
	edges := map[[2]*mapNode]*mapEdge{}
	var edgeOrder []*mapEdge
	for _, rt := range routes {
		var chain []*mapNode
		if rt.From != nil {
			chain = append(chain, place(rt.From))
		} else {
			chain = append(chain, node("?from", "not stated", "", true))
		}
		for i := range rt.Via {
			chain = append(chain, place(&rt.Via[i]))
		}
		if rt.To != nil {
			chain = append(chain, place(rt.To))
		} else {
			chain = append(chain, node("?to", "not stated", "", true))
		}
		for i := 1; i < len(chain); i++ {
			a, b := chain[i-1], chain[i]
			if a == b {
				continue
			}
			k := [2]*mapNode{a, b}
			e := edges[k]
			if e == nil {
				e = &mapEdge{from: a, to: b}
				edges[k] = e
				edgeOrder = append(edgeOrder, e)
			}
			e.both = e.both || rt.BothWays
			if !slices.Contains(e.routes, rt.Number) {
				e.routes = append(e.routes, rt.Number)
			}
		}
	}
	// Columns: the longest chain of arrows leading to a place, over the
	// arrows that close no cycle (found depth first, places in order of
	// appearance).
	back := map[*mapEdge]bool{}
	state := map[*mapNode]int{} // 1 on the path, 2 done
	var visit func(n *mapNode)
	visit = func(n *mapNode) {
		state[n] = 1
		for _, e := range edgeOrder {
			if e.from != n {
				continue
			}
			switch state[e.to] {
			case 0:
				visit(e.to)
			case 1:
				back[e] = true
			}
		}
		state[n] = 2
	}
	for _, n := range order {
		if state[n] == 0 {
			visit(n)
		}
	}
	for range order {
		changed := false
		for _, e := range edgeOrder {
			if back[e] {
				continue
			}
			if r := e.from.rank + 1; r > e.to.rank {
				e.to.rank = r
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	// Drop empty columns.
	var ranks []int
	for _, n := range order {
		if !slices.Contains(ranks, n.rank) {
			ranks = append(ranks, n.rank)
		}
	}
	slices.Sort(ranks)
	cols := make([][]*mapNode, len(ranks))
	for _, n := range order {
		n.rank = slices.Index(ranks, n.rank)
		cols[n.rank] = append(cols[n.rank], n)
	}
	// Within a column, places follow the mean position of the places that
	// lead to them, then their first appearance.
	pos := map[*mapNode]float64{}
	for i, n := range cols[0] {
		pos[n] = float64(i)
	}
	for c := 1; c < len(cols); c++ {
		bary := map[*mapNode]float64{}
		for _, n := range cols[c] {
			sum, k := 0.0, 0
			for _, e := range edgeOrder {
				if e.to == n && e.from.rank < c {
					sum += pos[e.from]
					k++
				}
			}
			if k > 0 {
				bary[n] = sum / float64(k)
			} else {
				bary[n] = float64(n.order)
			}
		}
		slices.SortStableFunc(cols[c], func(a, b *mapNode) int {
			switch {
			case bary[a] < bary[b]:
				return -1
			case bary[a] > bary[b]:
				return 1
			}
			return a.order - b.order
		})
		for i, n := range cols[c] {
			pos[n] = float64(i)
		}
	}
	// Geometry: each column centred vertically.
	height := 0
	colH := make([]int, len(cols))
	for c, col := range cols {
		for i, n := range col {
			n.lines = wrapLabel(n.label, mapWrap)
			n.h = 2*mapPadY + mapLineH*len(n.lines)
			if i > 0 {
				colH[c] += mapRowGap
			}
			colH[c] += n.h
		}
		height = max(height, colH[c])
	}
	width := 2*mapMargin + len(cols)*mapNodeW + (len(cols)-1)*mapColGap
	height += 2 * mapMargin
	for c, col := range cols {
		y := (height - colH[c]) / 2
		for _, n := range col {
			n.x = mapMargin + c*(mapNodeW+mapColGap)
			n.y = y
			y += n.h + mapRowGap
		}
	}

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
	type label struct {
		x, y int
		text string
	}
	var labels []label
	for _, e := range edgeOrder {
		a, z := e.from, e.to
		ay, zy := a.y+a.h/2, z.y+z.h/2
		var d string
		var lx, ly int
		if z.rank > a.rank {
			x1, x2 := a.x+mapNodeW, z.x
			dx := (x2 - x1) / 2
			d = fmt.Sprintf("M%d %dC%d %d %d %d %d %d", x1, ay, x1+dx, ay, x2-dx, zy, x2, zy)
			lx, ly = (x1+x2)/2, (ay+zy)/2
		} else {
			// Backwards or within a column: a loop below the boxes.
			x1, x2 := a.x+mapNodeW/2, z.x+mapNodeW/2
			y1, y2 := a.y+a.h, z.y+z.h
			low := max(y1, y2) + mapRowGap
			d = fmt.Sprintf("M%d %dC%d %d %d %d %d %d", x1, y1, x1, low, x2, low, x2, y2)
			lx, ly = (x1+x2)/2, low-mapRowGap/4
		}
		start := ""
		if e.both {
			start = ` marker-start="url(#route-arrow)"`
		}
		class := "route-edge"
		if a.unsaid || z.unsaid {
			class += " unsaid"
		}
		fmt.Fprintf(&b, `<path class="%s" d="%s"%s marker-end="url(#route-arrow)"/>`+"\n", class, d, start)
		nums := make([]string, len(e.routes))
		for i, n := range e.routes {
			nums[i] = fmt.Sprint(n)
		}
		labels = append(labels, label{lx, ly, strings.Join(nums, ", ")})
	}
	for _, n := range order {
		class := "route-place"
		if n.unsaid {
			class += " unsaid"
		}
		open, end := "", ""
		if n.target != "" {
			open = fmt.Sprintf(`<a href="%s">`, esc(relURL(here, n.target)))
			end = "</a>"
		}
		fmt.Fprintf(&b, `<g class="%s">%s<rect x="%d" y="%d" width="%d" height="%d" rx="4"/>`, class, open, n.x, n.y, mapNodeW, n.h)
		for i, l := range n.lines {
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`, n.x+mapNodeW/2, n.y+mapPadY+mapLineH*i+mapLineH-4, esc(l))
		}
		b.WriteString(end + "</g>\n")
	}
	for _, l := range labels {
		w := 8 + 7*len(l.text)
		fmt.Fprintf(&b, `<g class="route-label"><rect x="%d" y="%d" width="%d" height="16" rx="8"/><text x="%d" y="%d" text-anchor="middle">%s</text></g>`+"\n",
			l.x-w/2, l.y-8, w, l.x, l.y+4, esc(l.text))
	}
	b.WriteString("</svg>")
	return template.HTML(b.String()) // every text above is escaped
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
