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

// charts returns the organisation charts to show: those the build laid
// out, or, when it gave none, the charts of d laid out here.
func (r *run) charts() ([]*orgchart.Chart, error) {
	if r.opts.Charts != nil {
		return r.opts.Charts, nil
	}
	m, err := r.measurer()
	if err != nil {
		return nil, err
	}
	var out []*orgchart.Chart
	for _, s := range orgchart.Charts(r.d) {
		c, err := orgchart.Layout(&s, orgchart.Options{Measurer: m})
		if err != nil {
			return nil, fmt.Errorf("organisation chart %q: %w", s.Name, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// measurer returns the Go-font measurer, made once per run.
func (r *run) measurer() (orgchart.Measurer, error) {
	if r.measure == nil {
		m, err := orgchart.GoFonts()
		if err != nil {
			return nil, fmt.Errorf("organisation charts: %w", err)
		}
		r.measure = m
	}
	return r.measure, nil
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

func (r *run) orgcharts() error {
	charts, err := r.charts()
	if err != nil || len(charts) == 0 {
		return err
	}
	data := &orgchartsData{}
	for _, c := range charts {
		svg, err := r.svg(c, orgchartsPage, "chart-"+c.Name+"-")
		if err != nil {
			return err
		}
		data.Charts = append(data.Charts, chartView{ID: "chart-" + c.Name, Title: c.Title, Desc: c.Description, SVG: svg})
	}
	r.frame.Orgcharts = orgchartsPage
	return r.write(KindOrgcharts, &page{Name: orgchartsPage, Title: "Organisation charts", Data: data})
}

// entityChart returns the chart for an agency or unit's page, with the
// entity highlighted, or nil when it has none.
func (r *run) entityChart(e *model.Entity) (*chartView, error) {
	spec, ok := orgchart.ForEntity(r.d, e.ID)
	if !ok {
		return nil, nil
	}
	m, err := r.measurer()
	if err != nil {
		return nil, err
	}
	c, err := orgchart.Layout(&spec, orgchart.Options{Measurer: m})
	if err != nil {
		return nil, fmt.Errorf("%s: chart: %w", entityPage(e), err)
	}
	svg, err := r.svg(c, entityPage(e), "chart-")
	if err != nil {
		return nil, err
	}
	return &chartView{ID: "chart", Title: c.Title, Desc: c.Description, SVG: svg}, nil
}
