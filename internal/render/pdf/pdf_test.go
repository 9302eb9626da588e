package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/highlight"
	"dossier/internal/markdown"
	"dossier/internal/model"
	"dossier/internal/wording"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// noteSource is the analyst note of the test dossier: every kind of
// Markdown the renderer lays out.
const noteSource = `# About the test briefing

This note has *emphasis*, **strong text**, ` + "`a code span`" + `, a [link](https://example.org/a/very/long/path/that/goes/on)
and "typographer" quotes -- with dashes... It cites [[S:alpha#2]] and [[S:beta]].[^1]
See [the method](#method-of-work).

## Method of work

1. First step
2. Second step, with a nested list:
   - nested bullet
   - another one
3. Third step

- [x] a ticked task
- [ ] an open task

> A block quote, set apart from the text, that runs long enough to need a second line
> on the page.

---

### A subsection with ~~struck~~ words

| Column | Longer column header | N |
|:-------|:--------------------:|--:|
| alpha  | a cell with enough words in it to wrap inside its column when the table is narrow | 1 |
| beta   | short | 22 |

## Provenance example

` + "```yaml" + `
id: alpha
grade:
	reliability: B
	credibility: 2
description: a line long enough to be wrapped inside the code block because it goes on and on and on past the margin
` + "```" + `

[^1]: A footnote.
`

// testDossier builds a dossier by hand: a note with the Markdown above,
// a source with headings, paragraphs and lists, and a source with many
// sections (so that the contents need more than one page), unknown fields,
// an overlong word and a Russian line.
func testDossier(t testing.TB) *model.Dossier {
	t.Helper()
	src := []byte(noteSource)
	n := &model.Note{ID: "about", Title: "About the test briefing", Path: "sources/notes/10-about.md", Source: src, Doc: markdown.Parse(markdown.New(), src)}

	alpha := &model.Document{
		ID: "alpha", Ref: "S1", Title: "Alpha report", Publisher: "Alpha Agency", PublisherKind: model.Official,
		Language: "en", Author: "A. Author", Published: "2020-01-02", URL: "https://example.org/alpha",
		Captured: "web page", Description: "A made-up official page.",
		Grade:    model.Grade{Reliability: 'B', Credibility: 2, Reason: "Official page, agrees with S2."},
		TextPath: "sources/documents/alpha.txt", MetaPath: "sources/documents/alpha.yaml", OriginFile: "alpha.txt",
		SHA256: strings.Repeat("ab12", 16), Meta: []byte("id: alpha\ntitle: Alpha report\n"), Lines: 40,
		Dropped: []model.Drop{{Line: 3, EndLine: 5, Text: "Our site uses cookies", Rule: "drop", Why: "cookie banner"}},
	}
	num := 0
	para := func(kind model.BlockKind, text string) model.Block {
		num++
		return model.Block{Kind: kind, Text: text, Number: num, Anchor: fmt.Sprintf("p%d", num)}
	}
	alpha.Blocks = []model.Block{
		{Kind: model.Heading, Level: 1, Text: "Alpha mandate"},
		para(model.Paragraph, "The agency does many things, which this paragraph describes at a length that makes it wrap over several lines of the page."),
		para(model.ListItem, "First duty"),
		para(model.ListItem, "Second duty"),
		{Kind: model.Heading, Level: 2, Text: "Alpha structure"},
		para(model.Paragraph, "A paragraph under a second-level heading."),
	}

	beta := &model.Document{
		ID: "beta", Ref: "S2", Title: "Beta article", Publisher: "", PublisherKind: model.MediaAdvocacy,
		Language: "en", Languages: []string{"ru"}, Captured: "web page",
		Grade:    model.Grade{Reliability: 'F', Credibility: 3, Reason: "Unnamed author."},
		TextPath: "sources/documents/beta.txt", OriginFile: "beta.txt", SHA256: strings.Repeat("0f", 32),
		Meta: []byte("id: beta\n\turl: unknown\n"),
	}
	num = 0
	for i := 1; i <= 45; i++ {
		beta.Blocks = append(beta.Blocks, model.Block{Kind: model.Heading, Level: 1, Text: fmt.Sprintf("Beta section %d", i)})
		beta.Blocks = append(beta.Blocks, para(model.Paragraph, fmt.Sprintf("Text of section %d. ", i)+strings.Repeat("Words that fill the page. ", 12)))
	}
	beta.Blocks = append(beta.Blocks,
		para(model.Paragraph, "An overlong address: https://example.org/"+strings.Repeat("segment/", 30)+"end"),
		model.Block{Kind: model.Paragraph, Text: "Материал доступен на русском языке: Личное", Number: num + 1, Lang: "ru"},
	)
	// A second note with many sections, so that the contents, which list
	// the sections of the reading path, need two pages.
	var long strings.Builder
	long.WriteString("# Long note\n")
	for i := 1; i <= 45; i++ {
		fmt.Fprintf(&long, "\n## Part %d\n\nText of part %d.\n", i, i)
	}
	lsrc := []byte(long.String())
	ln := &model.Note{ID: "long", Title: "Long note", Path: "sources/notes/20-long.md", Source: lsrc, Doc: markdown.Parse(markdown.New(), lsrc)}
	return &model.Dossier{
		Settings: model.Settings{
			Title: "Test briefing", Subtitle: "A dossier built by hand", Marking: "TLP:CLEAR",
			Cutoff: model.Date{Year: 2026, Month: 11, Day: 24}, PageSize: model.A4, Language: "en",
		},
		Documents: []*model.Document{alpha, beta},
		Notes:     []*model.Note{n, ln},
		Built:     time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC),
	}
}

// testOptions returns the options to render testDossier with.
func testOptions(t testing.TB) Options {
	t.Helper()
	return optionsFor(t, testDossier(t))
}

// optionsFor returns the options to render d with: the wording of the
// built-in layouts, filled in with the data of d.
func optionsFor(t testing.TB, d *model.Dossier) Options {
	t.Helper()
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	return Options{Highlighter: hl, Wording: testWording(t, d)}
}

// testWording loads the wording of the repository's layouts for d.
func testWording(t testing.TB, d *model.Dossier) *wording.Set {
	t.Helper()
	w, err := wording.Load(os.DirFS("../../../layouts"), d)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func renderBytes(t *testing.T, d *model.Dossier) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, d, optionsFor(t, d)); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

func TestRenderIsDeterministic(t *testing.T) {
	t.Parallel()
	d := testDossier(t)
	a, b := renderBytes(t, d), renderBytes(t, d)
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatalf("output starts with %q, want %%PDF-", a[:min(len(a), 8)])
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same dossier differ")
	}
}

// TestContentsGolden keeps the headings and their pages — what the contents
// and the outline show — in testdata/toc.golden. Run with -update to
// rewrite it after an intended change of layout.
func TestContentsGolden(t *testing.T) {
	t.Parallel()
	s, err := settle(t.Context(), testDossier(t), testOptions(t), (*doc).chapters)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# level page title; %d pages, contents on %d\n", s.f.PageNo(), s.tocPages)
	for _, e := range s.entries {
		fmt.Fprintf(&b, "%d %3d %s%s\n", e.Level, e.Page, strings.Repeat("  ", e.Level), e.Title)
	}
	golden := filepath.Join("testdata", "toc.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("contents differ from %s (-want +got):\n%s", golden, diff)
	}
	if s.tocPages < 2 {
		t.Errorf("contents take %d page; the test dossier should need more than one", s.tocPages)
	}
}

func TestRenderErrors(t *testing.T) {
	t.Parallel()
	good := testOptions(t)
	// The built-in layouts, with one snippet taken out or made two
	// paragraphs.
	layouts := func(change func(fstest.MapFS)) *wording.Set {
		fsys := fstest.MapFS{}
		err := fs.WalkDir(os.DirFS("../../../layouts"), "text", func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			data, err := fs.ReadFile(os.DirFS("../../../layouts"), p)
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		change(fsys)
		w, err := wording.Load(fsys, testDossier(t))
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	lacking := layouts(func(fsys fstest.MapFS) { delete(fsys, "text/markets/intro.md") })
	twoParas := layouts(func(fsys fstest.MapFS) {
		fsys["text/markets/priorities-heading.md"] = &fstest.MapFile{Data: []byte("Priorities\n\nand more")}
	})
	letter := testDossier(t)
	letter.Settings.PageSize = "A3"
	failing := func(s *doc) []chapter {
		cs := s.chapters()
		return append(cs[:2:2], append([]chapter{{name: "broken chapter", write: func() error {
			s.f.SetErrorf("fpdf failed on purpose")
			return nil
		}}}, cs[2:]...)...)
	}
	tests := []struct {
		name     string
		d        *model.Dossier
		opts     Options
		chapters func(*doc) []chapter
		want     string
	}{
		{"no highlighter", testDossier(t), Options{}, (*doc).chapters, "no highlighter"},
		{"no wording", testDossier(t), Options{Highlighter: good.Highlighter}, (*doc).chapters, "no wording"},
		{"a snippet missing", testDossier(t), Options{Highlighter: good.Highlighter, Wording: lacking}, (*doc).chapters, "layouts: text/markets/intro.md: no such snippet"},
		{"a heading of two paragraphs", testDossier(t), Options{Highlighter: good.Highlighter, Wording: twoParas}, (*doc).chapters, "layouts: text/markets/priorities-heading.md: the snippet is used inside a line"},
		{"no dossier", nil, good, (*doc).chapters, "no dossier"},
		{"unknown page size", letter, good, (*doc).chapters, `page size "A3"`},
		{"fpdf error in a chapter", testDossier(t), good, failing, "broken chapter: fpdf failed on purpose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := render(&buf, tt.d, tt.opts, tt.chapters)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}

// TestSettleStopsWhenCancelled cancels a briefing midway, as dossier
// serve does when a newer build makes it out of date: no part after the
// cancelling one is written, in that pass or another, and the error is the
// context's.
func TestSettleStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	d := testDossier(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var after int // parts begun after the cancel
	chapters := func(s *doc) []chapter {
		cs := s.chapters()
		for i, c := range cs {
			cs[i].write = func() error {
				if ctx.Err() != nil {
					after++
				}
				return c.write()
			}
		}
		// The cancel comes in the middle of the first pass.
		stop := chapter{name: "cancel", write: func() error { cancel(); return nil }}
		return append(cs[:2:2], append([]chapter{stop}, cs[2:]...)...)
	}
	b, err := settleBriefing(ctx, d, testOptions(t), chapters)
	if !errors.Is(err, context.Canceled) || b != nil {
		t.Fatalf("settleBriefing = %v, %v; want no briefing and context.Canceled", b, err)
	}
	if after > 0 {
		t.Errorf("%d parts written after the cancel", after)
	}
	// Cancelled before it starts, it draws nothing.
	if _, err := SettleContext(ctx, d, testOptions(t)); !errors.Is(err, context.Canceled) {
		t.Errorf("SettleContext with a done context = %v, want context.Canceled", err)
	}
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestRenderWriteError(t *testing.T) {
	t.Parallel()
	err := Render(failingWriter{}, testDossier(t), testOptions(t))
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("error = %v, want it to wrap %v", err, errDiskFull)
	}
}

func TestLetterPages(t *testing.T) {
	t.Parallel()
	needTool(t, "pdfinfo")
	d := testDossier(t)
	d.Settings.PageSize = model.Letter
	path := writeTemp(t, renderBytes(t, d))
	out := command(t, "pdfinfo", path)
	if !strings.Contains(out, "612 x 792 pts (letter)") {
		t.Errorf("pdfinfo does not report Letter pages:\n%s", out)
	}
}

func writeTemp(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "briefing.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func command(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// pdfPages gives the text of every page of a PDF, body and running header
// apart, with pdftotext.
type pdfPages struct {
	body, header []string // by page, from index 1
}

func readPages(t *testing.T, path string, pages int) pdfPages {
	t.Helper()
	// A4 in points; the header is above marginTop, the footer below
	// marginBottom.
	top := strconv.Itoa(bodyTopPt)
	height := strconv.Itoa(bodyHeightPt)
	return pdfPages{
		body:   pageTexts(t, path, pages, "-x", "0", "-y", top, "-W", "600", "-H", height),
		header: pageTexts(t, path, pages, "-x", "0", "-y", "0", "-W", "600", "-H", top),
	}
}

// pageTexts returns the text pdftotext reads from each page of the PDF at
// path (index 1 is page 1) with the options args, each ending in the form
// feed that pdftotext ends a page with: what pdftotext -f n -l n gives for
// page n, read in one run of pdftotext rather than one per page.
func pageTexts(t *testing.T, path string, pages int, args ...string) []string {
	t.Helper()
	parts := strings.Split(command(t, "pdftotext", append(args, path, "-")...), "\f")
	if len(parts) != pages+1 {
		t.Fatalf("pdftotext read %d pages, want %d", len(parts)-1, pages)
	}
	texts := make([]string, pages+1)
	for i := 1; i <= pages; i++ {
		texts[i] = parts[i-1] + "\f"
	}
	return texts
}

// The body of an A4 page in points: below the running header, above the
// footer.
const (
	bodyTopPt    = 66  // marginTop is 68 pt
	bodyHeightPt = 721 // down to marginBottom, 57 pt above the bottom
)

// tocLine is a line of the contents as printed: title, leaders, page.
var tocLine = regexp.MustCompile(`^\s*(.*?)[\s.]*\s(\d+)\s*$`)

// TestPDFTools checks the PDF with qpdf and poppler: that it is valid,
// that the Russian line comes back as text, that every page says
// "Page N of M", and — most of all — that each entry of the contents gives
// the page its heading is really on, and so does the outline.
func TestPDFTools(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("reads the PDF back with poppler and qpdf; make test runs it")
	}
	for _, tool := range []string{"qpdf", "pdftotext", "pdfinfo"} {
		needTool(t, tool)
	}
	path := writeTemp(t, renderBytes(t, testDossier(t)))
	command(t, "qpdf", "--check", path)

	info := command(t, "pdfinfo", path)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("no page count in pdfinfo output:\n%s", info)
	}
	pages, _ := strconv.Atoi(m[1])
	for _, want := range []string{"Title:           Test briefing", "Creator:         dossier", "A4"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo output lacks %q:\n%s", want, info)
		}
	}

	needTool(t, "pdffonts")
	{
		// Embedded Unicode TrueType fonts only: no core fonts.
		lines := strings.Split(strings.TrimSpace(command(t, "pdffonts", path)), "\n")
		for _, l := range lines[2:] {
			if !strings.Contains(l, "CID TrueType") || !strings.Contains(l, "Identity-H       yes") {
				t.Errorf("font not embedded as Unicode TrueType: %s", l)
			}
		}
	}

	all := command(t, "pdftotext", path, "-")
	for _, want := range []string{"Материал доступен на русском языке", "TLP:CLEAR", "Information cut-off", "24 November 2026", "¶1", "unknown", "“typographer” quotes – with dashes…"} {
		if !strings.Contains(all, want) {
			t.Errorf("the text of the PDF lacks %q", want)
		}
	}
	if strings.Contains(all, "&ldquo;") || strings.Contains(all, "&hellip;") {
		t.Error("typographer entities were printed raw")
	}
	p := readPages(t, path, pages)
	whole := pageTexts(t, path, pages)
	for i := 2; i <= pages; i++ {
		if want := fmt.Sprintf("Page %d of %d", i, pages); !strings.Contains(whole[i], want) {
			t.Errorf("page %d lacks %q", i, want)
		}
		if !strings.Contains(p.header[i], "TLP:CLEAR") {
			t.Errorf("the header of page %d lacks the marking", i)
		}
	}

	// The contents as printed: the pages whose running header says
	// "Contents", read in layout mode.
	type entry struct {
		title string
		page  int
	}
	pagesOf := func(es []entry) []int {
		var ps []int
		for _, e := range es {
			ps = append(ps, e.page)
		}
		return ps
	}
	var printed []entry
	last := 0
	for i := 2; i <= pages && strings.Contains(p.header[i], "Contents"); i++ {
		last = i
		n := strconv.Itoa(i)
		text := command(t, "pdftotext", "-layout", "-f", n, "-l", n, "-x", "0", "-y", strconv.Itoa(bodyTopPt), "-W", "600", "-H", "720", path, "-")
		pending := ""
		for _, l := range strings.Split(text, "\n") {
			l = strings.TrimSpace(l)
			if l == "" || l == "Contents" {
				continue
			}
			m := tocLine.FindStringSubmatch(l)
			if m == nil {
				pending += l + " " // a title that wraps
				continue
			}
			n, _ := strconv.Atoi(m[2])
			printed = append(printed, entry{strings.TrimSpace(pending + m[1]), n})
			pending = ""
		}
	}
	if last < 3 {
		t.Errorf("the contents take %d page(s); the test wants them to span two", last-1)
	}
	s, err := settle(t.Context(), testDossier(t), testOptions(t), (*doc).chapters)
	if err != nil {
		t.Fatal(err)
	}
	var want []entry
	listed := s.listed(s.entries)
	for i, e := range s.entries {
		if listed[i] {
			want = append(want, entry{e.Title, e.Page})
		}
	}
	if diff := cmp.Diff(want, printed, cmp.AllowUnexported(entry{})); diff != "" {
		t.Fatalf("the contents as printed differ from the headings laid out (-want +got):\n%s", diff)
	}
	// Each heading must be on the page the contents give, and on no page
	// between the previous heading and it.
	cursor := last + 1
	for _, e := range printed {
		found := 0
		for pg := cursor; pg <= pages; pg++ {
			if hasLines(p.body[pg], e.title) {
				found = pg
				break
			}
		}
		if found != e.page {
			t.Errorf("contents give %q on page %d; it is on page %d", e.title, e.page, found)
			continue
		}
		cursor = found
	}

	// Every entry is a link to its page.
	if diff := cmp.Diff(pagesOf(printed), linkPages(t, path, 2, last)); diff != "" {
		t.Errorf("the links of the contents do not go where the entries say (-want +got):\n%s", diff)
	}

	// The note's cross-references go to S1 ¶2 and to S2, its footnote
	// reference to the footnote, its anchor link to its own section.
	pageOf := map[string]int{}
	for _, e := range printed {
		pageOf[e.title] = e.page
	}
	note := pageOf["About the test briefing"]
	var got []int
	for _, p := range linkPages(t, path, note, note) {
		if len(got) == 0 || got[len(got)-1] != p {
			got = append(got, p) // a link broken over words has a box per word
		}
	}
	if want := slices.Compact([]int{pageOf["S1 — Alpha report"], pageOf["S2 — Beta article"], note}); !slices.Equal(got, want) {
		t.Errorf("links in the note go to pages %v, want %v", got, want)
	}

	// The outline: the cover, the contents, then the headings.
	out := command(t, "qpdf", "--json", "--json-key=outlines", path)
	var js struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatal(err)
	}
	var flat []entry
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			flat = append(flat, entry{o.Title, o.Page})
			walk(o.Kids)
		}
	}
	walk(js.Outlines)
	if len(flat) < 2 || flat[0].title != "Test briefing" || flat[1].title != "Contents" {
		t.Fatalf("outline starts %v, want the title and Contents", flat[:min(2, len(flat))])
	}
	k := 2
	for _, e := range printed {
		for k < len(flat) && flat[k].title != e.title {
			k++ // outline-only entries: deeper headings
		}
		if k == len(flat) {
			t.Errorf("outline lacks %q", e.title)
			break
		}
		if flat[k].page != e.page {
			t.Errorf("outline gives %q on page %d, contents on %d", e.title, flat[k].page, e.page)
		}
		k++
	}
}

// linkPages lists, in order, the pages that the internal links on pages
// from to to point at, read with qpdf.
func linkPages(t *testing.T, path string, from, to int) []int {
	t.Helper()
	out := command(t, "qpdf", "--json", "--json-key=pages", "--json-key=qpdf", path)
	var js struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil || len(js.QPDF) < 2 {
		t.Fatalf("reading qpdf's JSON: %v", err)
	}
	var objects map[string]struct {
		Value struct {
			Annots []struct {
				Dest []any `json:"/Dest"`
			} `json:"/Annots"`
		} `json:"value"`
	}
	if err := json.Unmarshal(js.QPDF[1], &objects); err != nil {
		t.Fatalf("reading qpdf's objects: %v", err)
	}
	pageOf := map[string]int{}
	for i, p := range js.Pages {
		pageOf[p.Object] = i + 1
	}
	var pages []int
	for i := from; i <= to; i++ {
		for _, a := range objects["obj:"+js.Pages[i-1].Object].Value.Annots {
			if len(a.Dest) > 0 {
				ref, _ := a.Dest[0].(string)
				pages = append(pages, pageOf[ref])
			}
		}
	}
	return pages
}

type outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []outline `json:"kids"`
}

// hasLines reports whether text has a run of consecutive lines that reads
// title: a heading, wrapped or not.
func hasLines(text, title string) bool {
	lines := strings.Split(text, "\n")
	for i := range lines {
		got := ""
		for j := i; j < len(lines) && len(got) < len(title); j++ {
			got = strings.TrimSpace(got + " " + strings.TrimSpace(lines[j]))
			if got == title {
				return true
			}
		}
	}
	return false
}

// TestExpandTabs covers the tab stops of code blocks.
func TestExpandTabs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		col     int
		want    string
		wantCol int
	}{
		{"a\tb", 0, "a   b", 5},
		{"\tx", 0, "    x", 5},
		{"\tx", 2, "  x", 5},
		{"abcd\t", 0, "abcd    ", 8},
		{"no tabs", 3, "no tabs", 10},
	}
	for _, tt := range tests {
		got, col := expandTabs(tt.in, tt.col, 4)
		if got != tt.want || col != tt.wantCol {
			t.Errorf("expandTabs(%q, %d) = %q, %d; want %q, %d", tt.in, tt.col, got, col, tt.want, tt.wantCol)
		}
	}
}

func TestUnescapeAndClean(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
		f              func(string) string
	}{
		{"backslash escape", `\*not emphasis\*`, "*not emphasis*", unescapeMarkdown},
		{"entity", "Fish &amp; chips &ldquo;x&rdquo;", "Fish & chips “x”", unescapeMarkdown},
		{"lone ampersand", "A & B", "A & B", unescapeMarkdown},
		{"tab and controls", "a\tb\x01c", "a bc", clean},
		{"missing glyphs", "non\u2011breaking\u200b thin\u2009space", "non-breaking thin space", clean},
		{"astral plane", "emoji 😀", "emoji \ufffd", clean},
		{"plain", "Материал", "Материал", clean},
	}
	for _, tt := range tests {
		if got := tt.f(tt.in); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestLayoutKeepsToWidth checks that no laid-out line is wider than its
// column, long words included.
func TestLayoutKeepsToWidth(t *testing.T) {
	t.Parallel()
	s, err := newDoc(testDossier(t), testOptions(t), plan{}, nil, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	runs := []run{
		text("Short words then a digest " + strings.Repeat("0123456789abcdef", 8) + " and a URL "),
		{text: "https://example.org/" + strings.Repeat("path/", 40), st: body, url: "https://example.org/"},
		styled(" bold tail", func(st *textStyle) { st.bold = true }),
	}
	for _, width := range []float64{20, 60, 160} {
		lines := s.layout(runs, width)
		var got strings.Builder
		for _, ln := range lines {
			if ln.w > width+eps {
				t.Errorf("width %v: line %q is %.2f wide", width, plainOf(lineRuns(ln)), ln.w)
			}
			got.WriteString(plainOf(lineRuns(ln)))
		}
		if want := strings.ReplaceAll(plainOf(runs), " ", ""); strings.ReplaceAll(got.String(), " ", "") != want {
			t.Errorf("width %v: text changed in layout:\n got %q\nwant %q", width, got.String(), want)
		}
	}
}

func lineRuns(ln line) []run {
	var rs []run
	for _, f := range ln.frags {
		r := *f.run
		r.text = f.text
		rs = append(rs, r)
	}
	return rs
}

// TestDates checks an estimated date and a copy in the briefing: the
// estimate, marked, on the cover and in the sources chapter; its basis and
// the passage it cites in the source's chapter; and that one source repeats
// the other, in both chapters.
func TestDates(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	d := testDossier(t)
	alpha, beta := d.Documents[0], d.Documents[1]
	alpha.Published = ""
	alpha.Dated = &model.DateEstimate{
		Estimate: "2019 or later",
		Basis:    "it names a duty of 2019",
		Cites:    []model.Citation{{Source: alpha.ID, Quote: "First duty", Doc: alpha, Block: &alpha.Blocks[2]}},
	}
	beta.Copies = []model.Copy{{Of: model.Citation{Source: alpha.ID, Quote: "Second duty", Doc: alpha, Block: &alpha.Blocks[3]}, Own: &beta.Blocks[1]}}
	text := command(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, renderBytes(t, d)), "-")
	cover, _, _ := strings.Cut(text, "\f")
	if !strings.Contains(strings.Join(strings.Fields(cover), " "), "S1 Alpha report Alpha Agency 2019 or later (est.) B2") {
		t.Errorf("the cover lacks S1's estimated date:\n%s", cover)
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Date: 2019 or later (est.)", // the sources chapter
		"Published 2019 or later (est.) Estimated from the text's own evidence: it names a duty of 2019. [S1 ¶2 · B2]",
		"S2 ¶1 repeats S1 ¶3 word for word: one source, not corroboration.",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the briefing lacks %q", want)
		}
	}
	if n := strings.Count(flat, "S2 ¶1 repeats S1 ¶3"); n != 4 {
		t.Errorf("the copy is told %d times, want 4: in the sources chapter and the chapter of each source", n)
	}
}

// fittedContents settles the briefing of d, checks that its contents take
// no more pages than they may, and returns it with the entries they list.
func fittedContents(t *testing.T, d *model.Dossier) (*doc, []bool) {
	t.Helper()
	s, err := settle(t.Context(), d, optionsFor(t, d), (*doc).chapters)
	if err != nil {
		t.Fatal(err)
	}
	if s.tocPages > tocMaxPages {
		t.Errorf("the contents take %d pages, want at most %d", s.tocPages, tocMaxPages)
	}
	return s, s.listed(s.entries)
}

// TestContentsFitTwoPages gives the reading path more sections than two
// pages of contents hold: the chapter with the most loses its sections
// from the contents (not from the outline), the others keep theirs, and
// the annexes are listed by their chapters and the sources' texts alone.
func TestContentsFitTwoPages(t *testing.T) {
	d := testDossier(t)
	var huge strings.Builder
	huge.WriteString("# Huge note\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&huge, "\n## Item %d\n\nText of item %d.\n", i, i)
	}
	src := []byte(huge.String())
	d.Notes = append(d.Notes, &model.Note{ID: "huge", Title: "Huge note", Path: "sources/notes/30-huge.md", Source: src, Doc: markdown.Parse(markdown.New(), src)})
	s, listed := fittedContents(t, d)
	count := map[string]int{} // sections listed, by chapter
	inOutline := map[string]int{}
	chapter := ""
	for i, e := range s.entries {
		if e.Level == 0 {
			chapter = e.Title
			if !listed[i] {
				t.Errorf("chapter %q is not in the contents", e.Title)
			}
			continue
		}
		if e.Level == 1 {
			inOutline[chapter]++
			if listed[i] {
				count[chapter]++
			}
		}
		if listed[i] && (e.Level > 1 || e.Annex && !e.Part) {
			t.Errorf("the contents list %q (level %d, annex %v)", e.Title, e.Level, e.Annex)
		}
	}
	if count[annexSources] != len(d.Documents) {
		t.Errorf("the contents list %d sources' texts in %s, want %d", count[annexSources], annexSources, len(d.Documents))
	}
	if count["Huge note"] != 0 || inOutline["Huge note"] != 120 {
		t.Errorf("the huge note has %d sections in the contents and %d in the outline, want 0 and 120", count["Huge note"], inOutline["Huge note"])
	}
	if count["Long note"] != 45 || count["About the test briefing"] != 2 {
		t.Errorf("sections listed by chapter: %v; want the long note's 45 and the first note's 2 kept", count)
	}
}
