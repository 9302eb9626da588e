// Package fonts owns the typefaces the briefing is set in and their
// metrics: which font files there are, in which families and styles, and
// how wide a text is when set in them. The PDF renderer embeds the faces
// it lists; figure layout measures text through Sans, so that a chart laid
// out once fits its boxes in the briefing, and its tests measure the same.
//
// The text face is Noto Sans (noto/, under the SIL Open Font License,
// noto/OFL.txt): a publication sans with full Latin, Greek and Cyrillic,
// a true hyphen distinct from the en dash, and curly quotes. Code is set
// in Go Mono (golang.org/x/image/font/gofont). Each family has regular,
// bold, italic and bold italic; the bytes are compiled into the binary,
// so the briefing is the same on every machine and no system font is read.
package fonts

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/gomonobolditalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
)

// The families, as the PDF names them.
const (
	SansFamily = "notosans"
	MonoFamily = "gomono"
)

var (
	//go:embed noto/NotoSans-Regular.ttf
	sansRegular []byte
	//go:embed noto/NotoSans-Bold.ttf
	sansBold []byte
	//go:embed noto/NotoSans-Italic.ttf
	sansItalic []byte
	//go:embed noto/NotoSans-BoldItalic.ttf
	sansBoldItalic []byte
)

// Face is one font file: its family and its style in fpdf's letters ("",
// "B", "I", "BI"). TTF is shared: a user that keeps or changes the bytes
// must copy them.
type Face struct {
	Family, Style string
	TTF           []byte
}

// Faces returns every face the briefing is set in.
func Faces() []Face {
	return []Face{
		{SansFamily, "", sansRegular},
		{SansFamily, "B", sansBold},
		{SansFamily, "I", sansItalic},
		{SansFamily, "BI", sansBoldItalic},
		{MonoFamily, "", gomono.TTF},
		{MonoFamily, "B", gomonobold.TTF},
		{MonoFamily, "I", gomonoitalic.TTF},
		{MonoFamily, "BI", gomonobolditalic.TTF},
	}
}

// Metrics measures text set in the sans family, regular or bold. Width
// returns the advance width of s in points at size points: the sum of the
// glyphs' advance widths without kerning, exactly as fpdf measures and sets
// text in the same faces. It satisfies orgchart.Measurer and is safe for
// concurrent use.
type Metrics struct {
	em [2][]int32 // advance widths in thousandths of an em, regular and bold

	mu  sync.Mutex // guards pdf, which measures the rarer runes
	pdf *fpdf.Fpdf
}

const tableSize = 0x3000 // Latin, Greek, Cyrillic, general punctuation and more

// Sans returns the Metrics of the sans family. The faces are parsed and
// the widths of the runes below U+3000 read on the first call, which
// takes milliseconds; every call returns that one Metrics (or its error).
func Sans() (*Metrics, error) { return sansOnce() }

var sansOnce = sync.OnceValues(loadSans)

func loadSans() (*Metrics, error) {
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes(SansFamily, "", bytes.Clone(sansRegular))
	pdf.AddUTF8FontFromBytes(SansFamily, "B", bytes.Clone(sansBold))
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("fonts: load the sans faces: %w", err)
	}
	m := &Metrics{pdf: pdf}
	buf := make([]byte, 0, 4)
	for i, style := range []string{"", "B"} {
		pdf.SetFont(SansFamily, style, 10)
		t := make([]int32, tableSize)
		for r := rune(0); r < tableSize; r++ {
			buf = append(buf[:0], string(r)...)
			t[r] = int32(pdf.GetStringSymbolWidth(string(buf)))
		}
		m.em[i] = t
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("fonts: measure the sans faces: %w", err)
	}
	return m, nil
}

// Width returns the advance width of s in points, set at size points,
// bold or regular.
func (m *Metrics) Width(s string, size float64, bold bool) float64 {
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

func (m *Metrics) rare(r rune, bold bool) int {
	style := ""
	if bold {
		style = "B"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pdf.SetFont(SansFamily, style, 10)
	return m.pdf.GetStringSymbolWidth(string(r))
}
