package pdf

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// withAssessment returns testDossier with an assessment of n judgements,
// its citations resolved by hand as the resolve stage would.
func withAssessment(t *testing.T, n int) *model.Dossier {
	t.Helper()
	d := testDossier(t)
	alpha, beta := d.Documents[0], d.Documents[1]
	cite := func(doc *model.Document, num int) model.Citation {
		return model.Citation{Source: doc.ID, Doc: doc, Block: doc.Paragraph(num)}
	}
	summary := []byte("The agency does many things ([[S:alpha#1]]); its second duty is *the* one that matters.\n")
	a := &model.Assessment{
		Path:    "sources/judgements.yaml",
		Summary: &model.Prose{Source: summary, Doc: markdown.Parse(markdown.New(), summary), Path: "sources/judgements.yaml", Line: 2},
	}
	for i := 1; i <= n; i++ {
		a.Judgements = append(a.Judgements, &model.Judgement{
			ID: fmt.Sprintf("j%d", i), Number: i,
			Statement:  fmt.Sprintf("Judgement %d: the agency probably keeps its second duty, in words long enough to wrap over two lines of the column.", i),
			Likelihood: model.Likely, Confidence: model.LowConfidence,
			Basis: "One official page, not corroborated.",
			Cites: []model.Citation{cite(alpha, 1), cite(beta, 2)},
		})
	}
	a.Gaps = []*model.Point{{Text: "No source says when the second duty began."}}
	a.Implications = []*model.Point{{Text: "Ask the agency about its second duty.", Judgements: a.Judgements[:1]}}
	d.Assessment = a
	return d
}

// TestAssessmentOnPageOne checks that page 1 carries the bottom line and
// the key judgements, each with its likelihood, band, confidence, basis and
// citations linked to the paragraphs; that the assessment runs on with the
// running header and footer; and that the outline still opens with the
// cover and the contents.
func TestAssessmentOnPageOne(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"qpdf", "pdftotext", "pdfinfo"} {
		needTool(t, tool)
	}
	d := withAssessment(t, 6)
	path := writeTemp(t, renderBytes(t, d))
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(command(t, "pdfinfo", path))
	pages, _ := strconv.Atoi(m[1])
	texts := pageTexts(t, path, pages)
	page := func(n int) string {
		return strings.Join(strings.Fields(texts[n]), " ")
	}
	one := page(1)
	for _, want := range []string{
		"Test briefing", "TLP:CLEAR", "Information cut-off",
		"Bottom line", "The agency does many things (S1 ¶1 · B2); its second duty is the one that matters.",
		"Key judgements",
		"KJ1 Judgement 1: the agency probably keeps its second duty",
		"Likely (55–75 %) · low confidence: One official page, not corroborated. [S1 ¶1 · B2] [S2 ¶2 · F3]",
		"KJ2 Judgement 2",
	} {
		if !strings.Contains(one, want) {
			t.Errorf("page 1 lacks %q:\n%s", want, one)
		}
	}
	if strings.Contains(one, "Page 1 of") {
		t.Error("page 1, the cover, has the running footer")
	}
	// The citations on page 1 lead to the source chapters: S1's, then
	// S2's, for each judgement on the page.
	links := linkPages(t, path, 1, 1)
	if len(links) < 5 {
		t.Fatalf("page 1 has %d internal links, want the bottom line's and two per judgement", len(links))
	}
	s1, s2 := 0, 0
	for n := 2; n <= pages; n++ {
		text := page(n)
		if strings.Contains(text, "Contents") {
			continue // the contents list the chapters too
		}
		if s1 == 0 && strings.Contains(text, "S1 — Alpha report") {
			s1 = n
		}
		if s2 == 0 && strings.Contains(text, "S2 — Beta article") {
			s2 = n
		}
	}
	if !slices.Contains(links, s1) || !slices.Contains(links, s2) {
		t.Errorf("page 1 links to pages %v; want S1's chapter (page %d) and S2's (page %d)", links, s1, s2)
	}
	// The assessment runs on: every later page of it has the header and
	// footer, and the gaps, implications and yardstick come before the
	// contents.
	var rest string
	for n := 2; n <= pages; n++ {
		text := page(n)
		if strings.Contains(text, "Contents") && strings.Contains(text, "About the test briefing") {
			break
		}
		if !strings.Contains(text, fmt.Sprintf("Page %d of %d", n, pages)) {
			t.Errorf("page %d, in the assessment, lacks its footer", n)
		}
		rest += text + " "
	}
	for _, want := range []string{
		"Information gaps", "No source says when the second duty began.",
		"Implications", "Ask the agency about its second duty. (follows from KJ1)",
		"How to read the judgements", "likely / probably 55–75 %", "almost certain ≥ 95 %",
		"moderate Credible sources, but few",
	} {
		if !strings.Contains(one+" "+rest, want) {
			t.Errorf("the assessment lacks %q", want)
		}
	}
	var js struct {
		Outlines []outline `json:"outlines"`
	}
	out := command(t, "qpdf", "--json", "--json-key=outlines", path)
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Outlines) < 2 || js.Outlines[0].Title != "Test briefing" || js.Outlines[0].Page != 1 || js.Outlines[1].Title != "Contents" {
		t.Errorf("the outline opens with %+v; want the cover on page 1, then Contents", js.Outlines[:min(2, len(js.Outlines))])
	}
}

// pagesOf is a canvas that records the page each piece of text is first
// drawn on, by its first word.
type pagesOf struct {
	canvas
	page map[string]int
}

func (c *pagesOf) Text(x, y float64, text string) {
	if f := strings.Fields(text); len(f) > 0 {
		if _, ok := c.page[f[0]]; !ok {
			c.page[f[0]] = c.canvas.PageNo()
		}
	}
	c.canvas.Text(x, y, text)
}

// TestPointsKeptWithIntro: the heading of the gaps or the implications,
// and the introduction under it, are never the last lines of a page with
// the first point overleaf.
func TestPointsKeptWithIntro(t *testing.T) {
	t.Parallel()
	for room := 15.0; room <= 45; room += 2.5 { // mm
		s := newTestDoc(t)
		rec := &pagesOf{canvas: s.f, page: map[string]int{}}
		s.f = rec
		s.atTop = false
		s.y = s.bottom - room
		s.points("implications", []*model.Point{{Text: "Firstpoint of the section, and more words."}})
		head, ok := rec.page["Implications"]
		if !ok {
			t.Fatal("no heading drawn")
		}
		if first := rec.page["Firstpoint"]; first != head {
			t.Errorf("room %g mm: the heading is on page %d, the first point on page %d", room, head, first)
		}
	}
}
