package main

import (
	"testing"

	"github.com/chromedp/chromedp"

	"dossier/internal/model"
)

// TestBrowserCharts opens the charts of each dossier's site in Chromium:
// at 1280 px every chart on orgcharts.html is drawn at its natural size
// (not scaled to the column) with no text under 12 px; at 390 px, a
// phone, the chart of an agency or unit page shows the highlighted box in
// its frame, centred unless the frame is scrolled to an end (a sample of
// the pages, see chartPages; of the fictional dossier's, which has a page
// of each kind, one at least of each chart its pages show).
func TestBrowserCharts(t *testing.T) {
	forEach(t, func(t *testing.T, x *fixture) {
		site := x.site(t)
		d := x.load(t)
		ctx := browser(t)

		do(t, ctx, "open the charts", chromedp.EmulateViewport(1280, 1000), chromedp.Navigate(fileURL(site, "orgcharts.html")))
		type sized struct {
			Width, Natural, Smallest float64
		}
		charts := cdp(t, ctx, "chart sizes", chromedp.Evaluate[[]sized](`[...document.querySelectorAll(".chart-wrap svg.orgchart")].map(s => {
			const k = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
			const sizes = [...s.querySelectorAll("text")].map(t => parseFloat(t.getAttribute("font-size")) * k);
			return {Width: s.getBoundingClientRect().width, Natural: s.width.baseVal.value, Smallest: Math.min(...sizes)};
		})`))
		if len(charts) == 0 {
			t.Fatal("orgcharts.html shows no chart")
		}
		for i, c := range charts {
			if c.Width < c.Natural-0.5 {
				t.Errorf("chart %d drawn %.0f px wide, its natural width %.0f px", i+1, c.Width, c.Natural)
			}
			if c.Smallest < 12-0.05 {
				t.Errorf("chart %d sets text at %.1f px", i+1, c.Smallest)
			}
		}

		do(t, ctx, "turn into a phone", chromedp.EmulateViewport(390, 844))
		pages := chartPages(d)
		if x == fictional {
			// The fictional dossier has a page of each kind: the sample
			// must open a page of each chart its pages show.
			figs, opened := x.figs(t), map[string]bool{}
			for _, e := range pages {
				if c := figs.ForEntity(e.ID); c != nil {
					opened[c.Name] = true
				}
			}
			for _, e := range d.Entities {
				if c := figs.ForEntity(e.ID); c != nil && !opened[c.Name] {
					t.Errorf("entities/%s.html shows chart %s, of which chartPages opens no page", e.ID, c.Name)
					opened[c.Name] = true
				}
			}
		}
		checked := 0
		for _, e := range pages {
			type frame struct {
				Chart                   bool
				Left, Right, Box, Width float64
				Scroll, MaxScroll       float64
			}
			do(t, ctx, "open "+e.ID, chromedp.Navigate(fileURL(site, "entities/"+e.ID+".html")))
			f := cdp(t, ctx, "chart frame of "+e.ID, chromedp.Evaluate[frame](`(() => {
				const w = document.querySelector(".chart-wrap");
				const b = w && w.querySelector(".oc-highlight");
				if (!b) return {Chart: false};
				const wr = w.getBoundingClientRect(), br = b.getBoundingClientRect();
				return {Chart: true, Left: wr.left, Right: wr.right, Box: br.left + br.width / 2, Width: br.width,
					Scroll: w.scrollLeft, MaxScroll: w.scrollWidth - w.clientWidth};
			})()`))
			if !f.Chart {
				continue
			}
			checked++
			if f.Box < f.Left || f.Box > f.Right {
				t.Errorf("entities/%s.html at 390 px: the highlighted box (centre %.0f) is outside its frame %.0f–%.0f", e.ID, f.Box, f.Left, f.Right)
				continue
			}
			centred := f.Box - (f.Left+f.Right)/2
			atEnd := f.Scroll <= 0.5 || f.Scroll >= f.MaxScroll-0.5
			if (centred > 2 || centred < -2) && !atEnd {
				t.Errorf("entities/%s.html at 390 px: the highlighted box is %.0f px off the frame's middle, scrolled %.0f of %.0f", e.ID, centred, f.Scroll, f.MaxScroll)
			}
		}
		if checked == 0 {
			t.Error("no page shows a chart with a highlighted box")
		}
	})
}

// chartPages are the agencies and units whose pages TestBrowserCharts
// opens at a phone's width: a few of each part-of tree of more than one
// body: its top, its first part, the one in the middle and the last in
// reading order, which a tree drawing puts at its left, centre and right,
// where a highlighted box is hardest to bring into the frame.
func chartPages(d *model.Dossier) []*model.Entity {
	var out []*model.Entity
	for _, e := range d.Entities {
		if (e.Kind != model.Agency && e.Kind != model.Unit) || e.Parent != nil {
			continue
		}
		var tree []*model.Entity
		var walk func(*model.Entity)
		walk = func(e *model.Entity) {
			tree = append(tree, e)
			for _, p := range e.Parts {
				walk(p)
			}
		}
		walk(e)
		if len(tree) < 2 {
			continue // a body with no parts: its chart, if any, is one box
		}
		last := -1
		for _, at := range []int{0, 1, len(tree) / 2, len(tree) - 1} {
			if at > last && at < len(tree) {
				out, last = append(out, tree[at]), at
			}
		}
	}
	return out
}
