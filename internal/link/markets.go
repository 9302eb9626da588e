package link

import (
	"strings"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// markets resolves the crime-market summary: every citation is found in its
// source like an entity claim's, every hedge and trend phrase must be the
// source's own words (found in one of the quotes it qualifies), and every
// entity the summary names is looked up: agencies and units for agencies,
// places for route points.
func (r *resolver) markets() error {
	s := r.d.Markets
	if s == nil {
		return nil
	}
	var errs diag.List
	findings := func(fs []model.Finding) {
		for i := range fs {
			errs.Add(r.finding(s.Path, &fs[i]))
		}
	}
	findings(s.Overview)
	for _, m := range s.Markets {
		for i := range m.Roles {
			errs.Add(r.finding(s.Path, &m.Roles[i].Finding))
		}
		for i := range m.Trends {
			t := &m.Trends[i]
			errs.Add(r.finding(s.Path, &t.Finding))
			if t.Phrase != "" && !inQuotes(t.Phrase, t.Cites) {
				errs.Add(diag.Errorf(s.Path, t.Line, "market %s: trend %q is not in the words of its quotes; a trend is the source's own phrase", m.ID, t.Phrase))
			}
		}
		for i := range m.Actors {
			a := &m.Actors[i]
			errs.Add(r.finding(s.Path, &a.Finding))
			if a.EntityID != "" {
				a.Entity = r.entity(a.EntityID)
				if a.Entity == nil {
					errs.Add(diag.Errorf(s.Path, a.Line, "market %s: actor: unknown entity %q%s", m.ID, a.EntityID, r.entityHint(a.EntityID)))
				}
			}
		}
		for i := range m.Agencies {
			errs.Add(r.agency(s.Path, m.ID, &m.Agencies[i]))
		}
		findings(m.Findings)
	}
	for _, a := range s.Actors {
		findings(a.Findings)
		if a.EntityID != "" {
			a.Entity = r.entity(a.EntityID)
			if a.Entity == nil {
				errs.Add(diag.Errorf(s.Path, a.Line, "actor type %s: unknown entity %q%s", a.ID, a.EntityID, r.entityHint(a.EntityID)))
			}
		}
	}
	for _, a := range s.Resilience {
		findings(a.Findings)
	}
	for _, p := range s.Priorities {
		for i := range p.Cites {
			errs.Add(r.cite(&p.Cites[i]))
		}
	}
	for _, rt := range s.Routes {
		errs.Add(r.finding(s.Path, &rt.Finding))
		errs.Add(r.point(s.Path, rt.From))
		for i := range rt.Via {
			errs.Add(r.point(s.Path, &rt.Via[i]))
		}
		errs.Add(r.point(s.Path, rt.To))
	}
	return errs.Err()
}

// finding resolves a finding's citations and checks that its hedge is
// quoted.
func (r *resolver) finding(file string, f *model.Finding) error {
	var errs diag.List
	for i := range f.Cites {
		errs.Add(r.cite(&f.Cites[i]))
	}
	if f.Hedge != "" && !inQuotes(f.Hedge, f.Cites) {
		errs.Add(diag.Errorf(file, f.Line, "hedge %q is not in the words of its quotes; quote the source's hedge with the statement it qualifies", f.Hedge))
	}
	return errs.Err()
}

// inQuotes reports whether phrase occurs in one of the quotes, matched as
// quotes are matched against the sources.
func inQuotes(phrase string, cites []model.Citation) bool {
	p := foldQuote(phrase)
	for _, c := range cites {
		if strings.Contains(foldQuote(c.Quote), p) {
			return true
		}
	}
	return false
}

// agency resolves an agency responsible for a market: an agency or unit
// entity, and the citations that tie it to the market.
func (r *resolver) agency(file string, market model.MarketID, a *model.MarketAgency) error {
	var errs diag.List
	e := r.entity(a.EntityID)
	switch {
	case e == nil:
		errs.Add(diag.Errorf(file, a.Line, "market %s: unknown agency %q", market, a.EntityID))
	case e.Kind != model.Agency && e.Kind != model.Unit:
		errs.Add(diag.Errorf(file, a.Line, "market %s: agency %s is a %s; want an %s or a %s", market, a.EntityID, e.Kind, model.Agency, model.Unit))
	default:
		a.Entity = e
	}
	for i := range a.Cites {
		errs.Add(r.cite(&a.Cites[i]))
	}
	return errs.Err()
}

// point resolves a place on a route; p may be nil.
func (r *resolver) point(file string, p *model.RoutePoint) error {
	if p == nil || p.EntityID == "" {
		return nil
	}
	e := r.entity(p.EntityID)
	switch {
	case e == nil:
		return diag.Errorf(file, p.Line, "route: unknown place %q", p.EntityID)
	case e.Kind != model.Place:
		return diag.Errorf(file, p.Line, "route: %s is a %s, not a %s", p.EntityID, e.Kind, model.Place)
	}
	p.Entity = e
	return nil
}
