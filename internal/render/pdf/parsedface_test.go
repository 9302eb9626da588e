package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"dossier/internal/fonts"
)

// TestParsedFaceIsTheFaceFromBytes checks patch 9 of the fpdf fork, by
// which every document adds a face read once (fpdf.ParseUTF8Font,
// parsedFace) instead of reading its bytes again: a document that adds
// the face so, draws with it and embeds it is the same bytes as one that
// added the bytes, for every document after the first too, and the bytes
// the face was read from are left as they were. Cutting Go Mono to the
// characters used writes into the bytes it reads, so each document cuts
// a copy; cut from the bytes the face keeps, Go Mono's own bytes changed.
// The face is read here, not taken from parsedFace, so that this test is
// the first to cut it, whatever other tests ran before.
func TestParsedFaceIsTheFaceFromBytes(t *testing.T) {
	t.Parallel()
	var face fonts.Face
	for _, f := range fonts.Faces() {
		if f.Family == fonts.MonoFamily && f.Style == "" {
			face = f
		}
	}
	ttf := bytes.Clone(face.TTF)
	var chars strings.Builder // what code blocks print: ASCII, and some accented letters
	for r := ' '; r <= '~'; r++ {
		chars.WriteRune(r)
	}
	text := chars.String() + "éüñçøÅ"
	built := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	draw := func(add func(f *fpdf.Fpdf)) []byte {
		t.Helper()
		f := fpdf.New("P", "mm", "A4", "")
		f.SetCreationDate(built)
		f.SetModificationDate(built)
		add(f)
		f.AddPage()
		f.SetFont(face.Family, face.Style, 12)
		f.Text(20, 20, text)
		var buf bytes.Buffer
		if err := f.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	want := draw(func(f *fpdf.Fpdf) { f.AddUTF8FontFromBytes(face.Family, face.Style, bytes.Clone(face.TTF)) })
	read, err := fpdf.ParseUTF8Font(face.Family, face.Style, face.TTF)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if got := draw(func(f *fpdf.Fpdf) { f.AddParsedUTF8Font(read) }); !bytes.Equal(got, want) {
			t.Fatalf("document %d with the face read once: %d bytes, unlike the %d of one that added its bytes", i+1, len(got), len(want))
		}
	}
	if !bytes.Equal(face.TTF, ttf) {
		t.Error("embedding the face read once changed the bytes it was read from")
	}
}
