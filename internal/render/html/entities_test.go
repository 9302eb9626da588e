package html

import (
	"slices"
	"strings"
	"testing"

	"dossier/internal/link"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// TestOthers checks how the other names of an entity are split between the
// line a page shows and the disclosure behind it.
func TestOthers(t *testing.T) {
	long := "INTERPOL National Central Bureau for the Republic" // longer than a line on its own
	for _, tt := range []struct {
		name        string
		aliases     []string
		shown, rest []string
	}{
		{"none", nil, nil, nil},
		{"one short", []string{"MIA"}, []string{"MIA"}, nil},
		{"a few that fit", []string{"MIA", "MVD", "Ministry of Internal Affairs"}, []string{"MIA", "MVD", "Ministry of Internal Affairs"}, nil},
		{"one long name is still shown", []string{long}, []string{long}, nil},
		{"one name over is not hidden alone", []string{long, "NCB"}, []string{long, "NCB"}, nil},
		{"many", []string{"NCB Minsk", "INTERPOL Minsk", "NCB", long, "Belarusian bureau of INTERPOL"},
			[]string{"NCB Minsk", "INTERPOL Minsk", "NCB"}, []string{long, "Belarusian bureau of INTERPOL"}},
		{"a long first name, then many", []string{long, "A", "B", "C"}, []string{long}, []string{"A", "B", "C"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := others(tt.aliases)
			if !slices.Equal(got.Shown, tt.shown) || !slices.Equal(got.Rest, tt.rest) {
				t.Errorf("others(%q) = shown %q, rest %q; want %q, %q", tt.aliases, got.Shown, got.Rest, tt.shown, tt.rest)
			}
		})
	}
}

// TestNamedInside checks the page of an entity whose name a paragraph
// holds only inside the longer name of another: the page does not say
// that no paragraph names it, but that none does on its own, and lists the
// paragraph apart, with the entity it names there; the register counts it
// apart from the mentions. A term written "Name (ABBR)" is found as
// "Name".
func TestNamedInside(t *testing.T) {
	d := unresolvedFixture()
	unit := &model.Entity{ID: "public-police", Name: "Public security police", Kind: model.Unit, Path: "sources/entities/test.yaml", Line: 40}
	term := &model.Entity{ID: "security-police", Name: "security police (SP)", Kind: model.Term, Path: "sources/entities/test.yaml", Line: 42}
	d.Entities = append(d.Entities, unit, term)
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	if len(term.Mentions) != 0 || len(term.Inside) != 1 || term.Inside[0].Within != unit {
		t.Fatalf("the term has mentions %v, inside %v; want none, and one inside the unit's name", term.Mentions, term.Inside)
	}
	out := render(t, d)
	page := string(out.Files["site/entities/security-police.html"])
	for _, want := range []string{
		"<p>No paragraph of the sources names it on its own.</p>",
		`<p id="inside">Its name also stands inside the longer name of another entity in 1 paragraph. That paragraph names the other entity there, and is not counted as naming this one:</p>`,
		`<a class="pn" href="../sources/alpha-report.html#p3">S1 ¶3</a> Public <mark>security police</mark> — in <a href="public-police.html">Public security police</a></li>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the term's page lacks %s", want)
		}
	}
	if strings.Contains(page, "No paragraph of the sources names it by its name") {
		t.Error("the term's page says no paragraph names it")
	}
	if p := string(out.Files["site/entities/public-police.html"]); strings.Contains(p, `id="inside"`) || !strings.Contains(p, "1 paragraph of the sources names it.") {
		t.Error("the unit's page should list its mention, and nothing inside other names")
	}
	reg := string(out.Files["site/entities.html"])
	if !strings.Contains(reg, "0 claims · 0 mentions · 1 within other names</span>") {
		t.Error("the register does not count the term's name inside another apart")
	}
}

// TestEntityGroupsOrder: the register lists terms, instruments, people
// and places alphabetically, as the briefing's Glossary does, and agencies
// and units in the order of the data, each after the body it is part of.
func TestEntityGroupsOrder(t *testing.T) {
	t.Parallel()
	var es []*model.Entity
	for _, x := range []struct {
		name string
		kind model.EntityKind
	}{{"Zeta rule", model.Term}, {"Second agency", model.Agency}, {"alpha notice", model.Term}, {"First agency", model.Agency}, {"“Beta” list", model.Term}} {
		es = append(es, &model.Entity{ID: x.name, Name: x.name, Kind: x.kind})
	}
	got := map[model.EntityKind][]string{}
	for _, g := range entityGroups(es) {
		for _, e := range g.Entities {
			got[g.Kind] = append(got[g.Kind], e.Name)
		}
	}
	if want := []string{"alpha notice", "“Beta” list", "Zeta rule"}; !slices.Equal(got[model.Term], want) {
		t.Errorf("terms %q, want %q", got[model.Term], want)
	}
	if want := []string{"Second agency", "First agency"}; !slices.Equal(got[model.Agency], want) {
		t.Errorf("agencies %q, want %q", got[model.Agency], want)
	}
}

func TestFirstSentence(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"One sentence only.", "One sentence only."},
		{"The bureau in the capital, as S1 ¶4 says. It reports to the ministry.", "The bureau in the capital, as S1 ¶4 says."},
		{"Named in S1. of the list, then more words here. Second.", "Named in S1. of the list, then more words here."},
		{"Short. Then a second sentence follows it.", "Short. Then a second sentence follows it."},
		{strings.Repeat("word ", 50), strings.TrimSpace(strings.Repeat("word ", 23)) + "…"},
		{"Бюро в столице, как пишет S1. Оно подчинено министерству.", "Бюро в столице, как пишет S1."},
		{"Бюро в столице, по данным S1. и далее без заглавной", "Бюро в столице, по данным S1. и далее без заглавной"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := firstSentence(tt.in, 115); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSummaryBackground: a summary taken from a background passage says
// so, as the entity's page marks it.
func TestSummaryBackground(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		src        string
		text       string
		background bool
	}{
		{"> [!background]\n> A body like any other. It does things.\n\nThe source says more.", "A body like any other.", true},
		{"The source names it first. More follows.", "The source names it first.", false},
	} {
		src := []byte(tt.src)
		e := &model.Entity{ID: "x", Name: "X", Description: &model.Prose{Source: src, Doc: markdown.Parse(markdown.New(), src)}}
		got := (&page{}).Summary(e)
		if got == nil || got.Text != tt.text || got.Background != tt.background {
			t.Errorf("Summary of %q = %+v, want %q, background %v", tt.src, got, tt.text, tt.background)
		}
	}
	if got := (&page{}).Summary(&model.Entity{ID: "y"}); got != nil {
		t.Errorf("Summary without a description = %+v", got)
	}
}
