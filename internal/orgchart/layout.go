package orgchart

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Options tunes Layout. The zero value of every field but Measurer means
// its default.
type Options struct {
	Measurer Measurer // required: measures every text the chart sets

	// Width and Height are the area a chart may take on a portrait page, in
	// points; a landscape page offers the same area turned. Defaults: 462
	// by 650, an A4 page's text area less room for a heading.
	Width, Height float64

	FontSize float64 // label size in points at scale 1; default 10
	// MinFontSize is the smallest any text of the chart (labels,
	// sub-labels, edge labels, legend) may be once scaled to the page;
	// default 8. A chart that would need smaller text does not fit (see
	// ErrTooLarge and LayoutSplit).
	MinFontSize float64
	MaxBoxWidth float64 // widest box at scale 1, in points; default 14.5 times FontSize
	// TextMargin widens every box by this fraction of its widest line, so
	// that labels still fit when a browser sets them in a wider sans-serif
	// than the measured face: DejaVu Sans, a common fallback, runs wider.
	// Default 0.18; negative means none.
	TextMargin float64
}

// The default page area: A4 less the PDF renderer's margins and a heading.
const (
	DefaultWidth  = 462
	DefaultHeight = 650
)

// ErrTooLarge is wrapped by the error Layout returns when no arrangement of
// the chart fits the page without setting text below MinFontSize.
var ErrTooLarge = errors.New("chart does not fit the page")

func (o Options) withDefaults() (Options, error) {
	if o.Measurer == nil {
		return o, errors.New("orgchart: Options.Measurer is nil")
	}
	if o.Width == 0 {
		o.Width = DefaultWidth
	}
	if o.Height == 0 {
		o.Height = DefaultHeight
	}
	if o.FontSize == 0 {
		o.FontSize = 10
	}
	if o.MinFontSize == 0 {
		o.MinFontSize = 8
	}
	if o.MaxBoxWidth == 0 {
		o.MaxBoxWidth = 14.5 * o.FontSize
	}
	if o.TextMargin == 0 {
		o.TextMargin = 0.18
	}
	if o.TextMargin < 0 {
		o.TextMargin = 0
	}
	if o.Width < 0 || o.Height < 0 || o.FontSize < 0 || o.MinFontSize < 0 || o.MinFontSize > o.FontSize {
		return o, fmt.Errorf("orgchart: bad options: page %gx%g, font %g, minimum %g", o.Width, o.Height, o.FontSize, o.MinFontSize)
	}
	if o.MaxBoxWidth < 4*o.FontSize {
		return o, fmt.Errorf("orgchart: MaxBoxWidth %g is too narrow for %g pt text", o.MaxBoxWidth, o.FontSize)
	}
	return o, nil
}

// metrics are the spacing rules, all derived from the font size.
type metrics struct {
	font, sub, small   float64 // label, sub-label, edge-label sizes
	lineH, subLineH    float64
	padX, padY         float64
	minBoxW            float64
	levelGap           float64 // from the bottom of a level to the top of the next
	hGap               float64 // between neighbouring subtrees
	rowGap             float64 // between boxes in a stacked column
	indent             float64 // from a column's spine to its boxes
	clear              float64 // routed edges keep this far from boxes
	margin             float64 // around the whole chart
	maxTextW, txtScale float64
}

func newMetrics(o Options) metrics {
	f := o.FontSize
	m := metrics{
		font: f, sub: smallRatio * f, small: smallRatio * f,
		padX: 0.6 * f, padY: 0.45 * f,
		minBoxW:  6 * f,
		levelGap: 2.8 * f,
		hGap:     1.3 * f,
		rowGap:   0.6 * f,
		indent:   1.4 * f,
		clear:    0.9 * f,
		margin:   1.2 * f,
		txtScale: 1 + o.TextMargin,
	}
	m.lineH = 1.22 * m.font
	m.subLineH = 1.22 * m.sub
	m.maxTextW = (o.MaxBoxWidth - 2*m.padX) / m.txtScale
	return m
}

// smallRatio is the size of the smallest text a chart sets (sub-labels,
// edge labels, the legend) relative to its labels.
const smallRatio = 0.85

// smallest returns the size of the smallest text set at scale 1.
func (m metrics) smallest() float64 { return math.Min(m.font, math.Min(m.sub, m.small)) }

// baseline returns the baseline of a line of the given size whose line box
// starts at top.
func baseline(top, lineH, size float64) float64 { return top + lineH/2 + 0.34*size }

// Layout lays s out: a tidy tree with boxes sized by the Measurer, leaf
// children stacked in columns where that fits the page better, the extra
// edges routed orthogonally around the boxes, a legend, and the orientation
// and scale that fit the page area best. Among arrangements that reach the
// same scale it prefers portrait, then the fewest stacked boxes, then the
// smallest area. It returns an error wrapping ErrSpec for a malformed Spec
// and ErrTooLarge when even the best arrangement would set any text below
// Options.MinFontSize (LayoutSplit then splits the chart). Layout is deterministic and safe to call
// concurrently.
func Layout(s *Spec, opts Options) (*Chart, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	m := newMetrics(o)
	t := buildTree(s, o, m)

	var best *arrangement
	seen := map[string]bool{}
	for _, c := range candidates() {
		sig, stacked := t.plan(c)
		if seen[sig] {
			continue
		}
		seen[sig] = true
		t.place()
		w, h := t.estimate()
		for _, or := range orientations(s.Orientation) {
			pw, ph := o.Width, o.Height
			if or == Landscape {
				pw, ph = ph, pw
			}
			cur := arrangement{c, stacked, w * h, math.Min(1, math.Min(pw/w, ph/h)), or}
			if best == nil || cur.better(*best) {
				best = &cur
			}
		}
	}
	t.plan(best.cand)
	t.place()
	ch := t.chart(s)
	pw, ph := o.Width, o.Height
	if best.orient == Landscape {
		pw, ph = ph, pw
	}
	ch.Orientation = best.orient
	ch.Scale = math.Min(1, math.Min(pw/ch.Width, ph/ch.Height))
	if ch.Scale*m.smallest() < o.MinFontSize-1e-9 {
		return nil, fmt.Errorf("orgchart: chart %q (%d boxes) needs %.0f×%.0f pt; on a %.0f×%.0f pt %s page its smallest text would be %.1f pt, below %.1f pt: %w",
			s.Name, len(ch.Boxes), ch.Width, ch.Height, pw, ph, best.orient, ch.Scale*m.smallest(), o.MinFontSize, ErrTooLarge)
	}
	return ch, nil
}

// orientations returns the orientations Layout tries for a Spec that asks
// for want: both when it asks for none.
func orientations(want Orientation) []Orientation {
	if want != "" {
		return []Orientation{want}
	}
	return []Orientation{Portrait, Landscape}
}

// arrangement is a candidate placed on a page in one orientation, with its
// estimated area and the scale that makes it fit.
type arrangement struct {
	cand    candidate
	stacked int // boxes in columns
	area    float64
	scale   float64
	orient  Orientation
}

// better reports whether a beats b: a larger scale (to within a
// hundredth), then portrait, then fewer stacked boxes, then less area.
func (a arrangement) better(b arrangement) bool {
	if math.Abs(a.scale-b.scale) > 0.01 {
		return a.scale > b.scale
	}
	if a.orient != b.orient {
		return a.orient == Portrait
	}
	if a.stacked != b.stacked {
		return a.stacked < b.stacked
	}
	return a.area < b.area-1e-6
}

// candidate is one way of arranging leaf children: a parent with at least
// stackMin leaf children stacks them in columns of at most maxRows.
type candidate struct {
	stackMin int // 0: never stack
	maxRows  int
}

func candidates() []candidate {
	cs := []candidate{{}}
	for _, min := range []int{5, 3, 2} {
		for _, rows := range []int{3, 4, 6, 8, 12, 24} {
			cs = append(cs, candidate{min, rows})
		}
	}
	return cs
}

// wrap breaks text into lines no wider than maxW, at spaces, and inside a
// word only when the word alone is wider than maxW.
func wrap(ms Measurer, text string, size float64, bold bool, maxW float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(text) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if ms.Width(try, size, bold) <= maxW {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
			cur = ""
		}
		for ms.Width(word, size, bold) > maxW {
			runes := []rune(word)
			n := 1
			for n < len(runes) && ms.Width(string(runes[:n+1]), size, bold) <= maxW {
				n++
			}
			lines = append(lines, string(runes[:n]))
			word = string(runes[n:])
		}
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// usedKinds returns the kinds of the chart's lines in legend order.
func usedKinds(edges []EdgePath) []EdgeKind {
	var out []EdgeKind
	for _, k := range EdgeKinds() {
		if slices.ContainsFunc(edges, func(e EdgePath) bool { return e.Kind == k }) {
			out = append(out, k)
		}
	}
	return out
}
