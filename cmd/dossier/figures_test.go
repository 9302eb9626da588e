package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// notoHeight is the height pdftotext -bbox gives a word set in Noto Sans,
// per point of type size: the face's ascender and descender (1069 and 293
// units of 1000 per em).
const notoHeight = 1.362

// minFigureText is the smallest size, in points, any text of a figure is
// printed at.
const minFigureText = 8.0

var bboxWordAt = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// figureWord is a word as pdftotext -bbox-layout places it.
type figureWord struct {
	y0, y1 float64
	text   string
}

// pageWords returns the words of page n of the shared briefing, without
// the running header and footer.
func pageWords(t *testing.T, x *fixture, n int) []figureWord {
	t.Helper()
	pages := strings.Split(x.pdfBoxes(t), "</page>")
	if n < 1 || n >= len(pages) {
		t.Fatalf("the briefing has no page %d", n)
	}
	out := pages[n-1]
	ph := 842.0
	if m := bboxPage.FindStringSubmatch(out); m != nil {
		ph, _ = strconv.ParseFloat(m[2], 64)
	}
	var ws []figureWord
	for _, m := range bboxWordAt.FindAllStringSubmatch(out, -1) {
		y0, _ := strconv.ParseFloat(m[2], 64)
		y1, _ := strconv.ParseFloat(m[4], 64)
		// The running header and the footer (marking, page number) are
		// set small on purpose; they sit in the page's margins.
		if y1 < 60 || y0 > ph-60 {
			continue
		}
		ws = append(ws, figureWord{y0, y1, m[5]})
	}
	return ws
}

// pageSize returns the width and height of page n of the shared
// briefing, in points.
func pageSize(t *testing.T, x *fixture, n int) (w, h float64) {
	t.Helper()
	sizes := bboxPage.FindAllStringSubmatch(x.pdfBoxes(t), -1)
	if n < 1 || n > len(sizes) {
		t.Fatalf("the briefing has no page %d", n)
	}
	w, _ = strconv.ParseFloat(sizes[n-1][1], 64)
	h, _ = strconv.ParseFloat(sizes[n-1][2], 64)
	return w, h
}

// TestPDFFigureText reads each briefing's chart pages and its route
// diagram back with pdftotext -bbox: no word of a chart page (the chart's
// labels, sub-labels, line labels and legend, its heading and caption) is
// printed under 8 pt, and the route diagram, with every place and arrow
// label, is on one page, in type no smaller.
func TestPDFFigureText(t *testing.T) {
	needTools(t, "pdftotext", "qpdf")
	forEach(t, func(t *testing.T, x *fixture) {
		figs := x.figs(t)
		marks := outline(t, x)
		// small checks the words of a page, or, given words, only those:
		// the route diagram shares its page with the routes table.
		small := func(page int, what string, only ...map[string]bool) {
			for _, w := range pageWords(t, x, page) {
				if len(only) > 0 && !only[0][w.text] {
					continue
				}
				if size := (w.y1 - w.y0) / notoHeight; size < minFigureText-0.05 {
					t.Errorf("%s, page %d: %q printed at %.1f pt", what, page, w.text, size)
				}
			}
		}
		for _, c := range figs.Charts {
			for _, b := range marks {
				if b.title == c.Title && b.depth == 1 {
					small(b.page, fmt.Sprintf("chart %q", c.Title))
				}
			}
		}
		r := figs.Routes
		if x == fictional && r == nil {
			t.Fatal("the fictional dossier's routes share a place, but it has no route diagram")
		}
		if r == nil {
			return
		}
		pages := readBoxes(t, x)
		at := -1
		for i, p := range pages {
			for _, l := range p.body {
				if l.text() == "Route diagram" {
					at = i + 1
				}
			}
		}
		if at < 0 {
			t.Fatal("the briefing has no route diagram")
		}
		text := squash(strings.ReplaceAll(strings.Split(x.pdfText(t), "\f")[at-1], "\n", " "))
		for _, p := range r.Places {
			for _, l := range p.Lines {
				if !strings.Contains(text, squash(l.Text)) {
					t.Errorf("the route diagram's page %d lacks the place text %q", at, l.Text)
				}
			}
		}
		for _, l := range r.Links {
			if !strings.Contains(text, squash(l.Label.Text)) {
				t.Errorf("the route diagram's page %d lacks the arrow label %q", at, l.Label.Text)
			}
		}
		figureWords := map[string]bool{}
		for _, p := range r.Places {
			for _, l := range p.Lines {
				for _, w := range strings.Fields(l.Text) {
					figureWords[w] = true
				}
			}
		}
		for _, l := range r.Links {
			for _, w := range strings.Fields(l.Label.Text) {
				figureWords[w] = true
			}
		}
		small(at, "route diagram", figureWords)
	})
}

// TestSiteRouteDiagram: the fictional dossier's two routes start at one
// place, so its markets page draws them as one diagram in which each place
// is one box, Orlenia's once, and each route's steps are arrows.
func TestSiteRouteDiagram(t *testing.T) {
	site := fictional.site(t)
	b, err := os.ReadFile(filepath.Join(site, "markets.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	i, j := strings.Index(page, `<svg class="route-map"`), strings.Index(page, "</svg>")
	if i < 0 || j < i {
		t.Fatal("markets.html has no route diagram")
	}
	svg := page[i:j]
	for _, place := range []string{"Orlenia", "Kessmar", "Tarvia", "Brask", "Valdoria"} {
		if n := strings.Count(svg, ">"+place+"</text>"); n != 1 {
			t.Errorf("the route diagram names %s %d times, want once", place, n)
		}
	}
	if n := strings.Count(svg, `<path class="route-edge`); n != 4 {
		t.Errorf("the route diagram draws %d arrows, want 4: two steps of each route", n)
	}
	if !strings.Contains(svg, `route-place subject`) {
		t.Error("the route diagram does not shade the subject")
	}
}
