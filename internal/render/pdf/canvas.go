package pdf

import (
	"errors"
	"io"

	"github.com/go-pdf/fpdf"
)

// canvas is what a pass draws on: the fpdf methods the renderer calls.
// The pass whose bytes are written draws on fpdf itself; the passes before
// it, which only learn where the headings land, draw on a dryCanvas.
type canvas interface {
	// Pages, links and the outline.
	AddPage()
	AddPageFormat(orientation string, size fpdf.SizeType)
	PageNo() int
	GetPageSize() (w, h float64)
	// A page's body (fpdf's patch 14; see turnPage and runs.go).
	BeginBody()
	EndBody()
	ReplayBody(data []byte, n int)
	UseRunes(family, style string, rs []rune)
	SetLinkDest(d *fpdf.LinkDest, y float64, page int)
	LinkToDest(x, y, w, h float64, d *fpdf.LinkDest)
	LinkString(x, y, w, h float64, url string)
	Bookmark(text string, level int, y float64)

	// Fonts and measuring.
	AddParsedUTF8FontOnDemand(font *fpdf.UTF8Font)
	SetFont(family, style string, size float64)
	GetStringWidth(s string) float64

	// Pictures: registering one reads its size, which layout needs.
	RegisterImageOptionsReader(name string, opts fpdf.ImageOptions, r io.Reader) *fpdf.ImageInfoType
	ImageOptions(name string, x, y, w, h float64, flow bool, opts fpdf.ImageOptions, link int, linkStr string)

	// Drawing.
	Text(x, y float64, text string)
	Rect(x, y, w, h float64, style string)
	Line(x1, y1, x2, y2 float64)
	MoveTo(x, y float64)
	LineTo(x, y float64)
	DrawPath(style string)
	SetLineWidth(w float64)
	GetLineWidth() float64
	SetDashPattern(dashes []float64, phase float64)
	SetDrawColor(r, g, b int)
	GetDrawColor() (r, g, b int)
	SetTextRenderingMode(mode int)
	SetFillColor(r, g, b int)
	SetTextColor(r, g, b int)

	// fpdf's sticky error, and the document.
	SetError(err error)
	SetErrorf(format string, args ...any)
	Error() error
	Close()
	Output(w io.Writer) error
}

var (
	_ canvas = (*fpdf.Fpdf)(nil)
	_ canvas = (*dryCanvas)(nil)
)

// errDryOutput is returned by a dry canvas asked for its bytes.
var errDryOutput = errors.New("a dry pass has no output")

// dryCanvas is a canvas that keeps only what layout reads back: the page
// number, the page size and the sticky error. It
// draws nothing. It calls the running header and footer where fpdf would
// (the footer of a page when the next one starts, the header when a page
// starts), so that a pass on it makes the same layout decisions as on
// fpdf. It holds the fpdf document of the pass's metrics, which never
// starts a page, for what it does not do itself; measuring goes to the
// metrics, not to the canvas.
type dryCanvas struct {
	*fpdf.Fpdf // the metrics' document: its pages, links and drawing are never used

	header, footer func()
	page           int
	defW, defH     float64 // the default page size, portrait
	w, h           float64 // the size of the current page
}

// newDryCanvas returns a dry canvas measuring with f, whose pages are
// w by h (portrait) unless AddPageFormat says otherwise.
func newDryCanvas(f *fpdf.Fpdf, w, h float64) *dryCanvas {
	return &dryCanvas{Fpdf: f, defW: w, defH: h, w: w, h: h}
}

// AddPage ends the current page, with its footer, and starts one of the
// default size, with its header.
func (c *dryCanvas) AddPage() { c.addPage("P", fpdf.SizeType{Wd: c.defW, Ht: c.defH}) }

// AddPageFormat is AddPage with a page of its own orientation and size.
func (c *dryCanvas) AddPageFormat(orientation string, size fpdf.SizeType) {
	c.addPage(orientation, size)
}

func (c *dryCanvas) addPage(orientation string, size fpdf.SizeType) {
	if c.Error() != nil {
		return
	}
	if c.page > 0 && c.footer != nil {
		c.footer()
	}
	c.page++
	c.w, c.h = size.Wd, size.Ht
	if orientation != "" && (orientation[0] == 'L' || orientation[0] == 'l') {
		c.w, c.h = size.Ht, size.Wd
	}
	if c.header != nil {
		c.header()
	}
}

func (c *dryCanvas) BeginBody()                                      {}
func (c *dryCanvas) EndBody()                                        {}
func (c *dryCanvas) ReplayBody([]byte, int)                          {}
func (c *dryCanvas) UseRunes(string, string, []rune)                 {}
func (c *dryCanvas) PageNo() int                                     { return c.page }
func (c *dryCanvas) GetPageSize() (w, h float64)                     { return c.w, c.h }
func (c *dryCanvas) SetLinkDest(*fpdf.LinkDest, float64, int)        {}
func (c *dryCanvas) LinkToDest(_, _, _, _ float64, _ *fpdf.LinkDest) {}
func (c *dryCanvas) LinkString(_, _, _, _ float64, _ string)         {}
func (c *dryCanvas) Bookmark(string, int, float64)                   {}
func (c *dryCanvas) Text(_, _ float64, _ string)                     {}
func (c *dryCanvas) SetFont(string, string, float64)                 {}
func (c *dryCanvas) ImageOptions(string, float64, float64, float64, float64, bool, fpdf.ImageOptions, int, string) {
}
func (c *dryCanvas) Rect(_, _, _, _ float64, _ string) {}
func (c *dryCanvas) Line(_, _, _, _ float64)           {}
func (c *dryCanvas) MoveTo(_, _ float64)               {}
func (c *dryCanvas) LineTo(_, _ float64)               {}
func (c *dryCanvas) DrawPath(string)                   {}
func (c *dryCanvas) SetLineWidth(float64)              {}
func (c *dryCanvas) SetTextRenderingMode(int)          {}
func (c *dryCanvas) SetDashPattern([]float64, float64) {}
func (c *dryCanvas) SetDrawColor(_, _, _ int)          {}
func (c *dryCanvas) SetFillColor(_, _, _ int)          {}
func (c *dryCanvas) SetTextColor(_, _, _ int)          {}
func (c *dryCanvas) Close()                            {}
func (c *dryCanvas) Output(io.Writer) error            { return errDryOutput }
