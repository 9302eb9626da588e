package orgchart

// Measurer tells how wide a text is when set in the chart's font. Width
// returns the advance width of s in points at the given size (points),
// regular or bold. Implementations must be deterministic and safe for
// concurrent use. The PDF renderer supplies one over the fonts it embeds
// (pdf.Measurer); this package never measures text itself.
type Measurer interface {
	Width(s string, size float64, bold bool) float64
}
