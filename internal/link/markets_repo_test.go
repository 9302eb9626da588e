package link

import (
	"regexp"
	"strings"
	"testing"

	"dossier/internal/model"
)

// TestDossierMarkets checks the crime-market summary of both dossiers: the
// whole framework in the Index's order, every covered market with a cited
// role, uncovered markets kept and empty, agencies and route places
// resolved, every priority area cited, and no number in the analyst's
// words that the sources do not give; and, on the fictional dossier, what
// its data says.
func TestDossierMarkets(t *testing.T) {
	for _, dir := range []string{fictionalDir, sourcesDir} {
		d := loadDir(t, dir)
		if d.Markets == nil {
			continue
		}
		t.Run(dir, func(t *testing.T) { checkMarkets(t, d) })
	}

	s := loadDir(t, fictionalDir).Markets
	want := map[model.MarketID]model.Coverage{
		model.SyntheticDrugTrade: model.Covered, model.ArmsTrafficking: model.Covered,
		model.CyberDependentCrime: model.NotCovered, model.HumanTrafficking: model.NotCovered,
	}
	for id, c := range want {
		if got := s.Market(id).Coverage; got != c {
			t.Errorf("%s: coverage %s, want %s", id, got, c)
		}
	}
	if r := s.Market(model.SyntheticDrugTrade).Roles; len(r) != 1 || r[0].Role != model.Transit || r[0].Hedge != "reportedly" {
		t.Errorf("synthetic drugs roles = %+v, want transit, hedged reportedly", r)
	}
	if tr := s.Market(model.SyntheticDrugTrade).Trends; len(tr) != 1 || tr[0].Phrase != "increased sharply" {
		t.Errorf("synthetic drugs trends = %+v, want increased sharply", tr)
	}
	if len(s.Priorities) != 0 || len(s.Routes) != 2 {
		t.Errorf("%d priority areas and %d routes, want 0 and 2", len(s.Priorities), len(s.Routes))
	}
}

func checkMarkets(t *testing.T, d *model.Dossier) {
	s := d.Markets
	if len(s.Markets) != len(model.MarketIDs) || len(s.Actors) != len(model.ActorTypeIDs) {
		t.Fatalf("%d markets, %d actor types; want the Index's %d and %d", len(s.Markets), len(s.Actors), len(model.MarketIDs), len(model.ActorTypeIDs))
	}
	for i, id := range model.MarketIDs {
		if s.Markets[i].ID != id {
			t.Errorf("market %d is %s, want %s", i+1, s.Markets[i].ID, id)
		}
	}
	for i, id := range model.ActorTypeIDs {
		if s.Actors[i].ID != id {
			t.Errorf("actor type %d is %s, want %s", i+1, s.Actors[i].ID, id)
		}
	}

	for _, m := range s.Markets {
		switch m.Coverage {
		case model.Covered:
			if len(m.Roles) == 0 {
				t.Errorf("%s is covered but has no role", m.ID)
			}
			for _, r := range m.Roles {
				if len(r.Cites) == 0 || r.Cites[0].Block == nil {
					t.Errorf("%s: role %s is not cited", m.ID, r.Role)
				}
			}
		case model.NotCovered:
			if len(m.Roles)+len(m.Trends)+len(m.Actors)+len(m.Findings)+len(m.Routes) > 0 {
				t.Errorf("%s is not covered but has content", m.ID)
			}
		case model.Mentioned:
		default:
			t.Errorf("%s: coverage %q", m.ID, m.Coverage)
		}
		for _, c := range m.Citations() {
			if c.Block == nil {
				t.Errorf("%s: unresolved citation %q", m.ID, c.Quote)
			}
		}
		for _, a := range m.Agencies {
			if a.Entity == nil || (a.Entity.Kind != model.Agency && a.Entity.Kind != model.Unit) {
				t.Errorf("%s: agency %s not resolved to an agency or unit", m.ID, a.EntityID)
			}
		}
	}
	for _, p := range s.Priorities {
		if len(p.Cites) == 0 || p.Cites[0].Block == nil {
			t.Errorf("priority %s is not cited", p.Name)
		}
	}
	for _, r := range s.Routes {
		for _, p := range append([]*model.RoutePoint{r.From, r.To}, ptrs(r.Via)...) {
			if p != nil && p.EntityID != "" && p.Entity == nil {
				t.Errorf("route %s: place %s unresolved", r.What, p.EntityID)
			}
		}
	}

	// No number may be invented: every number in the analyst's words
	// occurs in the sources (source references such as "S4" aside).
	var all strings.Builder
	for _, doc := range d.Documents {
		for _, b := range doc.Blocks {
			all.WriteString(b.Text + "\n")
		}
	}
	number := regexp.MustCompile(`\bS\d+\b|\d+`)
	check := func(where, text string) {
		for _, n := range number.FindAllString(text, -1) {
			if n[0] != 'S' && !regexp.MustCompile(`(^|\D)`+n+`(\D|$)`).MatchString(all.String()) {
				t.Errorf("%s: number %s is not in the sources: %q", where, n, text)
			}
		}
	}
	eachText(s, check)
}

func ids(ms []model.MarketID) []string {
	var s []string
	for _, m := range ms {
		s = append(s, string(m))
	}
	return s
}

func ptrs(ps []model.RoutePoint) []*model.RoutePoint {
	var out []*model.RoutePoint
	for i := range ps {
		out = append(out, &ps[i])
	}
	return out
}

// eachText calls f with every piece of analyst-written text in s.
func eachText(s *model.MarketSummary, f func(where, text string)) {
	findings := func(where string, fs []model.Finding) {
		for _, x := range fs {
			f(where, x.Text)
		}
	}
	findings("overview", s.Overview)
	for _, m := range s.Markets {
		w := string(m.ID)
		f(w, m.Note)
		for _, r := range m.Roles {
			f(w, r.Text)
		}
		for _, tr := range m.Trends {
			f(w, tr.Text)
		}
		for _, a := range m.Actors {
			f(w, a.Text)
		}
		for _, a := range m.Agencies {
			f(w, a.Note)
		}
		findings(w, m.Findings)
	}
	for _, a := range s.Actors {
		f(string(a.ID), a.Note)
		findings(string(a.ID), a.Findings)
	}
	for _, a := range s.Resilience {
		f(string(a.ID), a.Note)
		findings(string(a.ID), a.Findings)
	}
	for _, p := range s.Priorities {
		f(p.ID, p.Note)
	}
	for _, r := range s.Routes {
		f("route", r.What)
		f("route", r.Text)
	}
}
