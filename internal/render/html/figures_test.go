package html

import (
	"testing"
	"unicode/utf8"

	"dossier/internal/figure"
	"dossier/internal/model"
)

// evenMeasurer measures every rune as 0.55 em, 0.6 in bold. The site only
// draws what package figure laid out; its tests need a layout, not the
// briefing's fonts, which the PDF renderer supplies to the build.
type evenMeasurer struct{}

func (evenMeasurer) Width(s string, size float64, bold bool) float64 {
	em := 0.55
	if bold {
		em = 0.6
	}
	return float64(utf8.RuneCountInString(s)) * em * size
}

// layoutFigures lays out d's figures as the build does, with evenMeasurer.
func layoutFigures(tb testing.TB, d *model.Dossier) *figure.Set {
	tb.Helper()
	figs, err := figure.Layout(d, figure.Options{Measurer: evenMeasurer{}})
	if err != nil {
		tb.Fatal(err)
	}
	return figs
}
