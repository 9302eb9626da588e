package pdf

import (
	"fmt"
	"sync"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"dossier/internal/orgchart"
)

// goFonts measures text in the briefing's sans-serif fonts (Go Regular and
// Go Bold, which the briefing embeds), with the very glyph widths fpdf uses
// to set them.
// The widths of runes below glyphTableSize are read once, when the Measurer is
// made; rarer runes ask fpdf under a mutex.
type goFonts struct {
	em [2][]int32 // advance widths in thousandths of an em, regular and bold

	mu  sync.Mutex // guards pdf
	pdf *fpdf.Fpdf
}

const glyphTableSize = 0x3000 // Latin, Greek, Cyrillic, general punctuation and more

// measureFamily is the name the measuring fpdf gives the fonts.
const measureFamily = "go"

// Measurer returns the orgchart.Measurer for the text of figures, regular
// and bold, in the fonts the briefing embeds and draws figures with. Widths
// are the sum of the glyphs' advance widths without kerning, exactly as
// fpdf measures and sets text in the same fonts, so that a figure laid out
// with it (package figure) fits its boxes in the briefing. The fonts are
// parsed on the first call, which takes milliseconds; every call returns
// that one Measurer (or its error), which is safe for concurrent use.
func Measurer() (orgchart.Measurer, error) { return goFontsOnce() }

var goFontsOnce = sync.OnceValues(loadGoFonts)

func loadGoFonts() (orgchart.Measurer, error) {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes(measureFamily, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(measureFamily, "B", gobold.TTF)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("pdf: load the fonts of figures: %w", err)
	}
	m := &goFonts{pdf: pdf}
	buf := make([]byte, 0, 4)
	for i, style := range []string{"", "B"} {
		pdf.SetFont(measureFamily, style, 10)
		t := make([]int32, glyphTableSize)
		for r := rune(0); r < glyphTableSize; r++ {
			buf = buf[:0]
			buf = append(buf, string(r)...)
			t[r] = int32(pdf.GetStringSymbolWidth(string(buf)))
		}
		m.em[i] = t
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("pdf: measure the fonts of figures: %w", err)
	}
	return m, nil
}

// Width implements orgchart.Measurer.
func (m *goFonts) Width(s string, size float64, bold bool) float64 {
	i := 0
	if bold {
		i = 1
	}
	t := m.em[i]
	var w int64
	for _, r := range s {
		if r >= 0 && r < glyphTableSize {
			w += int64(t[r])
			continue
		}
		w += int64(m.rare(r, bold))
	}
	return float64(w) * size / 1000
}

func (m *goFonts) rare(r rune, bold bool) int {
	style := ""
	if bold {
		style = "B"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pdf.SetFont(measureFamily, style, 10)
	return m.pdf.GetStringSymbolWidth(string(r))
}
