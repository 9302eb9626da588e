package wording

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/internal/model"
)

// testDossier is a dossier of two sources about Ruritania.
func testDossier() *model.Dossier {
	return &model.Dossier{
		Documents: []*model.Document{{ID: "a", Ref: "S1"}, {ID: "b", Ref: "S2"}},
		Subject:   &model.Entity{ID: "ruritania", Name: "Ruritania", Kind: model.Place},
	}
}

// TestLoad checks that a snippet is executed with the dossier's data and
// parsed, and what its words read as text.
func TestLoad(t *testing.T) {
	tests := []struct {
		name, src string
		d         *model.Dossier
		want      string // Text of the snippet
	}{
		{"plain", "Just words.\n", testDossier(), "Just words."},
		{"subject", "{{capital .Subject}}'s markets.", testDossier(), "Ruritania’s markets."},
		{"no subject", "{{capital .Subject}}'s markets, in {{.Subject}}.", &model.Dossier{}, "The subject’s markets, in the subject."},
		{"counts", "{{number .Markets}} markets, {{number .ActorTypes}} actor types, {{number .ResilienceAreas}} areas.", testDossier(), "fifteen markets, five actor types, twelve areas."},
		{"refs", "{{.Sources}} {{plural .Sources \"source\" \"sources\"}}: {{first .Refs}} to {{last .Refs}}.", testDossier(), "2 sources: S1 to S2."},
		{"no refs", "{{number .Sources}} {{plural .Sources \"source\" \"sources\"}}{{first .Refs}}.", &model.Dossier{}, "no sources."},
		{"markdown", "Some *emphasis*, `code` and\na second line.\n\nA second paragraph.", testDossier(), "Some emphasis, code and a second line. A second paragraph."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := Load(fstest.MapFS{"text/x/y.md": {Data: []byte(tt.src)}}, tt.d)
			if err != nil {
				t.Fatal(err)
			}
			sn, err := w.Get("x/y")
			if err != nil {
				t.Fatal(err)
			}
			if sn.Path != "text/x/y.md" {
				t.Errorf("Path = %q", sn.Path)
			}
			if got := sn.Text(); got != tt.want {
				t.Errorf("Text() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestLoadErrors checks that a broken or missing snippet is an error that
// names its file, and its line where the template is at fault.
func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		want  string
	}{
		{"no folder", fstest.MapFS{"base.html": {}}, "layouts: no text/ folder"},
		{"syntax", fstest.MapFS{"text/a.md": {Data: []byte("One\n{{end}}\n")}}, "layouts: text/a.md:2: "},
		{"unknown field", fstest.MapFS{"text/a.md": {Data: []byte("One\n\n{{.Country}}\n")}}, "layouts: text/a.md:3:2: executing"},
		{"unknown function", fstest.MapFS{"text/a.md": {Data: []byte("{{shout .Subject}}")}}, "layouts: text/a.md:1: function \"shout\" not defined"},
		{"reference", fstest.MapFS{"text/a.md": {Data: []byte("As [[S:report#3]] says.")}}, "layouts: text/a.md: a snippet cannot hold a [[reference]]"},
		{"empty", fstest.MapFS{"text/a.md": {Data: []byte("{{if false}}x{{end}}\n")}}, "layouts: text/a.md: the snippet is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.files, testDossier())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestGetInline checks the errors of a snippet that is missing, or used
// inside a line but not one paragraph.
func TestGetInline(t *testing.T) {
	w, err := Load(fstest.MapFS{
		"text/one.md":    {Data: []byte("One *paragraph*.")},
		"text/two.md":    {Data: []byte("One.\n\nTwo.")},
		"text/notes.txt": {Data: []byte("not a snippet")},
	}, testDossier())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Get("three"); err == nil || !strings.Contains(err.Error(), "layouts: text/three.md: no such snippet") {
		t.Errorf("Get(three): error = %v", err)
	}
	if _, err := w.Get("notes"); err == nil {
		t.Error("a .txt file was read as a snippet")
	}
	one, _ := w.Get("one")
	if p, err := one.Inline(); err != nil || p == nil {
		t.Errorf("Inline(one) = %v, %v", p, err)
	}
	two, _ := w.Get("two")
	if _, err := two.Inline(); err == nil || !strings.Contains(err.Error(), "text/two.md: the snippet is used inside a line") {
		t.Errorf("Inline(two): error = %v", err)
	}
	if got := len(w.Snippets()); got != 2 {
		t.Errorf("%d snippets, want 2", got)
	}
}

// TestBuiltIn loads the wording of the repository's layouts for a
// dossier without a subject or sources, and checks that every snippet
// reads as words, with nothing of a template left in it.
func TestBuiltIn(t *testing.T) {
	for _, d := range []*model.Dossier{{}, testDossier()} {
		w, err := Load(os.DirFS("../../layouts"), d)
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Snippets()) == 0 {
			t.Fatal("the layouts hold no snippets")
		}
		for _, sn := range w.Snippets() {
			if text := sn.Text(); text == "" || strings.ContainsAny(text, "{}") {
				t.Errorf("%s reads %q", sn.Path, text)
			}
		}
	}
}

// TestBuiltInFits: the built-in wording speaks of what the dossier has,
// in the number it has it: one source is "it", not "each", and the
// Glossary sends the reader to an Agencies chapter only when there is one.
func TestBuiltInFits(t *testing.T) {
	one := &model.Dossier{Documents: []*model.Document{{ID: "a", Ref: "S1"}}}
	withAgency := testDossier()
	withAgency.Entities = []*model.Entity{{ID: "police", Name: "Police", Kind: model.Agency}}
	tests := []struct {
		name, snippet string
		d             *model.Dossier
		want, not     string
	}{
		{"one source", "sources/intro", one, "It is cited", "Each is"},
		{"two sources", "sources/intro", testDossier(), "Each is cited", "It is"},
		{"no agencies", "glossary/intro", testDossier(), "cites the paragraph it rests on", "Agencies chapter"},
		{"agencies", "glossary/intro", withAgency, "as in the Agencies chapter", "cites the paragraph"},
	}
	for _, tt := range tests {
		w, err := Load(os.DirFS("../../layouts"), tt.d)
		if err != nil {
			t.Fatal(err)
		}
		sn, err := w.Get(tt.snippet)
		if err != nil {
			t.Fatal(err)
		}
		if text := sn.Text(); !strings.Contains(text, tt.want) || strings.Contains(text, tt.not) {
			t.Errorf("%s: %s reads %q; want %q and not %q", tt.name, tt.snippet, text, tt.want, tt.not)
		}
	}
}

func TestNumber(t *testing.T) {
	for n, want := range map[int]string{0: "no", 1: "one", 12: "twelve", 20: "twenty", 21: "21", -1: "-1"} {
		if got := number(n); got != want {
			t.Errorf("number(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestAttested: the built-in sentence on what a figure is attested in
// names what the figure draws: a cooperation chart's cooperation, not a
// structure.
func TestAttested(t *testing.T) {
	w, err := Load(os.DirFS("../../layouts"), testDossier())
	if err != nil {
		t.Fatal(err)
	}
	docs := []*model.Document{{Ref: "S1", Published: "1 March 2024"}, {Ref: "S3"}}
	for _, tc := range []struct {
		shows string
		docs  []*model.Document
		want  string
	}{
		{"", docs, "Structure as attested in S1 (1 March 2024), S3 (undated): as the sources describe it, not necessarily as it is today."},
		{"cooperation", docs[:1], "Cooperation as attested in S1 (1 March 2024): as the source describes it, not necessarily as it is today."},
		{"cooperation", nil, "No source is cited for this cooperation."},
		{"", nil, "No source is cited for this structure."},
	} {
		got, err := w.Attested(tc.docs, tc.shows)
		if err != nil || got != tc.want {
			t.Errorf("Attested(%d docs, %q) = %q, %v; want %q", len(tc.docs), tc.shows, got, err, tc.want)
		}
	}
}
