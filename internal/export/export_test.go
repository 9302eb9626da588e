package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"dossier/internal/link"
	"dossier/internal/model"
	"dossier/internal/source"
)

func load(t *testing.T, dir string) *model.Dossier {
	t.Helper()
	d, err := source.Load(os.DirFS(dir), source.Options{Name: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestFtM exports the fictional dossier and checks its shape: every line
// an entity with a known schema of ours, ids unique and stable, every
// entity a property points at in the file, the structure as memberships,
// the head as a directorship, every citation as documentation.
func TestFtM(t *testing.T) {
	d := load(t, "../../testdata/fictional")
	var a, b bytes.Buffer
	if err := FtM(&a, d); err != nil {
		t.Fatal(err)
	}
	if err := FtM(&b, load(t, "../../testdata/fictional")); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two exports of the same dossier differ")
	}
	ents := map[string]Entity{}
	count := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(a.String()), "\n") {
		var e Entity
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if _, dup := ents[e.ID]; dup {
			t.Errorf("id %s twice", e.ID)
		}
		ents[e.ID] = e
		count[e.Schema]++
	}
	refs := map[string]bool{"member": true, "organization": true, "director": true, "entity": true, "document": true, "subject": true, "object": true}
	for _, e := range ents {
		for p, vs := range e.Properties {
			for _, v := range vs {
				if refs[p] {
					if _, ok := ents[v]; !ok {
						t.Errorf("%s %s points at %s, not in the export", e.ID, p, v)
					}
				}
			}
		}
	}
	cites := 0
	for _, e := range d.Entities {
		for _, c := range e.Claims {
			cites += len(c.Cites)
		}
		for _, r := range e.Relations {
			cites += len(r.Cites)
		}
	}
	want := map[string]int{
		"Document":   len(d.Documents),
		"PublicBody": 13, "Person": 1, "Address": 5,
		"Membership": 11, "Directorship": 1,
		// every citation, and the cooperations
		"Documentation": cites,
		"UnknownLink":   3,
	}
	for schema, n := range want {
		if count[schema] != n {
			t.Errorf("%d %s entities, want %d (all: %v)", count[schema], schema, n, count)
		}
	}
	lab := ents["entity-digital-forensics-lab"]
	if lab.Schema != "PublicBody" || lab.Properties["name"][0] != "Digital Forensics Laboratory" {
		t.Errorf("the laboratory: %+v", lab)
	}
	src := ents["source-vmpo-annual-review"]
	if src.Schema != "Document" || src.Properties["title"][0] != "Annual review of public order (fictional)" || src.Properties["language"][0] != "eng" {
		t.Errorf("the review: %+v", src)
	}
	if _, ok := src.Properties["sourceUrl"]; ok {
		t.Error("the review has an address, which its metadata does not state")
	}
}

// TestCitationData checks the sources as CSL-JSON and BibTeX, and the
// claims: nothing the sources do not state is filled in.
func TestCitationData(t *testing.T) {
	d := load(t, "../../testdata/fictional")
	items := cslItems(t, d)
	if len(items) != 2 || items[0]["id"] != "vmpo-annual-review" || items[0]["type"] != "report" {
		t.Fatalf("CSL items: %v", items)
	}
	if _, ok := items[0]["URL"]; ok {
		t.Error("CSL gives an address the metadata does not state")
	}
	if issued := items[0]["issued"].(map[string]any); issued["literal"] != "2025 or later (est.)" {
		t.Errorf("CSL issued = %v; want the estimate, as such", issued)
	}
	if _, ok := items[1]["issued"]; ok {
		t.Error("CSL dates the undated brief")
	}
	bib := BibTeX(d)
	for _, want := range []string{"@report{vmpo-annual-review,", "title = {{Annual review of public order (fictional)}}", "note = {S1 in the dossier; grade B3; captured: web page (text capture); dated 2025 or later (est.)}"} {
		if !strings.Contains(bib, want) {
			t.Errorf("BibTeX lacks %q:\n%s", want, bib)
		}
	}
	claims, err := Claims(d)
	if err != nil {
		t.Fatal(err)
	}
	var recs []ClaimRecord
	if err := json.Unmarshal(claims, &recs); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, r := range recs {
		kinds[r.Evidence]++
		if r.Ref == "" || r.Paragraph == 0 || r.Grade == "" || r.Quote == "" {
			t.Errorf("an unresolved record: %+v", r)
		}
	}
	if kinds["stated"] == 0 || kinds["hedged"] == 0 || kinds["alleged"] == 0 {
		t.Errorf("evidence kinds %v; the fictional dossier has all three", kinds)
	}
}

func TestISODate(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"2019-05-02", "2019-05-02"}, {"2019", "2019"}, {"29 September 1993", "1993-09-29"},
		{"September 1993", "1993-09"}, {"March 28, 1997", "1997-03-28"}, {"2017 or later", ""}, {"", ""},
	} {
		got, ok := isoDate(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("isoDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// TestCitationDates: a date with 08 or 09 in it is a date like any other
// (CSL's date-parts had read them as octal, and lost them), and a date
// given to the month or the year keeps only what it gives, in CSL, BibTeX
// and FollowTheMoney alike.
func TestCitationDates(t *testing.T) {
	d := &model.Dossier{}
	for i, in := range []string{"2025-09-14", "2025-08-09", "November 2025", "2013"} {
		on, err := model.ParseWrittenDate(in)
		if err != nil {
			t.Fatal(err)
		}
		d.Documents = append(d.Documents, &model.Document{
			ID: fmt.Sprintf("doc-%d", i), Ref: fmt.Sprintf("S%d", i+1), Title: "A text",
			Published: model.Maybe(on.Long()), PublishedOn: on,
		})
	}
	csl, err := CSL(d)
	if err != nil {
		t.Fatal(err)
	}
	var items []struct {
		Issued struct {
			DateParts [][]int `json:"date-parts"`
		} `json:"issued"`
	}
	if err := json.Unmarshal(csl, &items); err != nil {
		t.Fatal(err)
	}
	want := [][]int{{2025, 9, 14}, {2025, 8, 9}, {2025, 11}, {2013}}
	for i, it := range items {
		if len(it.Issued.DateParts) != 1 || !slices.Equal(it.Issued.DateParts[0], want[i]) {
			t.Errorf("CSL item %d issued %v; want [%v]", i, it.Issued.DateParts, want[i])
		}
	}
	bib := BibTeX(d)
	for _, w := range []string{"date = {2025-09-14}", "date = {2025-08-09}", "date = {2025-11}", "date = {2013}"} {
		if !strings.Contains(bib, w) {
			t.Errorf("BibTeX lacks %q:\n%s", w, bib)
		}
	}
	var ftm bytes.Buffer
	if err := FtM(&ftm, d); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`"publishedAt":["2025-09-14"]`, `"publishedAt":["2025-08-09"]`, `"publishedAt":["2025-11"]`, `"publishedAt":["2013"]`} {
		if !strings.Contains(ftm.String(), w) {
			t.Errorf("FollowTheMoney lacks %s", w)
		}
	}
}

// TestBibEscape: every character LaTeX reads as markup is written so that
// LaTeX typesets it as the character, and a lone brace leaves the braces
// of the entry balanced (biber and BibTeX count \{ as a brace, so a brace
// is \textbraceleft{}). An unescaped ~ was a non-breaking space, ^ stopped
// pdflatex ("Missing $ inserted"), a lone { ended the file for biber and
// citation-js, and < > | are ¡ ¿ — in LaTeX's default font encoding.
func TestBibEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Arms & ammunition", `Arms \& ammunition`},
		{"100% of $5", `100\% of \$5`},
		{"#1 port_7", `\#1 port\_7`},
		{`C:\temp`, `C:\textbackslash{}temp`},
		{"a {draft}", `a \textbraceleft{}draft\textbraceright{}`},
		{"a {lone brace", `a \textbraceleft{}lone brace`},
		{"a lone} brace", `a lone\textbraceright{} brace`},
		{"~ivan", `\textasciitilde{}ivan`},
		{"x^2", `x\textasciicircum{}2`},
		{"1 < 2 > 0 | 3", `1 \textless{} 2 \textgreater{} 0 \textbar{} 3`},
		{`"seizures", it's — Отчёт 有组织`, `"seizures", it's — Отчёт 有组织`},
	} {
		if got := bibEscape(tt.in); got != tt.want {
			t.Errorf("bibEscape(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestBibURL: biblatex reads url verbatim, so an address is written as it
// is, not escaped as text (an escaped a\_b was read, and printed by
// biblatex, as https://example.org/a%5C_b); only a brace, which would
// unbalance the entry, is percent-encoded, as an address may write it.
func TestBibURL(t *testing.T) {
	for _, tt := range []struct{ url, want string }{
		{"https://example.org/a_b/report%20final.pdf?x=1&y=2#page_2", "https://example.org/a_b/report%20final.pdf?x=1&y=2#page_2"},
		{"http://petrov.example.net/~ivan/notes_1.html", "http://petrov.example.net/~ivan/notes_1.html"},
		{"https://example.cn/报告?id=09", "https://example.cn/报告?id=09"},
		{"https://example.org/search?q={x}", "https://example.org/search?q=%7Bx%7D"},
	} {
		d := &model.Dossier{Documents: []*model.Document{{ID: "a", Ref: "S1", Title: "A text", URL: model.Maybe(tt.url)}}}
		if want := "  url = {" + tt.want + "},\n"; !strings.Contains(BibTeX(d), want) {
			t.Errorf("url %s: BibTeX lacks %q:\n%s", tt.url, want, BibTeX(d))
		}
	}
}

// TestBibNames: biblatex reads a publisher, like an author, as a list of
// names joined by "and", so a name with "and" in it is braced whole; it
// was read as two publishers ("Organization for Security" and
// "Co-operation in Europe": biber, citation-js), and a fourth "and" would
// have cut it to the first "et al.". A person given as author is braced
// too: the metadata does not say which part of a name is the family name.
func TestBibNames(t *testing.T) {
	for _, tt := range []struct {
		author, publisher string
		want              []string
	}{
		{"", "Organization for Security and Co-operation in Europe", []string{"{{Organization for Security and Co-operation in Europe}}"}},
		{"", "Smith & Jones {Media} Ltd.", []string{`{{Smith \& Jones \textbraceleft{}Media\textbraceright{} Ltd.}}`}},
		{"Jane Q. Smith and John Doe", "Ivan Petrov", []string{"author = {{Jane Q. Smith and John Doe}}", "{{Ivan Petrov}}"}},
		{"Иван Петров", "Министерство внутренних дел", []string{"author = {{Иван Петров}}", "{{Министерство внутренних дел}}"}},
	} {
		doc := &model.Document{ID: "a", Ref: "S1", Title: "A text", Publisher: tt.publisher, Author: model.Maybe(tt.author)}
		bib := BibTeX(&model.Dossier{Documents: []*model.Document{doc}})
		for _, w := range tt.want {
			if !strings.Contains(bib, w) {
				t.Errorf("BibTeX lacks %q:\n%s", w, bib)
			}
		}
	}
}

// TestBibTypes: each source is the entry type its CSL item is, with the
// fields biblatex's data model gives that type, so that its publisher is
// printed: an official or an NGO's text is a @report of its institution,
// a media or advocacy piece @misc of its organization. As @misc with a
// publisher field, which @misc does not have, the publisher was left out
// of every bibliography (biber --validate-datamodel: "Invalid field
// 'publisher' for entrytype 'misc'"), and citation-js read a report as a
// document.
func TestBibTypes(t *testing.T) {
	for _, tt := range []struct {
		kind model.PublisherKind
		want []string
	}{
		{model.Official, []string{"@report{a,\n", "  institution = {{Ministry of Public Order}},\n", "  note = {S1 in the dossier; grade B2; captured: web page},\n"}},
		{model.NGOResearch, []string{"@report{a,\n", "  institution = {{Ministry of Public Order}},\n"}},
		{model.MediaAdvocacy, []string{"@misc{a,\n", "  organization = {{Ministry of Public Order}},\n", "  note = {S1 in the dossier; grade B2; captured: web page},\n"}},
	} {
		doc := &model.Document{ID: "a", Ref: "S1", Title: "A text", Publisher: "Ministry of Public Order", PublisherKind: tt.kind,
			Captured: "web page", Grade: model.Grade{Reliability: 'B', Credibility: 2}}
		bib := BibTeX(&model.Dossier{Documents: []*model.Document{doc}})
		for _, w := range tt.want {
			if !strings.Contains(bib, w) {
				t.Errorf("%s: BibTeX lacks %q:\n%s", tt.kind, w, bib)
			}
		}
		for _, bad := range []string{"publisher =", "howpublished", "organization"} {
			if (tt.kind != model.MediaAdvocacy || bad == "howpublished") && strings.Contains(bib, bad) {
				t.Errorf("%s: BibTeX has %s, which a @report does not:\n%s", tt.kind, bad, bib)
			}
		}
	}
}

// TestBibTitleCase: a title is braced whole, so that a style that sets
// titles in sentence case, such as biblatex-apa, prints it as the source
// gives it: unbraced, "INTERPOL Minsk" came out as "Interpol minsk" and
// "…opponents of the Lukashenko regime" as "…the lukashenko regime".
func TestBibTitleCase(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"INTERPOL Minsk", "  title = {{INTERPOL Minsk}},\n"},
		{"The use of INTERPOL in the search for opponents of the Lukashenko regime", "  title = {{The use of INTERPOL in the search for opponents of the Lukashenko regime}},\n"},
		{"Отчёт МВД Республики Беларусь", "  title = {{Отчёт МВД Республики Беларусь}},\n"},
		{"A {draft} & more", `  title = {{A \textbraceleft{}draft\textbraceright{} \& more}},` + "\n"},
	} {
		bib := BibTeX(&model.Dossier{Documents: []*model.Document{{ID: "a", Ref: "S1", Title: tt.title}}})
		if !strings.Contains(bib, tt.want) {
			t.Errorf("BibTeX lacks %q:\n%s", tt.want, bib)
		}
	}
}

// TestBibLanguage: the language is given as biblatex's langid, the name
// babel and polyglossia know it by, which sets the hyphenation of the
// entry and is not printed; as language = {en} it was printed in every
// entry, ". en." (biblatex prints the language field, and clears it only
// when it names the document's own language as biblatex names it). A tag
// with no name in the table is left out, not guessed.
func TestBibLanguage(t *testing.T) {
	for _, tt := range []struct{ tag, want string }{
		{"en", "  langid = {english},\n"},
		{"en-GB", "  langid = {english},\n"},
		{"ru", "  langid = {russian},\n"},
		{"be", "  langid = {belarusian},\n"},
		{"uk", "  langid = {ukrainian},\n"},
		{"zh", "  langid = {chinese},\n"},
		{"xx", ""},
	} {
		bib := BibTeX(&model.Dossier{Documents: []*model.Document{{ID: "a", Ref: "S1", Title: "A text", Language: tt.tag}}})
		if strings.Contains(bib, "language =") || !strings.Contains(bib, tt.want) || tt.want == "" && strings.Contains(bib, "langid") {
			t.Errorf("language %s: want %q:\n%s", tt.tag, tt.want, bib)
		}
	}
}

// TestUnknownPublisher: a publisher the metadata says is unknown
// ("unknown: the article says it was prepared by a participant of…") is
// given as no one's name in any export, where it had been filed as the
// publisher in reference managers; what the metadata says of it goes into
// the note. A publisher whose name merely starts with the word keeps it.
func TestUnknownPublisher(t *testing.T) {
	for _, tt := range []struct {
		publisher string
		known     bool
	}{
		{"unknown", false},
		{"Unknown: the article says it was prepared by a participant of a programme", false},
		{"unknown (an anonymous blog)", false},
		{"Unknown Pleasures Records", true},
		{"Unknowns Ltd", true},
		{"Ministry of Public Order", true},
	} {
		doc := &model.Document{ID: "a", Ref: "S1", Title: "A text", Publisher: tt.publisher, PublisherKind: model.MediaAdvocacy}
		d := &model.Dossier{Documents: []*model.Document{doc}}
		if got := doc.PublisherName() != ""; got != tt.known {
			t.Errorf("%q: known %v, want %v", tt.publisher, got, tt.known)
		}
		items := cslItems(t, d)
		bib := BibTeX(d)
		if tt.known {
			if items[0]["publisher"] != tt.publisher || !strings.Contains(bib, "organization = {{"+tt.publisher+"}}") {
				t.Errorf("%q: CSL publisher %v, BibTeX:\n%s", tt.publisher, items[0]["publisher"], bib)
			}
			continue
		}
		if _, ok := items[0]["publisher"]; ok || strings.Contains(bib, "organization") {
			t.Errorf("%q: given as a publisher: CSL %v, BibTeX:\n%s", tt.publisher, items[0]["publisher"], bib)
		}
		if note, _ := items[0]["note"].(string); !strings.Contains(note, "; publisher "+tt.publisher) || !strings.Contains(bib, "; publisher "+tt.publisher) {
			t.Errorf("%q: not in the notes: CSL %q, BibTeX:\n%s", tt.publisher, note, bib)
		}
	}
}

// cslItems returns the CSL-JSON items of d, as generic JSON.
func cslItems(t *testing.T, d *model.Dossier) []map[string]any {
	t.Helper()
	csl, err := CSL(d)
	if err != nil {
		t.Fatal(err)
	}
	var items []map[string]any
	if err := json.Unmarshal(csl, &items); err != nil {
		t.Fatal(err)
	}
	return items
}
