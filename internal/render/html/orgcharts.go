package html

import (
	"bytes"
	"fmt"
	"html/template"

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

// chart returns spec laid out: the build's layout of the same chart when
// it gave one (Options.Charts), so that the site draws what the briefing
// draws, otherwise laid out here once per run, whatever it highlights.
func (r *run) chart(spec orgchart.Spec) (*orgchart.Chart, error) {
	if c := r.layouts[spec.Name]; c != nil {
		return c.Highlighted(spec.Highlight), nil
	}
	m, err := orgchart.GoFonts()
	if err != nil {
		return nil, fmt.Errorf("organisation charts: %w", err)
	}
	c, err := orgchart.Layout(&spec, orgchart.Options{Measurer: m})
	if err != nil {
		return nil, fmt.Errorf("organisation chart %q: %w", spec.Name, err)
	}
	r.layouts[spec.Name] = c
	return c, nil
}

// svg draws c for the page named here, its boxes linked to the entity
// pages, its ids prefixed so that several charts can share a page.
func (r *run) svg(c *orgchart.Chart, here, prefix string) (template.HTML, error) {
	var buf bytes.Buffer
	err := orgchart.SVG(&buf, c, orgchart.SVGOptions{
		IDPrefix: prefix,
		Href: func(id string) string {
			if e := r.d.Entity(id); e != nil {
				return relURL(here, entityPage(e))
			}
			return ""
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
	if len(r.opts.Charts) == 0 {
		return nil
	}
	data := &orgchartsData{}
	for _, c := range r.opts.Charts {
		svg, err := r.svg(c, orgchartsPage, "chart-"+c.Name+"-")
		if err != nil {
			return err
		}
		data.Charts = append(data.Charts, chartView{ID: "chart-" + c.Name, Title: c.Title, Desc: c.Description, SVG: svg})
	}
	return r.write(KindOrgcharts, &page{Name: orgchartsPage, Title: "Organisation charts", Data: data})
}

// entityChart returns the chart for an agency or unit's page, with the
// entity highlighted, or nil when it has none.
func (r *run) entityChart(e *model.Entity) (*chartView, error) {
	spec, ok := orgchart.ForEntity(r.d, e.ID)
	if !ok {
		return nil, nil
	}
	c, err := r.chart(spec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", entityPage(e), err)
	}
	svg, err := r.svg(c, entityPage(e), "chart")
	if err != nil {
		return nil, err
	}
	return &chartView{ID: "chart", Title: c.Title, Desc: c.Description, SVG: svg}, nil
}
