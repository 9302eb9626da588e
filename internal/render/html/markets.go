package html

import (
	"fmt"
	"html/template"

	"dossier/internal/figure"
	"dossier/internal/model"
)

// The pages of the crime-market summary, relative to the site root. No
// market id is "actors" or "resilience": the Index fixes the ids.
const (
	marketsPage    = "markets.html"
	actorsPage     = "markets/actors.html"
	resiliencePage = "markets/resilience.html"
)

// marketPage names the page of a market.
func marketPage(id model.MarketID) string { return "markets/" + string(id) + ".html" }

// Fragment ids of the summary's sections, for the sidebar and the pages
// that link back to them.
const (
	summaryTableID = "summary"
	roleMatrixID   = "roles"
	prioritiesID   = "priorities"
	routesID       = "routes"
)

// findingView is a finding as a page shows it: the analyst's text, its
// badge (stated, hedged by the source, or alleged and whose it is).
type findingView struct {
	claimView
	Quotes []string // the quoted words, for a finding with no text of its own
}

func findingOf(f *model.Finding) findingView {
	v := findingView{claimView: claimOf(&f.Claim)}
	if f.Text == "" {
		v.ShowHedge = false // the quote shows it
		for _, c := range v.Cites {
			v.Quotes = append(v.Quotes, c.Quote)
		}
	}
	return v
}

func findingsOf(fs []model.Finding) []findingView {
	out := make([]findingView, 0, len(fs))
	for i := range fs {
		out = append(out, findingOf(&fs[i]))
	}
	return out
}

// roleCell is one cell of the role matrix, or one role on a market page:
// Finding is nil when the sources give the subject no such role.
type roleCell struct {
	Role    model.Role
	Finding *findingView
	Target  string // the first citation's paragraph; "" for an empty cell
	Title   string // the citations and the quote, for the mark's tooltip
}

// trendView is a trend: the source's phrase, what it describes, its
// citations.
type trendView struct {
	Phrase string
	findingView
}

// actorView is an actor in a market: its Index type, its entity, how the
// source describes it.
type actorView struct {
	Type   *model.ActorType
	Target string // the type's section on the actors page; "" without a type
	Entity *model.Entity
	findingView
}

// agencyView is an agency responsible for a market.
type agencyView struct {
	Entity   *model.Entity
	Name     string // the entity's name, or its id when unresolved
	Assigned bool   // by the analyst, not by a source
	Note     string
	Cites    []citeView
}

// routeView is a route as the routes table shows it.
type routeView struct {
	Number   int // 1-based, in data order; the diagram labels its arrows with it
	What     string
	From, To *pointView // nil when the source does not say
	Via      []pointView
	BothWays bool
	Markets  []marketLink
	findingView
}

// pointView is a place on a route.
type pointView struct {
	Label  string
	Entity *model.Entity // nil for a place described in words
}

// marketLink is a link to a market's page.
type marketLink struct {
	Name   string // page
	Label  string
	Market *model.Market
}

// marketRow is a market as the summary shows it: a row of the summary table
// and of the role matrix.
type marketRow struct {
	M        *model.Market
	ID       string // fragment id of its row in the summary table
	Name     string // the market's page
	Covered  bool   // Coverage is not NotCovered
	Roles    []roleCell
	Stated   []roleCell // the roles the sources state, in matrix order
	Trends   []trendView
	Actors   []actorView
	Agencies []agencyView
	Sources  []*model.Document
}

// marketGroupRows is one Index group of markets.
type marketGroupRows struct {
	Group model.MarketGroup
	ID    string // fragment id
	Rows  []marketRow
}

// priorityView is one of the priority crime areas the data lists beside
// the Index.
type priorityView struct {
	Area    *model.PriorityArea
	ID      string // fragment id of its row on the summary page
	Target  string // that row, relative to the site root
	Markets []marketLink
	Actors  []*model.ActorType
	Cites   []citeView
}

// coverageLink is an actor type or resilience area as the summary lists it.
type coverageLink struct {
	Target   string
	Label    string
	Coverage model.Coverage
}

// marketsData is the data of the summary page.
type marketsData struct {
	Overview                   []findingView
	Groups                     []marketGroupRows
	Roles                      []model.Role
	MatrixCols                 int // columns of the role matrix: the market and one per role
	Priorities                 []priorityView
	Unmet                      []marketLink // markets no priority area meets
	Routes                     []routeView
	Diagram                    template.HTML // the routes as inline SVG; "" without routes
	Actors                     []coverageLink
	Resilience                 []coverageLink
	HasAssigned                bool // some agency is assigned by the analyst: the legend explains the mark
	HasHedged                  bool // some role is hedged: the legend explains the mark
	ActorsPage, ResiliencePage string
}

// marketData is the data of a market's page.
type marketData struct {
	Row        marketRow
	Findings   []findingView
	Routes     []routeView
	Priorities []priorityView
	// AnyPriorities is set when the data lists priority areas at all;
	// without any, the page has no section for them.
	AnyPriorities bool
	Summary       string // the summary's row of this market
	Lede          string // the snippet of wording that says what the coverage means
}

// coverageLede names the snippet of wording (see package wording) that
// says in a sentence what a market's coverage means.
func coverageLede(c model.Coverage) string {
	return "markets/" + string(c)
}

// actorsData is the data of the actor types page.
type actorsData struct {
	Types []actorTypeView
}

// actorTypeView is one actor type with what the sources say of it.
type actorTypeView struct {
	T        *model.ActorType
	ID       string
	Findings []findingView
	Markets  []marketLink
}

// resilienceData is the data of the resilience page.
type resilienceData struct {
	Groups []areaGroup
}

// areaGroup is one of the headings the Index's country profile groups
// resilience areas under.
type areaGroup struct {
	Group model.ResilienceGroup
	ID    string
	Areas []areaView
}

// areaView is one resilience area with what the sources say of it.
type areaView struct {
	A        *model.ResilienceArea
	ID       string
	Findings []findingView
}

func linkOf(m *model.Market) marketLink {
	return marketLink{Name: marketPage(m.ID), Label: m.Name(), Market: m}
}

func linksOf(ms []*model.Market) []marketLink {
	out := make([]marketLink, 0, len(ms))
	for _, m := range ms {
		out = append(out, linkOf(m))
	}
	return out
}

func groupID(g model.MarketGroup) string { return "group-" + string(g) }

// rowOf gathers what the summary shows of a market.
func rowOf(m *model.Market) marketRow {
	row := marketRow{M: m, ID: rowID(m.ID), Name: marketPage(m.ID), Covered: m.Coverage != model.NotCovered, Sources: m.Sources()}
	for _, r := range model.Roles {
		c := roleCell{Role: r}
		if f := m.Role(r); f != nil {
			v := findingOf(&f.Finding)
			c.Finding = &v
			if len(v.Cites) > 0 {
				c.Target = v.Cites[0].Target
			}
			c.Title = r.Label() + ": " + citeTitle(v.Cites)
			row.Stated = append(row.Stated, c)
		}
		row.Roles = append(row.Roles, c)
	}
	for i := range m.Trends {
		row.Trends = append(row.Trends, trendView{Phrase: m.Trends[i].Phrase, findingView: findingOf(&m.Trends[i].Finding)})
	}
	for i := range m.Actors {
		a := &m.Actors[i]
		v := actorView{Type: a.Type, Entity: a.Entity, findingView: findingOf(&a.Finding)}
		if a.Type != nil {
			v.Target = actorsPage + "#" + string(a.Type.ID)
		}
		row.Actors = append(row.Actors, v)
	}
	for i := range m.Agencies {
		a := &m.Agencies[i]
		v := agencyView{Entity: a.Entity, Name: a.EntityID, Assigned: a.Assigned(), Note: a.Note, Cites: cites(a.Cites)}
		if a.Entity != nil {
			v.Name = a.Entity.Name
		}
		row.Agencies = append(row.Agencies, v)
	}
	return row
}

// citeTitle gives citations as a tooltip: "S1 ¶12 · B2 “quote”; …".
func citeTitle(cs []citeView) string {
	s := ""
	for i, c := range cs {
		if i > 0 {
			s += "; "
		}
		s += fmt.Sprintf("%s “%s”", c.Tag, c.Quote)
	}
	return s
}

func routeOf(n int, rt *model.Route) routeView {
	v := routeView{Number: n, What: rt.What, BothWays: rt.BothWays, Markets: linksOf(rt.Markets), findingView: findingOf(&rt.Finding)}
	point := func(p *model.RoutePoint) pointView { return pointView{Label: p.Label(), Entity: p.Entity} }
	if rt.From != nil {
		p := point(rt.From)
		v.From = &p
	}
	for i := range rt.Via {
		v.Via = append(v.Via, point(&rt.Via[i]))
	}
	if rt.To != nil {
		p := point(rt.To)
		v.To = &p
	}
	return v
}

func priorityOf(p *model.PriorityArea) priorityView {
	id := "pa-" + p.ID
	return priorityView{Area: p, ID: id, Target: marketsPage + "#" + id, Markets: linksOf(p.Markets), Actors: p.ActorTypes, Cites: cites(p.Cites)}
}

// markets writes the crime-market summary, a page per market, and the
// pages of actor types and resilience areas; nothing when the dossier has
// no summary.
func (r *run) markets() error {
	s := r.d.Markets
	if s == nil {
		return nil
	}
	routes := make(map[*model.Route]routeView, len(s.Routes))
	data := &marketsData{
		Overview:       findingsOf(s.Overview),
		Roles:          model.Roles,
		MatrixCols:     1 + len(model.Roles),
		ActorsPage:     actorsPage,
		ResiliencePage: resiliencePage,
	}
	for i, rt := range s.Routes {
		v := routeOf(i+1, rt)
		routes[rt] = v
		data.Routes = append(data.Routes, v)
	}
	var fig *figure.Routes
	if r.opts.Figures != nil {
		fig = r.opts.Figures.Routes
	}
	data.Diagram = routeDiagram(fig, data.Routes, marketsPage)
	rows := make(map[*model.Market]marketRow, len(s.Markets))
	for _, g := range model.MarketGroups {
		gr := marketGroupRows{Group: g, ID: groupID(g)}
		for _, m := range s.Markets {
			if m.Group() != g {
				continue
			}
			row := rowOf(m)
			rows[m] = row
			gr.Rows = append(gr.Rows, row)
			for _, a := range row.Agencies {
				data.HasAssigned = data.HasAssigned || a.Assigned
			}
			for _, c := range row.Stated {
				data.HasHedged = data.HasHedged || c.Finding.Evidence != model.Stated
			}
		}
		if len(gr.Rows) > 0 {
			data.Groups = append(data.Groups, gr)
		}
	}
	met := map[*model.Market]bool{}
	for _, p := range s.Priorities {
		data.Priorities = append(data.Priorities, priorityOf(p))
		for _, m := range p.Markets {
			met[m] = true
		}
	}
	for _, m := range s.Markets {
		if !met[m] {
			data.Unmet = append(data.Unmet, linkOf(m))
		}
	}
	for _, a := range s.Actors {
		data.Actors = append(data.Actors, coverageLink{actorsPage + "#" + string(a.ID), a.Name(), a.Coverage})
	}
	for _, a := range s.Resilience {
		data.Resilience = append(data.Resilience, coverageLink{resiliencePage + "#" + string(a.ID), a.Name(), a.Coverage})
	}
	up := navLink{Name: marketsPage, Label: "Crime markets"}
	if err := r.write(KindMarkets, &page{
		Name:  marketsPage,
		Title: "Crime markets",
		Pager: &pager{Up: navLink{Name: indexPage, Label: "Overview"}},
		Data:  data,
	}); err != nil {
		return err
	}
	var series []navLink
	for _, m := range s.Markets {
		series = append(series, navLink{Name: marketPage(m.ID), Label: m.Name()})
	}
	for i, m := range s.Markets {
		md := &marketData{Row: rows[m], Findings: findingsOf(m.Findings), Summary: marketsPage + "#" + rows[m].ID, Lede: coverageLede(m.Coverage), AnyPriorities: len(s.Priorities) > 0}
		for _, rt := range m.Routes {
			md.Routes = append(md.Routes, routes[rt])
		}
		for _, p := range m.Priorities {
			md.Priorities = append(md.Priorities, priorityOf(p))
		}
		if err := r.write(KindMarket, &page{
			Name:  marketPage(m.ID),
			Title: m.Name(),
			Pager: &pager{Up: up, Prev: prev(series, i), Next: next(series, i)},
			Data:  md,
		}); err != nil {
			return err
		}
	}
	ad := &actorsData{}
	for _, a := range s.Actors {
		ad.Types = append(ad.Types, actorTypeView{T: a, ID: string(a.ID), Findings: findingsOf(a.Findings), Markets: linksOf(a.Markets)})
	}
	if err := r.write(KindActors, &page{
		Name:  actorsPage,
		Title: "Criminal actors",
		Pager: &pager{Up: up, Next: &navLink{Name: resiliencePage, Label: "Resilience"}},
		Data:  ad,
	}); err != nil {
		return err
	}
	rd := &resilienceData{}
	for _, g := range model.ResilienceGroups {
		ag := areaGroup{Group: g, ID: "group-" + string(g)}
		for _, a := range s.Resilience {
			if a.Group() == g {
				ag.Areas = append(ag.Areas, areaView{A: a, ID: string(a.ID), Findings: findingsOf(a.Findings)})
			}
		}
		if len(ag.Areas) > 0 {
			rd.Groups = append(rd.Groups, ag)
		}
	}
	return r.write(KindResilience, &page{
		Name:  resiliencePage,
		Title: "Resilience",
		Pager: &pager{Up: up, Prev: &navLink{Name: actorsPage, Label: "Criminal actors"}},
		Data:  rd,
	})
}

// rowID is the fragment id of a market's row in the summary table.
func rowID(id model.MarketID) string { return "m-" + string(id) }

// marketNav is the sidebar's section of the crime-market summary.
func marketNav(s *model.MarketSummary) []navLink {
	if s == nil {
		return nil
	}
	links := []navLink{
		{Name: marketsPage + "#" + summaryTableID, Label: "Summary"},
		{Name: marketsPage + "#" + roleMatrixID, Label: "Role matrix"},
	}
	if len(s.Priorities) > 0 {
		links = append(links, navLink{Name: marketsPage + "#" + prioritiesID, Label: "Priorities"}) // relabelled from the wording by run.wording
	}
	return append(links,
		navLink{Name: marketsPage + "#" + routesID, Label: "Routes"},
		navLink{Name: actorsPage, Label: "Criminal actors"},
		navLink{Name: resiliencePage, Label: "Resilience"},
	)
}

// ActorTypeLink returns the address of an actor type's section.
func (p *page) ActorTypeLink(a *model.ActorType) string {
	return p.Link(actorsPage + "#" + string(a.ID))
}
