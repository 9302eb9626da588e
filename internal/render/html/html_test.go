package html

import (
	"bytes"
	"flag"
	stdhtml "html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/highlight"
	"dossier/internal/link"
	"dossier/internal/markdown"
	"dossier/internal/model"
	"dossier/internal/output"
	"dossier/internal/source"
)

var update = flag.Bool("update", false, "rewrite golden files")

// outEnv names a directory to write the rendered test sites into, for
// looking at them in a browser: the site of the repository's sources goes
// to $DOSSIER_HTML_OUT/site, the fixture's to $DOSSIER_HTML_OUT/fixture/site.
const outEnv = "DOSSIER_HTML_OUT"

const (
	layoutsDir   = "../../../layouts"
	sourcesDir   = "../../../sources"
	fictionalDir = "../../../testdata/fictional"
	goldenDir    = "testdata/golden"
)

// fixture returns a small dossier built by hand: two documents with
// headings, paragraphs, lists, a Russian block, unknown fields, drops and
// provenance records, and one note.
func fixture() *model.Dossier {
	d := unresolvedFixture()
	if err := link.Resolve(d); err != nil {
		panic(err)
	}
	return d
}

// unresolvedFixture is the dossier of fixture, as loaded: not yet resolved.
func unresolvedFixture() *model.Dossier {
	alpha := &model.Document{
		ID:            "alpha-report",
		Ref:           "S1",
		Title:         "Alpha report on <structures> & desks",
		Publisher:     "Ministry of Examples",
		PublisherKind: model.Official,
		Language:      "en",
		Published:     "1 March 2024", PublishedOn: model.Date{Year: 2024, Month: 3, Day: 1},
		Captured:    "web page (text capture)",
		Description: "An official self-description, with a list of desks.",
		Grade:       model.Grade{Reliability: 'B', Credibility: 2, Reason: "Official body describing itself; agrees with S2."},
		TextPath:    "sources/documents/000_alpha.txt",
		MetaPath:    "sources/documents/000_alpha.yaml",
		OriginFile:  "000_alpha.txt",
		SHA256:      "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		Meta:        []byte("id: alpha-report\ntitle: Alpha report on <structures> & desks\npublished: 2024-03-01\nauthor: unknown # not given\ngrade:\n  reliability: B\n  credibility: 2\n"),
		Lines:       40,
		Blocks: []model.Block{
			{Kind: model.Heading, Level: 1, Text: "Alpha report", Anchor: "h-alpha-report", Line: 1},
			{Kind: model.Paragraph, Text: "The ministry has three desks & a \"command centre\" <24/7>.", Number: 1, Anchor: "p1", Line: 3},
			{Kind: model.Heading, Level: 2, Text: "Structure", Anchor: "h-structure", Line: 5},
			{Kind: model.ListItem, Text: "Criminal police", Number: 2, Anchor: "p2", Line: 6},
			{Kind: model.ListItem, Text: "Public security police", Number: 3, Anchor: "p3", Line: 7},
			{Kind: model.Paragraph, Text: "Each desk reports to the deputy minister.", Number: 4, Anchor: "p4", Line: 9},
			{Kind: model.Heading, Level: 3, Text: "Desks", Anchor: "h-desks", Line: 11},
			{Kind: model.ListItem, Text: "Fugitives", Number: 5, Anchor: "p5", Line: 12},
		},
		Dropped: []model.Drop{
			{Line: 20, EndLine: 22, Text: "We use cookies. Accept all", Rule: "cookie-banner", Why: "site furniture, not part of the text"},
			{Line: 30, EndLine: 30, Text: "1 / 9", Rule: "carousel-counter", Why: "slide counter of a carousel"},
		},
	}
	beta := &model.Document{
		ID:            "beta-article",
		Ref:           "S2",
		Title:         "Beta article",
		Publisher:     "unknown: an advocacy site",
		PublisherKind: model.MediaAdvocacy,
		Language:      "en",
		Languages:     []string{"ru"},
		URL:           "https://example.org/beta",
		Captured:      "web page (text capture)",
		Description:   "An advocacy article ending with a line in Russian.",
		Grade:         model.Grade{Reliability: 'F', Credibility: 3, Reason: "Unnamed author writing as an advocate."},
		TextPath:      "sources/documents/001_beta.txt",
		MetaPath:      "sources/documents/001_beta.yaml",
		OriginFile:    "001_beta.txt",
		SHA256:        "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
		Meta:          []byte("id: beta-article\nurl: https://example.org/beta\nother_languages: [ru]\n"),
		Lines:         5,
		Blocks: []model.Block{
			{Kind: model.Paragraph, Text: "Opponents are sought abroad, the article alleges; people may be moved with them.", Number: 1, Anchor: "p1", Line: 1},
			{Kind: model.ListItem, Text: "A single list item.", Number: 2, Anchor: "p2", Line: 2},
			{Kind: model.Paragraph, Text: "Материал доступен на русском языке", Number: 3, Anchor: "p3", Line: 4, Lang: "ru"},
		},
	}
	src := []byte("# About this test\n\nIt has *two* sources, [[S:alpha-report]] and [[S:beta-article]].\n\n## Grading\n\n| Letter | Meaning |\n|---|---|\n| B | Usually reliable |\n\n```yaml\nid: alpha-report # the id\n```\n")
	note := &model.Note{
		ID:     "about",
		Title:  "About this test",
		Path:   "sources/notes/10-about.md",
		Source: src,
		Doc:    markdown.Parse(markdown.New(), src),
	}
	prose := func(src string) *model.Prose {
		return &model.Prose{Source: []byte(src), Doc: markdown.Parse(markdown.New(), []byte(src)), Path: "sources/entities/test.yaml", Line: 3}
	}
	ministry := &model.Entity{
		ID: "ministry", Name: "Ministry of Examples", Kind: model.Agency, Aliases: []string{"ministry", "Ministry of Examples and Samples", "Examples Ministry", "Samples Office"},
		Description: prose("> [!background]\n> Ministries keep desks.\n\nThe body with three desks ([[S:alpha-report#1]]); see [[desk|its desk]]."),
		Claims: []model.Claim{
			{Text: "The ministry has three desks.", Cites: []model.Citation{{Source: "alpha-report", Quote: "The ministry has three desks"}}},
			{Text: "S2 alleges that it seeks opponents abroad.", Allegation: true, Cites: []model.Citation{{Source: "beta-article", Quote: "Opponents are sought abroad"}}},
		},
		Path: "sources/entities/test.yaml", Line: 1,
	}
	desk := &model.Entity{
		ID: "desk", Name: "Fugitives desk", Kind: model.Unit, Aliases: []string{"Fugitives"},
		Relations: []*model.Relation{{Type: model.PartOf, ToID: "ministry", Note: "one of three <desks>", Cites: []model.Citation{{Source: "alpha-report", Quote: "Fugitives"}}}},
		Path:      "sources/entities/test.yaml", Line: 20,
	}
	desk.Relations[0].From = desk // as the load stage sets it
	north := &model.Entity{ID: "northland", Name: "Northland", Kind: model.Place, Path: "sources/entities/test.yaml", Line: 30}
	south := &model.Entity{ID: "southland", Name: "Southland", Kind: model.Place, Path: "sources/entities/test.yaml", Line: 32}
	d := &model.Dossier{
		Settings: model.Settings{
			Title:    "Test dossier",
			Subtitle: "A briefing built by hand for the renderer's tests",
			Marking:  "TLP:CLEAR",
			Cutoff:   model.Date{Year: 2026, Month: time.November, Day: 24},
			PageSize: model.A4,
			Language: "en",
			BaseURL:  fixtureBase,
			Subject:  "northland",
		},
		Documents: []*model.Document{alpha, beta},
		Notes:     []*model.Note{note},
		Entities:  []*model.Entity{ministry, desk, north, south},
		Markets:   marketFixture(),
		Built:     time.Date(2026, time.November, 24, 9, 30, 0, 0, time.UTC),

		Assessment: assessmentFixture(),
	}
	return d
}

// marketFixture returns a small crime-market summary over the fixture's
// documents: two covered markets (one role hedged), one mentioned, the rest
// not covered; actor types, resilience areas, priority areas and routes,
// with the links the load stage makes.
func marketFixture() *model.MarketSummary {
	cite := func(src, quote string) []model.Citation {
		return []model.Citation{{Source: src, Quote: quote, Path: "sources/markets.yaml"}}
	}
	s := &model.MarketSummary{Path: "sources/markets.yaml"}
	s.Overview = []model.Finding{{Claim: model.Claim{Text: "S1 describes a ministry with desks.", Cites: cite("alpha-report", "three desks")}}}
	for _, id := range model.MarketIDs {
		s.Markets = append(s.Markets, &model.Market{ID: id, Coverage: model.NotCovered, Path: s.Path})
	}
	s.Market(model.Extortion).Note = "Neither source speaks of extortion <or> protection."
	arms := s.Market(model.ArmsTrafficking)
	arms.Coverage = model.Covered
	arms.Roles = []model.RoleFinding{
		{Role: model.Origin, Finding: model.Finding{Claim: model.Claim{Cites: cite("alpha-report", "Each desk reports")}}},
		{Role: model.Destination, Finding: model.Finding{Claim: model.Claim{Text: "Arms end up with the desks.", Cites: cite("alpha-report", "Criminal police")}}},
	}
	arms.Trends = []model.Trend{{Phrase: "three desks", Finding: model.Finding{Claim: model.Claim{Text: "the number of desks", Cites: cite("alpha-report", "The ministry has three desks")}}}}
	arms.Actors = []model.MarketActor{
		{TypeID: model.CriminalNetworks, Finding: model.Finding{Claim: model.Claim{Text: "networks", Cites: cite("alpha-report", "Public security police")}}},
		{EntityID: "desk", Finding: model.Finding{Claim: model.Claim{Text: "the desk", Cites: cite("alpha-report", "Fugitives")}}},
		{Finding: model.Finding{Claim: model.Claim{Text: "individuals", Cites: cite("alpha-report", "deputy minister")}}},
	}
	arms.Agencies = []model.MarketAgency{
		{EntityID: "ministry", Cites: cite("alpha-report", "The ministry has three desks")},
		{EntityID: "desk", Note: "The desk handles fugitives, who <may> carry arms."},
	}
	arms.Findings = []model.Finding{{Claim: model.Claim{Text: "The ministry runs a command centre.", Cites: cite("alpha-report", "command centre")}}}
	arms.Note = "Mapped from S1's list of desks."
	smuggling := s.Market(model.HumanSmuggling)
	smuggling.Coverage = model.Covered
	smuggling.Roles = []model.RoleFinding{{Role: model.Transit, Finding: model.Finding{Claim: model.Claim{Hedge: "may", Text: "People are moved abroad.", Cites: cite("beta-article", "people may be moved with them")}}}}
	fin := s.Market(model.FinancialCrimes)
	fin.Coverage = model.Mentioned
	fin.Findings = []model.Finding{{Claim: model.Claim{Text: "A list item names nothing financial.", Cites: cite("beta-article", "A single list item")}}}
	for _, id := range model.ActorTypeIDs {
		s.Actors = append(s.Actors, &model.ActorType{ID: id, Coverage: model.NotCovered, Path: s.Path})
	}
	nets := s.ActorType(model.CriminalNetworks)
	nets.Coverage = model.Covered
	nets.Findings = []model.Finding{{Claim: model.Claim{Text: "Networks work with the police.", Cites: cite("alpha-report", "Public security police")}}}
	nets.Note = "S1 names no network."
	for _, id := range model.ResilienceIDs {
		s.Resilience = append(s.Resilience, &model.ResilienceArea{ID: id, Coverage: model.NotCovered, Path: s.Path})
	}
	le := s.Area(model.LawEnforcement)
	le.Coverage = model.Covered
	le.Findings = []model.Finding{{Claim: model.Claim{Text: "Police are organised in desks.", Cites: cite("alpha-report", "Criminal police")}}}
	s.Priorities = []*model.PriorityArea{
		{ID: "fugitives", Name: "Fugitives", Note: "The Index has no market for fugitives.", Cites: cite("alpha-report", "Fugitives")},
		{ID: "trafficking", Name: "Trafficking & smuggling", MarketIDs: []model.MarketID{model.HumanSmuggling, model.ArmsTrafficking}, ActorTypeIDs: []model.ActorTypeID{model.CriminalNetworks}, Cites: cite("alpha-report", "Criminal police")},
	}
	s.Routes = []*model.Route{
		{What: "small arms", MarketIDs: []model.MarketID{model.ArmsTrafficking}, From: &model.RoutePoint{EntityID: "northland"}, Via: []model.RoutePoint{{EntityID: "southland"}}, To: &model.RoutePoint{Name: "places <under> sanctions"},
			Finding: model.Finding{Claim: model.Claim{Text: "through the south", Cites: cite("alpha-report", "three desks")}}},
		{What: "people", MarketIDs: []model.MarketID{model.HumanSmuggling}, Via: []model.RoutePoint{{EntityID: "southland"}},
			Finding: model.Finding{Claim: model.Claim{Hedge: "the article alleges", Allegation: true, Cites: cite("beta-article", "sought abroad, the article alleges")}}},
		{What: "goods", From: &model.RoutePoint{EntityID: "southland"}, To: &model.RoutePoint{EntityID: "northland"}, BothWays: true,
			Finding: model.Finding{Claim: model.Claim{Cites: cite("alpha-report", "Fugitives")}}},
	}
	s.Connect() // the links the load stage makes
	return s
}

// render renders d with the repository's layouts and, as the build does,
// the figures laid out once (with a test Measurer).
func render(t *testing.T, d *model.Dossier) *output.Mem {
	t.Helper()
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	figs := layoutFigures(t, d)
	var out output.Mem
	if err := Render(d, &out, Options{Layouts: os.DirFS(layoutsDir), Highlighter: hl, Figures: figs}); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv(outEnv); dir != "" {
		sub := "fixture"
		if d.Settings.Title != "Test dossier" {
			sub = "."
		}
		for name, data := range out.Files {
			p := filepath.Join(dir, sub, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return &out
}

// assessmentFixture is a bottom line with one judgement, one gap and one
// implication, for the resolve stage to finish.
func assessmentFixture() *model.Assessment {
	const file = "sources/judgements.yaml"
	written := func(text string, line int) model.Written { return model.Written{Text: text, Path: file, Line: line} }
	summary := []byte("The desks answer to a *deputy* minister ([[S:alpha-report#4]]).\n")
	j := &model.Judgement{
		ID: "desks", Number: 1, Likelihood: model.HighlyLikely, Confidence: model.ModerateConfidence,
		Written:      written("Every desk of the [[ministry]] highly likely reports to the deputy minister.", 5),
		BasisWritten: written("One official source & its own list; not corroborated.", 8),
		Cites:        []model.Citation{{Source: "alpha-report", Quote: "Each desk reports to the deputy minister.", Path: file, Line: 11}},
		Line:         4,
	}
	return &model.Assessment{
		Path:       file,
		Summary:    &model.Prose{Source: summary, Doc: markdown.Parse(markdown.New(), summary), Path: file, Line: 2},
		Judgements: []*model.Judgement{j},
		Gaps:       []*model.Point{{Written: written("No source names the deputy minister.", 14), Line: 14}},
		Implications: []*model.Point{{
			Written: written("Address requests through the ministry.", 17), Line: 17,
			JudgementIDs: []string{"desks"},
			Cites:        []model.Citation{{Source: "beta-article", Quote: "Opponents are sought abroad", Path: file, Line: 20}},
		}},
	}
}

// TestGolden compares every page of the fixture's site with
// testdata/golden; go test -update rewrites them.
func TestGolden(t *testing.T) {
	t.Parallel()
	out := render(t, fixture())
	var pages []string
	for _, name := range out.Names() {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, name)
		}
	}
	want := []string{"site/404.html", "site/entities.html", "site/entities/desk.html", "site/entities/ministry.html", "site/entities/northland.html", "site/entities/southland.html", "site/index.html", "site/markets.html", "site/orgcharts.html"}
	for _, id := range model.MarketIDs {
		want = append(want, "site/markets/"+string(id)+".html")
	}
	want = append(want, "site/markets/actors.html", "site/markets/resilience.html", "site/notes/about.html", "site/search.html", "site/sources/alpha-report.html", "site/sources/beta-article.html")
	slices.Sort(want)
	if !slices.Equal(pages, want) {
		t.Errorf("pages written:\n%s\nwant:\n%s", strings.Join(pages, "\n"), strings.Join(want, "\n"))
	}
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for _, name := range pages {
			p := filepath.Join(goldenDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, out.Files[name], 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	var golden []string
	err := filepath.WalkDir(goldenDir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(goldenDir, p)
			golden = append(golden, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range golden {
		if _, ok := out.Files[name]; !ok {
			t.Errorf("%s: golden file for a page no longer written (go test -update removes it)", name)
		}
	}
	for _, name := range pages {
		wantData, err := os.ReadFile(filepath.Join(goldenDir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v (go test -update writes it)", name, err)
			continue
		}
		if diff := cmp.Diff(string(wantData), string(out.Files[name])); diff != "" {
			t.Errorf("%s differs from its golden file (-want +got):\n%s", name, diff)
		}
	}
}

// TestFixturePages checks what the golden files should show, so that an
// -update cannot quietly accept a regression.
func TestFixturePages(t *testing.T) {
	t.Parallel()
	out := render(t, fixture())
	page := func(name string) string { return string(out.Files["site/"+name]) }
	tests := []struct {
		page string
		want []string
	}{
		{"index.html", []string{
			`<html lang="en">`,
			`<time datetime="2026-11-24">24 November 2026</time>`,
			`<time datetime="2026-11-24T09:30:00Z">24 November 2026, 09:30 UTC</time>`,
			`<a href="sources/alpha-report.html">Alpha report on &lt;structures&gt; &amp; desks</a>`,
			`<a href="notes/about.html">About this test</a>`,
			`title="B: Usually reliable; 2: Probably true">B2</abbr>`,
			`<td data-label="Kind">Media / advocacy</td>`,
			`<td data-label="Language">en, ru</td>`,
			`<dt>F</dt><dd>Reliability cannot be judged</dd>`,
			`<dt>6</dt><dd>Truth cannot be judged</dd>`,
			`<td data-label="Paragraphs" class="num">5</td>`,
			`<link rel="stylesheet" href="assets/style.`,
			`<form class="site-search" role="search" aria-label="Search the dossier" action="search.html" method="get">`,
			// The assessment opens the page: the bottom line, then the
			// key judgements with likelihood, band, confidence, basis
			// and citations; gaps and implications follow, and the
			// yardstick is explained from the model.
			"<h2 id=\"bottom-line\">Bottom line</h2>\n<p>The desks answer to a <em>deputy</em> minister (<a class=\"ref-source\" href=\"sources/alpha-report.html#p4\" title=\"Alpha report on &lt;structures&gt; &amp; desks\">S1\u00a0¶4\u00a0·\u00a0B2</a>).</p>",
			`<li class="judgement" id="kj-desks">`,
			`<p class="judgement-statement"><span class="judgement-label">KJ1</span> Every desk of the Ministry of Examples highly likely reports to the deputy minister.</p>`,
			`<strong class="likelihood">Highly likely</strong> <span class="band">(80–90 %)</span> · <strong class="confidence">moderate confidence</strong>: One official source &amp; its own list; not corroborated. <span class="cites"><a class="cite" href="sources/alpha-report.html#p4"`,
			`<h2 id="information-gaps">Information gaps</h2>`,
			`<li><p>No source names the deputy minister. </p></li>`,
			`<h2 id="implications">Implications</h2>`,
			`<span class="follows">(follows from <a href="#kj-desks">KJ1</a>)</span>`,
			`<div><dt>likely / probably</dt><dd>55–75 %</dd></div>`,
			`<div><dt>moderate</dt><dd>Credible sources, but few, or not independent of each other, or with gaps.</dd></div>`,
			`<p class="sidebar-heading">Assessment</p>`,
			`<li><a href="#key-judgements">Key judgements</a></li>`,
		}},
		{"sources/alpha-report.html", []string{
			// Every page but the home page gives the day of the build,
			// so that a rebuild that day leaves it as it was.
			`Built <time datetime="2026-11-24">24 November 2026</time>`,
			`<h1><span class="ref">S1</span> Alpha report on &lt;structures&gt; &amp; desks</h1>`,
			`<h2 id="h-alpha-report">Alpha report</h2>`,
			`<h3 id="h-structure">Structure</h3>`,
			`<h4 id="h-desks">Desks</h4>`,
			`<p class="para" id="p1"><a class="pn" href="#p1">¶1</a> The <a class="mention" href="../entities/ministry.html" title="Ministry of Examples (agency)">ministry</a> has three desks &amp; a &#34;command centre&#34; &lt;24/7&gt;.</p>`,
			"<ul class=\"items\">\n<li class=\"para\" id=\"p2\"><a class=\"pn\" href=\"#p2\">¶2</a> Criminal police</li>\n<li class=\"para\" id=\"p3\"><a class=\"pn\" href=\"#p3\">¶3</a> Public security police</li>\n</ul>",
			`<th scope="row">Author</th><td><span class="unknown">not stated in the source</span></td>`,
			`<th scope="row">Address</th><td><span class="unknown">not stated in the source</span></td>`,
			`<th scope="row">Published</th><td>1 March 2024</td>`,
			`<td class="num">20–22</td><td><code>cookie-banner</code></td><td>site furniture, not part of the text</td><td class="dropped-text">We use cookies. Accept all</td>`,
			`<td class="num">30</td>`,
			`<pre class="hl-chroma">`,
			`<span class="hl-nt">title</span>`,
			`&lt;structures&gt; &amp; desks`,
			`<a class="pager-next" rel="next" href="beta-article.html">`,
			`<a class="pager-up" href="../index.html">`,
			`<link rel="stylesheet" href="../assets/style.`,
			`<form class="site-search" role="search" aria-label="Search the dossier" action="../search.html" method="get">`,
			`<li><a href="../index.html#sources" aria-current="true">Sources <span class="count">2</span></a></li>`,
		}},
		{"sources/beta-article.html", []string{
			`<p class="para" id="p3" lang="ru"><a class="pn" href="#p3">¶3</a> Материал доступен на русском языке</p>`,
			`<span class="url">https://example.org/beta</span>`,
			`<a class="pager-prev" rel="prev" href="alpha-report.html">`,
			`Cleaning removed no text from this source.`,
			`<th scope="row">Language</th><td>en, ru</td>`,
		}},
		{"entities/ministry.html", []string{
			"<div class=\"background\" role=\"note\"><span class=\"badge badge-background\">background</span>\n<p>Ministries keep desks.</p>\n</div>\n<p>The body with three desks",
			`<li class="claim claim-stated">` + "\n" + `<p><span class="badge badge-stated">stated</span> The ministry has three desks.</p>`,
			`<li class="claim claim-alleged">` + "\n" + `<p><span class="badge badge-alleged">alleged <span class="by">· <a href="../sources/beta-article.html">S2</a>&nbsp;<abbr class="grade" title="F: Reliability cannot be judged; 3: Possibly true">F3</abbr></span></span> S2 alleges that it seeks opponents abroad.</p>`,
		}},
		{"entities.html", []string{
			`<div class="evidence-key">`,
			`<li><span class="badge badge-hedged">hedged</span> the source itself hedges it`,
			`<li><span class="badge badge-background">background</span> the analyst&rsquo;s own knowledge, resting on no source of this briefing (one passage in all)`,
		}},
		{"notes/about.html", []string{
			`<h1 id="about-this-test">About this test</h1>`,
			`<em>two</em>`,
			`<table>`,
			`<span class="hl-nt">id</span>`,
		}},
	}
	for _, tt := range tests {
		got := page(tt.page)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", tt.page, w)
			}
		}
	}
	// The menu links to the lists of sources and notes and does not
	// repeat them: no page grows with the number of sources.
	for _, name := range []string{"index.html", "sources/alpha-report.html", "notes/about.html"} {
		got := page(name)
		start, end := strings.Index(got, `<nav class="sidebar"`), strings.Index(got, "</nav>")
		if start < 0 || end < start {
			t.Fatalf("%s has no sidebar", name)
		}
		if menu := got[start:end]; strings.Contains(menu, "beta-article.html") || strings.Contains(menu, "notes/about.html") {
			t.Errorf("%s: the menu lists a source or a note:\n%s", name, menu)
		}
	}
	if strings.Contains(page("sources/beta-article.html"), `href="https://`) {
		t.Error("a known URL is linked; it should be shown as text")
	}
	var css string
	for name, data := range out.Files {
		if regexp.MustCompile(`^site/assets/style\.[0-9a-f]{10}\.css$`).MatchString(name) {
			css = string(data)
		}
	}
	if css == "" {
		t.Fatal("no site/assets/style.HASH.css")
	}
	if !strings.Contains(page("index.html"), `href="assets/`+strings.TrimPrefix(hashedName("assets/style", ".css", []byte(css)), "assets/")+`"`) {
		t.Error("the index does not link the stylesheet by its hashed name")
	}
	layout, err := os.ReadFile(filepath.Join(layoutsDir, Stylesheet))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(css, string(layout)) || !strings.Contains(css, ".hl-chroma .hl-nt") {
		t.Error("style.css is not layouts/style.css followed by the highlighter's classes")
	}
}

// TestDeterministic renders the fixture twice and expects the same bytes.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	a, b := render(t, fixture()), render(t, fixture())
	if diff := cmp.Diff(a.Files, b.Files); diff != "" {
		t.Errorf("two renders differ:\n%s", diff)
	}
}

// TestLinks checks the links and the frame of every page of the fixture's
// site and of the site of the repository's own sources.
func TestLinks(t *testing.T) {
	t.Parallel()
	t.Run("fixture", func(t *testing.T) { checkSite(t, render(t, fixture())) })
	for _, dir := range []string{fictionalDir, sourcesDir} {
		t.Run(dir, func(t *testing.T) {
			d := loadDir(t, dir)
			out := render(t, d)
			checkSite(t, out)
			// The summary, a page per market, the actor types and resilience.
			markets := 0
			if d.Markets != nil {
				markets = 1 + len(model.MarketIDs) + 2
			}
			search := 3 // the page, its script and the index
			server := 2 // 404.html and robots.txt
			if d.Settings.BaseURL != "" {
				server++ // sitemap.xml
			}
			if _, ok := out.Files["site/orgcharts.html"]; ok {
				server++
			}
			if n := len(out.Names()); n != 1+1+len(d.Documents)+len(d.Notes)+1+len(d.Entities)+markets+search+server {
				t.Errorf("%d files written for %d documents, %d notes, %d entities and %d market pages", n, len(d.Documents), len(d.Notes), len(d.Entities), markets)
			}
		})
	}
}

// loadDir loads and resolves the sources folder dir, built at a fixed time.
func loadDir(t *testing.T, dir string) *model.Dossier {
	t.Helper()
	d, err := source.Load(os.DirFS(dir), source.Options{Name: dir, Built: time.Date(2026, time.November, 24, 12, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	return d
}

var (
	attrRe = regexp.MustCompile(`\s(href|src|srcset|action|poster|data)="([^"]*)"`)
	idRe   = regexp.MustCompile(`\sid="([^"]*)"`)
	h1Re   = regexp.MustCompile(`<h1[\s>]`)
)

// checkSite asserts that every page is a complete HTML5 document with one
// h1, unique ids and the landmarks, and that every address in it is
// relative, names a written file rather than a directory, and, with a
// fragment, an id in that file.
func checkSite(t *testing.T, out *output.Mem) {
	t.Helper()
	ids := map[string]map[string]bool{}
	for name, data := range out.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		set := map[string]bool{}
		for _, m := range idRe.FindAllSubmatch(data, -1) {
			id := stdhtml.UnescapeString(string(m[1]))
			if set[id] {
				t.Errorf("%s: id %q used twice", name, id)
			}
			set[id] = true
		}
		ids[name] = set
	}
	for _, name := range out.Names() {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		data := out.Files[name]
		for _, want := range []string{"<!doctype html>\n<html lang=\"", `<meta charset="utf-8">`, `<meta name="viewport"`, "<title>", "<header", "<nav", "<main", "<footer", "</html>"} {
			if !bytes.Contains(data, []byte(want)) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
		if !bytes.HasPrefix(data, []byte("<!doctype html>")) {
			t.Errorf("%s does not start with <!doctype html>", name)
		}
		if n := len(h1Re.FindAll(data, -1)); n != 1 {
			t.Errorf("%s has %d h1 elements, want 1", name, n)
		}
		if n := bytes.Count(data, []byte(`class="marking `)); n != 2 {
			t.Errorf("%s shows the marking %d times, want 2 (top and bottom)", name, n)
		}
		for _, m := range attrRe.FindAllSubmatch(data, -1) {
			attr, raw := string(m[1]), stdhtml.UnescapeString(string(m[2]))
			if attr != "href" && attr != "src" && attr != "action" {
				t.Errorf("%s: %s=%q: pages should use only href and src", name, attr, raw)
				continue
			}
			if name == "site/404.html" {
				// The 404 page links absolutely, below the base URL
				// when there is one: check those links from the top.
				if rel, ok := strings.CutPrefix(raw, fixtureBase); ok {
					raw = rel
				}
			}
			checkLink(t, out, ids, name, raw)
		}
	}
}

func checkLink(t *testing.T, out *output.Mem, ids map[string]map[string]bool, page, raw string) {
	t.Helper()
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		t.Errorf("%s: %q: %v", page, raw, err)
		return
	case raw == "":
		t.Errorf("%s: empty address", page)
		return
	case u.Scheme == "data":
		return // content in the page itself, such as the empty icon; nothing is loaded
	case u.Scheme != "" || u.Host != "" || strings.HasPrefix(raw, "/"):
		t.Errorf("%s: %q is not a relative address", page, raw)
		return
	}
	target := path.Join("site", path.Dir(strings.TrimPrefix(page, "site/")))
	if u.Path == "" {
		target = page
	} else {
		if strings.HasSuffix(u.Path, "/") || path.Ext(u.Path) == "" {
			t.Errorf("%s: %q names a directory, not a file", page, raw)
			return
		}
		target = path.Join(target, u.Path)
		if !strings.HasPrefix(target, "site/") {
			t.Errorf("%s: %q leaves the site", page, raw)
			return
		}
	}
	if _, ok := out.Files[target]; !ok {
		t.Errorf("%s: %q: no file %s", page, raw, target)
		return
	}
	if u.Fragment != "" && !ids[target][u.Fragment] {
		t.Errorf("%s: %q: no id %q in %s", page, raw, u.Fragment, target)
	}
}

// TestLayoutErrors checks that broken layouts are reported, naming the file
// or the page.
func TestLayoutErrors(t *testing.T) {
	t.Parallel()
	good := func() fstest.MapFS {
		return fstest.MapFS{
			"base.html":                        {Data: []byte(`{{define "base"}}{{template "main" .}}{{end}}`)},
			"index.html":                       {Data: []byte(`{{define "main"}}index{{end}}`)},
			"source.html":                      {Data: []byte(`{{define "main"}}source{{end}}`)},
			"sources.html":                     {Data: []byte(`{{define "main"}}sources{{end}}`)},
			"note.html":                        {Data: []byte(`{{define "main"}}note{{end}}`)},
			"entity.html":                      {Data: []byte(`{{define "main"}}entity{{end}}`)},
			"entities.html":                    {Data: []byte(`{{define "main"}}entities{{end}}`)},
			"markets.html":                     {Data: []byte(`{{define "main"}}markets{{end}}`)},
			"market.html":                      {Data: []byte(`{{define "main"}}market{{end}}`)},
			"actors.html":                      {Data: []byte(`{{define "main"}}actors{{end}}`)},
			"resilience.html":                  {Data: []byte(`{{define "main"}}resilience{{end}}`)},
			"search.html":                      {Data: []byte(`{{define "main"}}search{{end}}`)},
			"404.html":                         {Data: []byte(`{{define "main"}}not found{{end}}`)},
			"orgcharts.html":                   {Data: []byte(`{{define "main"}}charts{{end}}`)},
			"search.js":                        {Data: []byte("// search\n")},
			"style.css":                        {Data: []byte("body{}\n")},
			"text/markets/priorities-label.md": {Data: []byte("Priorities\n")},
			// The menu's labels of the assessment.
			"text/assessment/judgements-heading.md":   {Data: []byte("Key judgements\n")},
			"text/assessment/gaps-heading.md":         {Data: []byte("Information gaps\n")},
			"text/assessment/implications-heading.md": {Data: []byte("Implications\n")},
		}
	}
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"ok", func(fstest.MapFS) {}, ""},
		{"no base", func(m fstest.MapFS) { delete(m, "base.html") }, "layouts: "},
		{"base without base", func(m fstest.MapFS) { m["base.html"].Data = []byte(`{{define "frame"}}{{end}}`) }, `base.html does not define the template "base"`},
		{"no note layout", func(m fstest.MapFS) { delete(m, "note.html") }, "no note.html"},
		{"no entity layout", func(m fstest.MapFS) { delete(m, "entity.html") }, "no entity.html"},
		{"entity execution", func(m fstest.MapFS) { m["entity.html"].Data = []byte(`{{define "main"}}{{.Data.Nope}}{{end}}`) }, "entities/ministry.html: "},
		{"kind without main", func(m fstest.MapFS) { m["source.html"].Data = []byte(`{{define "body"}}{{end}}`) }, `source.html does not define the template "main"`},
		{"syntax", func(m fstest.MapFS) { m["index.html"].Data = []byte(`{{define "main"}}{{if}}{{end}}`) }, "index.html"},
		{"execution", func(m fstest.MapFS) { m["source.html"].Data = []byte(`{{define "main"}}{{.Data.Nope}}{{end}}`) }, "sources/alpha-report.html: "},
		{"no stylesheet", func(m fstest.MapFS) { delete(m, "style.css") }, "style.css"},
		{"no wording", func(m fstest.MapFS) {
			for name := range m {
				if strings.HasPrefix(name, "text/") {
					delete(m, name)
				}
			}
		}, "layouts: no text/ folder"},
		{"snippet missing", func(m fstest.MapFS) {
			m["index.html"].Data = []byte(`{{define "main"}}{{.Wording "sources/intro"}}{{end}}`)
		}, "error calling Wording: layouts: text/sources/intro.md: no such snippet"},
		{"snippet syntax", func(m fstest.MapFS) {
			m["text/sources/intro.md"] = &fstest.MapFile{Data: []byte("Sources:\n{{if .Sources}}")}
		}, "text/sources/intro.md:2: "},
		{"snippet execution", func(m fstest.MapFS) {
			m["text/sources/intro.md"] = &fstest.MapFile{Data: []byte("Sources:\n\n{{.Nope}}")}
		}, "text/sources/intro.md:3:2: "},
		{"snippet not inline", func(m fstest.MapFS) {
			m["text/sources/intro.md"] = &fstest.MapFile{Data: []byte("One.\n\nTwo.")}
			m["index.html"].Data = []byte(`{{define "main"}}<p>{{.WordingInline "sources/intro"}}</p>{{end}}`)
		}, "text/sources/intro.md: the snippet is used inside a line"},
		{"snippet inline", func(m fstest.MapFS) {
			m["text/sources/intro.md"] = &fstest.MapFile{Data: []byte("One *and* {{.Sources}}.")}
			m["index.html"].Data = []byte(`{{define "main"}}<p>{{.WordingInline "sources/intro"}}</p>{{end}}`)
		}, ""},
	}
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			layouts := good()
			tt.change(layouts)
			err := Render(fixture(), &output.Mem{}, Options{Layouts: layouts, Highlighter: hl})
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && err == nil:
				t.Fatalf("no error, want one containing %q", tt.want)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Fatalf("error %q does not contain %q", err, tt.want)
			}
		})
	}
	if err := Render(fixture(), &output.Mem{}, Options{Layouts: good()}); err == nil {
		t.Error("no error without a highlighter")
	}
}

// TestMarkets checks, on the fixture's site and on that of the
// repository's sources, that every market of the Index's framework has a
// row on markets.html linked to its page, that a market the sources do not
// cover reads "not covered by the sources" there and on its page, and that
// no score is shown.
func TestMarkets(t *testing.T) {
	t.Parallel()
	check := func(t *testing.T, d *model.Dossier, out *output.Mem) {
		summary := string(out.Files["site/markets.html"])
		if summary == "" {
			t.Fatal("no markets.html")
		}
		for _, m := range d.Markets.Markets {
			start := strings.Index(summary, `<tr id="m-`+string(m.ID)+`"`)
			if start < 0 {
				t.Errorf("markets.html has no row for %s", m.ID)
				continue
			}
			row := summary[start : start+strings.Index(summary[start:], "</tr>")]
			if !strings.Contains(row, `<a href="markets/`+string(m.ID)+`.html">`+stdhtml.EscapeString(m.Name())+`</a>`) {
				t.Errorf("the row of %s does not link to its page:\n%s", m.ID, row)
			}
			page := string(out.Files["site/markets/"+string(m.ID)+".html"])
			if m.Coverage == model.NotCovered {
				if !strings.Contains(row, "not covered by the sources") {
					t.Errorf("the row of uncovered %s does not say so:\n%s", m.ID, row)
				}
				if strings.Contains(row, `class="cite"`) || strings.Contains(page, `id="role"`) {
					t.Errorf("uncovered %s is filled in", m.ID)
				}
				if !strings.Contains(page, "do not speak to this market") {
					t.Errorf("the page of uncovered %s does not say so", m.ID)
				}
			} else if strings.Contains(row, "not covered by the sources") {
				t.Errorf("the row of %s (%s) reads not covered", m.ID, m.Coverage)
			}
			if m.Note != "" && !strings.Contains(page, stdhtml.EscapeString(m.Note)) {
				t.Errorf("the page of %s lacks its note", m.ID)
			}
		}
		for name, data := range out.Files {
			if strings.HasPrefix(name, "site/markets") && regexp.MustCompile(`(?i)\bscore\b`).Match(data) {
				t.Errorf("%s shows a score", name)
			}
		}
	}
	t.Run("fixture", func(t *testing.T) {
		d := fixture()
		out := render(t, d)
		check(t, d, out)
		page := func(name string) string { return string(out.Files["site/"+name]) }
		for name, wants := range map[string][]string{
			"markets.html": {
				`<td class="mark-col"><a class="mark mark-stated" href="sources/alpha-report.html#p4"`,
				`<a class="mark mark-hedged" href="sources/beta-article.html#p1"`, `<span aria-hidden="true">○</span>`,
				`<td colspan="4" class="none">mentioned in passing; no role stated</td>`,
				`<a href="entities/desk.html">Fugitives desk</a> <span class="tag" title="Assigned by the analyst: The desk handles fugitives, who &lt;may&gt; carry arms.">analyst</span>`,
				`<q>three desks</q>`,
				`<a href="markets/actors.html#criminal-networks">Criminal networks</a>`,
				`<th scope="row">Fugitives <span class="cites">`,
				`<span class="none">no Index market</span>`,
				`<a href="markets/extortion-protection-racketeering.html">Extortion and protection racketeering</a> <span class="remark">(not covered by the sources)</span>`,
				`<svg class="route-map" role="group"`,
				`Route 2, people: from a place not stated via Southland to a place not stated.`,
				`Route 3, goods: between Southland and Northland.`,
				`<a href="entities/northland.html">`,
				`places &lt;under&gt; sanctions`,
			},
			"markets/arms-trafficking.html": {
				`<a class="pager-prev" rel="prev" href="extortion-protection-racketeering.html">`,
				`<a class="pager-next" rel="next" href="counterfeit-goods.html">`,
				`<q class="quote">Each desk reports</q>`,
				`<a href="../entities/ministry.html">Ministry of Examples</a>`,
				`Assigned by the analyst, not by a source: The desk handles fugitives`,
				`<a href="../markets.html#pa-trafficking">Trafficking &amp; smuggling</a>`,
			},
			"markets/human-smuggling.html": {
				`<span class="badge badge-hedged" title="The source hedges: “may”">hedged</span> <q class="hedge">may</q> People are moved abroad.`,
				`<th scope="row">people <span class="badge badge-alleged" title="The source hedges: “the article alleges”">alleged <span class="by">· <a href="../sources/beta-article.html">S2</a>&nbsp;<abbr class="grade"`,
			},
			"markets/extortion-protection-racketeering.html": {
				`Neither source speaks of extortion &lt;or&gt; protection.`,
				`None of the priority areas meets this market.`,
			},
			"markets/actors.html": {
				`<h2 id="mafia-style-groups">Mafia-style groups</h2>`,
				`<a href="arms-trafficking.html">Arms trafficking</a>`,
			},
			"markets/resilience.html": {
				`<h2 id="group-criminal-justice-and-security">Criminal justice and security</h2>`,
				`<h3 id="law-enforcement">Law enforcement</h3>`,
			},
		} {
			got := page(name)
			for _, w := range wants {
				if !strings.Contains(got, w) {
					t.Errorf("%s lacks %s", name, w)
				}
			}
		}
	})
	for _, dir := range []string{fictionalDir, sourcesDir} {
		t.Run(dir, func(t *testing.T) {
			d := loadDir(t, dir)
			if d.Markets == nil {
				t.Skip("no crime-market summary")
			}
			check(t, d, render(t, d))
		})
	}
}

// fixtureBase is the base URL of the fixture's site.
const fixtureBase = "https://example.org/briefing/"

// TestServerFiles checks what a static server uses: the 404 page with its
// stylesheet inline and absolute links (a server shows it at any depth),
// or without a base URL a script to find the top of the site, robots.txt
// naming the sitemap, and the sitemap listing every page but the search.
func TestServerFiles(t *testing.T) {
	t.Parallel()
	out := render(t, fixture())
	nf := string(out.Files["site/404.html"])
	for _, want := range []string{
		`<style>/*
 * style.css: the one stylesheet`,
		`<a href="https://example.org/briefing/index.html">Go to the overview</a>`,
		`<h1>Page not found</h1>`,
	} {
		if !strings.Contains(nf, want) {
			t.Errorf("404.html lacks %s", want)
		}
	}
	if got, want := string(out.Files["site/robots.txt"]), "Sitemap: https://example.org/briefing/sitemap.xml\n"; !strings.HasSuffix(got, want) {
		t.Errorf("robots.txt = %q, want it to end with %q", got, want)
	}
	sitemap := string(out.Files["site/sitemap.xml"])
	for name := range out.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		loc := "<loc>https://example.org/briefing/" + strings.TrimPrefix(name, "site/") + "</loc>"
		listed := strings.Contains(sitemap, loc)
		if skip := name == "site/404.html" || name == "site/search.html"; skip == listed {
			t.Errorf("sitemap.xml: %s listed %v", name, listed)
		}
	}
	if !strings.Contains(sitemap, "<lastmod>2026-11-24</lastmod>") {
		t.Error("sitemap.xml has no lastmod of the build date")
	}

	d := fixture()
	d.Settings.BaseURL = ""
	out = render(t, d)
	if _, ok := out.Files["site/sitemap.xml"]; ok {
		t.Error("a sitemap without a base URL")
	}
	if strings.Contains(string(out.Files["site/robots.txt"]), "Sitemap:") {
		t.Error("robots.txt names a sitemap without a base URL")
	}
	nf = string(out.Files["site/404.html"])
	if !strings.Contains(nf, `<a href="index.html">Go to the overview</a>`) {
		t.Error("404.html without a base URL does not link relative to the top of the site")
	}
	if !strings.Contains(nf, `var dirs = ["assets","data","entities","images","markets","notes","sources"];`) {
		t.Error("404.html without a base URL has no script to find the top of the site, or it does not know the site's folders")
	}
	if strings.Contains(nf, `rel="stylesheet"`) {
		t.Error("404.html links to the stylesheet, which a server showing it deeper in the site would not find")
	}
}

// TestContentsAfterHead checks that the list of a page's sections comes
// right after its head, on the overview as on every other page, and not
// after the sections it lists (the bottom line and key judgements).
func TestContentsAfterHead(t *testing.T) {
	t.Parallel()
	out := render(t, fixture())
	lists := 0
	for name, data := range out.Files {
		page := string(data)
		if !strings.HasSuffix(name, ".html") || !strings.Contains(page, `<nav class="on-page"`) {
			continue
		}
		lists++
		if !strings.Contains(page, "</header>\n<nav class=\"on-page\"") {
			t.Errorf("%s: the list of its sections does not follow the page's head", name)
		}
	}
	if lists < 5 {
		t.Errorf("only %d pages list their sections", lists)
	}
}

// TestFavicon checks that every page names its icon (none, as a data
// address), so that no browser asks for /favicon.ico at the top of the
// host, outside the folder the site is published in.
func TestFavicon(t *testing.T) {
	t.Parallel()
	out := render(t, fixture())
	for name, data := range out.Files {
		if strings.HasSuffix(name, ".html") && !bytes.Contains(data, []byte(`<link rel="icon" href="data:,">`)) {
			t.Errorf("%s names no icon", name)
		}
	}
}

// TestServerFilesMarking checks that a site whose marking is not public
// (anything but TLP:CLEAR; TLP:GREEN is for a community) keeps out of
// search engines: robots.txt disallows every page, there is no sitemap
// even with a base URL, and every page asks not to be indexed; and that a
// TLP:CLEAR site asks none of that.
func TestServerFilesMarking(t *testing.T) {
	t.Parallel()
	const noindex = `<meta name="robots" content="noindex, nofollow">`
	for _, tc := range []struct {
		marking string
		public  bool
	}{
		{"TLP:CLEAR", true},
		{"tlp: clear", true},
		{"TLP:GREEN", false},
		{"TLP:AMBER", false},
		{"TLP:AMBER+STRICT", false},
		{"TLP:RED", false},
		{"Internal", false},
		{"", false},
	} {
		t.Run(tc.marking, func(t *testing.T) {
			t.Parallel()
			d := fixture()
			d.Settings.Marking = tc.marking
			out := render(t, d)
			robots := string(out.Files["site/robots.txt"])
			_, sitemap := out.Files["site/sitemap.xml"]
			if tc.public {
				if !strings.Contains(robots, "Allow: /\n") || strings.Contains(robots, "Disallow") || !sitemap {
					t.Errorf("a public site: robots.txt %q, sitemap %v", robots, sitemap)
				}
			} else {
				if !strings.Contains(robots, "User-agent: *\nDisallow: /\n") || strings.Contains(robots, "\nAllow:") {
					t.Errorf("robots.txt = %q, want every page disallowed", robots)
				}
				if strings.Contains(robots, "Sitemap:") || sitemap {
					t.Errorf("a sitemap (written %v) or named in robots.txt %q", sitemap, robots)
				}
			}
			pages := 0
			for name, data := range out.Files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pages++
				if has := bytes.Contains(data, []byte(noindex)); has == tc.public {
					t.Errorf("%s: robots meta noindex %v, want %v", name, has, !tc.public)
				}
			}
			if pages < 10 {
				t.Errorf("only %d pages checked", pages)
			}
		})
	}
}

// TestDates checks an estimated date and a copy on the site: the estimate,
// marked, in the list of sources, with its basis on hover; on the source's
// page with its basis and the passage it cites; and on the pages of the two
// sources, that one repeats the other.
func TestDates(t *testing.T) {
	t.Parallel()
	d := fixture()
	alpha, beta := d.Documents[0], d.Documents[1]
	alpha.Published = ""
	alpha.Dated = &model.DateEstimate{
		Estimate: "2023 or later",
		Basis:    "its latest item is of <2023>",
		Cites:    []model.Citation{{Source: alpha.ID, Quote: "three desks", Doc: alpha, Block: &alpha.Blocks[1]}},
	}
	beta.Copies = []model.Copy{{Of: model.Citation{Source: alpha.ID, Quote: "Fugitives", Doc: alpha, Block: &alpha.Blocks[7]}, Own: &beta.Blocks[1]}}
	out := render(t, d)
	tests := []struct {
		page string
		want []string
	}{
		{"index.html", []string{
			`<th scope="col">Date</th>`,
			`<td data-label="Date">2023 or later <abbr class="est" title="Estimated from the text's own evidence: its latest item is of &lt;2023&gt;">(est.)</abbr></td>`,
			`<td data-label="Date"><span class="unknown">not stated in the source</span></td>`,
		}},
		{"sources/alpha-report.html", []string{
			`<tr><th scope="row">Published</th><td>2023 or later <abbr class="est"`,
			`<span class="reason">Estimated from the text's own evidence: its latest item is of &lt;2023&gt;.</span>`,
			`<a class="cite" href="#p1" title="Alpha report on &lt;structures&gt; &amp; desks: “three desks”">[S1` + "\u00a0¶1\u00a0·\u00a0B2]</a>",
			`<tr><th scope="row">Repeated by</th><td><a href="#p5">¶5</a> is repeated word for word in <a href="beta-article.html#p2"`,
		}},
		{"sources/beta-article.html", []string{
			`<tr><th scope="row">Repeats</th><td><a href="#p2">¶2</a> repeats word for word <a href="alpha-report.html#p5"`,
			`the two count as one source, not as corroboration.`,
		}},
		{"orgcharts.html", []string{
			"Structure as attested in S1 (2023 or later, estimated): as the source describes it, not necessarily as it is today.",
		}},
	}
	for _, tt := range tests {
		page := string(out.Files["site/"+tt.page])
		for _, want := range tt.want {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", tt.page, want)
			}
		}
	}
}

// TestAuthor checks that the settings' author, escaped, is every page's
// author and is named on the home page, and that a dossier whose settings
// name none names none.
func TestAuthor(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		author   string
		meta, by string // in every page, and in the home page; "" for none
	}{
		{"Northgate Analysis Unit", `<meta name="author" content="Northgate Analysis Unit">`, "<dt>Prepared by</dt><dd>Northgate Analysis Unit</dd>"},
		{`Ana "A." Ruiz & <Team>`, `<meta name="author" content="Ana &#34;A.&#34; Ruiz &amp; &lt;Team&gt;">`, "<dd>Ana &#34;A.&#34; Ruiz &amp; &lt;Team&gt;</dd>"},
		{"", "", ""},
	} {
		t.Run(tc.author, func(t *testing.T) {
			t.Parallel()
			d := fixture()
			d.Settings.Author = tc.author
			out := render(t, d)
			pages := 0
			for name, data := range out.Files {
				if !strings.HasSuffix(name, ".html") {
					continue
				}
				pages++
				if tc.meta == "" {
					if bytes.Contains(data, []byte(`<meta name="author"`)) {
						t.Errorf("%s names an author the settings do not give", name)
					}
				} else if !bytes.Contains(data, []byte(tc.meta)) {
					t.Errorf("%s lacks %s", name, tc.meta)
				}
			}
			if pages < 10 {
				t.Errorf("only %d pages checked", pages)
			}
			home := string(out.Files["site/index.html"])
			if tc.by == "" {
				if strings.Contains(home, "Prepared by") {
					t.Error("the home page names who prepared the briefing, which the settings do not say")
				}
			} else if !strings.Contains(home, tc.by) {
				t.Errorf("the home page lacks %s", tc.by)
			}
		})
	}
}
