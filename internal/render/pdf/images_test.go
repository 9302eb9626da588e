package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// TestPictures draws a note's pictures: PNG, JPEG and an interlaced PNG
// (which fpdf cannot read as it is) are embedded, their alternative text
// is their caption, and a picture the note did not load stays text.
func TestPictures(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		img.Set(x, x%30, color.NRGBA{R: 200, G: 40, B: 40, A: 255})
	}
	var pngData, jpgData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpgData, img, nil); err != nil {
		t.Fatal(err)
	}
	interlacedData, err := os.ReadFile("testdata/interlaced.png") // convert -interlace PNG
	if err != nil {
		t.Fatal(err)
	}
	if !interlaced(interlacedData) || interlaced(pngData.Bytes()) {
		t.Fatal("interlaced does not tell an interlaced PNG")
	}
	tests := []struct {
		name   string
		img    *model.Image
		images int // images embedded
	}{
		{"png", &model.Image{Path: "sources/notes/a.png", Name: "images/a.png", Format: "png", Data: pngData.Bytes(), Width: 40, Height: 30}, 1},
		{"interlaced png", &model.Image{Path: "sources/notes/i.png", Name: "images/i.png", Format: "png", Data: interlacedData, Width: 40, Height: 30}, 1},
		{"jpeg", &model.Image{Path: "sources/notes/a.jpg", Name: "images/a.jpg", Format: "jpeg", Data: jpgData.Bytes(), Width: 40, Height: 30}, 1},
		{"not loaded", nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := testDossier(t)
			d.Documents = d.Documents[:1]
			src := []byte("# Pictures\n\nBefore.\n\n![A red line](a)\n\nAfter.\n")
			n := &model.Note{ID: "pictures", Title: "Pictures", Path: "sources/notes/10-pictures.md", Source: src, Doc: markdown.Parse(markdown.New(), src)}
			if tt.img != nil {
				n.Images = map[string]*model.Image{"a": tt.img}
			}
			d.Notes = []*model.Note{n}
			var buf bytes.Buffer
			if err := Render(&buf, d, optionsFor(t, d)); err != nil {
				t.Fatal(err)
			}
			// A PNG with an alpha channel is two images, the picture and
			// its mask.
			if got := bytes.Count(buf.Bytes(), []byte("/Subtype /Image")); got < tt.images || got > 2*tt.images {
				t.Errorf("%d images embedded, want %d", got, tt.images)
			}
			needTool(t, "pdftotext")
			text := pdfText(t, buf.Bytes())
			if tt.images > 0 && (strings.Contains(text, "[image:") || !strings.Contains(text, "A red line")) {
				t.Errorf("the caption is not the alternative text:\n%s", text)
			}
			if tt.images == 0 && !strings.Contains(text, "[image: A red line]") {
				t.Errorf("a picture not loaded is not named as text")
			}
		})
	}
}
