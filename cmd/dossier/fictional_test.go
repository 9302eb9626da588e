package main

import (
	"os"
	"os/exec"
	"path/filepath"
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
	raw, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", fictional.pdf(t), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := squash(string(raw))
	for _, want := range []string{
		"stated The Customs Service is an independent agency.",
		"hedged Valdoria is reportedly a transit country for synthetic drugs.",
		"alleged · S2 C3 S2 reports that local journalists allege that officers of the desk",
		"shipments pass unchecked. [S2 ¶5 · C3]",
		"background A neighbour of Valdoria to the south (fictional).",
		"this briefing has 5 background passages",
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
		"notes/about.html":     {`this briefing has 5 background passages`},
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
