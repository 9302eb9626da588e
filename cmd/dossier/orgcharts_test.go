package main

import (
	"slices"
	"strings"
	"testing"

	"dossier/internal/orgchart"
)

// TestPDFOrgcharts checks the organisation charts of each briefing: every
// chart the dossier's data gives is on a page of its own, bookmarked under
// its title, with the label of every box as text.
func TestPDFOrgcharts(t *testing.T) {
	needTools(t, "pdftotext", "pdfinfo", "qpdf")
	forEach(t, checkOrgcharts)
}

func checkOrgcharts(t *testing.T, x *fixture) {
	pdf := x.pdf(t)
	pages := strings.Split(x.pdfText(t), "\f")
	bookmarks := outline(t, pdf)
	specs := orgchart.Charts(x.load(t))
	if len(specs) == 0 && x == fictional {
		t.Fatal("the fictional dossier has no organisation chart")
	}
	for _, c := range specs {
		page := -1
		for i, p := range pages {
			// The chart's own page starts with its heading, under the
			// running header; the contents list it with dot leaders.
			if strings.Contains(squash(p), "Organisation charts "+c.Title) && !strings.Contains(p, "....") {
				page = i + 1
			}
		}
		if page < 0 {
			t.Errorf("no page carries the chart %q", c.Title)
			continue
		}
		text := squash(pages[page-1])
		var labels []string
		var walk func(n *orgchart.Node)
		walk = func(n *orgchart.Node) {
			labels = append(labels, n.Label)
			for _, c := range n.Children {
				walk(c)
			}
		}
		for _, r := range c.Roots {
			walk(r)
		}
		for _, l := range labels {
			// A long label wraps inside its box; its first word is on the page.
			if w := strings.Fields(l)[0]; !strings.Contains(text, w) {
				t.Errorf("chart %q (page %d) lacks the text %q of box %q", c.Title, page, w, l)
			}
		}
		// TestPDF checks that the contents list what the outline does.
		if !slices.Contains(bookmarks, heading{c.Title, page, 1}) {
			t.Errorf("the outline has no bookmark for the chart %q on page %d", c.Title, page)
		}
	}
}
