package source

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

// tinyPNG is a PNG of w by h pixels.
func tinyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.NRGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngHeader is the start of a PNG that declares w by h pixels of RGBA, as
// much as image.DecodeConfig reads: what a picture of billions of pixels
// can be in a few megabytes of compressed zeros.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8 bits, RGBA, no interlace
	chunk := append([]byte("IHDR"), ihdr...)
	out := append([]byte("\x89PNG\r\n\x1a\n"), binary.BigEndian.AppendUint32(nil, uint32(len(ihdr)))...)
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// TestNoteImages loads notes that show pictures: a local PNG or JPEG is
// loaded with its size and a name from its content; a missing file, one
// outside the sources, one that is not a picture, and a picture in a data
// file's prose are file:line errors.
func TestNoteImages(t *testing.T) {
	pic := tinyPNG(t, 30, 20)
	tests := []struct {
		name  string
		note  string
		files map[string][]byte
		want  string // the error, as a prefix; "" for none
	}{
		{"beside the note", "# A\n\n![A map](img/map.png)\n", map[string][]byte{"notes/img/map.png": pic}, ""},
		{"elsewhere in the sources", "# A\n\nText.\n\n![A map](../pictures/map%20one.png)\n", map[string][]byte{"pictures/map one.png": pic}, ""},
		{"missing", "# A\n\n![A map](img/nothing.png)\n", nil, `notes/10-a.md:3: the image "img/nothing.png" is missing: no file notes/img/nothing.png`},
		{"outside the sources", "# A\n\n![x](../../secret.png)\n", nil, `notes/10-a.md:3: the image "../../secret.png" is outside the sources folder`},
		{"absolute", "# A\n\n![x](/etc/x.png)\n", nil, `notes/10-a.md:3: the image address "/etc/x.png" is not relative`},
		{"not a picture", "# A\n\nText.\n\n![x](img/map.png)\n", map[string][]byte{"notes/img/map.png": []byte("GIF89a not really")}, `notes/10-a.md:5: the image notes/img/map.png is not a PNG or JPEG picture`},
		{"remote", "# A\n\n![x](https://example.org/x.png)\n", nil, `notes/10-a.md:3: the image "https://example.org/x.png" is on the network`},
		{"too many pixels", "# A\n\n![x](img/huge.png)\n", map[string][]byte{"notes/img/huge.png": pngHeader(20000, 20000)}, `notes/10-a.md:3: the image notes/img/huge.png is 20000×20000 pixels, more than the 25000000 a picture may have: scale it down`},
		{"in an entity's description", "# A\n", map[string][]byte{"entities/a.yaml": []byte("- id: a\n  name: A\n  kind: term\n  description: |\n    See ![x](map.png).\n")}, `entities/a.yaml:5: the image "map.png": a picture is shown only from a note`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := minimalFS(t)
			m["notes/10-a.md"] = &fstest.MapFile{Data: []byte(tt.note)}
			for name, data := range tt.files {
				m[name] = &fstest.MapFile{Data: data}
			}
			d, err := Load(m, Options{})
			if tt.want != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
					t.Errorf("error %v\nwant %s", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			imgs := d.Notes[0].Images
			if len(imgs) != 1 {
				t.Fatalf("images %v, want one", imgs)
			}
			for _, img := range imgs {
				if img.Width != 30 || img.Height != 20 || img.Format != "png" || !bytes.Equal(img.Data, pic) {
					t.Errorf("image %+v", img)
				}
				if !strings.HasPrefix(img.Name, "images/") || !strings.HasSuffix(img.Name, ".png") || len(img.Name) != len("images/")+16+len(".png") {
					t.Errorf("name %q, want images/ and 16 hex digits", img.Name)
				}
			}
		})
	}
}
