package source

import (
	"errors"
	"strings"
	"testing"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// marketsArchive is a minimal set of sources with the given markets file.
func marketsArchive(markets string) string {
	return settings + "-- documents/x.yaml --\n" + meta("x", "") +
		"-- documents/x.txt --\nBelarus is a transit country for drugs.\n" +
		"-- markets.yaml --\n" + markets
}

// TestLoadMarketsSubject checks that the loader's messages name the subject
// of the dossier as its entity names it.
func TestLoadMarketsSubject(t *testing.T) {
	archive := strings.Replace(marketsArchive("markets:\n  - id: fauna-crimes\n    coverage: covered\n"),
		"cutoff: 2026-01-31\n", "cutoff: 2026-01-31\nsubject: ruritania\n", 1) +
		"-- entities/places.yaml --\n- id: ruritania\n  name: Ruritania\n  kind: place\n  description: A fictional kingdom.\n"
	_, err := Load(fixture(t, archive, nil), Options{})
	if err == nil {
		t.Fatal("loaded a covered market without a role")
	}
	if want := "markets.yaml:2: market fauna-crimes is covered but gives Ruritania no role"; !strings.Contains(err.Error(), want) {
		t.Errorf("error:\n%v\nwant a line with %q", err, want)
	}
}

// TestLoadMarketsErrors checks that each kind of bad markets data fails
// with the file, the line and what was expected.
func TestLoadMarketsErrors(t *testing.T) {
	const cite = "    cites:\n      - source: x\n        quote: a transit country\n"
	tests := []struct {
		name    string
		markets string
		want    string // a line of the error, exactly or as a prefix
	}{
		{
			name:    "unknown market id",
			markets: "markets:\n  - id: drug-trade\n    coverage: covered\n",
			want:    `markets.yaml:2: market "drug-trade" is not one of the Index's markets; want one of human-trafficking, human-smuggling,`,
		},
		{
			name:    "unknown key",
			markets: "markets:\n  - id: arms-trafficking\n    coverage: covered\n    trend: up\n",
			want:    `markets.yaml:4: unknown key "trend"`,
		},
		{
			name: "bad role",
			markets: "markets:\n  - id: arms-trafficking\n    coverage: covered\n    roles:\n      - role: source\n" + indent(cite, 4) +
				"      - role: transit\n" + indent(cite, 4),
			want: `markets.yaml:5: market arms-trafficking: role "source": want one of origin, transit, destination, domestic`,
		},
		{
			name: "role given twice",
			markets: "markets:\n  - id: arms-trafficking\n    coverage: covered\n    roles:\n      - role: transit\n" + indent(cite, 4) +
				"      - role: transit\n" + indent(cite, 4),
			want: `markets.yaml:9: market arms-trafficking: role transit is given twice`,
		},
		{
			name: "duplicate market",
			markets: "markets:\n  - id: extortion-protection-racketeering\n    coverage: not-covered\n" +
				"  - id: extortion-protection-racketeering\n    coverage: not-covered\n",
			want: `markets.yaml:4: market "extortion-protection-racketeering" is already listed at line 2`,
		},
		{
			name:    "bad coverage",
			markets: "markets:\n  - id: heroin-trade\n    coverage: partly\n",
			want:    `markets.yaml:3: market heroin-trade: coverage "partly": want one of covered, mentioned, not-covered`,
		},
		{
			name:    "missing coverage",
			markets: "markets:\n  - id: heroin-trade\n    note: nothing in the sources\n",
			want:    `markets.yaml:2: market heroin-trade: coverage "": want one of covered, mentioned, not-covered`,
		},
		{
			name:    "covered without a role",
			markets: "markets:\n  - id: fauna-crimes\n    coverage: covered\n    findings:\n      - text: Wildlife.\n" + indent(cite, 4),
			want:    `markets.yaml:2: market fauna-crimes is covered but gives the subject no role`,
		},
		{
			name:    "not covered but filled in",
			markets: "markets:\n  - id: cocaine-trade\n    coverage: not-covered\n    findings:\n      - text: Cocaine.\n" + indent(cite, 4),
			want:    `markets.yaml:2: market cocaine-trade is not-covered but has roles, trends, actors, agencies or findings`,
		},
		{
			name:    "role without a citation",
			markets: "markets:\n  - id: arms-trafficking\n    coverage: covered\n    roles:\n      - role: transit\n",
			want:    `markets.yaml:5: no citation: every claim and relation cites at least one source with a quote`,
		},
		{
			name:    "trend without a phrase",
			markets: "markets:\n  - id: arms-trafficking\n    coverage: mentioned\n    trends:\n      - text: arms\n" + indent(cite, 4),
			want:    `markets.yaml:5: market arms-trafficking: a trend needs phrase`,
		},
		{
			name:    "bad actor type",
			markets: "markets:\n  - id: arms-trafficking\n    coverage: mentioned\n    actors:\n      - type: gangs\n        text: gangs\n" + indent(cite, 4),
			want:    `markets.yaml:5: market arms-trafficking: actor type "gangs": want one of mafia-style-groups, criminal-networks,`,
		},
		{
			name:    "agency without citation or assignment",
			markets: "markets:\n  - id: arms-trafficking\n    coverage: mentioned\n    agencies:\n      - agency: customs\n",
			want:    `markets.yaml:5: market arms-trafficking: agency customs cites nothing; cite the source that ties it to the market, or write assigned: true and a note`,
		},
		{
			name:    "assigned agency without a note",
			markets: "markets:\n  - id: arms-trafficking\n    coverage: mentioned\n    agencies:\n      - agency: customs\n        assigned: true\n",
			want:    `markets.yaml:5: market arms-trafficking: agency customs is assigned by the analyst; say why in note`,
		},
		{
			name:    "unknown actor type section id",
			markets: "actors:\n  - id: pirates\n    coverage: not-covered\n",
			want:    `markets.yaml:2: actor type "pirates" is not one of the Index's`,
		},
		{
			name:    "duplicate resilience area",
			markets: "resilience:\n  - id: prevention\n    coverage: not-covered\n  - id: prevention\n    coverage: not-covered\n",
			want:    `markets.yaml:4: resilience area "prevention" is already listed at line 2`,
		},
		{
			name:    "priority area mapped to an unknown market",
			markets: "priorities:\n  - id: drugs\n    name: Drugs\n    markets: [opium-trade]\n" + cite,
			want:    `markets.yaml:4: priority area drugs: market "opium-trade" is not one of the Index's markets`,
		},
		{
			name:    "route of an uncovered market",
			markets: "routes:\n  - what: heroin\n    markets: [heroin-trade]\n    via: [belarus]\n" + cite,
			want:    `markets.yaml:2: route of heroin-trade, which is marked not-covered: a market with a route is covered`,
		},
		{
			name:    "route place of a bad form",
			markets: "routes:\n  - what: goods\n    via:\n      - [belarus, poland]\n" + cite,
			want:    `markets.yaml:4: a place is an entity id, or {name: …} for a place no entity stands for`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fixture(t, marketsArchive(tt.markets), nil), Options{})
			if err == nil {
				t.Fatalf("Load succeeded; want an error with %q", tt.want)
			}
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Errorf("error %T does not unwrap to *diag.Error", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(line, tt.want) {
					return
				}
			}
			t.Errorf("error:\n%v\nwant a line starting %q", err, tt.want)
		})
	}
}

// indent indents every line of s by n more spaces.
func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = pad + l
		}
	}
	return strings.Join(lines, "")
}

// TestLoadMarkets checks that the whole framework is present in the Index's
// order whatever the file lists, and that back-links are made.
func TestLoadMarkets(t *testing.T) {
	d, err := Load(fixture(t, marketsArchive(`
markets:
  - id: synthetic-drug-trade
    coverage: covered
    roles:
      - role: transit
        hedge: is a transit
        cites:
          - source: x
            quote: Belarus is a transit country
    actors:
      - type: criminal-networks
        text: networks
        cites:
          - source: x
            quote: transit country for drugs
priorities:
  - id: drugs
    name: Drugs
    markets: [synthetic-drug-trade, heroin-trade]
    cites:
      - source: x
        quote: drugs
  - id: terrorism
    name: Terrorism
    cites:
      - source: x
        quote: drugs
routes:
  - what: drugs
    markets: [synthetic-drug-trade]
    via: [belarus]
    to: {name: somewhere}
    cites:
      - source: x
        quote: drugs
`), nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := d.Markets
	if len(s.Markets) != len(model.MarketIDs) || len(s.Actors) != len(model.ActorTypeIDs) || len(s.Resilience) != len(model.ResilienceIDs) {
		t.Fatalf("got %d markets, %d actor types, %d areas; want the whole framework", len(s.Markets), len(s.Actors), len(s.Resilience))
	}
	for i, id := range model.MarketIDs {
		if s.Markets[i].ID != id {
			t.Errorf("market %d is %s, want %s", i, s.Markets[i].ID, id)
		}
	}
	syn, heroin := s.Market(model.SyntheticDrugTrade), s.Market(model.HeroinTrade)
	if syn.Coverage != model.Covered || heroin.Coverage != model.NotCovered || heroin.Line != 0 {
		t.Errorf("coverage: synthetic %s, heroin %s (line %d)", syn.Coverage, heroin.Coverage, heroin.Line)
	}
	if r := syn.Role(model.Transit); r == nil || r.Allegation || r.Hedge != "is a transit" || r.Evidence() != model.Hedged {
		t.Errorf("transit role = %+v, want hedged, not an allegation", r)
	}
	if len(heroin.Priorities) != 1 || heroin.Priorities[0].ID != "drugs" {
		t.Errorf("heroin priorities = %v, want drugs", heroin.Priorities)
	}
	if terror := s.Priorities[1]; terror.Meets() {
		t.Errorf("terrorism meets %v", terror.Markets)
	}
	nets := s.ActorType(model.CriminalNetworks)
	if len(nets.Markets) != 1 || nets.Markets[0] != syn || syn.Actors[0].Type != nets {
		t.Errorf("criminal networks markets = %v", nets.Markets)
	}
	if len(syn.Routes) != 1 || syn.Routes[0].To.Name != "somewhere" || syn.Routes[0].Via[0].EntityID != "belarus" {
		t.Errorf("routes = %+v", syn.Routes)
	}
}

func TestLoadWithoutMarkets(t *testing.T) {
	d, err := Load(fixture(t, settings+"-- documents/x.yaml --\n"+meta("x", "")+"-- documents/x.txt --\nText.\n", nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Markets != nil {
		t.Errorf("Markets = %+v without a markets file, want nil", d.Markets)
	}
}
