package orgchart

import "fmt"

// Color is an sRGB colour.
type Color struct{ R, G, B uint8 }

// Hex returns c as #rrggbb.
func (c Color) Hex() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// LineStyle says how to stroke a line: colour, width in points at scale 1,
// and the dash pattern (lengths of dash and gap, repeated; nil for solid).
type LineStyle struct {
	Color Color
	Width float64
	Dash  []float64
}

// BoxStyle says how to paint a box: fill, and a border in Stroke of
// StrokeWidth points; a zero StrokeWidth means no border.
type BoxStyle struct {
	Fill        Color
	Stroke      Color
	StrokeWidth float64
}

// The colours both back ends use, as constants in functions so that no
// caller can change them for another.
func ink() Color     { return Color{0x1a, 0x1a, 0x1a} }
func faint() Color   { return Color{0x55, 0x55, 0x55} }
func paper() Color   { return Color{0xff, 0xff, 0xff} }
func boxLine() Color { return Color{0x5b, 0x67, 0x75} }

func kindInk(k EdgeKind) Color {
	switch k {
	case PartOf:
		return boxLine()
	case ReportsTo:
		return Color{0x1f, 0x4e, 0x8c}
	case HeadedBy:
		return Color{0x4a, 0x4a, 0x4a}
	case CooperatesWith:
		return Color{0x2e, 0x6b, 0x30}
	case Channel:
		return Color{0xa8, 0x4b, 0x00}
	case PartyTo:
		return Color{0x6a, 0x1b, 0x9a}
	case Amends:
		return Color{0x7a, 0x5c, 0x00}
	}
	return faint()
}

// StyleOf returns the line style of edges of kind k. Each dashed kind has
// its own pattern, so that kinds stay apart in print without colour.
func StyleOf(k EdgeKind) LineStyle {
	s := LineStyle{Color: kindInk(k), Width: 0.8}
	switch k {
	case PartOf:
		s.Width = 0.9
	case ReportsTo:
		s.Dash = []float64{4, 2.5}
	case HeadedBy:
		s.Dash = []float64{1.2, 2}
	case CooperatesWith:
		s.Dash = []float64{6, 3}
	case Channel:
		s.Dash = []float64{7, 2, 1.5, 2}
	case PartyTo:
		s.Dash = []float64{2.5, 2.5}
	case Amends:
		s.Dash = []float64{5, 1.5, 1.5, 1.5, 1.5, 1.5}
	}
	return s
}

// BoxStyleOf returns how to paint b.
func BoxStyleOf(b Box) BoxStyle {
	switch {
	case b.Highlighted:
		return BoxStyle{Fill: Color{0xff, 0xf1, 0xc2}, Stroke: Color{0x9a, 0x6b, 0x00}, StrokeWidth: 1.6}
	case b.Group:
		return BoxStyle{Fill: paper(), Stroke: boxLine(), StrokeWidth: 0.5}
	}
	return BoxStyle{Fill: Color{0xf4, 0xf6, 0xf8}, Stroke: boxLine(), StrokeWidth: 0.8}
}

// TextColor returns the colour of text: ink for labels, faint for the
// smaller sub-labels, edge labels and the legend.
func TextColor(l Line, fontSize float64) Color {
	if l.Size < fontSize {
		return faint()
	}
	return ink()
}
