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
//
// A character the text face lacks is set in the first fallback face that
// has it (Pick): Noto Sans Hebrew, Noto Sans Math and Noto Sans Symbols 2
// (noto/, OFL), and Droid Sans Fallback (droid/, Apache 2.0) for Chinese,
// Japanese and Korean. They are
// TrueType-outline fonts, which fpdf can read and subset; a renderer
// registers a fallback face only when a character needs it, so that a
// briefing without such characters does not carry it. What no face has,
// and the scripts that need shaping the PDF library cannot do (Arabic,
// Devanagari and the other Indic scripts), Lacks explains.
package fonts

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/gomonobold"
	"golang.org/x/image/font/gofont/gomonobolditalic"
	"golang.org/x/image/font/gofont/gomonoitalic"
	"golang.org/x/image/font/sfnt"
)

// The families, as the PDF names them.
const (
	SansFamily    = "notosans"
	MonoFamily    = "gomono"
	HebrewFamily  = "notosanshebrew"
	MathFamily    = "notosansmath"
	SymbolsFamily = "notosanssymbols2"
	CJKFamily     = "droidsansfallback"
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
	//go:embed noto/NotoSansHebrew-Regular.ttf
	hebrewRegular []byte
	//go:embed noto/NotoSansHebrew-Bold.ttf
	hebrewBold []byte
	//go:embed noto/NotoSansMath-Regular.ttf
	mathRegular []byte
	//go:embed noto/NotoSansSymbols2-Regular.ttf
	symbolsRegular []byte
	//go:embed droid/DroidSansFallback.ttf
	cjkRegular []byte
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

// Fallbacks returns the faces a character the text faces lack is set in,
// in the order Pick tries them. A renderer registers one only when Pick
// first chooses it.
func Fallbacks() []Face {
	return []Face{
		{HebrewFamily, "", hebrewRegular},
		{HebrewFamily, "B", hebrewBold},
		{MathFamily, "", mathRegular},
		{SymbolsFamily, "", symbolsRegular},
		{CJKFamily, "", cjkRegular},
	}
}

// Key names a face as fpdf knows it: family and style.
func (f Face) Key() string { return f.Family + f.Style }

// Named returns the face of Faces or Fallbacks of family and style.
func Named(family, style string) (Face, bool) {
	for _, f := range append(Faces(), Fallbacks()...) {
		if f.Family == family && f.Style == style {
			return f, true
		}
	}
	return Face{}, false
}

// Pick returns the face to set r in, in text set in family and style (one
// of Faces): the first that has a glyph for r of that face itself, for
// mono text the sans face of the style, the Hebrew face (bold for a bold
// style), the math and symbol faces (arrows, relations, geometric shapes,
// in regular only) and the CJK face. ok is false when none has r, or r is outside
// the Basic Multilingual Plane, which fpdf cannot encode: see Lacks. Pick
// is safe for concurrent use.
func Pick(r rune, family, style string) (f Face, ok bool) {
	if r < 0 || r > 0xffff {
		return Face{}, false
	}
	t, err := faceTable()
	if err != nil {
		return Face{}, false
	}
	var tries [6]string
	try := append(tries[:0], family+style)
	if family == MonoFamily {
		try = append(try, SansFamily+style)
	}
	if style == "B" || style == "BI" {
		try = append(try, HebrewFamily+"B")
	} else {
		try = append(try, HebrewFamily)
	}
	try = append(try, MathFamily, SymbolsFamily, CJKFamily)
	buf := buffers.Get().(*sfnt.Buffer)
	defer buffers.Put(buf)
	for _, k := range try {
		pf, found := t[k]
		if !found {
			continue
		}
		if g, err := pf.font.GlyphIndex(buf, r); err == nil && g != 0 {
			return pf.face, true
		}
	}
	return Face{}, false
}

// buffers hold the sfnt.Buffers of Pick, which are safe for one call at a
// time.
var buffers = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

type parsedFace struct {
	face Face
	font *sfnt.Font
}

// faceTable parses every face once, by Key.
var faceTable = sync.OnceValues(func() (map[string]parsedFace, error) {
	t := map[string]parsedFace{}
	for _, f := range append(Faces(), Fallbacks()...) {
		font, err := sfnt.Parse(f.TTF)
		if err != nil {
			return nil, fmt.Errorf("fonts: parse %s %s: %w", f.Family, f.Style, err)
		}
		t[f.Key()] = parsedFace{f, font}
	}
	return t, nil
})

// shaped are the scripts whose letters join or reorder, which fpdf, setting
// one glyph after another, cannot do: they would print wrong even with a
// face that has their glyphs, so the briefing embeds none.
var shaped = []string{
	"Arabic", "Syriac", "Thaana", "Nko", "Mongolian",
	"Devanagari", "Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu",
	"Kannada", "Malayalam", "Sinhala", "Tibetan", "Myanmar", "Khmer", "Lao", "Thai",
}

// Script returns the name of the Unicode script of r ("Han", "Hebrew"),
// or "" for none or Common.
func Script(r rune) string {
	names := make([]string, 0, len(unicode.Scripts))
	for name := range unicode.Scripts {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if name != "Common" && name != "Inherited" && unicode.Is(unicode.Scripts[name], r) {
			return name
		}
	}
	return ""
}

// Lacks says why the briefing cannot print r, or returns "" when Pick
// finds a face for it (in the regular sans).
func Lacks(r rune) string {
	if _, ok := Pick(r, SansFamily, ""); ok {
		return ""
	}
	script := Script(r)
	for _, s := range shaped {
		if s == script {
			return fmt.Sprintf("%s script needs shaping (letters joined or reordered), which the PDF library cannot do", script)
		}
	}
	switch {
	case r > 0xffff && unicode.Is(unicode.So, r):
		return "an emoji or symbol beyond the Basic Multilingual Plane, which the PDF library cannot encode"
	case r > 0xffff:
		return "a character beyond the Basic Multilingual Plane, which the PDF library cannot encode"
	case script != "":
		return fmt.Sprintf("no embedded font has %s script", script)
	}
	return "no embedded font has it"
}

// Metrics measures text set in the sans family, regular or bold. Width
// returns the advance width of s in points at size points: the sum of the
// glyphs' advance widths without kerning, exactly as fpdf measures and sets
// text in the same faces. It satisfies orgchart.Measurer and is safe for
// concurrent use.
type Metrics struct {
	em [2][]int32 // advance widths in thousandths of an em, regular and bold

	mu    sync.Mutex // guards pdf, which measures the rarer runes, and added
	pdf   *fpdf.Fpdf
	added map[string]bool // fallback faces registered with pdf, by Key
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
	m := &Metrics{pdf: pdf, added: map[string]bool{}}
	buf := make([]byte, 0, 4)
	for i, style := range []string{"", "B"} {
		pdf.SetFont(SansFamily, style, 10)
		t := make([]int32, tableSize)
		for r := rune(0); r < tableSize; r++ {
			if f, ok := Pick(r, SansFamily, style); r >= ' ' && (!ok || f.Family != SansFamily) {
				t[r] = -1 // set in a fallback face, or as U+FFFD: see rare
				continue
			}
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
		if r >= 0 && r < tableSize && t[r] >= 0 {
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
	f, ok := Pick(r, SansFamily, style)
	if !ok {
		// A renderer draws what no face has as U+FFFD.
		r = '\ufffd'
		f = Face{Family: SansFamily, Style: style}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if f.Family != SansFamily && !m.added[f.Key()] {
		m.pdf.AddUTF8FontFromBytes(f.Family, f.Style, bytes.Clone(f.TTF))
		m.added[f.Key()] = true
	}
	m.pdf.SetFont(f.Family, f.Style, 10)
	return m.pdf.GetStringSymbolWidth(string(r))
}
