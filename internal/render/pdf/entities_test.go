package pdf

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dossier/internal/link"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// withEntities adds to d, and resolves, an agency with a unit, a claim, an
// allegation and a description with references, and a glossary term: what
// the Agencies chapter, the Glossary and the index are made of.
func withEntities(t *testing.T, d *model.Dossier) *model.Dossier {
	t.Helper()
	desc := []byte("> [!background]\n> Bodies like it exist everywhere.\n\nThe body the paragraph [[S:alpha#1]] describes; see its [[desk]].")
	agency := &model.Entity{
		ID: "alpha-agency", Name: "Alpha Agency", Kind: model.Agency, Aliases: []string{"AA"},
		Description: &model.Prose{Source: desc, Doc: markdown.Parse(markdown.New(), desc), Path: "sources/entities/test.yaml", Line: 4},
		Claims: []model.Claim{
			{Text: "It does many things.", Cites: []model.Citation{{Source: "alpha", Quote: "The agency does many things"}}},
			{Text: "It does a lot, the paragraph says.", Hedge: "which this paragraph describes", Cites: []model.Citation{{Source: "alpha", Quote: "many things, which this paragraph describes"}}},
			{Text: "S2 alleges something of it.", Allegation: true, Cites: []model.Citation{{Source: "beta", Quote: "Text of section 3."}}},
		},
		Path: "sources/entities/test.yaml", Line: 1,
	}
	desk := &model.Entity{ID: "desk", Name: "Structure desk", Kind: model.Unit, Path: "sources/entities/test.yaml", Line: 20}
	desk.Relations = []*model.Relation{{Type: model.PartOf, From: desk, ToID: "alpha-agency",
		Cites: []model.Citation{{Source: "alpha", Quote: "A paragraph under a second-level heading."}}}}
	duty := &model.Entity{ID: "duty", Name: "First duty", Kind: model.Term, Path: "sources/entities/test.yaml", Line: 30,
		Claims: []model.Claim{{Text: "A duty of the agency.", Cites: []model.Citation{{Source: "alpha", Quote: "First duty"}}}}}
	d.Entities = []*model.Entity{agency, desk, duty}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestEntityChapters reads the Agencies chapter, the Glossary and the
// index back from the PDF: profiles with cited claims, each with its badge
// (stated, hedged with the source's hedge, alleged with its source's
// grade), the key to the badges, a background passage, the unit under its agency, and an
// index whose every page number leads to a page that prints the name.
func TestEntityChapters(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	d := withEntities(t, testDossier(t))
	s, err := settle(t.Context(), d, testOptions(t), (*doc).chapters)
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, renderBytes(t, d))
	// In the order drawn (two columns read one after the other), without
	// the bullets drawn after an item's first line, and with the words
	// hyphenated at a line's end joined again.
	pages := strings.Split(command(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-"), "\f")
	joined := strings.ReplaceAll(strings.Join(pages, " "), "\n•\n", "\n")
	joined = regexp.MustCompile(`(\p{Ll})-\n(\p{Ll})`).ReplaceAllString(joined, "$1$2")
	text := strings.Join(strings.Fields(joined), " ")
	for _, want := range []string{
		"Agencies", "Alpha Agency", "Also named: AA",
		"stated It does many things. [S1 ¶1 · B2]",
		"hedged “which this paragraph describes” It does a lot, the paragraph says. [S1 ¶1 · B2]",
		"alleged · S2 F3 S2 alleges something of it. [S2 ¶3 · F3]",
		"background Bodies like it exist everywhere. The body the paragraph S1 ¶1 · B2 describes",
		"Each statement carries a badge", "stated the source states it as fact.",
		"Structure desk", "Is part of Alpha Agency", "Includes Structure desk",
		"Glossary", "Glossary terms", "First duty",
		"Index", "AA, see Alpha Agency",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	agencies := -1
	for i, p := range pages {
		if strings.Contains(p, "A profile of each agency") {
			agencies = i + 1
		}
	}
	if agencies < 0 {
		t.Fatal("no Agencies chapter")
	}
	if got := s.profilePage["desk"]; got < agencies || got > agencies+1 {
		t.Errorf("the unit's profile is on page %d, want it in the Agencies chapter (page %d)", got, agencies)
	}
	for _, e := range d.Entities {
		ps := s.appears[e.ID]
		if len(ps) == 0 {
			t.Errorf("%s: the index gives no page", e.ID)
			continue
		}
		for _, p := range ps {
			if p < 1 || p > len(pages) || !strings.Contains(strings.Join(strings.Fields(pages[p-1]), " "), e.Name) {
				t.Errorf("%s: the index gives page %d, which does not print %q", e.ID, p, e.Name)
			}
		}
		index := text[strings.LastIndex(text, "Where each entity is named"):]
		if !strings.Contains(index, e.Name+" "+strconv.Itoa(ps[0])) {
			t.Errorf("the index lacks the entry %q followed by page %d", e.Name, ps[0])
		}
	}
}

// TestNamedInside checks the note under the profile of an entity whose
// name the sources hold only inside the longer name of another, which is
// what they name there: the briefing says so, with the paragraphs, as the
// site does, and does not count them as naming it.
func TestNamedInside(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	d := testDossier(t)
	outer := &model.Entity{ID: "outer", Name: "second-level heading", Kind: model.Term, Path: "sources/entities/test.yaml", Line: 1}
	inner := &model.Entity{ID: "inner", Name: "heading (HD)", Kind: model.Term, Path: "sources/entities/test.yaml", Line: 3}
	d.Entities = []*model.Entity{outer, inner}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	if len(inner.Mentions) != 0 || len(inner.Inside) != 1 {
		t.Fatalf("inner: %d mentions, %d inside another name; want 0, 1", len(inner.Mentions), len(inner.Inside))
	}
	path := writeTemp(t, renderBytes(t, d))
	text := strings.Join(strings.Fields(command(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")), " ")
	for _, want := range []string{
		"second-level heading Named in 1 paragraph of the sources: S1 ¶4.",
		"heading (HD) Named in no paragraph of the sources on its own; its name stands inside another entity’s longer name in 1 paragraph, which names that entity: S1 ¶4.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

func TestGlossaryOrder(t *testing.T) {
	t.Parallel()
	var es []*model.Entity
	for _, n := range []string{"Zeta rule", "wanted list", "Alpha notice", "“Beta” channel", "an agency"} {
		kind := model.Term
		if n == "an agency" {
			kind = model.Agency
		}
		es = append(es, &model.Entity{ID: n, Name: n, Kind: kind})
	}
	var got []string
	for _, e := range glossaryOf(es, model.Term) {
		got = append(got, e.Name)
	}
	if want := []string{"Alpha notice", "“Beta” channel", "wanted list", "Zeta rule"}; !slices.Equal(got, want) {
		t.Errorf("glossary order %q, want %q", got, want)
	}
}
