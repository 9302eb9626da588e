package link

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"dossier/internal/diag"
	"dossier/internal/model"
	"dossier/internal/source"
	"dossier/internal/testutil"
)

// load loads testdata/base.txtar plus the files of extra, and resolves it.
func load(t *testing.T, extra *txtar.Archive) (*model.Dossier, error) {
	t.Helper()
	base, err := txtar.ParseFile("testdata/base.txtar")
	if err != nil {
		t.Fatal(err)
	}
	override := map[string]string{}
	for _, f := range extra.Files {
		if f.Name != "want" {
			override[f.Name] = string(f.Data)
		}
	}
	d, err := source.Load(testutil.FromTxtar(base, override), source.Options{})
	if err != nil {
		return nil, err
	}
	return d, Resolve(d)
}

// TestErrors runs every testdata/errors/*.txtar: the sources in it, on top
// of testdata/base.txtar, must fail with the error in its "want" file, which
// names the file and line.
func TestErrors(t *testing.T) {
	files, err := filepath.Glob("testdata/errors/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var want string
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = strings.TrimSpace(string(f.Data))
				}
			}
			_, err = load(t, ar)
			if err == nil {
				t.Fatalf("no error; want %s", want)
			}
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Errorf("error does not carry a position: %v", err)
			}
			if !strings.Contains("\n"+err.Error()+"\n", "\n"+want+"\n") {
				t.Errorf("error:\n%v\nwant the line:\n%s", err, want)
			}
		})
	}
}

func TestFoldQuote(t *testing.T) {
	tests := []struct {
		quote, text string
		match       bool
	}{
		{"part of the Criminal Police", "is part of the Criminal Police.", true},
		{"part of the\n   Criminal Police", "is part of the Criminal Police.", true}, // across a line break
		{"low-level customs", "such as low-\nlevel customs and", true},               // hyphenation
		{"lowlevel customs", "such as low-level customs", true},                      // re-joined hyphen
		{"General Prosecutor's Office", "General Prosecutor’s Office;", true},        // typographic apostrophe
		{`"resolve issues."`, "to «resolve issues.» Predictably", true},              // guillemets
		{"6 - 8 April", "period (6 – 8 April)", true},                                // en dash
		{"part of the criminal police", "is part of the Criminal Police.", false},    // words are exact
		{"part of Criminal Police", "is part of the Criminal Police.", false},        // no word may be missing
		{"Материал доступен", "Материал   доступен на русском", true},
	}
	for _, tt := range tests {
		if got := strings.Contains(foldQuote(tt.text), foldQuote(tt.quote)); got != tt.match {
			t.Errorf("quote %q in %q: match %v, want %v", tt.quote, tt.text, got, tt.match)
		}
	}
}

func TestCitationsResolve(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- entities/agencies.yaml --
- id: ncb
  name: National Central Bureau
  kind: unit
  aliases: [NCB]
  claims:
    - text: It answers to the First Deputy Minister.
      cites:
        - source: doc
          quote: |
            answers to the First
            Deputy Minister
  relations:
    - type: part-of
      to: criminal-police
      cites:
        - source: doc
          quote: The NCB for Belarus is part of the Criminal Police.
- id: criminal-police
  name: Criminal Police
  kind: unit
`)))
	if err != nil {
		t.Fatal(err)
	}
	ncb, cp := d.Entity("ncb"), d.Entity("criminal-police")
	if got := ncb.Claims[0].Cites[0].Label(); got != "S1 ¶2" {
		t.Errorf("claim cites %s, want S1 ¶2", got)
	}
	rel := ncb.Relations[0]
	if rel.To != cp || rel.Cites[0].Label() != "S1 ¶1" {
		t.Errorf("relation to %v citing %s", rel.To, rel.Cites[0].Label())
	}
	if len(cp.Incoming) != 1 || cp.Incoming[0] != rel {
		t.Errorf("criminal-police incoming = %v, want the part-of relation", cp.Incoming)
	}
}

func TestMentions(t *testing.T) {
	ent := func(id, name string, aliases ...string) *model.Entity {
		return &model.Entity{ID: id, Name: name, Aliases: aliases}
	}
	entities := []*model.Entity{
		ent("interpol", "INTERPOL", "Interpol"),
		ent("ncb", "INTERPOL National Central Bureau", "NCB", "National Central Bureau of Interpol"),
		ent("cp", "Criminal Police"),
		ent("gpo", "General Prosecutor’s Office"),
		ent("notice", "yellow notice"),
	}
	m, err := newMatcher(entities)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string // "entity:matched text"
	}{
		{"The INTERPOL National Central Bureau (NCB) for Belarus", []string{"ncb:INTERPOL National Central Bureau", "ncb:NCB"}},
		{"the National Central Bureau of Interpol in the Republic", []string{"ncb:National Central Bureau of Interpol"}},
		{"INTERPOL’s refusal and Interpol", []string{"interpol:INTERPOL", "interpol:Interpol"}},
		{"ncb and NCBs and xNCB are not names", nil},
		{"part of the Criminal Police. Criminal police work", []string{"cp:Criminal Police"}},
		{"The Criminal. Police do not join across a stop", nil},
		{"General Prosecutor’s Office; General Prosecutors Office", []string{"gpo:General Prosecutor’s Office"}},
		{"Yellow notice and yellow notice", []string{"notice:Yellow notice", "notice:yellow notice"}},
	}
	for _, tt := range tests {
		var got []string
		spans, _ := m.find(tt.text)
		for _, s := range spans {
			got = append(got, s.Entity.ID+":"+tt.text[s.Start:s.End])
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("find(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestNestedNames checks the names found inside a longer name of another
// entity, and the names derived from one written "Name (ABBR)": each is
// found as the name without the brackets and as the abbreviation, unless
// another entity declares it, and an abbreviation two entities derive
// names neither.
func TestNestedNames(t *testing.T) {
	ent := func(id, name string, aliases ...string) *model.Entity {
		return &model.Entity{ID: id, Name: name, Aliases: aliases}
	}
	entities := []*model.Entity{
		ent("office", "Central Office (CO)"),
		ent("regional", "Regional Central Office (RCO) of Examples", "Central Office of Northland"),
		ent("northland", "Northland"),
		ent("desk", "Desk of the Central Office", "CO Desk", "CO"),
		ent("term", "liaison body (LB)"),
		ent("group", "Liaison Board (LB)"),
		ent("unit", "Examples Unit (EU-7)"),
		ent("board", "Board of Examples (formerly Board)"),
		ent("convention", "Convention of 1993 (1993)"),
		ent("desk2", "Desk of Examples (Criminal Police)"),
	}
	m, err := newMatcher(entities)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text        string
		spans, refs []string // "entity:matched text"; refs: "entity:matched text<within"
	}{
		// Found by the name without the brackets, and by the full name.
		{"The Central Office met.", []string{"office:Central Office"}, nil},
		{"The Central Office (CO) met.", []string{"office:Central Office (CO)"}, []string{"desk:CO<office"}},
		// "CO" is another entity's declared name, and stays its.
		{"The CO met.", []string{"desk:CO"}, nil},
		// Nested: the longer name is the text's, the inner ones kept apart,
		// each once, but not an alias of the same entity.
		{"The Regional Central Office (RCO) of Examples met.", []string{"regional:Regional Central Office (RCO) of Examples"}, []string{"office:Central Office<regional"}},
		{"The Regional Central Office of Examples met.", []string{"regional:Regional Central Office of Examples"}, []string{"office:Central Office<regional"}},
		{"The RCO met.", []string{"regional:RCO"}, nil},
		{"The Central Office of Northland met.", []string{"regional:Central Office of Northland"}, []string{"office:Central Office<regional", "northland:Northland<regional"}},
		{"The Desk of the Central Office and the Central Office.", []string{"desk:Desk of the Central Office", "office:Central Office"}, []string{"office:Central Office<desk"}},
		// A lower-case term without its brackets, capitalised too; "LB",
		// derived by two entities, names neither.
		{"A liaison body, the Liaison body, the LB.", []string{"term:liaison body", "term:Liaison body"}, nil},
		{"The Liaison Board met.", []string{"group:Liaison Board"}, nil},
		// An abbreviation in brackets is a name; other words in brackets
		// (a year, a parent body) are not, and the name stays whole.
		{"Examples Unit and EU-7.", []string{"unit:Examples Unit", "unit:EU-7"}, nil},
		{"The Board of Examples, formerly Board.", nil, nil},
		{"The Convention of 1993 (1993), in 1993.", []string{"convention:Convention of 1993 (1993)"}, nil},
		{"The Desk of Examples (Criminal Police) and the Desk.", []string{"desk2:Desk of Examples (Criminal Police)"}, nil},
	}
	for _, tt := range tests {
		spans, inner := m.find(tt.text)
		var got, refs []string
		for _, s := range spans {
			got = append(got, s.Entity.ID+":"+tt.text[s.Start:s.End])
		}
		for _, s := range inner {
			refs = append(refs, s.Entity.ID+":"+tt.text[s.Start:s.End]+"<"+s.Within.ID)
		}
		if diff := cmp.Diff(tt.spans, got); diff != "" {
			t.Errorf("find(%q) spans (-want +got):\n%s", tt.text, diff)
		}
		if diff := cmp.Diff(tt.refs, refs); diff != "" {
			t.Errorf("find(%q) nested (-want +got):\n%s", tt.text, diff)
		}
	}
	// The paragraph's mentions: a nested name is a mention apart, Inside,
	// unless the paragraph names the entity on its own too.
	doc := &model.Document{ID: "a", Ref: "S1", Blocks: []model.Block{
		{Kind: model.Paragraph, Number: 1, Text: "The Regional Central Office of Examples met. Then the Central Office met."},
		{Kind: model.Paragraph, Number: 2, Text: "The Regional Central Office of Examples and its Central Office of Northland."},
	}}
	for _, em := range docMentions(m.finder(doc), doc) {
		em.e.Mentions, em.e.Inside = nil, nil
	}
	var got []string
	for _, em := range docMentions(m.finder(doc), doc) {
		g := fmt.Sprintf("%s ¶%d %s", em.e.ID, em.m.Block.Number, em.m.Block.Text[em.m.Start:em.m.End])
		if em.m.Within != nil {
			g += " <" + em.m.Within.ID
		}
		got = append(got, g)
	}
	want := []string{
		"regional ¶1 Regional Central Office of Examples",
		"office ¶1 Central Office",
		"regional ¶2 Regional Central Office of Examples",
		"office ¶2 Central Office <regional",
		"northland ¶2 Northland <regional",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("docMentions (-want +got):\n%s", diff)
	}
}

func TestSentence(t *testing.T) {
	text := "First one. The NCB is here. Last one."
	i := strings.Index(text, "NCB")
	if from, to := sentence(text, i, i+3); text[from:to] != "The NCB is here." {
		t.Errorf("sentence = %q", text[from:to])
	}
	if from, to := sentence("No stop NCB", 8, 11); from != 0 || to != 11 {
		t.Errorf("sentence = [%d,%d), want the whole text", from, to)
	}
}

// Whole dossiers: the fictional one under testdata/fictional, whose
// content the tests pin, and the repository's own sources/, on which they
// check only what holds for any dossier.
const (
	fictionalDir = "../../testdata/fictional"
	sourcesDir   = "../../sources"
)

// loadDir loads and resolves the sources folder dir.
func loadDir(t testing.TB, dir string) *model.Dossier {
	t.Helper()
	d, err := source.Load(os.DirFS(dir), source.Options{Name: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := Resolve(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDossiers resolves both dossiers: every citation must be found, every
// mention must lie inside its sentence, and the fictional dossier's
// mentions must include the obvious ones.
func TestDossiers(t *testing.T) {
	for _, dir := range []string{fictionalDir, sourcesDir} {
		d := loadDir(t, dir)
		for _, e := range d.Entities {
			for _, c := range e.Claims {
				for _, cite := range c.Cites {
					if cite.Block == nil {
						t.Errorf("%s: %s: unresolved citation %+v", dir, e.ID, cite)
					}
				}
			}
			for _, m := range e.Mentions {
				if !(m.From <= m.Start && m.Start < m.End && m.End <= m.To && m.To <= len(m.Block.Text)) {
					t.Errorf("%s: %s: mention in %s %s: name [%d,%d) outside its sentence [%d,%d)", dir, e.ID, m.Doc.Ref, m.Block.Label(), m.Start, m.End, m.From, m.To)
				}
			}
		}
	}
	d := loadDir(t, fictionalDir)
	tests := []struct {
		entity, doc string
		para        int
		name        string
		sentence    string
	}{
		{"narcotics-unit", "vmpo-annual-review", 11, "Narcotics Unit", "The Narcotics Unit cooperates with the Customs Service of Valdoria on seizures at the port of Kessmar."},
		{"customs-service", "vmpo-annual-review", 11, "Customs Service of Valdoria", "The Narcotics Unit cooperates with the Customs Service of Valdoria on seizures at the port of Kessmar."},
		{"port-liaison-desk", "kestrel-institute-brief", 3, "Port Liaison Desk", "Its Enforcement Directorate runs the Investigations Division, which in turn includes the Port Liaison Desk at Kessmar."},
		{"vmpo", "vmpo-annual-review", 3, "Ministry of Public Order", "The Ministry of Public Order is responsible for policing, public safety and the protection of the constitutional order in Valdoria."},
	}
	for _, tt := range tests {
		found := false
		for _, m := range d.Entity(tt.entity).Mentions {
			if m.Doc.ID != tt.doc || m.Block.Number != tt.para {
				continue
			}
			found = true
			if got := m.Block.Text[m.Start:m.End]; got != tt.name {
				t.Errorf("%s in %s ¶%d: name %q, want %q", tt.entity, tt.doc, tt.para, got, tt.name)
			}
			if got := m.Sentence(); got != tt.sentence {
				t.Errorf("%s in %s ¶%d: sentence %q, want %q", tt.entity, tt.doc, tt.para, got, tt.sentence)
			}
		}
		if !found {
			t.Errorf("%s is not mentioned in %s ¶%d", tt.entity, tt.doc, tt.para)
		}
	}
}

// TestStructure checks that each unit of the fictional dossier goes under
// the body it is part of, four levels deep, and that in both dossiers every
// part's parent lists it.
func TestStructure(t *testing.T) {
	d := loadDir(t, fictionalDir)
	for child, parent := range map[string]string{
		"digital-forensics-lab": "cybercrime-unit",
		"cybercrime-unit":       "detective-service",
		"detective-service":     "national-police",
		"national-police":       "vmpo",
		"port-liaison-desk":     "investigations-division",
		"vmpo":                  "",
		"customs-service":       "",
	} {
		got := d.Entity(child).Parent
		switch {
		case parent == "" && got != nil:
			t.Errorf("%s: parent %s, want none", child, got.ID)
		case parent != "" && (got == nil || got.ID != parent):
			t.Errorf("%s: parent %v, want %s", child, got, parent)
		}
	}
	for _, dir := range []string{fictionalDir, sourcesDir} {
		for _, e := range loadDir(t, dir).Entities {
			for _, p := range e.Parts {
				if p.Parent != e {
					t.Errorf("%s: %s lists %s as a part, whose parent is %v", dir, e.ID, p.ID, p.Parent)
				}
			}
		}
	}
}

func TestStructureMostSpecific(t *testing.T) {
	ministry := &model.Entity{ID: "ministry"}
	police := &model.Entity{ID: "police"}
	desk := &model.Entity{ID: "desk"}
	a, b := &model.Entity{ID: "a"}, &model.Entity{ID: "b"}
	partOf := func(from, to *model.Entity) {
		from.Relations = append(from.Relations, &model.Relation{Type: model.PartOf, From: from, To: to})
	}
	partOf(police, ministry)
	partOf(desk, ministry) // listed first, but the police lies within the ministry
	partOf(desk, police)
	partOf(a, b) // a cycle in the data
	partOf(b, a)
	d := &model.Dossier{Entities: []*model.Entity{ministry, police, desk, a, b}}
	structure(d)
	if desk.Parent != police {
		t.Errorf("desk under %v, want the police", desk.Parent)
	}
	if police.Parent != ministry || ministry.Parent != nil {
		t.Errorf("police under %v, ministry under %v; want the ministry, none", police.Parent, ministry.Parent)
	}
	if len(ministry.Parts) != 1 || ministry.Parts[0] != police {
		t.Errorf("the ministry's parts are %v, want the police only", ministry.Parts)
	}
	if a.Parent == b && b.Parent == a {
		t.Error("a cycle of part-of relations became a cycle of parents")
	}
}

// TestDatesResolve: an estimated date's quotes are tied to their
// paragraphs and its basis resolved; a copy is found in both documents,
// which then repeat each other; a plain date stays as written.
func TestDatesResolve(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- documents/doc.yaml --
`+testutil.MetaRef("doc", "S1", "")+`published:
  estimate: 2017 or later
  basis: '[[S:doc#2]] dates a news item 21 April 2017'
  cites:
    - source: doc
      quote: 21 April 2017
-- documents/doc.txt --
The NCB for Belarus is part of the Criminal Police.

News of 21 April 2017.
-- documents/copy.yaml --
`+testutil.MetaRef("copy", "S2", "")+`published: 2019-05-02
repeats:
  - source: doc
    quote: The NCB for Belarus is part of the Criminal Police.
-- documents/copy.txt --
Belarus in brief.

The NCB for Belarus is part of the Criminal Police.
-- documents/other.yaml --
`+testutil.MetaRef("other", "S3", "")+`-- documents/other.txt --
Other words.
`)))
	if err != nil {
		t.Fatal(err)
	}
	doc, cp, other := d.Document("doc"), d.Document("copy"), d.Document("other")
	if got, want := doc.DateText(), "2017 or later (est.)"; got != want {
		t.Errorf("doc dated %q, want %q", got, want)
	}
	if got, want := doc.Dated.Basis, "S1\u00a0¶2\u00a0·\u00a0B2 dates a news item 21 April 2017"; got != want {
		t.Errorf("basis %q, want %q", got, want)
	}
	if got := doc.Dated.Cites[0].Label(); got != "S1 ¶2" {
		t.Errorf("the estimate cites %s, want S1 ¶2", got)
	}
	if got := cp.DateText(); got != "2 May 2019" || cp.Dated != nil || cp.PublishedOn.String() != "2019-05-02" {
		t.Errorf("copy dated %q, on %s (estimate %v), want 2 May 2019, 2019-05-02", got, cp.PublishedOn, cp.Dated)
	}
	if got := other.DateText(); got != model.NotStated || other.HasDate() {
		t.Errorf("other dated %q, want %q", got, model.NotStated)
	}
	c := cp.Copies[0]
	if c.Of.Label() != "S1 ¶1" || c.Own == nil || c.Own.Label() != "¶2" {
		t.Errorf("copy: %s of %s, want ¶2 of S1 ¶1", c.Own.Label(), c.Of.Label())
	}
	if !cp.Repeats(doc) || !doc.Repeats(cp) || doc.Repeats(other) {
		t.Errorf("Repeats: copy~doc %v, doc~copy %v, doc~other %v; want true, true, false", cp.Repeats(doc), doc.Repeats(cp), doc.Repeats(other))
	}
}

func TestInPlaceOf(t *testing.T) {
	for _, tc := range []struct {
		quote, para string
		i           int
		want        string // "" for no hint
	}{
		{"rates are below 1 per cent", "inspection rates are below one per cent of containers", 3, "one"},
		{"grew by one third", "trade grew by a third in a year", 2, "a"},
		{"1 per cent", "below one per cent", 0, "one"},           // at the start: the two words after
		{"rates were below 2", "rates were below two", 3, "two"}, // at the end: the two words before
		{"the Ministry of Justice", "the Minister, head of the police", 3, ""},
		{"a b c", "x y z", 1, ""},
	} {
		got, ok := inPlaceOf(strings.Fields(tc.quote), tc.i, strings.Fields(tc.para))
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("inPlaceOf(%q, %d, %q) = %q, %v; want %q", tc.quote, tc.i, tc.para, got, ok, tc.want)
		}
	}
}
