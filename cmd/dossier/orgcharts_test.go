package main

import (
	"strings"
	"testing"

	"dossier/internal/orgchart"
)

// TestPDFOrgcharts checks the organisation charts of each briefing: every
// chart the dossier's data gives is bookmarked under its title, on a page
// that carries the label of every box as text, turned to landscape exactly
// when its layout is.
func TestPDFOrgcharts(t *testing.T) {
	needTools(t, "pdftotext", "pdfinfo", "qpdf")
	forEach(t, checkOrgcharts)
}

func checkOrgcharts(t *testing.T, x *fixture) {
	pages := strings.Split(x.pdfText(t), "\f")
	bookmarks := outline(t, x)
	figs := x.figs(t)
	if len(figs.Charts) == 0 && x == fictional {
		t.Fatal("the fictional dossier has no organisation chart")
	}
	for _, c := range figs.Charts {
		// TestPDF checks that each bookmark's page starts a line with its
		// title, and that the contents list what the outline does.
		page := -1
		for _, b := range bookmarks {
			if b.title == c.Title && b.depth == 1 {
				page = b.page
			}
		}
		if page < 1 || page > len(pages) {
			t.Errorf("the outline has no bookmark for the chart %q", c.Title)
			continue
		}
		text := squash(pages[page-1])
		for _, b := range c.Boxes {
			// A long label wraps inside its box; its first line is on
			// the page.
			if len(b.Lines) > 0 && !strings.Contains(text, squash(b.Lines[0].Text)) {
				t.Errorf("chart %q (page %d) lacks the text %q of box %q", c.Title, page, b.Lines[0].Text, b.Label)
			}
		}
		w, h := pageSize(t, x, page)
		if landscape, want := w > h, c.Orientation == orgchart.Landscape; landscape != want {
			t.Errorf("chart %q: page %d landscape %v (%.0f x %.0f pt), want %v", c.Title, page, landscape, w, h, want)
		}
	}
}
