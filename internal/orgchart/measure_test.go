package orgchart

import (
	"fmt"
	"sync"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// goFonts measures text in the Go fonts (Go Regular and Go Bold), the fonts
// the PDF renderer embeds, with the very glyph widths fpdf uses to set them.
// The widths of runes below tableSize are read once, when the Measurer is
// made; rarer runes ask fpdf under a mutex.
type goFonts struct {
	em [2][]int32 // advance widths in thousandths of an em, regular and bold

	mu  sync.Mutex // guards pdf
	pdf *fpdf.Fpdf
}

const tableSize = 0x3000 // Latin, Greek, Cyrillic, general punctuation and more

const (
	fontFamily = "go"
)

// goFontsMeasurer measures in the Go fonts as the PDF renderer's Measurer
// does (render/pdf cannot be imported here: it imports this package), so
// that the tests and goldens see the widths the briefing uses.
func goFontsMeasurer() (Measurer, error) { return goFontsOnce() }

var goFontsOnce = sync.OnceValues(loadGoFonts)

func loadGoFonts() (Measurer, error) {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes(fontFamily, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", gobold.TTF)
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("orgchart: load the Go fonts: %w", err)
	}
	m := &goFonts{pdf: pdf}
	buf := make([]byte, 0, 4)
	for i, style := range []string{"", "B"} {
		pdf.SetFont(fontFamily, style, 10)
		t := make([]int32, tableSize)
		for r := rune(0); r < tableSize; r++ {
			buf = buf[:0]
			buf = append(buf, string(r)...)
			t[r] = int32(pdf.GetStringSymbolWidth(string(buf)))
		}
		m.em[i] = t
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("orgchart: measure the Go fonts: %w", err)
	}
	return m, nil
}

// Width implements Measurer.
func (m *goFonts) Width(s string, size float64, bold bool) float64 {
	i := 0
	if bold {
		i = 1
	}
	t := m.em[i]
	var w int64
	for _, r := range s {
		if r >= 0 && r < tableSize {
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
	m.pdf.SetFont(fontFamily, style, 10)
	return m.pdf.GetStringSymbolWidth(string(r))
}
