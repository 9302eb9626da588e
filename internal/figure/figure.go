package figure

import (
	"errors"
	"fmt"
	"math"

	"dossier/internal/model"
	"dossier/internal/orgchart"
)

// Options tunes Layout.
type Options struct {
	// Measurer measures every text the figures set; required.
	Measurer orgchart.Measurer
	// Chart is the page area and type of the organisation charts; its
	// Measurer is set from Measurer. The zero value means orgchart's
	// defaults.
	Chart orgchart.Options
	// Route is how the route diagram is set; the zero value means its
	// defaults.
	Route RouteOptions
}

// Set is every laid-out figure of one dossier.
type Set struct {
	// Charts are the organisation charts of the charts chapter and page,
	// in the order orgchart.Charts gives; a chart too large for the page
	// at the smallest text size is split (orgchart.LayoutSplit) into its
	// overview followed by the charts of its branches.
	Charts []*orgchart.Chart
	// Routes is the route diagram of the crime-market summary; nil when
	// the dossier names no routes.
	Routes *Routes

	byName map[string]*orgchart.Chart   // every chart laid out, Charts and those of entity pages
	pieces map[string][]*orgchart.Chart // a Spec's name → its charts, more than one when split
	entity map[string]string            // entity id → the name of the chart its page shows
}

// Layout lays out every figure of the resolved dossier d. It returns an
// error naming the figure that could not be laid out, such as a chart too
// large for the page even once split (orgchart.ErrTooLarge).
func Layout(d *model.Dossier, o Options) (*Set, error) {
	if d == nil {
		return nil, errors.New("figure: no dossier")
	}
	if o.Measurer == nil {
		return nil, errors.New("figure: Options.Measurer is nil")
	}
	o.Chart.Measurer = o.Measurer
	s := &Set{byName: map[string]*orgchart.Chart{}, entity: map[string]string{}, pieces: map[string][]*orgchart.Chart{}}
	lay := func(spec orgchart.Spec) ([]*orgchart.Chart, error) {
		if cs, ok := s.pieces[spec.Name]; ok {
			return cs, nil
		}
		spec.Highlight = ""
		cs, err := orgchart.LayoutSplit(&spec, o.Chart)
		if errors.Is(err, orgchart.ErrTooLarge) {
			cs, err = smaller(&spec, o.Chart)
		}
		if errors.Is(err, orgchart.ErrTooLarge) {
			// Too many units right under one body for a page even in
			// small type: they are drawn in groups, in type of the
			// usual size.
			cs, err = orgchart.LayoutGrouped(&spec, o.Chart)
		}
		if err != nil {
			return nil, fmt.Errorf("organisation chart %q: %w", spec.Name, err)
		}
		s.pieces[spec.Name] = cs
		for _, c := range cs {
			s.byName[c.Name] = c
		}
		return cs, nil
	}
	for _, spec := range orgchart.Charts(d) {
		cs, err := lay(spec)
		if err != nil {
			return nil, err
		}
		s.Charts = append(s.Charts, cs...)
	}
	for _, e := range d.Entities {
		spec, ok := orgchart.ForEntity(d, e.ID)
		if !ok {
			continue
		}
		cs, err := lay(spec)
		if err != nil {
			return nil, fmt.Errorf("the chart of %s: %w", e.ID, err)
		}
		// The page shows the chart that draws the entity as a full box:
		// of a split chart, the branch's own chart rather than the
		// overview's box that stands for it.
		for _, c := range cs {
			for _, b := range c.Boxes {
				if b.ID == e.ID && b.Detail == "" {
					s.entity[e.ID] = c.Name
				}
			}
		}
	}
	if d.Markets != nil && len(d.Markets.Routes) > 0 {
		r, err := layoutRoutes(d.Markets.Routes, d.Subject, o.Measurer, o.Route)
		if err != nil {
			return nil, fmt.Errorf("route diagram: %w", err)
		}
		s.Routes = r
	}
	return s, nil
}

// ForEntity returns the chart the page of entity id shows, with that
// entity highlighted, or nil when it has none. The geometry is shared with
// every other page that shows the same chart.
func (s *Set) ForEntity(id string) *orgchart.Chart {
	if s == nil {
		return nil
	}
	name, ok := s.entity[id]
	if !ok {
		return nil
	}
	return s.byName[name].Highlighted(id)
}

// LastResortSize is the smallest text, in points, a chart is set in when
// splitting cannot make it fit the page at its minimum size: a body with
// very many units right under it has no branch to draw apart. With more
// units still, they are gathered into groups, each drawn apart
// (orgchart.LayoutGrouped).
const LastResortSize = 6.5

// smaller lays spec out with the minimum text size lowered half a point at
// a time, down to LastResortSize, and returns the first layout that fits.
func smaller(spec *orgchart.Spec, co orgchart.Options) ([]*orgchart.Chart, error) {
	size := co.MinFontSize
	if size == 0 {
		size = 8
	}
	err := fmt.Errorf("chart %q: %w", spec.Name, orgchart.ErrTooLarge)
	for size > LastResortSize {
		size = math.Max(LastResortSize, size-0.5)
		co.MinFontSize = size
		var cs []*orgchart.Chart
		cs, err = orgchart.LayoutSplit(spec, co)
		if !errors.Is(err, orgchart.ErrTooLarge) {
			return cs, err
		}
	}
	return nil, err
}
