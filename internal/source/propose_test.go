package source

import (
	"strings"
	"testing"

	"dossier/internal/testutil"
)

func TestPropose(t *testing.T) {
	sources := testutil.Fixture(t, testutil.Settings+"-- documents/a.yaml --\n"+testutil.MetaRef("a", "S4", ""), map[string]string{
		"documents/a.txt": "Example Ministry\nHome\n\nThe first page's text, which is long enough.\n\nFooter of the site, the same on every page\n",
	})
	text := "Skip to main content\nHome | About us | Contact\nExample Ministry\n\nA new page with its own words, which is long enough.\nAnd a second paragraph of its own.\n\n" +
		"• A list item\nRed | green, and blue: the colours of the flag.\n\nFooter of the site, the same on every page\nOur site uses cookies.\n"
	p, err := Propose(sources, "new-page.txt", []byte(text), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if p.ID != "new-page" || p.Ref != "S5" || p.Layout != "lines" || p.Like != "" {
		t.Errorf("proposal = id %q, ref %q, layout %q, like %q; want new-page, S5, lines, none", p.ID, p.Ref, p.Layout, p.Like)
	}
	var got []string
	for _, d := range p.Drops {
		got = append(got, d.Text+" ("+d.Why+")")
	}
	want := []string{
		"Skip to main content (site navigation link)",
		"Home | About us | Contact (site navigation bar)",
		"Example Ministry (the same line stands in another source: likely site furniture)",
		"Footer of the site, the same on every page (the same line stands in another source: likely site furniture)",
		"Our site uses cookies. (cookie banner)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("drops:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p.Preview.Paragraphs() == 0 {
		t.Error("no paragraphs in the preview")
	}

	if _, err := Propose(sources, "again.txt", []byte("Example Ministry\nHome\n\nThe first page's text, which is long enough.\n\nFooter of the site, the same on every page\n"), Limits{}); err == nil || !strings.Contains(err.Error(), "already in the sources, as documents/a.txt") {
		t.Errorf("the same text again: %v", err)
	}
	if _, err := Propose(sources, "large.txt", []byte(strings.Repeat("Text.\n", 200)), Limits{FileSize: 1000}); err == nil || !strings.Contains(err.Error(), "large.txt is 1200 bytes, more than the 1000 a source may have") {
		t.Errorf("a text over the limit: %v", err)
	}
	if _, err := Propose(sources, "latin1.txt", []byte("caf\xe9\n"), Limits{}); err == nil || !strings.Contains(err.Error(), "not UTF-8") {
		t.Errorf("a Latin-1 text: %v", err)
	}
}

// TestDetectLayout tells a PDF's text, broken mid-sentence, from a web
// page's, a paragraph a line, on this repository's own kinds of text.
func TestDetectLayout(t *testing.T) {
	wrapped := "Belarus is a country of origin, transit point and destination for human\ntrafficking. Most victims are women who are trafficked for sexual\nexploitation, and the number of identified victims has decreased since\n2011, while forced labour in the country and abroad remains a problem that\nthe authorities do not address in full.\n"
	lines := "The Ministry keeps order in the country and is led by a minister.\nIts structure has three parts, which the page lists below this line.\nEach part has its own head, named by the president of the republic.\n"
	for _, tt := range []struct{ text, want string }{{wrapped, "wrapped"}, {lines, "lines"}} {
		if got := detectLayout(strings.Split(tt.text, "\n")); got != tt.want {
			t.Errorf("detectLayout(%.30q…) = %s, want %s", tt.text, got, tt.want)
		}
	}
}
