package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dossier/internal/model"
	"dossier/internal/testutil"
)

// TestFtMExport loads each dossier's FollowTheMoney export with the
// reference model (@alephdata/followthemoney, pinned in .ci/node): every
// schema exists, every property belongs to its schema, every value fits
// its type, every entity a property points at is in the file. The checker
// is first shown a broken export, so that it cannot pass by checking
// nothing.
func TestFtMExport(t *testing.T) {
	check := filepath.Join(nodeTools, "ftm-check.js")
	if _, err := os.Stat(filepath.Join(nodeTools, "node_modules/@alephdata/followthemoney")); err != nil {
		missing(t, "@alephdata/followthemoney (npm ci --prefix .ci/node)")
	}
	needTools(t, "node")
	broken := filepath.Join(t.TempDir(), "broken.ftm.json")
	if err := os.WriteFile(broken, []byte(`{"id":"a","schema":"PublicBody","properties":{"name":["A"],"colour":["red"]}}`+"\n"+`{"id":"c","schema":"Spaceship","properties":{}}`+"\n"+
		`{"id":"b","schema":"Membership","properties":{"member":["a"],"organization":["nowhere"],"startDate":["spring"]}}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", check, broken).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "has no property colour") || !strings.Contains(string(out), "points at nowhere") || !strings.Contains(string(out), "spring is not a date") || !strings.Contains(string(out), "no schema Spaceship") {
		t.Fatalf("the checker passed a broken export (%v):\n%s", err, out)
	}
	forEach(t, func(t *testing.T, x *fixture) {
		file := filepath.Join(x.site(t), "data", "dossier.ftm.json")
		out, err := exec.Command("node", check, file).CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "ok: ") {
			t.Errorf("node ftm-check.js %s: %v\n%s", file, err, out)
		}
	})
}

// citationSources is a small dossier of the sources a citation export gets
// wrong: LaTeX's special characters, braces alone and in pairs, straight
// quotes, Cyrillic and Chinese titles and publishers, a person as author
// and as publisher, "and" inside a publisher's name, dates to the day (08
// and 09), the month and the year, an undated source, sources with no
// address, addresses with %, #, _, ~ and Chinese in them. None states an
// access date: the metadata has no place for one.
const citationSources = testutil.Settings + `-- documents/specials.yaml --
id: specials
ref: S1
title: 'Arms & ammunition: 100% of "seizures" at port_7 cost $5,000 — #1 {draft} ~ C:\temp ^ it''s {unbalanced, 1 < 2 > 0 | 3'
publisher: Smith & Jones {Media} Ltd.
publisher_kind: media-advocacy
language: en
author: Jane Q. Smith
published: 2025-08
url: https://example.org/a_b/report%20final.pdf?x=1&y=2#page_2
captured: web page (text capture)
origin_file: ORIGIN
sha256: SHA
grade:
  reliability: C
  credibility: 3
  reason: A test source.
-- documents/specials.txt --
Arms seizures at the port, as the text reports them.
-- documents/cyrillic.yaml --
id: cyrillic
ref: S2
title: Отчёт о борьбе с организованной преступностью
publisher: Министерство внутренних дел
publisher_kind: official
language: ru
author: unknown
published: 2024
url: unknown
captured: PDF (text extracted)
origin_file: ORIGIN
sha256: SHA
grade:
  reliability: B
  credibility: 2
  reason: A test source.
-- documents/cyrillic.txt --
Министерство сообщает о работе полиции в прошлом году.
-- documents/chinese.yaml --
id: chinese
ref: S3
title: 有组织犯罪年度报告
publisher: 公安部
publisher_kind: official
language: zh
published: 2025-09-08
url: https://example.cn/报告?id=09
captured: web page (text capture)
origin_file: ORIGIN
sha256: SHA
grade:
  reliability: B
  credibility: 3
  reason: A test source.
-- documents/chinese.txt --
本报告介绍有组织犯罪的情况。
-- documents/blog.yaml --
id: blog
ref: S4
title: Notes from the border
publisher: Ivan Petrov
publisher_kind: media-advocacy
language: en
author: Ivan Petrov
published: 8 September 2019
url: http://petrov.example.net/~ivan/notes_1.html
captured: web page (text capture)
origin_file: ORIGIN
sha256: SHA
grade:
  reliability: D
  credibility: 3
  reason: A test source.
-- documents/blog.txt --
A blog post about the border and what its author saw there.
-- documents/osce.yaml --
id: osce
ref: S5
title: Policing and human rights in Valdoria
publisher: Organization for Security and Co-operation in Europe
publisher_kind: ngo-research
language: en
published: unknown
captured: PDF (text extracted)
origin_file: ORIGIN
sha256: SHA
grade:
  reliability: B
  credibility: 3
  reason: A test source.
-- documents/osce.txt --
The report reviews policing and human rights.
-- documents/leaflet.yaml --
id: leaflet
ref: S6
title: A leaflet handed out at the port
publisher: "unknown: the leaflet names no one"
publisher_kind: media-advocacy
language: en
published: unknown
captured: photograph, transcribed
origin_file: ORIGIN
sha256: SHA
grade:
  reliability: F
  credibility: 6
  reason: A test source.
-- documents/leaflet.txt --
A leaflet about the port and who controls it.
`

// citedSource is what the metadata states of a source, for the citation
// checker to compare the exports with; nil is not stated.
type citedSource struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Publisher *string `json:"publisher"` // nil when the metadata says it is unknown
	Language  string  `json:"language"`
	Author    *string `json:"author"`
	Date      *string `json:"date"`  // ISO 8601, to the day, the month or the year
	Dated     *string `json:"dated"` // an estimate, as readers see it
	URL       *string `json:"url"`
}

// citedSources writes what d's metadata states of each source, as
// citation-check.js reads it, into file, and returns file.
func citedSources(t *testing.T, d *model.Dossier, file string) string {
	t.Helper()
	stated := func(s string, ok bool) *string {
		if !ok {
			return nil
		}
		return &s
	}
	var srcs []citedSource
	for _, doc := range d.Documents {
		srcs = append(srcs, citedSource{
			ID: doc.ID, Title: doc.Title, Publisher: stated(doc.PublisherName(), doc.PublisherName() != ""), Language: doc.Language,
			Author: stated(string(doc.Author), doc.Author.Known()),
			Date:   stated(doc.PublishedOn.String(), !doc.PublishedOn.IsZero()),
			Dated:  stated(doc.DateText(), doc.Dated != nil),
			URL:    stated(string(doc.URL), doc.URL.Known()),
		})
	}
	data, err := json.Marshal(srcs)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestCitationExports reads each dossier's sources.csl.json and sources.bib
// with the tools their users import them into (.ci/node/citation-check.js):
// the CSL-JSON against the official schema and through citeproc-js, the
// BibTeX through biber, biblatex's back end, and citation-js; every title,
// author, publisher, date and address must come out as the metadata gives
// it, and nothing it does not give. The checker is shown broken exports
// beside the dossiers', so that it cannot pass by checking nothing: the
// repository's dossier, the fictional one and citationSources.
func TestCitationExports(t *testing.T) {
	check := filepath.Join(nodeTools, "citation-check.js")
	for _, mod := range []string{"ajv", "citeproc", "@citation-js/core", "@citation-js/plugin-bibtex", "@citation-js/plugin-csl"} {
		if _, err := os.Stat(filepath.Join(nodeTools, "node_modules", mod)); err != nil {
			missing(t, mod+" (npm ci --prefix .ci/node)")
		}
	}
	needTools(t, "node", "biber")
	t.Parallel()

	// Broken exports of two sources, a and b, and the problems the checker
	// must name in them.
	dir := t.TempDir()
	date, author, url := "2025-08", "Jane Q. Smith", "https://example.org/a_b"
	osce, p := "Organization for Security and Co-operation in Europe", "P"
	sources, err := json.Marshal([]citedSource{
		{ID: "a", Title: "A & B", Publisher: &osce, Language: "en", Date: &date, Author: &author, URL: &url},
		{ID: "b", Title: "B {draft", Publisher: &p, Language: "en"},
	})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"sources.json": string(sources),
		// a: the month lost, a type CSL does not have, an access date made
		// up; b missing.
		"broken.csl.json": `[{"id": "a", "type": "web-page", "title": "A & B", "publisher": "Organization for Security and Co-operation in Europe",
			"author": [{"literal": "Jane Q. Smith"}], "issued": {"date-parts": [[2025]]}, "accessed": {"date-parts": [[2026, 1, 2]]},
			"URL": "https://example.org/a_b", "language": "en"}]`,
		// a: its title unbraced, its publisher read as two, where @misc has
		// none, its address escaped as text.
		"broken.bib": "@misc{a,\n  title = {A \\& B},\n  author = {{Jane Q. Smith}},\n  publisher = {Organization for Security and Co-operation in Europe},\n" +
			"  url = {https://example.org/a\\_b},\n  date = {2025-08},\n}\n\n@misc{b,\n  title = {B \\textbraceleft{}draft},\n  organization = {P},\n}\n",
		// b: its lone brace, escaped as citation-js reads it, leaves the
		// entry open for biber, as for BibTeX. Biber reads it in a run of
		// its own (after "--"): biber writes nothing of a file it cannot
		// parse, and would read every file again, one by one.
		"open.csl.json": "[]",
		"open.bib":      "@report{b,\n  title = {{B \\{draft}},\n  institution = {{P}},\n}\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	brokenWant := map[string][]string{
		"broken": {
			"CSL-JSON: schema: a /0/type must be equal to one of the allowed values",
			`CSL-JSON a (citeproc-js): date is "2025"; the metadata gives "2025-08"`,
			`CSL-JSON a (citeproc-js): access date is "2026-01-02"; the metadata gives nothing`,
			`CSL-JSON: the list of ids is "a"; the metadata gives "a, b"`,
			"Invalid field 'publisher' for entrytype 'misc'",
			`BibTeX a (biber): the number of publishers is 2; the metadata gives 1`,
			`BibTeX a (biber): address is "https://example.org/a\\_b"`,
			`BibTeX a (citation-js): publisher is "[\"Organization for Security\",\"Co-operation in Europe\"]"`,
			`BibTeX a (citation-js): address is "https://example.org/a%5C_b"`,
			`BibTeX a (citation-js): type document, where the CSL-JSON has web-page`,
			`BibTeX a (citation-js): title in sentence case is "A & b"; the metadata gives "A & B"`,
		},
		"open": {"BibTeX: biber: ERROR - BibTeX subsystem:", "BibTeX: biber exited 2"},
	}
	run := func(t *testing.T, args ...string) map[string]string {
		t.Helper()
		out, err := exec.Command("node", append([]string{check}, args...)...).CombinedOutput()
		byName := map[string]string{}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			name, rest, _ := strings.Cut(line, ": ")
			byName[name] += rest + "\n"
		}
		if _, ok := byName[args[0]]; !ok {
			t.Fatalf("node citation-check.js: %v\n%s", err, out)
		}
		return byName
	}
	checkBroken := func(t *testing.T, out map[string]string, name string) {
		t.Helper()
		for _, want := range brokenWant[name] {
			if !strings.Contains(out[name], want) {
				t.Errorf("the checker did not find %q in broken exports:\n%s", want, out[name])
			}
		}
	}
	src := filepath.Join(t.TempDir(), "sources")
	if err := os.CopyFS(src, testutil.Fixture(t, citationSources, nil)); err != nil {
		t.Fatal(err)
	}
	citations := newFixture("citations", src)
	fixtures := append(slices.Clone(dossiers), citations)
	// The checker reads what the metadata states as the build's model
	// does (model.Document.PublisherName); whether a publisher that says it
	// is unknown is left out is checked here, from the metadata as written.
	t.Run("unknown publisher", func(t *testing.T) {
		t.Parallel()
		data := filepath.Join(citations.site(t), "data")
		csl, err := os.ReadFile(filepath.Join(data, "sources.csl.json"))
		if err != nil {
			t.Fatal(err)
		}
		var items []map[string]any
		if err := json.Unmarshal(csl, &items); err != nil {
			t.Fatal(err)
		}
		bib, err := os.ReadFile(filepath.Join(data, "sources.bib"))
		if err != nil {
			t.Fatal(err)
		}
		_, leaflet, _ := strings.Cut(string(bib), "{leaflet,")
		leaflet, _, _ = strings.Cut(leaflet, "\n}")
		for _, it := range items {
			if it["id"] != "leaflet" {
				continue
			}
			if _, ok := it["publisher"]; ok || strings.Contains(leaflet, "organization") || !strings.Contains(leaflet, "publisher unknown: the leaflet names no one") {
				t.Errorf("a publisher the metadata says is unknown is given as one: CSL %v; BibTeX %q", it, leaflet)
			}
			return
		}
		t.Error("no CSL item for the leaflet")
	})
	t.Run("dossiers", func(t *testing.T) {
		t.Parallel()
		args := make([][]string, len(fixtures))
		t.Run("build", func(t *testing.T) {
			for i, x := range fixtures {
				t.Run(x.name, func(t *testing.T) {
					t.Parallel()
					data := filepath.Join(x.site(t), "data")
					args[i] = []string{x.name, citedSources(t, x.load(t), filepath.Join(dir, "metadata-"+x.name+".json")), filepath.Join(data, "sources.csl.json"), filepath.Join(data, "sources.bib")}
				})
			}
		})
		if t.Failed() {
			return
		}
		broken := []string{"broken", filepath.Join(dir, "sources.json"), filepath.Join(dir, "broken.csl.json"), filepath.Join(dir, "broken.bib")}
		open := []string{"--", "open", filepath.Join(dir, "sources.json"), filepath.Join(dir, "open.csl.json"), filepath.Join(dir, "open.bib")}
		out := run(t, slices.Concat(broken, slices.Concat(args...), open)...)
		checkBroken(t, out, "broken")
		checkBroken(t, out, "open")
		for _, x := range fixtures {
			if got := out[x.name]; !strings.HasPrefix(got, "ok: ") {
				t.Errorf("node citation-check.js on %s's exports:\n%s", x.name, got)
			}
		}
	})
}
