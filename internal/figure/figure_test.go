package figure_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dossier/internal/figure"
	"dossier/internal/model"
	"dossier/internal/orgchart"
	"dossier/internal/render/pdf"
)

func measurer(t testing.TB) orgchart.Measurer {
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
	port := &model.Entity{ID: "port", Name: "Port City", Kind: model.Place}
	d.Entities = append(d.Entities, port)
	at := func(e *model.Entity) *model.RoutePoint { return &model.RoutePoint{Entity: e} }
	routes := []*model.Route{
		{What: "arms", From: at(far), Via: []model.RoutePoint{{Name: "a port"}}, To: at(home)},
		{What: "people", To: at(far), Finding: model.Finding{Claim: model.Claim{Allegation: true}}},
		{What: "goods", From: at(home), To: at(far), BothWays: true},
		{What: "arms", From: at(far), Via: []model.RoutePoint{{Name: "a port"}}, To: at(port)},
		{What: "drugs", Via: []model.RoutePoint{{Entity: home}}},
		{What: "cash", Via: []model.RoutePoint{{Entity: home}}},
		{What: "fuel", From: at(home)},
		{What: "timber", From: at(port), To: at(far)},
		// The steps of the first route, hedged: arrows of their own.
		{What: "arms", From: at(far), Via: []model.RoutePoint{{Name: "a port"}}, To: at(home), Finding: model.Finding{Claim: model.Claim{Hedge: "reportedly"}}},
	}
	d.Markets = &model.MarketSummary{Routes: routes}
	const width, height = 462, 400
	s, err := figure.Layout(d, figure.Options{Measurer: measurer(t), Route: figure.RouteOptions{Width: width, Height: height, FontSize: 8}})
	if err != nil {
		t.Fatal(err)
	}
	r := s.Routes
	if r == nil {
		t.Fatal("no route diagram")
	}
	checkRoutes(t, r, routes, width, height, home)
	// Two unknown ends, one per side, each drawn once.
	unknown := 0
	for _, p := range r.Places {
		if p.Unsaid {
			unknown++
		}
	}
	if unknown != 2 {
		t.Errorf("%d unknown places; want one start and one end", unknown)
	}
	// The routes through the subject with neither end stated are marks.
	for _, p := range r.Places {
		if p.Subject && !slices.Equal(p.Marks, []int{5, 6}) {
			t.Errorf("subject marks %v, want [5 6]", p.Marks)
		}
	}
	// Without a subject, nothing is shaded.
	d.Subject = nil
	s, err = figure.Layout(d, figure.Options{Measurer: measurer(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.Routes.Places {
		if p.Subject {
			t.Errorf("place %q shaded without a subject", p.Label)
		}
	}
	// Routes that share no place: the table alone.
	d.Markets.Routes = []*model.Route{
		{What: "arms", From: at(far), To: at(home)},
		{What: "timber", From: at(port), Via: []model.RoutePoint{{Name: "a port"}}},
	}
	s, err = figure.Layout(d, figure.Options{Measurer: measurer(t)})
	if err != nil {
		t.Fatal(err)
	}
	if s.Routes != nil {
		t.Errorf("a route diagram of routes that share no place")
	}
}

// checkRoutes asserts what every route diagram must be: each place once,
// every route an arrow for each of its steps (or a mark in the one place
// it passes with neither end stated), no text under the font size, no
// box over another, arrows that run between their places' borders and
// cross no box, no two arrow ends at one point, and the whole within the
// page.
func checkRoutes(t *testing.T, r *figure.Routes, routes []*model.Route, width, height float64, subject *model.Entity) {
	t.Helper()
	const eps = 1e-6
	if r.Width > width+eps || r.Height > height+eps {
		t.Errorf("diagram %.1f×%.1f, page %g×%g", r.Width, r.Height, width, height)
	}
	key := func(p *model.RoutePoint, side string) string {
		switch {
		case p == nil:
			return "?" + side
		case p.Entity != nil:
			return "e:" + p.Entity.ID
		}
		return "n:" + p.Label()
	}
	seen := map[string]int{}
	for i, p := range r.Places {
		k := "n:" + p.Label
		if p.Entity != nil {
			k = "e:" + p.Entity.ID
		}
		if p.Unsaid {
			k = "?" + strconv.Itoa(i)
		}
		if _, ok := seen[k]; ok {
			t.Errorf("place %q drawn twice", p.Label)
		}
		seen[k] = i
		if p.Subject != (subject != nil && p.Entity == subject) {
			t.Errorf("place %q shaded %v", p.Label, p.Subject)
		}
		for _, l := range p.Lines {
			if l.Size < r.FontSize-eps || l.X < p.Rect.X-eps || l.X+l.Width > p.Rect.Right()+eps || l.Y < p.Rect.Y || l.Y > p.Rect.Bottom() {
				t.Errorf("place %q: line %q at %.1f pt outside its box or too small", p.Label, l.Text, l.Size)
			}
		}
		for j := range i {
			if p.Rect.Overlaps(r.Places[j].Rect) {
				t.Errorf("places %q and %q overlap", p.Label, r.Places[j].Label)
			}
		}
	}
	// An arrow is dashed when its routes are hedged or alleged, and a
	// route stated by its source never shares one with a route that is
	// not: drawn solid, it would state the other; dashed, hedge this one.
	for _, l := range r.Links {
		for _, n := range l.Routes {
			if hedged := routes[n-1].Evidence() != model.Stated; hedged != l.Hedged {
				t.Errorf("route %d (%s) on an arrow drawn hedged=%v, with routes %v", n, routes[n-1].Evidence(), l.Hedged, l.Routes)
			}
		}
	}
	// Every step of every route is an arrow that carries its number.
	unknownAt := func(start bool) int {
		for i, p := range r.Places {
			if !p.Unsaid {
				continue
			}
			for _, l := range r.Links {
				if (start && l.From == i) || (!start && l.To == i) {
					return i
				}
			}
		}
		return -1
	}
	for i, rt := range routes {
		n := i + 1
		if rt.From == nil && rt.To == nil && len(rt.Via) == 1 {
			p := r.Places[seen[key(&rt.Via[0], "")]]
			if !slices.Contains(p.Marks, n) {
				t.Errorf("route %d is no mark in %q", n, p.Label)
			}
			continue
		}
		var chain []int
		if rt.From == nil {
			chain = append(chain, unknownAt(true))
		} else {
			chain = append(chain, seen[key(rt.From, "")])
		}
		for j := range rt.Via {
			chain = append(chain, seen[key(&rt.Via[j], "")])
		}
		if rt.To == nil {
			chain = append(chain, unknownAt(false))
		} else {
			chain = append(chain, seen[key(rt.To, "")])
		}
		for j := 0; j+1 < len(chain); j++ {
			found := false
			for _, l := range r.Links {
				if l.From == chain[j] && l.To == chain[j+1] && slices.Contains(l.Routes, n) && l.BothWays == rt.BothWays {
					found = true
					if !strings.Contains(l.Label.Text, strconv.Itoa(n)) {
						t.Errorf("route %d: arrow label %q lacks its number", n, l.Label.Text)
					}
				}
			}
			if !found {
				t.Errorf("route %d: no arrow from %q to %q", n, r.Places[chain[j]].Label, r.Places[chain[j+1]].Label)
			}
		}
	}
	ends := map[orgchart.Point]string{}
	for _, l := range r.Links {
		from, to := r.Places[l.From].Rect, r.Places[l.To].Rect
		a, b := l.Points[0], l.Points[len(l.Points)-1]
		if !onBorder(a, from) || !onBorder(b, to) {
			t.Errorf("arrow %v: ends %v %v off its places' borders", l.Routes, a, b)
		}
		for _, p := range []orgchart.Point{a, b} {
			if prev, ok := ends[p]; ok {
				t.Errorf("arrows %s and %v end at one point %v", prev, l.Routes, p)
			}
			ends[p] = fmt.Sprint(l.Routes)
		}
		for k := 0; k+1 < len(l.Points); k++ {
			p, q := l.Points[k], l.Points[k+1]
			if p.X != q.X && p.Y != q.Y {
				t.Errorf("arrow %v: slanted segment %v–%v", l.Routes, p, q)
			}
			for _, pl := range r.Places {
				in := pl.Rect
				in = orgchart.Rect{X: in.X + eps, Y: in.Y + eps, W: in.W - 2*eps, H: in.H - 2*eps}
				if crosses(p, q, in) {
					t.Errorf("arrow %v crosses %q", l.Routes, pl.Label)
				}
			}
		}
		if len(l.Head) != 3 || (l.BothWays != (len(l.Tail) == 3)) {
			t.Errorf("arrow %v: heads %v %v", l.Routes, l.Head, l.Tail)
		}
		if l.Label.Size < r.FontSize-eps {
			t.Errorf("arrow label %q at %.1f pt", l.Label.Text, l.Label.Size)
		}
	}
}

func onBorder(p orgchart.Point, r orgchart.Rect) bool {
	const eps = 1e-6
	inX := p.X >= r.X-eps && p.X <= r.Right()+eps
	inY := p.Y >= r.Y-eps && p.Y <= r.Bottom()+eps
	onV := math.Abs(p.X-r.X) <= eps || math.Abs(p.X-r.Right()) <= eps
	onH := math.Abs(p.Y-r.Y) <= eps || math.Abs(p.Y-r.Bottom()) <= eps
	return (onV && inY) || (onH && inX)
}

// crosses reports whether the axis-parallel segment p–q has a point
// strictly inside r.
func crosses(p, q orgchart.Point, r orgchart.Rect) bool {
	x0, x1 := math.Min(p.X, q.X), math.Max(p.X, q.X)
	y0, y1 := math.Min(p.Y, q.Y), math.Max(p.Y, q.Y)
	return x0 < r.Right() && x1 > r.X && y0 < r.Bottom() && y1 > r.Y
}

// TestLayoutSplit: an agency too wide for the page at the smallest text
// size is drawn as an overview and a chart per large branch, and each
// unit's page shows the chart that draws it as a full box.
func TestLayoutSplit(t *testing.T) {
	ag := &model.Entity{ID: "agency", Name: "Agency of Many Parts", Kind: model.Agency}
	ents := []*model.Entity{ag}
	add := func(parent *model.Entity, id, name string) *model.Entity {
		u := &model.Entity{ID: id, Name: name, Kind: model.Unit, Parent: parent}
		parent.Parts = append(parent.Parts, u)
		r := &model.Relation{Type: model.PartOf, From: u, To: parent, ToID: parent.ID}
		u.Relations = append(u.Relations, r)
		parent.Incoming = append(parent.Incoming, r)
		ents = append(ents, u)
		return u
	}
	for i := range 6 {
		dir := add(ag, fmt.Sprintf("dir-%d", i), fmt.Sprintf("Directorate number %d of the agency", i))
		for j := range 6 {
			add(dir, fmt.Sprintf("dir-%d-unit-%d", i, j), fmt.Sprintf("Department %d of directorate %d for general affairs", j, i))
		}
	}
	d := &model.Dossier{Entities: ents}
	s, err := figure.Layout(d, figure.Options{Measurer: measurer(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Charts) < 2 || s.Charts[0].Name != "agency" {
		t.Fatalf("%d charts, first %q; want the agency's overview and its branches", len(s.Charts), s.Charts[0].Name)
	}
	full := map[string]string{}
	for _, c := range s.Charts {
		for _, b := range c.Boxes {
			if b.Detail == "" {
				if prev, ok := full[b.ID]; ok {
					t.Errorf("%s drawn in full in %q and %q", b.ID, prev, c.Name)
				}
				full[b.ID] = c.Name
			}
			for _, l := range b.Lines {
				if l.Size*c.Scale < 8-1e-9 {
					t.Errorf("chart %q: %q at %.2f pt", c.Name, l.Text, l.Size*c.Scale)
				}
			}
		}
	}
	for _, e := range ents {
		if _, ok := full[e.ID]; !ok {
			t.Errorf("%s drawn in full in no chart", e.ID)
		}
		c := s.ForEntity(e.ID)
		if c == nil || c.Name != full[e.ID] {
			t.Errorf("the page of %s shows chart %v, want %q", e.ID, c, full[e.ID])
			continue
		}
		hl := 0
		for _, b := range c.Boxes {
			if b.Highlighted {
				hl++
			}
		}
		if hl != 1 {
			t.Errorf("the page of %s highlights %d boxes", e.ID, hl)
		}
	}
}

// TestLayoutLastResort: a body with very many units right under it has no
// branch to draw apart; rather than fail the build, its chart is set
// smaller, never under LastResortSize.
func TestLayoutLastResort(t *testing.T) {
	ents := manyDesks(32)
	o := figure.Options{Measurer: measurer(t)}
	c := &model.Dossier{Entities: ents}
	if _, err := orgchartSplit(c, o); !errors.Is(err, orgchart.ErrTooLarge) {
		t.Fatalf("the test wants a chart that does not fit at 8 pt even split; error %v", err)
	}
	s, err := figure.Layout(c, o)
	if err != nil {
		t.Fatal(err)
	}
	small := math.Inf(1)
	for _, ch := range s.Charts {
		for _, b := range ch.Boxes {
			for _, l := range b.Lines {
				small = math.Min(small, l.Size*ch.Scale)
			}
		}
		for _, it := range ch.Legend {
			small = math.Min(small, it.Text.Size*ch.Scale)
		}
	}
	if small < figure.LastResortSize-1e-9 || small >= 8 {
		t.Errorf("smallest text %.2f pt; want between %g and 8", small, figure.LastResortSize)
	}
}

// TestLayoutGroupsManyUnits: a body with more units right under it than a
// page holds even in the smallest type does not fail the build either: its
// units are drawn in groups, at the usual size, and each unit's page shows
// the group's chart with the unit highlighted.
func TestLayoutGroupsManyUnits(t *testing.T) {
	ents := manyDesks(120)
	o := figure.Options{Measurer: measurer(t)}
	s, err := figure.Layout(&model.Dossier{Entities: ents}, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Charts) < 3 {
		t.Fatalf("%d charts; want an overview and groups", len(s.Charts))
	}
	for _, ch := range s.Charts {
		for _, b := range ch.Boxes {
			for _, l := range b.Lines {
				if l.Size*ch.Scale < 8-1e-9 {
					t.Fatalf("chart %s sets %q at %.2f pt, under 8", ch.Name, l.Text, l.Size*ch.Scale)
				}
			}
		}
	}
	for _, u := range ents[1:] {
		c := s.ForEntity(u.ID)
		if c == nil {
			t.Errorf("%s has no chart", u.ID)
			continue
		}
		hl := 0
		for _, b := range c.Boxes {
			if b.Highlighted {
				hl++
				if b.ID != u.ID {
					t.Errorf("the page of %s highlights %s", u.ID, b.ID)
				}
			}
		}
		if hl != 1 {
			t.Errorf("the page of %s highlights %d boxes", u.ID, hl)
		}
	}
}

// manyDesks returns an agency, first, and n units right under it, each
// with a long name.
func manyDesks(n int) []*model.Entity {
	ag := &model.Entity{ID: "agency", Name: "Agency of Many Desks", Kind: model.Agency}
	ents := []*model.Entity{ag}
	for i := range n {
		u := &model.Entity{ID: fmt.Sprintf("desk-%d", i), Name: fmt.Sprintf("Desk number %d for the general affairs of the agency", i), Kind: model.Unit, Parent: ag}
		r := &model.Relation{Type: model.PartOf, From: u, To: ag, ToID: ag.ID}
		u.Relations = append(u.Relations, r)
		ag.Parts = append(ag.Parts, u)
		ag.Incoming = append(ag.Incoming, r)
		ents = append(ents, u)
	}
	return ents
}

// orgchartSplit lays out d's one chart as LayoutSplit does at 8 pt.
func orgchartSplit(d *model.Dossier, o figure.Options) ([]*orgchart.Chart, error) {
	specs := orgchart.Charts(d)
	co := o.Chart
	co.Measurer = o.Measurer
	return orgchart.LayoutSplit(&specs[0], co)
}
