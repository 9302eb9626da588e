package html

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"dossier/internal/model"
	"dossier/internal/orgchart"
)

// The page of organisation charts.
const (
	orgchartsPage = "orgcharts.html"
	KindOrgcharts = "orgcharts"
)

// chartView is a chart as a page shows it: inline SVG.
type chartView struct {
	ID    string // fragment id of the chart's section
	Title string
	Desc  string
	SVG   template.HTML
}

// svg draws c for the page named here, its boxes linked to the entity
// pages (a branch drawn as one box to its own chart), its ids prefixed so
// that several charts can share a page.
func (r *run) svg(c *orgchart.Chart, here, prefix string) (template.HTML, error) {
	var buf bytes.Buffer
	err := orgchart.SVG(&buf, c, orgchart.SVGOptions{
		IDPrefix: prefix,
		Href: func(id string) string {
			if e := r.entityByID[id]; e != nil {
				return relURL(here, entityPage(e))
			}
			return ""
		},
		// A branch drawn in a chart of its own links to that chart's
		// section of the charts page.
		DetailHref: func(chart string) string {
			if here == orgchartsPage {
				return "#chart-" + chart
			}
			return relURL(here, orgchartsPage) + "#chart-" + chart
		},
	})
	if err != nil {
		return "", fmt.Errorf("%s: chart %q: %w", here, c.Name, err)
	}
	return template.HTML(buf.String()), nil // orgchart escapes every text
}

// orgchartsData is the data of the page of organisation charts.
type orgchartsData struct {
	Charts []chartView
}

// orgcharts writes the page of the organisation charts the build laid out,
// if it gave any.
func (r *run) orgcharts() error {
	if r.opts.Figures == nil || len(r.opts.Figures.Charts) == 0 {
		return nil
	}
	data := &orgchartsData{}
	for _, c := range r.opts.Figures.Charts {
		svg, err := r.svg(c, orgchartsPage, "chart-"+c.Name+"-")
		if err != nil {
			return err
		}
		desc, err := r.chartDesc(c)
		if err != nil {
			return err
		}
		data.Charts = append(data.Charts, chartView{ID: "chart-" + c.Name, Title: c.Title, Desc: desc, SVG: svg})
	}
	return r.write(KindOrgcharts, &page{Name: orgchartsPage, Title: "Organisation charts", Data: data})
}

// entityChart returns the chart for an agency or unit's page, the build's
// one layout of it with the entity highlighted, or nil when it has none.
func (r *run) entityChart(e *model.Entity) (*chartView, error) {
	c := r.opts.Figures.ForEntity(e.ID)
	if c == nil {
		return nil, nil
	}
	svg, err := r.svg(c, entityPage(e), "chart")
	if err != nil {
		return nil, err
	}
	desc, err := r.chartDesc(c)
	if err != nil {
		return nil, err
	}
	return &chartView{ID: "chart", Title: c.Title, Desc: desc, SVG: svg}, nil
}

// chartDesc is the caption of c: what it shows, and what date the
// structure is attested for (wording.AttestedSnippet).
func (r *run) chartDesc(c *orgchart.Chart) (string, error) {
	a, err := r.opts.Wording.Attested(c.Sources, c.Shows)
	if err != nil {
		return "", fmt.Errorf("chart %q: layouts: %w", c.Name, err)
	}
	return strings.TrimSpace(c.Description + " " + a), nil
}
