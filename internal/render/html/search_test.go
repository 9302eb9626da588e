package html

import (
	"bytes"
	"dossier/internal/highlight"
	"dossier/internal/output"
	"dossier/internal/testutil"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"dossier/internal/model"
)

// TestGradeRank checks that grades sort A1 first and that an invalid
// grade sorts after every valid one.
func TestGradeRank(t *testing.T) {
	order := []model.Grade{{Reliability: 'A', Credibility: 1}, {Reliability: 'A', Credibility: 6}, {Reliability: 'B', Credibility: 2}, {Reliability: 'F', Credibility: 3}, {Reliability: 'F', Credibility: 6}, {}}
	for i := 1; i < len(order); i++ {
		if a, b := gradeRank(order[i-1]), gradeRank(order[i]); a >= b {
			t.Errorf("gradeRank(%v) = %d, not below gradeRank(%v) = %d", order[i-1], a, order[i], b)
		}
	}
}

// TestSameWords checks which headings repeat their document's title.
func TestSameWords(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"The use of INTERPOL", "The use of INTERPOL", true},
		{"THE USE OF  INTERPOL", "The use of\nINTERPOL", true},
		{"INTERPOL in Belarus", "The use of INTERPOL", false},
		{"Structure", "Alpha report", false},
	} {
		if got := sameWords(tt.a, tt.b); got != tt.want {
			t.Errorf("sameWords(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestSearchIndex reads the index the fixture's site carries: every kind of
// thing with its place in the results and the best grade it rests on, an
// entity with its other names apart from its text.
func TestSearchIndex(t *testing.T) {
	out := render(t, fixture())
	var data []byte
	for name, b := range out.Files {
		if strings.HasPrefix(name, "site/assets/search-index.") {
			data = b
		}
	}
	const prefix = "window.dossierSearch = "
	i := strings.Index(string(data), prefix)
	if i < 0 {
		t.Fatalf("no search index, or no %q in it", prefix)
	}
	var index struct{ Docs []searchDoc }
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimSpace(string(data[i+len(prefix):])), ";")), &index); err != nil {
		t.Fatal(err)
	}
	find := func(url string) *searchDoc {
		for i := range index.Docs {
			if index.Docs[i].URL == url {
				return &index.Docs[i]
			}
		}
		t.Fatalf("no %s in the index", url)
		return nil
	}
	for _, tt := range []struct {
		url   string
		rank  int
		grade string // "" for ungraded
	}{
		{"index.html#kj-desks", 0, "B2"},
		{"entities/ministry.html", 1, "B2"}, // its allegation rests on F3, its claim on B2
		{"entities/desk.html", 1, ""},
		{"entities/northland.html", 2, ""},
		{"notes/about.html", 4, ""},
		{"markets/arms-trafficking.html", 3, "B2"},
		{"markets/actors.html#criminal-networks", 3, "B2"},
		{"markets/actors.html#private-sector-actors", 3, ""},
		{"markets/resilience.html#law-enforcement", 3, "B2"},
		{"markets/resilience.html#prevention", 3, ""},
		{"sources/alpha-report.html#p1", 5, "B2"},
		{"sources/beta-article.html#p1", 5, "F3"},
	} {
		d := find(tt.url)
		want := ungraded
		if tt.grade != "" {
			want = gradeRank(model.Grade{Reliability: tt.grade[0], Credibility: int(tt.grade[1] - '0')})
		}
		if d.Rank != tt.rank || d.Grade != want {
			t.Errorf("%s: rank %d, grade %d; want %d, %d (%s)", tt.url, d.Rank, d.Grade, tt.rank, want, tt.grade)
		}
	}
	// Every actor type and resilience area is found under its name, with
	// what the sources say of it.
	for _, tt := range []struct{ url, title, text string }{
		{"markets/actors.html#criminal-networks", "Criminal networks", "covered by the sources. Networks work with the police. S1 names no network."},
		{"markets/actors.html#private-sector-actors", "Private-sector actors", "not covered by the sources."},
		{"markets/resilience.html#law-enforcement", "Law enforcement", "covered by the sources. Police are organised in desks."},
		{"markets/resilience.html#victim-and-witness-support", "Victim and witness support", "not covered by the sources."},
	} {
		if d := find(tt.url); d.Title != tt.title || d.Text != tt.text {
			t.Errorf("%s: title %q, text %q; want %q, %q", tt.url, d.Title, d.Text, tt.title, tt.text)
		}
	}
	m := find("entities/ministry.html")
	if !strings.Contains(m.Aliases, "Examples Ministry") || strings.Contains(m.Text, "Examples Ministry") {
		t.Errorf("the ministry's other names %q should be apart from its text %q", m.Aliases, m.Text)
	}
}

// TestSearchCovers: the search page names only what the dossier has for it
// to find; a dossier without a crime-market summary is not offered one.
func TestSearchCovers(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    *model.Dossier
		want string
	}{
		{"sources only", &model.Dossier{}, "the paragraphs of the sources"},
		{"entities and notes", &model.Dossier{Entities: []*model.Entity{{ID: "a"}}, Notes: []*model.Note{{ID: "n"}}},
			"the paragraphs of the sources, the entities and the notes"},
		{"everything", &model.Dossier{Entities: []*model.Entity{{ID: "a"}}, Markets: &model.MarketSummary{},
			Assessment: &model.Assessment{Judgements: []*model.Judgement{{}}}, Notes: []*model.Note{{ID: "n"}}},
			"the paragraphs of the sources, the entities, the crime markets, the key judgements and the notes"},
	} {
		if got := searchCovers(tc.d); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestSearchPartKept: the search index made with the sources' part kept
// (Options.Parts), and with that part taken from the store, is the index
// made whole, byte for byte, for a dossier with notes and one without.
func TestSearchPartKept(t *testing.T) {
	t.Parallel()
	withNotes := loadDir(t, sourcesDir)
	without := loadDir(t, sourcesDir)
	without.Notes = nil
	for _, d := range []*model.Dossier{withNotes, without} {
		figs := layoutFigures(t, d)
		render := func(parts PartStore) map[string][]byte {
			t.Helper()
			hl, err := highlight.New(highlight.DefaultStyle)
			if err != nil {
				t.Fatal(err)
			}
			var out output.Mem
			if err := Render(d, &out, Options{Layouts: os.DirFS(layoutsDir), Highlighter: hl, Figures: figs, Parts: parts}); err != nil {
				t.Fatal(err)
			}
			return out.Files
		}
		want := render(nil)
		parts := &testutil.Store{}
		for round, gets := range []int{0, 1} {
			got := render(parts)
			if parts.Hits != gets {
				t.Errorf("%d notes, render %d: %d parts read, want %d", len(d.Notes), round, parts.Hits, gets)
			}
			for name, data := range want {
				if !bytes.Equal(got[name], data) {
					t.Errorf("%d notes, render %d: %s differs from the render without parts kept", len(d.Notes), round, name)
				}
			}
		}
	}
}

func TestJoinArrays(t *testing.T) {
	for _, tc := range []struct{ a, b, want string }{
		{"null", "null", "null"},
		{"[]", "null", "null"},
		{`[1]`, "null", `[1]`},
		{"null", `[{"a":2}]`, `[{"a":2}]`},
		{`[1,2]`, `[3]`, `[1,2,3]`},
		{`[1]`, `{}`, ""},
	} {
		var buf bytes.Buffer
		err := joinArrays(&buf, []byte(tc.a), []byte(tc.b))
		if got := buf.String(); got != tc.want || (err != nil) != (tc.want == "") {
			t.Errorf("joinArrays(%s, %s) = %q, %v; want %q", tc.a, tc.b, got, err, tc.want)
		}
	}
}
