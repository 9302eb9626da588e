package figure_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"dossier/internal/figure"
	"dossier/internal/model"
	"dossier/internal/orgchart"
	"dossier/internal/render/pdf"
)

func measurer(t *testing.T) orgchart.Measurer {
	t.Helper()
	m, err := pdf.Measurer()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// dossier builds a resolved dossier by hand: an agency with two units, a
// place that is the subject, and the given routes.
func dossier(routes ...*model.Route) *model.Dossier {
	ag := &model.Entity{ID: "ministry", Name: "Home Ministry", Kind: model.Agency}
	a := &model.Entity{ID: "desk-a", Name: "Fraud Desk", Kind: model.Unit, Parent: ag}
	b := &model.Entity{ID: "desk-b", Name: "Border Desk", Kind: model.Unit, Parent: ag}
	ag.Parts = []*model.Entity{a, b}
	for _, u := range ag.Parts {
		r := &model.Relation{Type: model.PartOf, From: u, To: ag, ToID: ag.ID}
		u.Relations = append(u.Relations, r)
		ag.Incoming = append(ag.Incoming, r)
	}
	home := &model.Entity{ID: "homeland", Name: "Homeland", Kind: model.Place}
	far := &model.Entity{ID: "farland", Name: "The Far Republic of Very Long Names", Kind: model.Place}
	d := &model.Dossier{Entities: []*model.Entity{ag, a, b, home, far}, Subject: home}
	if len(routes) > 0 {
		d.Markets = &model.MarketSummary{Routes: routes}
	}
	return d
}

func TestLayoutCharts(t *testing.T) {
	d := dossier()
	s, err := figure.Layout(d, figure.Options{Measurer: measurer(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Charts) != 1 || s.Charts[0].Name != "ministry" {
		t.Fatalf("charts %v, want the ministry's structure", s.Charts)
	}
	if s.Routes != nil {
		t.Errorf("a route diagram without routes")
	}
	chart := s.Charts[0]
	for _, id := range []string{"ministry", "desk-a", "desk-b"} {
		c := s.ForEntity(id)
		if c == nil {
			t.Fatalf("no chart for %s", id)
		}
		if c.Name != chart.Name || len(c.Boxes) != len(chart.Boxes) {
			t.Fatalf("%s: chart %q with %d boxes, want the one layout of %q", id, c.Name, len(c.Boxes), chart.Name)
		}
		for i, b := range c.Boxes {
			if b.Rect != chart.Boxes[i].Rect {
				t.Errorf("%s: box %q laid out again", id, b.ID)
			}
			if b.Highlighted != (b.ID == id) {
				t.Errorf("%s: box %q highlighted %v", id, b.ID, b.Highlighted)
			}
		}
	}
	for _, b := range chart.Boxes {
		if b.Highlighted {
			t.Errorf("the chart of the charts page highlights %q", b.ID)
		}
	}
	if c := s.ForEntity("homeland"); c != nil {
		t.Errorf("a place has chart %q", c.Name)
	}
}

func TestLayoutErrors(t *testing.T) {
	if _, err := figure.Layout(dossier(), figure.Options{}); err == nil {
		t.Error("no error without a Measurer")
	}
	// A page too small for the chart: the error names it.
	_, err := figure.Layout(dossier(), figure.Options{Measurer: measurer(t), Chart: orgchart.Options{Width: 60, Height: 40}})
	if !errors.Is(err, orgchart.ErrTooLarge) || !strings.Contains(err.Error(), `"ministry"`) {
		t.Errorf("error %v; want ErrTooLarge naming the chart", err)
	}
}

func TestLayoutRoutes(t *testing.T) {
	d := dossier()
	home, far := d.Entity("homeland"), d.Entity("farland")
	routes := []*model.Route{
		{What: "arms", From: &model.RoutePoint{Entity: far}, Via: []model.RoutePoint{{Name: "a port"}}, To: &model.RoutePoint{Entity: home}},
		{What: "people", To: &model.RoutePoint{Entity: far}, Finding: model.Finding{Claim: model.Claim{Allegation: true}}},
		{What: "goods", From: &model.RoutePoint{Entity: home}, To: &model.RoutePoint{Entity: far}, BothWays: true},
	}
	d.Markets = &model.MarketSummary{Routes: routes}
	const width = 200
	s, err := figure.Layout(d, figure.Options{Measurer: measurer(t), Route: figure.RouteOptions{Width: width, FontSize: 8}})
	if err != nil {
		t.Fatal(err)
	}
	r := s.Routes
	if r == nil || len(r.Rows) != 3 {
		t.Fatalf("routes %+v", r)
	}
	if r.Width > width+1e-9 || r.FontSize != 8 {
		t.Errorf("diagram %g wide at %g pt; want at most %d at 8", r.Width, r.FontSize, width)
	}
	bottom := 0.0
	for i, row := range r.Rows {
		if row.Number != i+1 || row.Route != routes[i] || !strings.HasPrefix(row.Title.Text, fmt.Sprintf("%d. %s", i+1, routes[i].What)) {
			t.Errorf("row %d: number %d, title %q", i, row.Number, row.Title.Text)
		}
		if row.Top < bottom {
			t.Errorf("row %d overlaps the row above", i)
		}
		bottom = row.Top + row.Height
		if bottom > r.Height+1e-9 {
			t.Errorf("row %d ends below the diagram", i)
		}
		if len(row.Arrows) != len(row.Boxes)-1 {
			t.Errorf("row %d: %d arrows for %d boxes", i, len(row.Arrows), len(row.Boxes))
		}
		for j, b := range row.Boxes {
			if b.Rect.X < 0 || b.Rect.Right() > r.Width+1e-9 || b.Rect.Y < row.Top || b.Rect.Bottom() > bottom+1e-9 {
				t.Errorf("row %d: box %q %+v outside its row", i, b.Label, b.Rect)
			}
			if j > 0 {
				a, prev := row.Arrows[j-1], row.Boxes[j-1].Rect
				if a.From.X < prev.Right() || a.To.X > b.Rect.X || a.To.X <= a.From.X {
					t.Errorf("row %d: arrow %+v does not run between %q and %q", i, a, row.Boxes[j-1].Label, b.Label)
				}
				if a.BothWays != routes[i].BothWays {
					t.Errorf("row %d: arrow both ways %v", i, a.BothWays)
				}
			}
			if b.Subject != (b.Entity == home) {
				t.Errorf("row %d: box %q shaded %v", i, b.Label, b.Subject)
			}
			for _, l := range b.Lines {
				if l.X < b.Rect.X || l.X+l.Width > b.Rect.Right()+1e-9 || l.Y < b.Rect.Y || l.Y > b.Rect.Bottom() {
					t.Errorf("row %d: line %q outside its box", i, l.Text)
				}
			}
		}
	}
	// The long name wraps within its share of the narrow row.
	if n := len(r.Rows[0].Boxes[0].Lines); n < 2 {
		t.Errorf("%q set on %d line", far.Name, n)
	}
	// An end the source does not state is a stand-in.
	if b := r.Rows[1].Boxes[0]; !b.Unsaid || b.Entity != nil || b.Label != model.Unknown {
		t.Errorf("unstated start %+v", b)
	}
	if !strings.Contains(r.Rows[1].Title.Text, "(alleged by the source)") {
		t.Errorf("title of an allegation %q", r.Rows[1].Title.Text)
	}
	// Without a subject, nothing is shaded.
	d.Subject = nil
	s, err = figure.Layout(d, figure.Options{Measurer: measurer(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range s.Routes.Rows {
		for _, b := range row.Boxes {
			if b.Subject {
				t.Errorf("box %q shaded without a subject", b.Label)
			}
		}
	}
}
