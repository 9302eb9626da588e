package link

import (
	"testing"

	"golang.org/x/tools/txtar"

	"dossier/internal/model"
)

func TestMarketsResolve(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- entities/places.yaml --
- id: belarus
  name: Belarus
  kind: place
-- entities/units.yaml --
- id: ncb
  name: National Central Bureau
  kind: unit
-- markets.yaml --
markets:
  - id: human-smuggling
    coverage: covered
    roles:
      - role: transit
        hedge: answers to
        cites:
          - source: doc
            quote: The NCB answers to the First Deputy Minister
    agencies:
      - agency: ncb
        cites:
          - source: doc
            quote: The NCB for Belarus is part of the Criminal Police.
      - agency: ncb
        assigned: true
        note: the analyst's choice
routes:
  - what: migrants
    markets: [human-smuggling]
    via: [belarus]
    to: {name: the EU}
    cites:
      - source: doc
        quote: The State Border Guard Committee.
`)))
	if err != nil {
		t.Fatal(err)
	}
	m := d.Markets.Market(model.HumanSmuggling)
	if got := m.Roles[0].Cites[0].Label(); got != "S1 ¶2" {
		t.Errorf("role cites %s, want S1 ¶2", got)
	}
	if m.Agencies[0].Entity != d.Entity("ncb") || m.Agencies[0].Assigned() || !m.Agencies[1].Assigned() {
		t.Errorf("agencies = %+v", m.Agencies)
	}
	r := m.Routes[0]
	if r.Via[0].Entity != d.Entity("belarus") || r.Via[0].Label() != "Belarus" || r.To.Label() != "the EU" {
		t.Errorf("route = %+v", r)
	}
	if got := r.Cites[0].Label(); got != "S1 ¶3" {
		t.Errorf("route cites %s, want S1 ¶3", got)
	}
	if docs := m.Sources(); len(docs) != 1 || docs[0].Ref != "S1" {
		t.Errorf("sources = %v", docs)
	}
}

// TestWholeBlockQuote checks that a quote found in two paragraphs resolves
// to the one it makes up entirely: a list item "Drugs" beside "Drugs and
// Trafficking in Human Beings".
func TestWholeBlockQuote(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- documents/doc.txt --
Criminal Police:

  • Drugs and Trafficking in Human Beings.

Priority crime areas:

  • Drugs
  • Terrorism.
-- entities/terms.yaml --
- id: drugs
  name: drug crime
  kind: term
  claims:
    - text: A priority.
      cites:
        - source: doc
          quote: Drugs
`)))
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Entity("drugs").Claims[0].Cites[0].Label(); got != "S1 ¶2" {
		t.Errorf("quote resolved to %s, want S1 ¶2", got)
	}
}
