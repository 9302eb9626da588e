package link

import (
	"regexp"
	"strings"
	"testing"

	"dossier/internal/model"
)

// TestRepositoryMarkets checks the repository's crime-market summary: the
// whole framework in the Index's order, every covered market with a cited
// role, uncovered markets kept and marked, INTERPOL's priority areas mapped,
// and no number in the analyst's words that the sources do not give.
func TestRepositoryMarkets(t *testing.T) {
	d := loadRepository(t)
	if err := Resolve(d); err != nil {
		t.Fatal(err)
	}
	s := d.Markets
	if s == nil {
		t.Fatal("no sources/markets.yaml")
	}
	if len(s.Markets) != 15 || len(s.Actors) != 5 || len(s.Resilience) != 12 {
		t.Fatalf("%d markets, %d actor types, %d resilience areas; want 15, 5, 12", len(s.Markets), len(s.Actors), len(s.Resilience))
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
	// What the sources say, and do not say, as read when the data was written.
	want := map[model.MarketID]model.Coverage{
		model.HumanTrafficking: model.Covered, model.Extortion: model.NotCovered,
		model.ArmsTrafficking: model.Covered, model.CounterfeitGoods: model.NotCovered,
		model.HeroinTrade: model.NotCovered, model.CocaineTrade: model.NotCovered,
		model.SyntheticDrugTrade: model.Covered,
	}
	for id, c := range want {
		if got := s.Market(id).Coverage; got != c {
			t.Errorf("%s: coverage %s, want %s", id, got, c)
		}
	}
	if tr := s.Market(model.SyntheticDrugTrade).Trends; len(tr) == 0 || tr[0].Phrase != "fastest-growing" {
		t.Errorf("synthetic drugs trend = %+v, want fastest-growing", tr)
	}

	// INTERPOL's priority areas (S1), each cited and mapped.
	meets := map[string][]model.MarketID{
		"Drugs":                         {model.HeroinTrade, model.CocaineTrade, model.CannabisTrade, model.SyntheticDrugTrade},
		"Economic and financial crime":  {model.FinancialCrimes},
		"Firearms and explosives":       {model.ArmsTrafficking},
		"Fugitives and missing persons": nil,
		"Illegal immigration":           {model.HumanSmuggling},
		"Organized crime":               nil,
		"Terrorism":                     nil,
		"Trafficking in human beings":   {model.HumanTrafficking},
	}
	found := 0
	for _, p := range s.Priorities {
		if len(p.Cites) == 0 || p.Cites[0].Block == nil {
			t.Errorf("priority %s is not cited", p.Name)
		}
		ms, ok := meets[p.Name]
		if !ok {
			continue
		}
		found++
		if p.Cites[0].Doc.ID != "interpol-minsk" {
			t.Errorf("priority %s cites %s first, want S1's list", p.Name, p.Cites[0].Label())
		}
		if strings.Join(ids(p.MarketIDs), ",") != strings.Join(ids(ms), ",") {
			t.Errorf("priority %s meets %v, want %v", p.Name, p.MarketIDs, ms)
		}
	}
	if found != len(meets) {
		t.Errorf("found %d of S1's %d priority areas", found, len(meets))
	}

	for _, r := range s.Routes {
		for _, p := range append([]*model.RoutePoint{r.From, r.To}, ptrs(r.Via)...) {
			if p != nil && p.EntityID != "" && p.Entity == nil {
				t.Errorf("route %s: place %s unresolved", r.What, p.EntityID)
			}
		}
	}

	// No number may be invented: every number in the analyst's words
	// occurs in the sources (source refs such as "S4" aside).
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
