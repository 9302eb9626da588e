package orgchart

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
)

// SVGOptions tunes SVG.
type SVGOptions struct {
	// Href returns the link for an entity's box, relative to the page the
	// SVG is embedded in; "" leaves the box unlinked. Nil links nothing.
	Href func(id string) string
	// DetailHref returns the link for a box that stands for a branch drawn
	// in a chart of its own (Box.Detail, the chart's name); nil or "" links
	// the box as Href does.
	DetailHref func(chart string) string
	// IDPrefix makes the ids of the SVG's title and description unique on
	// the page; default "orgchart-" followed by the chart's Name.
	IDPrefix string
}

// FontFamily is the font list the SVG names: Noto Sans, the face the
// briefing is set in and the layout measured in, then sans-serif fallbacks
// (Layout's TextMargin keeps labels inside their boxes when a fallback is
// wider).
const FontFamily = "'Noto Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif"

// SVG writes c as an inline SVG element for an HTML page: role="img", or
// role="group" when its boxes are links (an image may hold no controls),
// with <title> and <desc> as its accessible name and description, every text as
// <text>, every entity box in an <a> when opts.Href gives a link, class
// names for styling (orgchart, oc-box, oc-highlight, oc-group, oc-edge and
// oc-<kind>, oc-label, oc-legend) and presentation attributes as defaults,
// and a viewBox. Geometry is in points; the width and height attributes
// give its natural size in CSS pixels (see NaturalScale), at which no text
// is under MinPixels: a page shows it at that size, scrolling it where it
// is wider than the column, never shrinking its text. It returns the first
// write error.
func SVG(w io.Writer, c *Chart, opts SVGOptions) error {
	bw := bufio.NewWriter(w)
	prefix := opts.IDPrefix
	if prefix == "" {
		prefix = "orgchart-" + c.Name
	}
	title, desc := prefix+"-title", prefix+"-desc"
	role := "img"
	if opts.Href != nil {
		role = "group"
	}
	k := NaturalScale(c)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" class="orgchart" role="%s" aria-labelledby="%s" aria-describedby="%s" viewBox="0 0 %s %s" width="%s" height="%s" font-family="%s">`+"\n",
		role, esc(title), esc(desc), num(c.Width), num(c.Height), num(c.Width*k), num(c.Height*k), esc(FontFamily))
	fmt.Fprintf(bw, "<title id=\"%s\">%s</title>\n<desc id=\"%s\">%s</desc>\n", esc(title), esc(c.Title), esc(desc), esc(c.Description))

	bw.WriteString("<g class=\"oc-edges\" fill=\"none\">\n")
	for _, e := range c.Edges {
		st := StyleOf(e.Kind)
		cls := "oc-edge oc-" + string(e.Kind)
		if e.Tree {
			cls += " oc-tree"
		}
		fmt.Fprintf(bw, `<path class="%s" d="%s" stroke="%s" stroke-width="%s"%s/>`+"\n", cls, PathData(e.Points), st.Color.Hex(), num(st.Width), dashAttr(st.Dash))
		if len(e.Arrow) > 0 {
			fmt.Fprintf(bw, `<path class="%s oc-arrow" d="%s" stroke="%s" stroke-width="%s"/>`+"\n", cls, PathData(e.Arrow), st.Color.Hex(), num(st.Width))
		}
	}
	bw.WriteString("</g>\n<g class=\"oc-boxes\">\n")
	for _, b := range c.Boxes {
		cls := "oc-box"
		switch {
		case b.Highlighted:
			cls += " oc-highlight"
		case b.Group:
			cls += " oc-group"
		}
		href := ""
		if opts.DetailHref != nil && b.Detail != "" {
			href = opts.DetailHref(b.Detail)
			cls += " oc-detail"
		}
		if href == "" && opts.Href != nil && b.ID != "" {
			href = opts.Href(b.ID)
		}
		if href != "" {
			cur := ""
			if b.Highlighted {
				cur = ` aria-current="page"`
			}
			fmt.Fprintf(bw, `<a href="%s"%s>`, esc(href), cur)
		}
		st := BoxStyleOf(b)
		fmt.Fprintf(bw, `<g class="%s"`, cls)
		if b.ID != "" {
			fmt.Fprintf(bw, ` data-entity="%s"`, esc(b.ID))
		}
		fmt.Fprintf(bw, `><rect x="%s" y="%s" width="%s" height="%s" rx="2" fill="%s" stroke="%s" stroke-width="%s"/>`,
			num(b.Rect.X), num(b.Rect.Y), num(b.Rect.W), num(b.Rect.H), st.Fill.Hex(), st.Stroke.Hex(), num(st.StrokeWidth))
		for _, l := range b.Lines {
			writeText(bw, l, c.FontSize, "")
		}
		bw.WriteString("</g>")
		if href != "" {
			bw.WriteString("</a>")
		}
		bw.WriteString("\n")
	}
	bw.WriteString("</g>\n")
	labels := false
	for _, e := range c.Edges {
		if e.Label == "" {
			continue
		}
		if !labels {
			bw.WriteString("<g class=\"oc-labels\">\n")
			labels = true
		}
		r := e.LabelBox
		fmt.Fprintf(bw, `<rect class="oc-label-ground" x="%s" y="%s" width="%s" height="%s" fill="#ffffff"/>`, num(r.X), num(r.Y), num(r.W), num(r.H))
		writeText(bw, e.Text, c.FontSize, "oc-label oc-"+string(e.Kind))
		bw.WriteString("\n")
	}
	if labels {
		bw.WriteString("</g>\n")
	}
	if len(c.Legend) > 0 {
		bw.WriteString("<g class=\"oc-legend\">\n")
		for _, it := range c.Legend {
			st := StyleOf(it.Kind)
			fmt.Fprintf(bw, `<path class="oc-edge oc-%s" d="%s" stroke="%s" stroke-width="%s" fill="none"%s/>`, it.Kind, PathData(it.Sample[:]), st.Color.Hex(), num(st.Width), dashAttr(st.Dash))
			writeText(bw, it.Text, c.FontSize, "")
			bw.WriteString("\n")
		}
		bw.WriteString("</g>\n")
	}
	bw.WriteString("</svg>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("orgchart: write SVG of %q: %w", c.Name, err)
	}
	return nil
}

// MinPixels is the smallest size, in CSS pixels, of any text of a chart
// drawn by SVG at its natural size.
const MinPixels = 12

// NaturalScale returns the CSS pixels per chart point at which SVG draws c:
// 4/3 (a point is 4/3 of a CSS pixel), or more where c's smallest text
// would otherwise be under MinPixels.
func NaturalScale(c *Chart) float64 {
	small := c.FontSize
	see := func(l Line) {
		if l.Size > 0 && l.Size < small {
			small = l.Size
		}
	}
	for _, b := range c.Boxes {
		for _, l := range b.Lines {
			see(l)
		}
	}
	for _, e := range c.Edges {
		if e.Label != "" {
			see(e.Text)
		}
	}
	for _, it := range c.Legend {
		see(it.Text)
	}
	k := 4.0 / 3
	if small > 0 && small*k < MinPixels {
		k = MinPixels / small
	}
	return k
}

// writeText writes l centred on its Center, so that a browser's fallback
// font, if wider or narrower, stays centred in the box.
func writeText(w *bufio.Writer, l Line, fontSize float64, class string) {
	fmt.Fprintf(w, `<text`)
	if class != "" {
		fmt.Fprintf(w, ` class="%s"`, class)
	}
	fmt.Fprintf(w, ` x="%s" y="%s" text-anchor="middle" font-size="%s"`, num(l.Center()), num(l.Y), num(l.Size))
	if l.Bold {
		w.WriteString(` font-weight="bold"`)
	}
	if col := TextColor(l, fontSize); col != ink() {
		fmt.Fprintf(w, ` fill="%s"`, col.Hex())
	}
	fmt.Fprintf(w, `>%s</text>`, esc(l.Text))
}

// PathData is the SVG path data of the polyline pts: "M x y L x y …".
func PathData(pts []Point) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString(" L")
		}
		b.WriteString(num(p.X))
		b.WriteString(" ")
		b.WriteString(num(p.Y))
	}
	return b.String()
}

func dashAttr(d []float64) string {
	if len(d) == 0 {
		return ""
	}
	parts := make([]string, len(d))
	for i, v := range d {
		parts[i] = num(v)
	}
	return ` stroke-dasharray="` + strings.Join(parts, " ") + `"`
}

// num formats v with at most two decimals and no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func esc(s string) string { return html.EscapeString(s) }
