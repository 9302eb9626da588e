package main

import (
	"strings"
	"testing"

	"dossier/internal/model"
)

// TestPDFMarkets checks that the briefing's crime-market chapter has a
// section for every market of the Index, with its coverage stated, and
// that markets the sources do not cover say so.
func TestPDFMarkets(t *testing.T) {
	forEach(t, checkMarkets)
}

func checkMarkets(t *testing.T, x *fixture) {
	d := x.load(t)
	if d.Markets == nil {
		t.Skip("the sources have no market summary")
	}
	text := squash(x.pdfText(t))
	uncovered := 0
	for _, m := range d.Markets.Markets {
		want := m.Name() + " " + m.Group().Label() + " · " + m.Coverage.Label()
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks the section heading and coverage %q", want)
		}
		if m.Coverage == model.NotCovered {
			uncovered++
			if !strings.Contains(text, want+" The sources do not speak to this market") {
				t.Errorf("%s: the section does not say the sources do not cover it", m.Name())
			}
		}
	}
	if len(d.Markets.Markets) != len(model.MarketIDs) {
		t.Errorf("%d markets, want the Index's %d", len(d.Markets.Markets), len(model.MarketIDs))
	}
	if uncovered == 0 && x == fictional {
		t.Error("every market of the fictional dossier is covered; the uncovered case is not exercised")
	}
}
