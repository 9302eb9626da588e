package source

import (
	"os"
	"slices"
	"strings"
	"testing"

	"dossier/internal/model"
)

// The tests here load whole sources folders: the fictional dossier under
// testdata/fictional, whose cleaning they pin, and the repository's own
// sources/, on which they check only what holds for any dossier.
var dossiers = []string{"../../testdata/fictional", "../../sources"}

func load(t *testing.T, dir string) *model.Dossier {
	t.Helper()
	d, err := Load(os.DirFS(dir), Options{Name: dir})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFixtureSources pins the cleaning of the fictional dossier's texts: the
// paragraph numbers that citations point at, the headings, and what is
// dropped.
func TestFixtureSources(t *testing.T) {
	d := load(t, dossiers[0])
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
			id: "vmpo-annual-review", ref: "S1", grade: "B3", paragraphs: 16,
			paras: []para{
				{1, model.Paragraph, "Ministry of Public Order of the Republic of Valdoria"},
				{4, model.Paragraph, "Ministry structure:"},
				{5, model.ListItem, "National Police Directorate"},
				{7, model.ListItem, "Inspectorate General"},
				{16, model.Paragraph, "Обзор доступен также на валдорском языке."},
			},
			dropped: []string{"Skip to main content", "Share this page", "Cookies help us improve"},
		},
		{
			id: "kestrel-institute-brief", ref: "S2", grade: "C3", paragraphs: 5,
			headings: []string{"ORGANISED CRIME IN VALDORIA: A RESEARCH BRIEF", "ARMS", "CUSTOMS", "DRUGS", "INTEGRITY"},
			paras: []para{
				{1, model.Paragraph, "(A fictional text written for testing.)"},
				{2, model.Paragraph, "Valdoria is a destination for small arms trafficked from Orlenia, which are likely sold to local criminal groups. Arms are believed to cross"},
				{4, model.Paragraph, "Synthetic drug use in Valdoria has increased sharply"},
			},
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
		})
	}
}

// TestCleanedWell checks, in every document of every dossier, that what
// the declared drop rules removed survives in no block, that every drop
// says where and why, and that no block is empty or keeps raw bullets,
// tabs, no-break spaces or runs of spaces.
func TestCleanedWell(t *testing.T) {
	for _, dir := range dossiers {
		for _, doc := range load(t, dir).Documents {
			var furniture []string
			for _, dr := range doc.Dropped {
				if dr.Rule == "" || dr.Why == "" || dr.Line == 0 || dr.EndLine < dr.Line {
					t.Errorf("%s: drop without rule, reason or lines: %+v", doc.TextPath, dr)
				}
				if line, _, _ := strings.Cut(dr.Text, "\n"); dr.Rule == "drop" && len(line) >= 8 {
					furniture = append(furniture, line)
				}
			}
			for _, b := range doc.Blocks {
				for _, f := range furniture {
					if strings.Contains(b.Text, f) {
						t.Errorf("%s:%d: %s %s keeps the dropped %q: %q", doc.TextPath, b.Line, doc.Ref, b.Label(), f, b.Text)
					}
				}
				if strings.TrimSpace(b.Text) == "" || strings.ContainsAny(b.Text, "•\u00a0\t") || strings.Contains(b.Text, "  ") {
					t.Errorf("%s:%d: badly cleaned block %q", doc.TextPath, b.Line, b.Text)
				}
			}
		}
	}
}

// TestOtherLanguageLine checks that the Russian line of the fictional
// review is kept whole and marked as Russian.
func TestOtherLanguageLine(t *testing.T) {
	doc := load(t, dossiers[0]).Document("vmpo-annual-review")
	last := doc.Blocks[len(doc.Blocks)-1]
	if last.Lang != "ru" || last.Text != "Обзор доступен также на валдорском языке." {
		t.Errorf("last block = %+v; want the Russian line, lang ru", last)
	}
}

func TestNotes(t *testing.T) {
	d := load(t, dossiers[0])
	var got []string
	for _, n := range d.Notes {
		got = append(got, n.ID+": "+n.Title)
	}
	want := []string{"about: About this fictional briefing"}
	if !slices.Equal(got, want) {
		t.Fatalf("notes = %q; want %q", got, want)
	}
}
