package pdf

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/go-pdf/fpdf"

	"dossier/internal/fonts"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// twoNotes is a small dossier with two notes, a and b, in that order or
// the other.
func twoNotes(t *testing.T, a, b string, swap bool) *model.Dossier {
	t.Helper()
	d := testDossier(t)
	note := func(id, text string) *model.Note {
		src := []byte("# Note " + id + "\n\n" + text + "\n")
		return &model.Note{ID: id, Title: "Note " + id, Path: "sources/notes/" + id + ".md", Source: src, Doc: markdown.Parse(markdown.New(), src)}
	}
	d.Notes = []*model.Note{note("a", a), note("b", b)}
	if swap {
		d.Notes[0], d.Notes[1] = d.Notes[1], d.Notes[0]
	}
	return d
}

// TestFacesBeforeFirstPage: the document drawn has every fallback face
// registered before its first page, whichever part draws with it first,
// and registers none later.
func TestFacesBeforeFirstPage(t *testing.T) {
	var sets [][]string
	for _, swap := range []bool{false, true} {
		d := twoNotes(t, "**דוד לוי** was named.", "The suspect 王小明 (Wang Xiaoming).", swap)
		s, err := settle(context.Background(), d, optionsFor(t, d), (*doc).chapters)
		if err != nil {
			t.Fatal(err)
		}
		if len(s.lateFaces) > 0 {
			t.Errorf("swap %v: faces registered after the first page: %q", swap, s.lateFaces)
		}
		sets = append(sets, slices.Sorted(maps.Keys(s.added)))
	}
	if !slices.Equal(sets[0], sets[1]) {
		t.Errorf("faces registered %q, and %q with the notes swapped", sets[0], sets[1])
	}
}

// TestMeasuredFaceNotDrawn: a fallback face that layout measured with
// but nothing drew in (here the end of a title that the running header
// cuts off at its colon) is registered before the first page like the
// others, and fpdf does not write it: no empty subset, no resource.
func TestMeasuredFaceNotDrawn(t *testing.T) {
	needTool(t, "pdffonts")
	needTool(t, "qpdf")
	d := testDossier(t)
	d.Settings.Title = "A title long enough for the running header to cut it at its colon, which it does: דוד לוי"
	s, err := settle(context.Background(), d, optionsFor(t, d), (*doc).chapters)
	if err != nil {
		t.Fatal(err)
	}
	if !s.added[fonts.HebrewFamily] || !s.added[fonts.HebrewFamily+"B"] || len(s.lateFaces) > 0 {
		t.Errorf("registered %q, then %q after the first page; want Hebrew and Hebrew bold before it", slices.Sorted(maps.Keys(s.added)), s.lateFaces)
	}
	b, err := (&Briefing{f: s.f.(*fpdf.Fpdf)}).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	// The cover draws the title in bold; the header only measures it in
	// the regular face.
	embedded := pdfFonts(t, b)
	if !slices.Contains(embedded, "utf8"+fonts.HebrewFamily+"B") || slices.Contains(embedded, "utf8"+fonts.HebrewFamily) {
		t.Errorf("fonts embedded %q; want Hebrew bold, not Hebrew", embedded)
	}
	command(t, "qpdf", "--check", writeTemp(t, b))
}
