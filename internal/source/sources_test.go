package source

import (
	"os"
	"slices"
	"strings"
	"testing"

	"dossier/internal/model"
)

// loadRepo loads the repository's own sources/.
func loadRepo(t *testing.T) *model.Dossier {
	t.Helper()
	d, err := Load(os.DirFS("../../sources"), Options{Name: "sources"})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRepositorySources pins the cleaning of the real seed texts: the
// paragraph numbers that citations will point at, the headings, and what is
// dropped. A change here renumbers citations: update them with it.
func TestRepositorySources(t *testing.T) {
	d := loadRepo(t)
	type para struct {
		n    int
		kind model.BlockKind
		text string // the block's text starts with this
	}
	tests := []struct {
		id         string
		ref        string
		grade      string
		paragraphs int
		headings   []string
		paras      []para
		dropped    []string // texts dropped, each a prefix
	}{
		{
			id: "interpol-minsk", ref: "S1", grade: "B2", paragraphs: 60,
			headings: []string{"National Police", "MIA mandate", "MIA structure", "Public Security Police", "Criminal Police", "NCB structure", "Priority crime areas", "INTERPOL Minsk in action", "Thousands of police officers across Europe join INTERPOL operation against illicit firearms", "European Regional Conference 2006"},
			paras: []para{
				{2, model.ListItem, "Member since : 29 September 1993"},
				{3, model.Paragraph, "Law enforcement services in Belarus are provided by the Ministry of Internal Affairs (MIA)."},
				{22, model.ListItem, "INTERPOL National Central Bureau (NCB) of Belarus"},
				{38, model.Paragraph, "The INTERPOL National Central Bureau (NCB) for Belarus is part of the Criminal Police. The NCB answers directly"},
				{41, model.ListItem, "Criminal intelligence desk."},
				{53, model.Paragraph, "Operation Trigger II involved more than 7,840 police officers"},
				{54, model.Paragraph, "Yellow Notices 159"},
			},
			dropped: []string{"Back to Europe", "Our site uses cookies", "Tell me more"},
		},
		{
			id: "interpol-ncb-belarus", ref: "S2", grade: "B2", paragraphs: 14,
			headings: []string{"Fighting organized crime in Belarus", "INTERPOL in Belarus", "Law enforcement in Belarus"},
			paras: []para{
				{1, model.Paragraph, "Belarus is a landlocked country in Eastern Europe with 3,000 km of borderland"},
				{4, model.Paragraph, "NCB Minsk is part of the Criminal Police"},
				{6, model.Paragraph, "NCB Minsk is a regular partner"},
				{9, model.ListItem, "Investigation Committee"},
				{14, model.ListItem, "Financial Investigation Department (State Control Committee)."},
			},
			dropped: []string{"1 / 9", "(3 lines of whitespace)"},
		},
		{
			id: "ic-belarus-cooperation", ref: "S3", grade: "C3", paragraphs: 15,
			headings: []string{"International co-operation"},
			paras: []para{
				{9, model.Paragraph, "Thus, during his visit to Minsk the Chairman of the Investigative Committee of the Russian Federation Alexander Bastrykin on April 25, 2013"},
				{12, model.ListItem, "exchange of professional experience and different information; organization of workshops"},
			},
			dropped: []string{"Poll All polls Please, share your opinion on our site"},
		},
		{
			id: "gi-toc-index-belarus", ref: "S4", grade: "B2", paragraphs: 13,
			headings: []string{"PEOPLE", "TRADE", "ENVIRONMENT", "DRUGS", "CRIMINAL ACTORS", "RESILIENCE", "LEADERSHIP AND GOVERNANCE", "CRIMINAL JUSTICE AND SECURITY", "ECONOMIC AND FINANCIAL ENVIRONMENT", "CIVIL SOCIETY AND SOCIAL PROTECTION"},
			paras: []para{
				{1, model.Paragraph, "Belarus is a country of origin, transit point and destination for human trafficking."},
				{2, model.Paragraph, "Belarus appears to be a source and transit country for illicit arms."},
				{7, model.Paragraph, "There is evidence that criminal networks in Belarus are involved in drug distribution"},
				{9, model.Paragraph, "Belarus’s judicial system lacks independence"},
				{10, model.Paragraph, "However, it has significantly strengthened the control of its western and southern borders"},
				{13, model.Paragraph, "This summary was funded in part by a grant from the United States Department of State."},
			},
			dropped: []string{"(a line of whitespace)"},
		},
		{
			id: "interpol-misuse-article", ref: "S5", grade: "F3", paragraphs: 14,
			headings: []string{"The use of INTERPOL in the search for opponents of the Lukashenko regime"},
			paras: []para{
				{5, model.Paragraph, "A striking example of such persecution was the arrest in Poland on September 12 this year of Makariy Malakhovsky"},
				{14, model.Paragraph, "Материал доступен на русском языке: Личное:"},
			},
			dropped: []string{"The use of INTERPOL in the search for opponents of the Lukashenko regime"},
		},
	}
	if len(d.Documents) != len(tests) {
		t.Fatalf("%d documents, want %d", len(d.Documents), len(tests))
	}
	for i, tt := range tests {
		doc := d.Documents[i]
		t.Run(tt.id, func(t *testing.T) {
			if doc.ID != tt.id || doc.Ref != tt.ref || doc.Grade.String() != tt.grade {
				t.Errorf("document %d is %s %s %s, want %s %s %s", i, doc.Ref, doc.ID, doc.Grade, tt.ref, tt.id, tt.grade)
			}
			if got := doc.Paragraphs(); got != tt.paragraphs {
				t.Errorf("%d paragraphs, want %d", got, tt.paragraphs)
			}
			var headings []string
			for _, b := range doc.Blocks {
				if b.Kind == model.Heading {
					headings = append(headings, b.Text)
				}
			}
			if strings.Join(headings, "|") != strings.Join(tt.headings, "|") {
				t.Errorf("headings\n got %q\nwant %q", headings, tt.headings)
			}
			for _, p := range tt.paras {
				b := doc.Paragraph(p.n)
				if b == nil || b.Kind != p.kind || !strings.HasPrefix(b.Text, p.text) {
					t.Errorf("¶%d = %+v, want a %s starting %q", p.n, b, p.kind, p.text)
				}
			}
			var dropped []string
			for _, dr := range doc.Dropped {
				dropped = append(dropped, dr.Text)
			}
			all := strings.Join(dropped, "|")
			for _, want := range tt.dropped {
				if !strings.Contains(all, want) {
					t.Errorf("dropped %q, want it to include %q", dropped, want)
				}
			}
			for _, dr := range doc.Dropped {
				if dr.Rule == "" || dr.Why == "" || dr.Line == 0 || dr.EndLine < dr.Line {
					t.Errorf("drop without rule, reason or lines: %+v", dr)
				}
			}
		})
	}
}

// TestNoFurnitureLeft checks that no page furniture survives cleaning in
// any document, and that no block is empty or keeps raw bullets or
// no-break spaces.
func TestNoFurnitureLeft(t *testing.T) {
	furniture := []string{"Our site uses cookies", "Tell me more", "Poll All polls", "share your opinion on our site", "Back to Europe", "1 /"}
	for _, doc := range loadRepo(t).Documents {
		for _, b := range doc.Blocks {
			for _, f := range furniture {
				if strings.Contains(b.Text, f) {
					t.Errorf("%s %s keeps page furniture %q: %q", doc.Ref, b.Label(), f, b.Text)
				}
			}
			if strings.TrimSpace(b.Text) == "" || strings.ContainsAny(b.Text, "•\u00a0\t") || strings.Contains(b.Text, "  ") {
				t.Errorf("%s line %d: badly cleaned block %q", doc.Ref, b.Line, b.Text)
			}
		}
	}
}

// TestRussianLine checks that the Russian line of the last source is kept
// whole and marked as Russian.
func TestRussianLine(t *testing.T) {
	d := loadRepo(t)
	doc := d.Document("interpol-misuse-article")
	last := doc.Blocks[len(doc.Blocks)-1]
	if last.Lang != "ru" || !strings.HasPrefix(last.Text, "Материал доступен на русском языке") {
		t.Errorf("last block = %+v; want the Russian line, lang ru", last)
	}
}

func TestNotes(t *testing.T) {
	d := loadRepo(t)
	var got []string
	for _, n := range d.Notes {
		got = append(got, n.ID+": "+n.Title)
	}
	// In file-name order: 05-key-judgements.md, 10-about.md.
	want := []string{"key-judgements: Key judgements", "about: About this briefing"}
	if !slices.Equal(got, want) {
		t.Fatalf("notes = %q; want %q", got, want)
	}
}
