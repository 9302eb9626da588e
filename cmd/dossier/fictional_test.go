package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"dossier/internal/model"
)

// TestFictionalDossier checks that the generator made the whole product for
// a dossier it was not written for: the invented one under
// testdata/fictional has its organisation charts, its crime-market summary,
// its index and its site, and nothing of the repository's own dossier
// appears anywhere in its output.
func TestFictionalDossier(t *testing.T) {
	t.Parallel()
	site := fictional.site(t)
	text := squash(fictional.pdfText(t))

	for _, want := range []string{
		"Organisation charts",
		"Ministry of Public Order: structure",
		"Customs Service of Valdoria: structure",
		"Digital Forensics Laboratory",
		"Port Liaison Desk",
		"Crime markets",
		"Synthetic drug trade",
		"Arms trafficking",
		"Index",
		"Kessmar",
		"Обзор доступен также на валдорском языке.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the briefing lacks %q", want)
		}
	}
	for _, name := range []string{
		"index.html", "orgcharts.html", "markets.html", "markets/synthetic-drug-trade.html",
		"markets/arms-trafficking.html", "entities/digital-forensics-lab.html", "notes/about.html",
	} {
		if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Errorf("the site lacks %s: %v", name, err)
		}
	}
	// A unit four levels down shows the chart of its agency, itself
	// highlighted.
	page, err := os.ReadFile(filepath.Join(site, "entities", "digital-forensics-lab.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<svg") || !strings.Contains(string(page), "Ministry of Public Order") {
		t.Errorf("entities/digital-forensics-lab.html shows no chart of the Ministry")
	}

	// Nothing of the repository's dossier: none of the names or other
	// names of its entities (glossary terms aside: they are the trade's
	// vocabulary), nor its sources' titles, in any file of the output.
	repo := repoDossier.load(t)
	var foreign []string
	for _, e := range repo.Entities {
		if e.Kind == model.Term {
			continue
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			// The grading scale every briefing explains is "the Admiralty
			// (NATO) system"; the repository's dossier also names NATO.
			if utf8.RuneCountInString(n) >= 4 && n != "NATO" {
				foreign = append(foreign, n)
			}
		}
	}
	for _, doc := range repo.Documents {
		foreign = append(foreign, doc.Title)
	}
	foreign = append(foreign, repo.Settings.Title)
	outputs := map[string]string{"briefing.pdf (text)": text}
	err = filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		outputs[p] = squash(string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range outputs {
		for _, f := range foreign {
			if wordIn(content, f) {
				t.Errorf("%s names %q, of the repository's own dossier", name, f)
			}
		}
	}
}

// wordIn reports whether name occurs in text as whole words.
func wordIn(text, name string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		i = start + 1
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// TestFictionalDates checks that the fictional dossier's estimated date
// (S1 is the annual review of 2025) shows, marked as an estimate, with its
// basis, wherever the source's date is shown, and that the charts and
// profiles drawn from S1's relations say their structure is attested in
// S1 as of then, while those resting on the undated S2 say it is undated.
func TestFictionalDates(t *testing.T) {
	t.Parallel()
	site := fictional.site(t)
	text := squash(fictional.pdfText(t))
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return squash(string(b))
	}
	const (
		ministry = "Structure as attested in S1 (2025 or later, estimated): as the source describes it, not necessarily as it is today."
		customs  = "Structure as attested in S2 (undated): as the source describes it, not necessarily as it is today."
		basis    = "Estimated from the text's own evidence: it is the annual review of 2025 (S1 ¶2 · B3)."
	)
	for _, want := range []string{"2025 or later (est.)", basis, ministry, customs} {
		if !strings.Contains(text, want) {
			t.Errorf("the briefing lacks %q", want)
		}
	}
	// The sources chapter lists the date beside the source, before its
	// grade (the cover gives its room to the assessment).
	if !strings.Contains(text, "2025 or later (est.) B3") {
		t.Error("the sources chapter lacks S1's estimated date before its grade")
	}
	pages := map[string][]string{
		"index.html":                          {`<td data-label="Date">2025 or later <abbr class="est" title="Estimated from the text's own evidence: it is the annual review of 2025 (S1 ¶2 · B3)">(est.)</abbr></td>`, `<td data-label="Date"><span class="unknown">not stated in the source</span></td>`},
		"sources/vmpo-annual-review.html":     {basis, `href="#p2"`},
		"orgcharts.html":                      {ministry, customs},
		"entities/digital-forensics-lab.html": {ministry},
	}
	for name, wants := range pages {
		page := read(name)
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
}

// TestFictionalAssessment checks that the briefing opens with the
// fictional dossier's assessment: page 1 carries the bottom line and both
// key judgements, each with its likelihood, band, confidence and
// citations, and the site's home page starts with the same, before
// anything else, with its gaps and implications further down.
func TestFictionalAssessment(t *testing.T) {
	t.Parallel()
	page1, _, _ := strings.Cut(fictional.pdfText(t), "\f")
	one := squash(page1)
	for _, want := range []string{
		"Bottom line",
		"Valdoria is probably a transit country for synthetic drugs that arrive by sea at Kessmar, on the word of one official source that hedges it (S1 ¶12 · B3).",
		"Key judgements",
		"KJ1 Valdoria is probably a transit country for synthetic drugs made in Orlenia and bound for Tarvia, which arrive by sea at Kessmar.",
		"Likely (55–75 %) · low confidence: One official source, which itself hedges",
		"[S1 ¶12 · B3] [S1 ¶13 · B3]",
		"KJ2 The police's Narcotics Unit and the Customs Service of Valdoria work together at Kessmar.",
		"Highly likely (80–90 %) · moderate confidence: Two sources of different publishers agree",
		"[S1 ¶11 · B3] [S2 ¶3 · C3]",
	} {
		if !strings.Contains(one, want) {
			t.Errorf("page 1 of the briefing lacks %q:\n%s", want, one)
		}
	}
	all := squash(fictional.pdfText(t))
	for _, want := range []string{"Information gaps", "Implications", "(follows from KJ1, KJ2)", "How to read the judgements"} {
		if !strings.Contains(all, want) {
			t.Errorf("the briefing lacks %q", want)
		}
	}

	data, err := os.ReadFile(filepath.Join(fictional.site(t), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	home := string(data)
	_, main, _ := strings.Cut(home, `<main id="_main">`)
	order := []string{
		`<h2 id="bottom-line">Bottom line</h2>`,
		"<a class=\"ref-source\" href=\"sources/vmpo-annual-review.html#p12\" title=\"Annual review of public order (fictional)\">S1\u00a0¶12\u00a0·\u00a0B3</a>",
		`<h2 id="key-judgements">Key judgements</h2>`,
		`<li class="judgement" id="kj-drug-transit">`,
		`<strong class="likelihood">Likely</strong> <span class="band">(55–75 %)</span> · <strong class="confidence">low confidence</strong>`,
		`href="sources/vmpo-annual-review.html#p12"`,
		`<li class="judgement" id="kj-port-channel">`,
		`<strong class="likelihood">Highly likely</strong>`,
		`href="sources/kestrel-institute-brief.html#p3"`,
		`<h2 id="information-gaps">Information gaps</h2>`,
		`<h2 id="implications">Implications</h2>`,
		`<a href="#kj-drug-transit">KJ1</a>`,
		`<h2 id="sources">Sources</h2>`,
		`<h2 id="yardstick">How to read the judgements</h2>`,
	}
	at := 0
	for _, want := range order {
		i := strings.Index(main[at:], want)
		if i < 0 {
			t.Errorf("the home page lacks %s after what comes before it", want)
			continue
		}
		at += i + len(want)
	}
	if i, j := strings.Index(main, `id="bottom-line"`), strings.Index(main, "<section"); i < 0 || j < 0 || i > strings.Index(main, `class="facts"`) {
		t.Errorf("the bottom line is not at the top of the home page")
	}
	if !strings.Contains(home, `<li><a href="#key-judgements">Key judgements</a></li>`) {
		t.Errorf("the menu has no entry for the key judgements")
	}
}

// TestFictionalEvidence checks that the fictional dossier's claims carry
// the badge of their evidence, alike in the briefing and on the site: a
// claim its source states, one its source hedges ("reportedly"), one it
// alleges (with the source and its grade in the badge); that its
// background passages are drawn as such; and that "About" gives their
// number as the build counted it.
func TestFictionalEvidence(t *testing.T) {
	t.Parallel()
	site := fictional.site(t)
	needTools(t, "pdftotext")
	// In the order the page draws them: each badge before its text.
	raw := fictional.readPDF(t, "pdftotext", "-raw", "-enc", "UTF-8", pdfArg, "-")
	// A list's bullet is drawn after its item's first line: leave it out;
	// and join the words hyphenated at a line's end ("al-", "lege").
	text := squash(unhyphenate(strings.ReplaceAll(raw, "\n•\n", "\n")))
	for _, want := range []string{
		"stated The Customs Service is an independent agency.",
		"hedged Valdoria is reportedly a transit country for synthetic drugs.",
		"alleged · S2 C3 S2 reports that local journalists allege that officers of the desk",
		"shipments pass unchecked. [S2 ¶5 · C3]",
		"background A neighbour of Valdoria to the south (fictional).",
		"this briefing has five background passages",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the briefing lacks %q", want)
		}
	}
	for page, wants := range map[string][]string{
		"entities/customs-service.html": {`<span class="badge badge-stated">stated</span> The Customs Service is an independent agency.`},
		"entities/valdoria.html":        {`<span class="badge badge-hedged" title="The source hedges: “reportedly”">hedged</span> Valdoria is reportedly a transit country`},
		"entities/port-liaison-desk.html": {
			`<li class="claim claim-alleged">`,
			`<span class="badge badge-alleged">alleged <span class="by">· <a href="../sources/kestrel-institute-brief.html">S2</a>&nbsp;<abbr class="grade"`,
		},
		"entities/tarvia.html": {`<div class="background" role="note"><span class="badge badge-background">background</span>`},
		"notes/about.html":     {`this briefing has five background passages`},
		"entities.html":        {`<div class="evidence-key">`},
		"markets.html":         {`<div class="evidence-key">`},
	} {
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(page)))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range wants {
			if !strings.Contains(string(data), want) {
				t.Errorf("%s lacks %s", page, want)
			}
		}
	}
}

// TestFictionalAnnexes checks the fictional briefing's reading path and
// annexes: the research brief's headings in capitals are set in title case
// in the outline (and so the contents' bookmarks), and the technical annex
// lists what cleaning removed from the review, with its rule and reason,
// and the brief's page numbers, dropped by one pattern, as one entry.
func TestFictionalAnnexes(t *testing.T) {
	needTools(t, "qpdf", "pdftotext")
	t.Parallel()
	marks := outline(t, fictional)
	titles := map[string]int{}
	for _, h := range marks {
		titles[h.title] = h.depth
	}
	for _, want := range []string{"Organised Crime in Valdoria: A Research Brief", "Arms", "Customs", "Drugs", "Integrity"} {
		if d, ok := titles[want]; !ok || d != 2 {
			t.Errorf("the outline lacks %q at depth 2 (under the source's title in %s); it has %v", want, annexSources, titles)
		}
	}
	for _, caps := range []string{"ARMS", "CUSTOMS", "ORGANISED CRIME IN VALDORIA: A RESEARCH BRIEF"} {
		if _, ok := titles[caps]; ok {
			t.Errorf("the outline has %q in capitals", caps)
		}
	}
	text := squash(fictional.pdfText(t))
	for _, want := range []string{
		annexProvenance,
		"Removed in cleaning Line 1 · rule drop: site navigation link “Skip to main content”",
		"documents/vmpo-annual-review.txt",
		// The brief's page numbers, which one pattern drops: one entry.
		"Removed in cleaning Lines 7 and 27 (2 lines) · rule drop: page numbers of the PDF “— 1 —”, “— 2 —”",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the briefing lacks %q", want)
		}
	}
}

// hyphenAtBreak is a word hyphenated at the end of a line: a lower-case
// letter, the hyphen, the line break, a lower-case letter.
var hyphenAtBreak = regexp.MustCompile(`(\p{Ll})-\n(\p{Ll})`)

// unhyphenate joins the words the briefing hyphenates at line ends, for
// comparing its text with what it should say.
func unhyphenate(text string) string { return hyphenAtBreak.ReplaceAllString(text, "$1$2") }
