package pdf

import (
	"regexp"
	"strings"
	"testing"

	"dossier/internal/model"
)

// withMarkets adds to d a crime-market summary over its first document:
// arms trafficking covered with a cited transit role, financial crimes
// mentioned, every other market not covered; the subject is Ruritania.
func withMarkets(d *model.Dossier) *model.Dossier {
	alpha := d.Documents[0]
	cite := func(i int) []model.Citation {
		b := &alpha.Blocks[i]
		return []model.Citation{{Source: alpha.ID, Quote: b.Text, Doc: alpha, Block: b}}
	}
	s := &model.MarketSummary{Path: "sources/markets.yaml"}
	for _, id := range model.MarketIDs {
		s.Markets = append(s.Markets, &model.Market{ID: id, Coverage: model.NotCovered, Path: s.Path})
	}
	arms := s.Market(model.ArmsTrafficking)
	arms.Coverage = model.Covered
	arms.Roles = []model.RoleFinding{{Role: model.Transit, Finding: model.Finding{Claim: model.Claim{Text: "Arms pass through.", Cites: cite(2)}}}}
	fin := s.Market(model.FinancialCrimes)
	fin.Coverage = model.Mentioned
	fin.Findings = []model.Finding{{Claim: model.Claim{Text: "Named in passing.", Cites: cite(3)}}}
	for _, id := range model.ActorTypeIDs {
		s.Actors = append(s.Actors, &model.ActorType{ID: id, Coverage: model.NotCovered, Path: s.Path})
	}
	for _, id := range model.ResilienceIDs {
		s.Resilience = append(s.Resilience, &model.ResilienceArea{ID: id, Coverage: model.NotCovered, Path: s.Path})
	}
	s.Connect()
	d.Markets = s
	d.Subject = &model.Entity{ID: "ruritania", Name: "Ruritania", Kind: model.Place}
	return d
}

// TestMarketsChapter checks, in the text pdftotext reads back, that every
// market has its row in the summary and its section, that a market the
// sources do not cover reads "not covered by the sources" in both, and that
// a covered market's role is printed with its citation.
func TestMarketsChapter(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	d := withMarkets(testDossier(t))
	path := writeTemp(t, renderBytes(t, d))
	text := strings.Join(strings.Fields(command(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
	start := strings.Index(text, "Ruritania’s criminal markets as the sources describe them")
	if start < 0 {
		t.Fatal("the PDF has no crime-market chapter")
	}
	chapter := text[start:]
	// The summary table comes first, up to its legend.
	table := chapter[:max(0, strings.Index(chapter, "● a role a source states"))]
	if table == "" {
		t.Fatal("the crime-market chapter has no summary table legend")
	}
	for _, m := range d.Markets.Markets {
		heading := m.Name() + " " + m.Group().Label() + " · " + m.Coverage.Label()
		at := strings.Index(chapter, heading)
		if at < 0 {
			t.Errorf("no section for %s with its coverage: %q", m.ID, heading)
			continue
		}
		// The market's row: from its name to the next market's.
		row := table[max(0, strings.Index(table, m.Name())):]
		if next := nextMarket(d.Markets, m); next != nil {
			row = row[:max(0, strings.Index(row, next.Name()))]
		}
		if !strings.HasPrefix(row, m.Name()) {
			t.Errorf("the summary table has no row for %s", m.ID)
			continue
		}
		section := chapter[at+len(heading):]
		switch m.Coverage {
		case model.NotCovered:
			if !strings.Contains(row, model.NotCovered.Label()) {
				t.Errorf("the summary row of uncovered %s does not say so: %q", m.ID, row)
			}
			if !strings.HasPrefix(section, " The sources do not speak to this market in Ruritania. Nothing about it is filled in") {
				t.Errorf("the section of uncovered %s does not say so: %.80q", m.ID, section)
			}
		default:
			if strings.Contains(row, model.NotCovered.Label()) {
				t.Errorf("the summary row of %s (%s) reads not covered: %q", m.ID, m.Coverage, row)
			}
		}
	}
	if !regexp.MustCompile(`Arms trafficking Trade · covered by the sources • Transit: stated Arms pass through\. \[S1 ¶2 · B2\]`).MatchString(chapter) {
		t.Errorf("the section of arms trafficking lacks its cited transit role:\n%.400s", chapter[strings.Index(chapter, "Arms trafficking Trade"):])
	}
}

// nextMarket returns the market after m in the summary, or nil.
func nextMarket(s *model.MarketSummary, m *model.Market) *model.Market {
	for i, x := range s.Markets {
		if x == m && i+1 < len(s.Markets) {
			return s.Markets[i+1]
		}
	}
	return nil
}

// TestMarketsOverviewAndRoutes checks that the briefing prints what the
// site does of the crime markets beyond the summary table: the subject's
// place in crime at large, and each route's note (how the analyst read
// the source, the hedge it keeps), in the routes table and in the
// market's section, where the route has its badge too.
func TestMarketsOverviewAndRoutes(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	d := withMarkets(testDossier(t))
	alpha := d.Documents[0]
	cite := func(i int) []model.Citation {
		b := &alpha.Blocks[i]
		return []model.Citation{{Source: alpha.ID, Quote: b.Text, Doc: alpha, Block: b}}
	}
	ms := d.Markets
	ms.Overview = []model.Finding{{Claim: model.Claim{Text: "Ruritania is a crossroads of trades.", Cites: cite(3)}}}
	ms.Routes = []*model.Route{{
		What: "illicit arms", MarketIDs: []model.MarketID{model.ArmsTrafficking},
		From: &model.RoutePoint{Name: "the north"}, To: &model.RoutePoint{Name: "the south"},
		Finding: model.Finding{Claim: model.Claim{Text: "“via Ruritania” is the analyst's reading", Cites: cite(2)}},
	}}
	ms.Connect()
	path := writeTemp(t, renderBytes(t, d))
	text := strings.Join(strings.Fields(command(t, "pdftotext", "-enc", "UTF-8", path, "-")), " ")
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`Ruritania at large • stated Ruritania is a crossroads of trades\. \[S1 ¶3 · B2\] Markets at a glance`),
		regexp.MustCompile(`1 illicit arms — “via Ruritania” is the analyst’s reading `),
		regexp.MustCompile(`Route: stated illicit arms: the north → the south — “via Ruritania” is the analyst’s reading \[S1 ¶2 · B2\]`),
	} {
		if !want.MatchString(text) {
			t.Errorf("the crime-market chapter lacks %s:\n%.1500s", want, text[max(0, strings.LastIndex(text, "Ruritania at large")):])
		}
	}
}
