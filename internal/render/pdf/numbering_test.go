package pdf

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"strings"
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

// linkCalls is a canvas that records, by chapter, the names of the
// places that the internal links drawn go to (LinkToDest), and of those
// given their place (SetLinkDest).
type linkCalls struct {
	canvas
	chapter string
	links   map[string][]string // the names of the links drawn, in order
	places  map[string][]string // the names given a place, in order
}

func (c *linkCalls) LinkToDest(x, y, w, h float64, d *fpdf.LinkDest) {
	c.links[c.chapter] = append(c.links[c.chapter], d.Name)
	c.canvas.LinkToDest(x, y, w, h, d)
}

func (c *linkCalls) SetLinkDest(d *fpdf.LinkDest, y float64, page int) {
	c.places[c.chapter] = append(c.places[c.chapter], d.Name)
	c.canvas.SetLinkDest(d, y, page)
}

// TestLinksByName: a chapter's links, and the places it gives links, are
// named after what is there, so that they are the same whichever chapters
// were drawn before it; with links numbered in the order they were first
// asked for, note a's would change when note b, which links to other
// paragraphs, comes first. The places of the contents' links are the
// exception: they are named by the entry's place in the contents.
func TestLinksByName(t *testing.T) {
	const (
		a = "It cites [[S:alpha#2]] and [[S:beta]]. See [the part](#part-a).[^1]\n\n## Part A\n\nText.\n\n[^1]: A footnote."
		b = "It cites [[S:beta#1]], [[S:alpha#1]] and [[S:alpha#3]]. See [the part](#part-b).[^1]\n\n## Part B\n\nText.\n\n[^1]: Another."
	)
	type record struct{ links, places []string }
	var got []record
	for _, swap := range []bool{false, true} {
		d := twoNotes(t, a, b, swap)
		rec := &linkCalls{links: map[string][]string{}, places: map[string][]string{}}
		chapters := func(s *doc) []chapter {
			cs := s.chapters()
			if s.dry {
				return cs
			}
			rec.canvas, s.f = s.f, rec
			for i := range cs {
				c := cs[i]
				cs[i].write = func() error { rec.chapter = c.name; return c.write() }
			}
			return cs
		}
		if _, err := settle(context.Background(), d, optionsFor(t, d), chapters); err != nil {
			t.Fatal(err)
		}
		var places []string
		for _, p := range rec.places["note a"] {
			if !strings.HasPrefix(p, "toc/") {
				places = append(places, p)
			}
		}
		got = append(got, record{rec.links["note a"], places})
	}
	want := record{
		links:  []string{"para/alpha/2", "doc/beta", "anchor/a#part-a", "footnote/a/1"},
		places: []string{"anchor/a#note-a", "anchor/a#part-a", "footnote/a/1"},
	}
	for i, r := range got {
		if !slices.Equal(r.links, want.links) || !slices.Equal(r.places, want.places) {
			t.Errorf("swap %v: note a links to %q and gives places to %q; want %q and %q", i == 1, r.links, r.places, want.links, want.places)
		}
	}
}

// TestLinkDestResolvedAtClose: fpdf (its patch 13) writes where a link to
// a LinkDest goes when the document is closed, so a link may come before
// the place it goes to is known, on an earlier page.
func TestLinkDestResolvedAtClose(t *testing.T) {
	needTool(t, "qpdf")
	f := fpdf.New("P", "mm", "A4", "")
	later, first := &fpdf.LinkDest{Name: "later"}, &fpdf.LinkDest{Name: "first"}
	f.AddPage()
	f.LinkToDest(10, 10, 20, 5, later)
	f.LinkToDest(10, 20, 20, 5, first)
	f.SetLinkDest(first, 0, -1)
	f.AddPage()
	f.AddPage()
	f.SetLinkDest(later, 50, -1)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, buf.Bytes())
	command(t, "qpdf", "--check", path)
	if got := linkPages(t, path, 1, 1); !slices.Equal(got, []int{3, 1}) {
		t.Errorf("page 1 links to pages %v, want [3 1]", got)
	}
}
