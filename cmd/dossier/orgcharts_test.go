package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPDFOrgcharts checks the organisation charts of the briefing: each on
// a page of its own, listed in the contents, with the names of the units as
// text, the Ministry's structure turned to landscape.
func TestPDFOrgcharts(t *testing.T) {
	needTools(t, "pdftotext", "pdfinfo", "qpdf")
	pdf := filepath.Join(repoBuild(t), "briefing.pdf")
	pages := strings.Split(pdfText(t), "\f")
	bookmarks := outline(t, pdf)
	charts := []struct {
		title     string
		units     []string
		landscape bool
	}{
		{"Ministry of Internal Affairs of the Republic of Belarus: structure", []string{
			"Criminal Police", "Public Security Police", "Headquarters", "Secretariat",
			"Transnational crime desk", "Criminal intelligence desk", "Crime prevention", "Traffic control",
		}, true},
		{"INTERPOL National Central Bureau in Minsk: line of command and channels", []string{
			"First Deputy Minister of Internal Affairs", "INTERPOL General Secretariat", "Transnational crime desk",
		}, false},
	}
	for _, c := range charts {
		page := -1
		for i, p := range pages {
			// The chart's own page starts with its heading, under the
			// running header; the contents list it with dot leaders.
			if strings.Contains(squash(p), "Organisation charts "+c.title) && !strings.Contains(p, "....") {
				page = i + 1
			}
		}
		if page < 0 {
			t.Errorf("no page carries the chart %q", c.title)
			continue
		}
		text := squash(pages[page-1])
		for _, u := range c.units {
			if !strings.Contains(text, u) {
				t.Errorf("chart %q (page %d) lacks the text %q", c.title, page, u)
			}
		}
		info := tool(t, "pdfinfo", "-f", fmt.Sprint(page), "-l", fmt.Sprint(page), pdf)
		landscape := strings.Contains(info, "841.89 x 595.28") || strings.Contains(info, "842 x 595")
		if landscape != c.landscape {
			t.Errorf("chart %q: page %d landscape %v, want %v\n%s", c.title, page, landscape, c.landscape, info)
		}
		// TestPDF checks that the contents list what the outline does.
		if !slices.Contains(bookmarks, heading{c.title, page, 1}) {
			t.Errorf("the outline has no bookmark for the chart %q on page %d", c.title, page)
		}
	}
}
