package source

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"dossier/internal/model"
	"dossier/internal/testutil"
)

func TestPropose(t *testing.T) {
	sources := testutil.Fixture(t, testutil.Settings+"-- documents/a.yaml --\n"+testutil.MetaRef("a", "S4", ""), map[string]string{
		"documents/a.txt": "Example Ministry\nHome\n\nThe first page's text, which is long enough.\n\nFooter of the site, the same on every page\n",
	})
	text := "Skip to main content\nHome | About us | Contact\nExample Ministry\n\nA new page with its own words, which is long enough.\nAnd a second paragraph of its own.\n\n" +
		"• A list item\nRed | green, and blue: the colours of the flag.\n[S1 ¶32 · B2] [S2 ¶1 · B2] [S4 ¶9 · B2]\n\nFooter of the site, the same on every page\nOur site uses cookies.\n"
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
	if _, err := Propose(sources, "control.txt", []byte("A line.\nA bell \a rings.\n"), Limits{}); err == nil || !strings.Contains(err.Error(), "control.txt:2: holds the control character U+0007") {
		t.Errorf("a text with a control character: %v", err)
	}
}

// TestProposeEncoding proposes texts that are not UTF-8, as captures of
// older sites often are, and texts in Cyrillic script: each is read in the
// encoding it most likely is, which the proposal names for the metadata to
// declare, with the script its letters are in (no language is declared
// yet, so none is asked of its blocks); its digest is that of the bytes as
// delivered.
func TestProposeEncoding(t *testing.T) {
	sources := testutil.Fixture(t, testutil.Settings, nil)
	cyrillic := "Министерство внутренних дел\n\nМинистерство отвечает за охрану общественного порядка.\n"
	cp1251, err := charmap.Windows1251.NewEncoder().String(cyrillic)
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String(cyrillic)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, text, enc, want, script string
	}{
		{"windows-1251", cp1251, "windows-1251", "охрану общественного порядка", "Cyrillic"},
		{"latin-1", "Le caf\xe9 de la gare.\n", "windows-1252", "Le café de la gare.", "Latin"},
		{"utf-16", utf16, "utf-16", "охрану общественного порядка", "Cyrillic"},
		{"utf-8", cyrillic, "", "охрану общественного порядка", "Cyrillic"},
	} {
		p, err := Propose(sources, tc.name+".txt", []byte(tc.text), Limits{})
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if p.Encoding != tc.enc || p.Script != tc.script {
			t.Errorf("%s: encoding %q, script %q; want %q, %q", tc.name, p.Encoding, p.Script, tc.enc, tc.script)
		}
		if sum := sha256.Sum256([]byte(tc.text)); p.SHA256 != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: the digest is not that of the bytes delivered", tc.name)
		}
		var text strings.Builder
		for _, b := range p.Preview.Blocks {
			text.WriteString(b.Text + "\n")
		}
		if !strings.Contains(text.String(), tc.want) {
			t.Errorf("%s: the preview reads %q, want it to hold %q", tc.name, text.String(), tc.want)
		}
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

// TestProposePageNumbers proposes one pattern for the page numbers of a
// text taken from a PDF, for each shape they take, when two or more rise
// as pages do, and a line rule for each running head or foot; and checks
// that each rule, as a drop rule, drops exactly the lines it was proposed
// for.
func TestProposePageNumbers(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // "line lines pattern", or "line text (why)" for a line
	}{
		{
			name: "bare numbers",
			text: "Some text of the first page.\n\n1\n\nMore text.\n\n2\n\nIt had 3 parts.\n\n3\n",
			want: []string{`3 3 \d{1,3}`},
		},
		{
			name: "Page N of M, in either case",
			text: "Text.\nPage 1 of 3\nMore text.\nPAGE 2 OF 3\nEnd.\npage 3 of 3\n",
			want: []string{`2 3 (?i)(page|p\.) ?\d{1,4}( ?(of|/) ?\d{1,4})?`},
		},
		{
			name: "Russian page numbers, and dashes",
			text: "Текст.\nСтр. 4\nЕщё текст.\n— 5 —\nСтр. 6\n— 7 —\n",
			want: []string{`2 2 (?i)(страница|стр\.|старонка|с\.) ?\d{1,4}( ?(из|з|/) ?\d{1,4})?`, `4 2 [-–—] ?\d{1,4} ?[-–—]`},
		},
		{
			name: "numbers that do not rise are no pages",
			text: "Seized, by year:\n5\n3\n",
		},
		{
			name: "years are no page numbers",
			text: "Years:\n2019\n2020\n",
		},
		{
			name: "running heads and feet by the form feeds and page numbers of a PDF's text",
			text: "Annual review\nThe first page's text, which is long.\nConfidential\n1\n\fAnnual review\nThe second page's text.\nConfidential\n2\n\fAnnual review\nThe third page's text.\nConfidential\n3\n",
			want: []string{
				"1 3 Annual review (running head or foot: it stands by 3 of the 3 page breaks)",
				"3 3 Confidential (running head or foot: it stands by 3 of the 3 page breaks)",
				`4 3 \d{1,3}`,
			},
		},
		{
			name: "running heads by form feeds alone",
			text: "Report of the harbour\nFirst page.\n\fReport of the harbour\nSecond page.\n\fReport of the harbour\nThird page.\n",
			want: []string{"1 3 Report of the harbour (running head or foot: it stands by 2 of the 2 page breaks)"},
		},
		{
			name: "a line of a short page by two breaks, standing once, is text",
			text: "Text of a page.\n1\nA line between two page numbers.\n2\n",
			want: []string{`2 2 \d{1,3}`},
		},
		{
			name: "a carousel counter captured on two lines",
			text: "A gallery.\n\n    1 /\n    9\n",
			want: []string{`3 1 / (carousel counter ("1 / 9") captured on two lines)`, `4 9 (carousel counter ("1 / 9") captured on two lines)`},
		},
		{
			name: "one counter is a carousel's, not a page's",
			text: "A gallery.\n1 / 5\nIts caption.\n",
			want: []string{"2 1 / 5 (carousel counter)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Propose(testutil.Fixture(t, testutil.Settings, nil), "x.txt", []byte(tt.text), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var cf cleaningFile
			for _, d := range p.Drops {
				if d.Pattern == "" {
					if d.Lines > 1 {
						got = append(got, fmt.Sprintf("%d %d %s (%s)", d.Line, d.Lines, d.Text, d.Why))
						cf.Drop = append(cf.Drop, dropRule{Line: at[string]{V: d.Text}, Why: at[string]{V: d.Why}})
						continue
					}
					got = append(got, fmt.Sprintf("%d %s (%s)", d.Line, d.Text, d.Why))
					continue
				}
				got = append(got, fmt.Sprintf("%d %d %s", d.Line, d.Lines, d.Pattern))
				cf.Drop = append(cf.Drop, dropRule{Pattern: at[string]{V: d.Pattern}, Why: at[string]{V: d.Why}})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("proposed drops (-want +got):\n%s", diff)
			}
			if len(cf.Drop) == 0 {
				return
			}
			r, err := parseRules("x.yaml", cf)
			if err != nil {
				t.Fatal(err)
			}
			r.preview = true // no language is declared yet
			doc := &model.Document{ID: "x"}
			if err := clean(doc, "x.txt", tt.text, r); err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, dr := range doc.Dropped {
				n += dr.EndLine - dr.Line + 1
			}
			want := 0
			for _, d := range p.Drops {
				if d.Pattern != "" || d.Lines > 1 {
					want += d.Lines
				}
			}
			if n != want {
				t.Errorf("the proposed patterns dropped %d lines, want %d: %+v", n, want, doc.Dropped)
			}
		})
	}
}

// TestProposeHeadings proposes what a build needs to find a text's
// headings: caps_headings for a hard-wrapped text with lines in capitals,
// applied to the preview; and a split rule for each heading glued to the
// paragraph after it, but not for a name written in camel case. Each
// proposed split, as a rule, makes its heading.
func TestProposeHeadings(t *testing.T) {
	sources := testutil.Fixture(t, testutil.Settings, nil)
	wrapped := "ARMS\nValdoria is a destination for small arms trafficked from Orlenia, which\nare likely sold to local criminal groups in the towns of the border, and\nmost seizures are made by the Customs Service at the crossings.\n\nDRUGS\nSynthetic drug use in Valdoria has increased sharply since the opening of\nthe new container terminal at Kessmar, according to health officials.\n"
	p, err := Propose(sources, "brief.txt", []byte(wrapped), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Layout != "wrapped" || !p.CapsHeadings || p.Caps != "ARMS" {
		t.Errorf("layout %q, caps headings %v (%q); want wrapped, true (ARMS)", p.Layout, p.CapsHeadings, p.Caps)
	}
	if got := show(p.Preview.Blocks); len(got) != 4 || got[0] != "H1 ARMS" || got[2] != "H1 DRUGS" {
		t.Errorf("preview = %q; want the lines in capitals as headings", got)
	}

	glued := "Fighting crime in ValdoriaValdoria is a small country with a busy port.\n" +
		"The port of Valdoria is busy, and the police watch it.\n" +
		"The study was made by a fellow of the SlovakAid programme with two others.\n" +
		"A short one.Then a glued sentence that the general rules split.\n" +
		"The harbour policeNCB Kessmar works with the customs at the port.\n"
	if p, err = Propose(sources, "page.txt", []byte(glued), Limits{}); err != nil {
		t.Fatal(err)
	}
	var got []string
	var cf cleaningFile
	for _, sp := range p.Splits {
		got = append(got, fmt.Sprintf("%d %s | %s", sp.Line, sp.After, sp.Next))
		cf.Split = append(cf.Split, splitRule{After: at[string]{V: sp.After}, As: at[string]{V: "heading"}, Why: at[string]{V: "glued"}})
	}
	want := []string{"1 Fighting crime in Valdoria | Valdoria is a small…"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("proposed splits (-want +got):\n%s", diff)
	}
	r, err := parseRules("page.yaml", cf)
	if err != nil {
		t.Fatal(err)
	}
	r.preview = true
	doc := &model.Document{ID: "page"}
	if err := clean(doc, "page.txt", glued, r); err != nil {
		t.Fatal(err)
	}
	if blocks := show(doc.Blocks); blocks[0] != "H1 Fighting crime in Valdoria" || !strings.HasPrefix(blocks[1], "P1 Valdoria is a small country") {
		t.Errorf("with the proposed split, the text cleans to %q", blocks)
	}
}

// TestProposeLists proposes a list rule for a list captured on one line,
// with the fewest words of its lead-in that stand once in the text, and
// none for a sentence with semicolons or a list set out on its lines;
// the rule, as proposed, makes the items.
func TestProposeLists(t *testing.T) {
	text := "The bodies include:Customs;Police;Border Guard;Harbour Office.\n" +
		"The police, it says, include: a port unit; a river unit; and more, in a sentence that runs on at length; no list.\n" +
		"Named bodies include the navy.\n"
	p, err := Propose(testutil.Fixture(t, testutil.Settings, nil), "page.txt", []byte(text), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var cf cleaningFile
	for _, l := range p.Lists {
		got = append(got, fmt.Sprintf("%d %q %q %d", l.Line, l.After, l.Separator, l.Items))
		cf.Lists = append(cf.Lists, listRule{After: at[string]{V: l.After}, Separator: at[string]{V: l.Separator}, Why: at[string]{V: "glued"}})
	}
	// "include:" stands twice; "bodies include:" once.
	if diff := cmp.Diff([]string{`1 "bodies include:" ";" 4`}, got); diff != "" {
		t.Fatalf("proposed lists (-want +got):\n%s", diff)
	}
	r, err := parseRules("page.yaml", cf)
	if err != nil {
		t.Fatal(err)
	}
	r.preview = true
	doc := &model.Document{ID: "page"}
	if err := clean(doc, "page.txt", text, r); err != nil {
		t.Fatal(err)
	}
	want := []string{"P1 The bodies include:", "L2 Customs", "L3 Police", "L4 Border Guard", "L5 Harbour Office."}
	if diff := cmp.Diff(want, show(doc.Blocks)[:5]); diff != "" {
		t.Errorf("with the proposed rule (-want +got):\n%s", diff)
	}
}

// TestProposeRejoinedHeadings: in a text taken from a PDF, a title or a
// section's name on a line of its own with no blank line under it is
// re-joined to the paragraph after it; new source proposes a split rule
// for each, and none for a paragraph whose first line is a sentence
// wrapped mid-way, nor one ending in a sentence's punctuation.
func TestProposeRejoinedHeadings(t *testing.T) {
	sources := testutil.Fixture(t, testutil.Settings, nil)
	text := "Harbour Risk Assessment\n" +
		"Harbour Institute, Working Paper 7, November 2025\n\n" +
		"Summary\n" +
		"This paper assesses the exposure of the free port of Kessmar to illicit trade, and\n" +
		"draws on interviews with port users and on the published reports of the customs\n" +
		"service of the country, which were read in full for this paper by its authors.\n\n" +
		"The port handles some nine hundred thousand containers every year, as the\n" +
		"Customs Service says, and physical inspection rates are below one per cent, which\n" +
		"leaves most cargo unchecked by any authority at the port or at the border.\n\n" +
		"Seizures rose.\n" +
		"Customs officers said so in interviews held at the port during the spring of that\n" +
		"year, and the figures they gave were confirmed by the port authority later on.\n"
	p := proposeWrapped(t, sources, text)
	got := proposedLines(p.Splits)
	want := []string{
		"1 Harbour Risk Assessment | Harbour Institute, Working Paper…",
		"4 Summary | This paper assesses the…",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("proposed splits (-want +got):\n%s", diff)
	}
}

// TestProposeLoneHeadings proposes a heading rule for each paragraph of a
// wrapped text that looks like a heading standing alone, as the text new
// source takes from a PDF's blocks sets one: but not a title over its
// byline, a label over its value, a date, a sentence, or a last line with
// nothing after it.
func TestProposeLoneHeadings(t *testing.T) {
	sources := testutil.Fixture(t, testutil.Settings, nil)
	long := "This paper assesses the exposure of the free port of Kessmar to illicit trade, and\n" +
		"draws on interviews with port users and on the published reports of the customs\n" +
		"service of the country, which were read in full for this paper by its authors.\n\n"
	text := "Port Risk Assessment\n\n" +
		"Harbour Institute, Working Paper 7, November 2025\n\n" +
		"Summary\n\n" + long +
		"Prepared by\n\n" +
		"Northgate Analysis Unit\n\n" +
		"1 October 2026\n\n" + long +
		"Findings\n\n" + long +
		"Seizures rose.\n\n" + long +
		"Summary\n\n" + long +
		"Conclusion\n"
	p := proposeWrapped(t, sources, text)
	got := proposedLines(p.LoneHeadings)
	want := []string{
		"5 Summary | This paper assesses the…",
		"21 Findings | This paper assesses the…",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("proposed headings (-want +got):\n%s", diff)
	}
	if len(p.Splits) > 0 {
		t.Errorf("splits proposed for headings that stand alone: %v", p.Splits)
	}
}

// proposeWrapped proposes text as paper.txt in sources, a text the test
// wants proposed as wrapped.
func proposeWrapped(t *testing.T, sources fs.FS, text string) *Proposal {
	t.Helper()
	p, err := Propose(sources, "paper.txt", []byte(text), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Layout != "wrapped" {
		t.Fatalf("layout %q; the test wants a wrapped text", p.Layout)
	}
	return p
}

// proposedLines gives each proposed split or heading as "line heading | next".
func proposedLines(sps []ProposedSplit) []string {
	var out []string
	for _, sp := range sps {
		out = append(out, fmt.Sprintf("%d %s | %s", sp.Line, sp.After, sp.Next))
	}
	return out
}
