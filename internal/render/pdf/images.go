package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"

	"github.com/go-pdf/fpdf"
	"github.com/yuin/goldmark/ast"

	"dossier/internal/model"
)

// imageDPI is the resolution a picture is printed at when the column has
// room for it: a screenshot of 1,000 pixels is 169 mm wide, about the
// column of A4.
const imageDPI = 150

// pictures returns the images of the paragraph n that the note has loaded
// (model.Note.Images), with their alternative text, in order.
func (s *doc) pictures(n ast.Node, c *note) (imgs []*model.Image, alts []string) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if im, ok := ch.(*ast.Image); ok {
			if img := c.Images[string(im.Destination)]; img != nil {
				imgs = append(imgs, img)
				alts = append(alts, plainOf(s.inlines(im, body, c)))
			}
			continue
		}
		i, a := s.pictures(ch, c)
		imgs, alts = append(imgs, i...), append(alts, a...)
	}
	return imgs, alts
}

// picture draws img as a block centred in the column, as large as it is
// at imageDPI but no wider than the column nor taller than half the page,
// with alt below it as its caption.
func (s *doc) picture(img *model.Image, alt string) error {
	typ, data := "PNG", img.Data
	if img.Format == "jpeg" {
		typ = "JPG"
	} else if interlaced(data) {
		// fpdf reads no interlaced PNG: write it again without.
		var err error
		if data, err = reencodePNG(data); err != nil {
			return fmt.Errorf("%s: %w", img.Path, err)
		}
	}
	opts := fpdf.ImageOptions{ImageType: typ}
	s.f.RegisterImageOptionsReader(img.Name, opts, bytes.NewReader(data))
	if err := s.f.Error(); err != nil {
		return fmt.Errorf("%s: %w", img.Path, err)
	}
	colW := s.right - s.left
	w := float64(img.Width) * 25.4 / imageDPI
	h := float64(img.Height) * 25.4 / imageDPI
	if w > colW {
		w, h = colW, h*colW/w
	}
	if maxH := (s.bottom - marginTop) / 2; h > maxH {
		w, h = w*maxH/h, maxH
	}
	capSt := textStyle{size: 8.5, color: muted, italic: true}
	capRuns := []run{{text: alt, st: capSt}}
	capH := 0.0
	if alt != "" {
		capH = 1.5 + float64(len(s.layout(capRuns, colW)))*8.5*ptToMM*1.4
	}
	s.space(paraGap + 1)
	s.ensure(h + capH)
	s.beginLine(s.y)
	s.f.ImageOptions(img.Name, s.left+(colW-w)/2, s.y, w, h, false, opts, 0, "")
	s.y += h
	if alt != "" {
		s.y += 1.5
		s.flow(capRuns, 8.5*ptToMM*1.4, alignCenter)
	}
	s.after = paraGap + 1
	return s.f.Error()
}

// interlaced reports whether data is a PNG drawn interlaced (Adam7).
func interlaced(data []byte) bool {
	return len(data) > 28 && data[28] == 1
}

// reencodePNG writes the PNG data again, not interlaced, in 8 bits per
// channel.
func reencodePNG(data []byte) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	dst := image.NewNRGBA(src.Bounds())
	draw.Draw(dst, dst.Bounds(), src, src.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
