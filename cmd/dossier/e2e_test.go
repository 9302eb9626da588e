package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/build"
	"dossier/internal/figure"
	"dossier/internal/link"
	"dossier/internal/model"
	"dossier/internal/render/pdf"
	"dossier/internal/source"
)

// The end-to-end tests run the real binary on two dossiers and check what a
// reader gets: the PDF with poppler and qpdf, the site with a link checker
// and in Chromium. The two dossiers are
//
//   - repoDossier, the repository's own sources/: the checks on it are
//     generic, derived from its loaded model (every source has a chapter,
//     every link resolves, two builds are byte-identical), so that a user
//     who adds a source never has to edit a test;
//   - fictional, the invented dossier under testdata/fictional, whose
//     content the tests may pin: its charts, markets, names and paragraphs.
//
// Each is built once, by the first test that needs it, and the tests share
// that output read-only; a test that writes into an output directory works
// on a copy.

const epoch = "1700000000" // SOURCE_DATE_EPOCH for reproducible builds

var (
	tmp    string // removed when the tests end
	binary string // path of the dossier binary built by TestMain
)

func TestMain(m *testing.M) {
	flag.Parse()
	if testing.Short() {
		// make quick: the end-to-end tests build the binary and drive
		// poppler and Chromium; the unit tests of the other packages cover
		// the edit–test loop.
		fmt.Println("dossier/cmd/dossier: end-to-end tests skipped in -short mode")
		os.Exit(0)
	}
	var err error
	if tmp, err = os.MkdirTemp("", "dossier-e2e"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(tmp, "dossier")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the binary: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	stopBrowser()
	os.RemoveAll(tmp)
	os.Exit(code)
}

// missing skips the test for want of a tool, or fails it when
// DOSSIER_REQUIRE_TOOLS is set (as .ci/run does).
func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("DOSSIER_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s is not installed (DOSSIER_REQUIRE_TOOLS is set; .ci/run installs it)", what)
	}
	t.Skipf("%s is not installed; .ci/run installs it", what)
}

// needTools calls missing for the first of tools not on the PATH.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing(t, tool)
		}
	}
}

// execDossier runs the binary with args and SOURCE_DATE_EPOCH set, and returns
// its stdout, stderr and exit code; err is set only when it could not run.
func execDossier(args ...string) (stdout, stderr string, code int, err error) {
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+epoch)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code, err = ee.ExitCode(), nil
	}
	return o.String(), e.String(), code, err
}

// runDossier is execDossier failing the test when the binary cannot run.
func runDossier(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	stdout, stderr, code, err := execDossier(args...)
	if err != nil {
		t.Fatalf("running %v: %v", args, err)
	}
	return stdout, stderr, code
}

// fixture is a sources folder the tests build once and share.
type fixture struct {
	name    string // for test names
	sources string // the sources folder, relative to this package

	build struct {
		once   sync.Once
		out    string // the output directory
		stderr string // what dossier build --verbose reported
		err    error
	}
	// What the PDF tools read back from the shared build's briefing,
	// by command line: each is run once (see readPDF).
	readings sync.Map // string → *reading
	model    func() (*model.Dossier, error)
	figures  func() (*figure.Set, error) // laid out as the build lays them out, once
}

func newFixture(name, sources string) *fixture {
	x := &fixture{name: name, sources: sources}
	x.model = sync.OnceValues(func() (*model.Dossier, error) {
		d, err := source.Load(os.DirFS(sources), source.Options{Name: sources})
		if err != nil {
			return nil, err
		}
		return d, link.Resolve(d)
	})
	x.figures = sync.OnceValues(func() (*figure.Set, error) {
		d, err := x.model()
		if err != nil {
			return nil, err
		}
		m, err := pdf.Measurer()
		if err != nil {
			return nil, err
		}
		return figure.Layout(d, pdf.FigureOptions(d.Settings, m))
	})
	return x
}

var (
	repoDossier = newFixture("sources", "../../sources")
	fictional   = newFixture("fictional", "../../testdata/fictional")
	dossiers    = []*fixture{repoDossier, fictional}
)

// forEach runs f as a parallel subtest for each dossier; the calling test
// becomes parallel too, so it must not have called t.Parallel itself.
func forEach(t *testing.T, f func(t *testing.T, x *fixture)) {
	// The test itself runs in parallel with the others, or each would wait
	// for its subtests before the next could start.
	t.Parallel()
	for _, x := range dossiers {
		t.Run(x.name, func(t *testing.T) {
			t.Parallel()
			f(t, x)
		})
	}
}

// out returns the output directory of the shared build of x, made with
// --verbose on the first call. Tests must not write into it; copy gives a
// copy to change.
func (x *fixture) out(t *testing.T) string {
	t.Helper()
	b := &x.build
	b.once.Do(func() {
		b.out = filepath.Join(tmp, x.name)
		_, stderr, code, err := execDossier("build", "--sources", x.sources, "--out", b.out, "--verbose")
		b.stderr = stderr
		if err == nil && code != 0 {
			err = fmt.Errorf("dossier build --sources %s exited %d:\n%s", x.sources, code, stderr)
		}
		b.err = err
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.out
}

// pdf is the path of the shared build's briefing.
func (x *fixture) pdf(t *testing.T) string {
	t.Helper()
	return filepath.Join(x.out(t), "briefing.pdf")
}

// site is the path of the shared build's site.
func (x *fixture) site(t *testing.T) string {
	t.Helper()
	return filepath.Join(x.out(t), "site")
}

// copy returns a fresh copy of the shared build's output directory, for a
// test to write into.
func (x *fixture) copy(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	if err := os.CopyFS(out, os.DirFS(x.out(t))); err != nil {
		t.Fatal(err)
	}
	return out
}

// buildAgain builds x into a fresh directory.
func (x *fixture) buildAgain(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	if _, stderr, code := runDossier(t, "build", "--sources", x.sources, "--out", out); code != 0 {
		t.Fatalf("dossier build exited %d:\n%s", code, stderr)
	}
	return out
}

// load returns x's sources loaded and resolved, once, for tests that
// compare the outputs with them; tests must not change what it returns.
func (x *fixture) load(t *testing.T) *model.Dossier {
	t.Helper()
	d, err := x.model()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// figs returns x's figures, laid out once as the build lays them out.
func (x *fixture) figs(t *testing.T) *figure.Set {
	t.Helper()
	f, err := x.figures()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// reading is the output of one command run on a shared briefing.
type reading struct {
	once sync.Once
	out  string
	err  error
}

// pdfArg stands for the briefing's path in readPDF's arguments.
const pdfArg = "{briefing.pdf}"

// readPDF runs a PDF tool on the shared build's briefing, pdfArg in args
// standing for its path, and returns what it printed. Each command line
// runs once, whichever test asks first: the tests read the PDF back once
// in each of the ways they need, not once per test.
func (x *fixture) readPDF(t *testing.T, name string, args ...string) string {
	t.Helper()
	needTools(t, name)
	pdf := x.pdf(t)
	key := name + " " + strings.Join(args, " ")
	v, _ := x.readings.LoadOrStore(key, new(reading))
	r := v.(*reading)
	r.once.Do(func() {
		args := slices.Clone(args)
		for i, a := range args {
			if a == pdfArg {
				args[i] = pdf
			}
		}
		out, err := exec.Command(name, args...).Output()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			err = fmt.Errorf("%w\n%s", err, ee.Stderr)
		}
		r.out, r.err = string(out), err
	})
	if r.err != nil {
		t.Fatalf("%s: %v", key, r.err)
	}
	return r.out
}

// pdfText is the text of the shared build's briefing, as pdftotext gives
// it, pages separated by form feeds.
func (x *fixture) pdfText(t *testing.T) string {
	t.Helper()
	return x.readPDF(t, "pdftotext", "-enc", "UTF-8", pdfArg, "-")
}

// pdfLayout is the shared briefing's text as pdftotext -layout sets it
// out, one string a page.
func (x *fixture) pdfLayout(t *testing.T) []string {
	t.Helper()
	return strings.Split(x.readPDF(t, "pdftotext", "-enc", "UTF-8", "-layout", pdfArg, "-"), "\f")
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestPDF checks each briefing as a reader's PDF tools see it: valid, with
// the settings' title and page size, every note and source present, page
// numbers, no page furniture outside the annex that accounts for it, and
// contents that agree with the outline.
func TestPDF(t *testing.T) {
	needTools(t, "pdfinfo", "pdftotext", "qpdf")
	forEach(t, func(t *testing.T, x *fixture) {
		pdf := x.pdf(t)
		d := x.load(t)
		tool(t, "qpdf", "--check", pdf)

		info := tool(t, "pdfinfo", pdf)
		field := func(name string) string {
			m := regexp.MustCompile(`(?m)^` + name + `:\s*(.*)$`).FindStringSubmatch(info)
			if m == nil {
				return ""
			}
			return strings.TrimSpace(m[1])
		}
		if got := field("Title"); got != d.Settings.Title {
			t.Errorf("PDF title %q, want the settings' %q", got, d.Settings.Title)
		}
		if field("Subject") == "" || !strings.Contains(field("Creator"), "dossier") {
			t.Errorf("PDF subject %q, creator %q: want both set", field("Subject"), field("Creator"))
		}
		// The author is the settings', or none: never made up.
		if got := field("Author"); got != d.Settings.Author {
			t.Errorf("PDF author %q, want the settings' %q", got, d.Settings.Author)
		}
		// The XMP metadata, where archives look, is found, with the title
		// and the build the site records; the keywords hold nothing of ours.
		if field("Metadata Stream") != "yes" || field("Keywords") != "" {
			t.Errorf("PDF metadata stream %q, keywords %q: want the XMP found, and no keywords", field("Metadata Stream"), field("Keywords"))
		}
		id, err := os.ReadFile(filepath.Join(x.site(t), build.BuildIDFile))
		if err != nil {
			t.Fatal(err)
		}
		meta := tool(t, "pdfinfo", "-meta", pdf)
		for _, want := range []string{"<xmpMM:InstanceID>xmp.iid:" + strings.TrimSpace(string(id)) + "</xmpMM:InstanceID>", html.EscapeString(d.Settings.Title) + "</rdf:li>"} {
			if !strings.Contains(meta, want) {
				t.Errorf("the PDF's XMP metadata lacks %s:\n%s", want, meta)
			}
		}
		size := map[model.PageSize][2]string{model.A4: {"595", "841"}, model.Letter: {"612", "792"}}[d.Settings.PageSize]
		if got := field("Page size"); !strings.Contains(got, size[0]) || !strings.Contains(got, size[1]) {
			t.Errorf("page size %q, want %s (%s x %s pts)", got, d.Settings.PageSize, size[0], size[1])
		}
		pages, _ := strconv.Atoi(field("Pages"))
		if pages < 2+len(d.Documents) {
			t.Fatalf("%d pages; a cover, contents and %d source chapters need more", pages, len(d.Documents))
		}

		text := squash(x.pdfText(t))
		want := []string{
			d.Settings.Marking,
			"Information cut-off",
			fmt.Sprintf("Page 2 of %d", pages),
			fmt.Sprintf("Page %d of %d", pages, pages),
		}
		if d.Settings.Author != "" {
			want = append(want, "Prepared by "+d.Settings.Author)
		}
		for _, n := range d.Notes {
			want = append(want, n.Title)
		}
		for _, doc := range d.Documents {
			// Its chapter, and the first paragraph of its text.
			want = append(want, doc.Ref+" — "+doc.Title)
			for _, b := range doc.Blocks {
				if b.Kind != model.Heading {
					want = append(want, b.Text)
					break
				}
			}
		}
		for _, w := range want {
			if !strings.Contains(text, squash(w)) {
				t.Errorf("the PDF's text lacks %q", w)
			}
		}
		// Page furniture may appear only where the briefing accounts for
		// what cleaning removed: the technical annex, from its bookmark to
		// the next chapter's. Pages are separated by form feeds.
		marks := outline(t, x)
		annex := map[int]bool{}
		for i, h := range marks {
			if h.depth == 0 && h.title == annexProvenance {
				end := pages
				for _, n := range marks[i+1:] {
					if n.depth == 0 {
						end = n.page - 1
						break
					}
				}
				for p := h.page; p <= end; p++ {
					annex[p] = true
				}
			}
		}
		var furniture []string
		for _, doc := range d.Documents {
			for _, dr := range doc.Dropped {
				// What the declared drop rules removed; the general rules
				// also drop repeats of text that stays.
				if line, _, _ := strings.Cut(dr.Text, "\n"); dr.Rule == "drop" && len(line) >= 12 {
					furniture = append(furniture, squash(line))
				}
			}
		}
		for i, page := range strings.Split(x.pdfText(t), "\f") {
			if annex[i+1] {
				continue
			}
			page = squash(page)
			for _, f := range furniture {
				if strings.Contains(page, f) {
					t.Errorf("page %d keeps page furniture %q in the text", i+1, f)
				}
			}
		}
		checkContents(t, x, pages)
		checkOrder(t, x, d)
		// The technical annex prints each source's digest; the metadata
		// file itself is on the site only.
		for _, doc := range d.Documents {
			if !strings.Contains(text, doc.SHA256) {
				t.Errorf("the PDF lacks %s's digest", doc.Ref)
			}
			if strings.Contains(text, "sha256: "+doc.SHA256) {
				t.Errorf("the PDF prints %s's metadata file; it belongs on the site", doc.Ref)
			}
		}
	})
}

// squash folds runs of white space, for comparing text across line breaks.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// heading is an entry of the contents or of the outline: a title and the
// page it leads to.
type heading struct {
	title string
	page  int
	depth int // 0 for a chapter
}

// The titles of the annexes, as render/pdf sets them.
const (
	annexSources    = "Annex A — Sources"
	annexProvenance = "Annex B — Provenance and cleaning"
)

// checkContents reads the table of contents from the PDF's text and the
// outline (bookmarks) from its catalogue, and checks that the contents take
// at most two pages and list every chapter of the outline, with either all
// its sections or none (an annex, its minor chapters), on the same pages as
// the outline; that each page really carries the heading that the contents and
// every bookmark send it to; and that the reading path comes before the
// annexes.
func checkContents(t *testing.T, x *fixture, pages int) {
	t.Helper()
	outline := outline(t, x)
	layout := x.pdfLayout(t)
	if len(layout) < pages {
		t.Fatalf("pdftotext gave %d pages of %d", len(layout), pages)
	}
	// In reading order too: a page set in two columns has them side by
	// side in the layout text, a heading of the second mid-line.
	reading := strings.Split(x.pdfText(t), "\f")
	// The outline opens with the cover and the contents; the contents run
	// up to the page of the next bookmark.
	if len(outline) < 3 || outline[1].title != "Contents" || outline[2].depth != 0 {
		t.Fatalf("the outline opens with %v; want the cover, Contents and a chapter", outline[:min(3, len(outline))])
	}
	if n := outline[2].page - outline[1].page; n > 2 {
		t.Errorf("the contents take %d pages (%d to %d), want at most two", n, outline[1].page, outline[2].page-1)
	}
	var contents []heading
	for p := outline[1].page; p < outline[2].page; p++ {
		contents = append(contents, contentsEntries(body(layout[p-1]))...)
	}
	if len(contents) < 5 {
		t.Fatalf("found %d entries in the contents on pages %d to %d", len(contents), outline[1].page, outline[2].page-1)
	}
	// The contents list the outline's chapters, and the sections of a
	// chapter all or none: all when they list its first.
	inContents := map[heading]bool{}
	for _, h := range contents {
		inContents[h] = true
	}
	var listed []heading
	withSections, annexes := false, false
	for _, h := range outline[2:] {
		switch {
		case h.depth == 0:
			listed = append(listed, h)
			withSections = false
			annexes = annexes || strings.HasPrefix(h.title, "Annex ")
		case h.depth == 1 && annexes:
			// An annex lists its minor chapters (the sources' texts),
			// which checkOrder checks, and no other section.
			if inContents[h] {
				listed = append(listed, h)
			}
		case h.depth == 1 && len(listed) > 0 && listed[len(listed)-1].depth == 0 && inContents[h]:
			withSections = true
			listed = append(listed, h)
		case h.depth == 1 && withSections:
			listed = append(listed, h)
		}
	}
	if diff := cmp.Diff(listed, contents, cmp.AllowUnexported(heading{})); diff != "" {
		t.Errorf("the contents differ from the outline's chapters and sections (-outline +contents):\n%s", diff)
	}
	for _, h := range outline {
		if h.page < 1 || h.page > pages {
			t.Errorf("bookmark %q leads to page %d of %d", h.title, h.page, pages)
		} else if !startsLine(body(layout[h.page-1]), h.title) && (h.page > len(reading) || !startsLine(strings.Split(reading[h.page-1], "\n"), h.title)) {
			t.Errorf("bookmark %q leads to page %d, where no line starts with it", h.title, h.page)
		}
	}
}

// checkOrder: the chapters come as a reader takes them: the reading path,
// then the annex of sources with a minor chapter per source (listed in the
// contents), then the technical annex with a section per source, then the
// index (if any); and no heading of the outline is a build internal (a
// provenance record or a cleaning log).
func checkOrder(t *testing.T, x *fixture, d *model.Dossier) {
	t.Helper()
	layout := x.pdfLayout(t)
	marks := outline(t, x)
	var contents []heading
	for p := marks[1].page; p < marks[2].page; p++ {
		contents = append(contents, contentsEntries(body(layout[p-1]))...)
	}
	listed := map[string]bool{}
	for _, h := range contents {
		listed[h.title] = true
	}
	var chapters []string
	sections := map[string][]string{} // the first-level headings of each chapter
	in := ""
	for _, h := range marks[2:] {
		if h.depth == 0 {
			chapters = append(chapters, h.title)
			in = h.title
			continue
		}
		if h.depth == 1 {
			sections[in] = append(sections[in], h.title)
		}
		if h.title == "Provenance record" || h.title == "Removed in cleaning" {
			t.Errorf("%q, a build internal, is a heading of %q", h.title, in)
		}
	}
	var want, sources []string
	for _, c := range chapters {
		if c == annexSources {
			break
		}
		want = append(want, c) // the reading path, whatever its chapters
	}
	for _, doc := range d.Documents {
		sources = append(sources, doc.Ref+" — "+doc.Title)
	}
	want = append(want, annexSources, annexProvenance)
	if len(d.Entities) > 0 {
		want = append(want, "Index")
	}
	if diff := cmp.Diff(want, chapters); diff != "" {
		t.Errorf("the chapters are not in the order reading path, annexes, index (-want +got):\n%s", diff)
	}
	var texts []string
	for _, h := range sections[annexSources] {
		if slices.Contains(sources, h) {
			texts = append(texts, h)
			if !listed[h] {
				t.Errorf("the contents do not list %q in %s", h, annexSources)
			}
		}
	}
	if diff := cmp.Diff(sources, texts); diff != "" {
		t.Errorf("%s has not a chapter per source, in order (-want +got):\n%s", annexSources, diff)
	}
	if diff := cmp.Diff(sources, sections[annexProvenance]); diff != "" {
		t.Errorf("the technical annex has not a section per source (-want +got):\n%s", diff)
	}
}

var (
	tocLine   = regexp.MustCompile(`^(\s*)(.*?\S)\s*(?:\.\s*){2,}\s*(\d+)\s*$`)
	tocIndent = regexp.MustCompile(`^\s*`)
)

// contentsEntries parses the lines of a contents page, as pdftotext -layout
// gives them: a title, dot leaders and a page number, chapters flush left
// and sections indented; a title too long for one line starts on the line
// before.
func contentsEntries(lines []string) []heading {
	var entries []heading
	start := "" // the first line of a title that runs on
	for _, line := range lines {
		m := tocLine.FindStringSubmatch(line)
		switch {
		case m != nil:
			indent, title := m[1], m[2]
			if start != "" {
				indent, title = tocIndent.FindString(start), start+" "+title
			}
			n, _ := strconv.Atoi(m[3])
			depth := 0
			if len(indent) > 0 {
				depth = 1
			}
			entries = append(entries, heading{squash(title), n, depth})
			start = ""
		case strings.TrimSpace(line) == "" || squash(line) == "Contents":
			start = ""
		default:
			start = line
		}
	}
	return entries
}

// body returns the lines of a page of pdftotext -layout output without the
// running header and footer, its first and last lines of text.
func body(page string) []string {
	lines := strings.Split(strings.TrimSpace(page), "\n")
	if len(lines) < 2 {
		return nil
	}
	return lines[1 : len(lines)-1]
}

// startsLine reports whether one of lines starts with title, which may run
// on over the next few lines, as a heading set on the page does.
func startsLine(lines []string, title string) bool {
	for i := range lines {
		text := ""
		for _, l := range lines[i:min(i+3, len(lines))] {
			text = squash(text + " " + l)
			if strings.HasPrefix(text, title) {
				return true
			}
		}
	}
	return false
}

// outline returns the shared briefing's bookmarks in order, each with the
// page it leads to and its depth.
func outline(t *testing.T, x *fixture) []heading {
	t.Helper()
	type item struct {
		Title string `json:"title"`
		Page  int    `json:"destpageposfrom1"`
		Kids  []item `json:"kids"`
	}
	var doc struct {
		Outlines []item `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(x.readPDF(t, "qpdf", "--json", "--json-key=outlines", pdfArg)), &doc); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var out []heading
	var walk func([]item, int)
	walk = func(items []item, depth int) {
		for _, it := range items {
			out = append(out, heading{squash(it.Title), it.Page, depth})
			walk(it.Kids, depth+1)
		}
	}
	walk(doc.Outlines, 0)
	return out
}

// TestReproducible builds each dossier a second time and wants the same
// bytes, site and briefing.
func TestReproducible(t *testing.T) {
	forEach(t, func(t *testing.T, x *fixture) {
		a, b := hashTree(t, x.out(t)), hashTree(t, x.buildAgain(t))
		if a["briefing.pdf"] == "" || a["site/index.html"] == "" {
			t.Fatalf("the build wrote no briefing or site: %v", a)
		}
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("two builds with SOURCE_DATE_EPOCH set differ (-first +second):\n%s", diff)
		}
	})
}

// TestSourcesPathNotInOutput builds one copy of the fictional dossier twice, named
// once by an absolute path and once by a relative one: the outputs, site
// and PDF, must be byte-identical and must not name the folder they were
// built from.
func TestSourcesPathNotInOutput(t *testing.T) {
	t.Parallel()
	src := filepath.Join(t.TempDir(), "my-sources")
	if err := os.CopyFS(src, os.DirFS(fictional.sources)); err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, src)
	if err != nil || filepath.IsAbs(rel) {
		t.Fatalf("no relative path from %s to %s: %v", wd, src, err)
	}
	trees := map[string]map[string]string{}
	var pdf string // the briefing built with the absolute path
	for _, sources := range []string{src, rel} {
		out := t.TempDir()
		if pdf == "" {
			pdf = filepath.Join(out, "briefing.pdf")
		}
		if _, stderr, code := runDossier(t, "build", "--sources", sources, "--out", out); code != 0 {
			t.Fatalf("dossier build --sources %s exited %d:\n%s", sources, code, stderr)
		}
		trees[sources] = hashTree(t, out)
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, name := range []string{src, "my-sources"} {
				if bytes.Contains(data, []byte(name)) {
					t.Errorf("--sources %s: %s names the sources folder (%s)", sources, p, name)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files(trees[src]) == 0 {
		t.Fatal("the build wrote nothing")
	}
	if diff := cmp.Diff(trees[src], trees[rel]); diff != "" {
		t.Errorf("builds with --sources %s and --sources %s differ (-absolute +relative):\n%s", src, rel, diff)
	}
	// The PDF's text is compressed: read it back.
	needTools(t, "pdftotext")
	text := tool(t, "pdftotext", "-enc", "UTF-8", pdf, "-")
	if strings.Contains(text, "my-sources") {
		t.Errorf("the briefing names the sources folder:\n%s", text)
	}
	if !strings.Contains(text, "documents/") {
		t.Errorf("the briefing names no file relative to the sources folder (documents/…)")
	}
}

// hashTree describes everything under dir by slash path relative to it:
// "dir" for a directory, the SHA-256 of the content for a regular file, the
// type for anything else. Equal trees hold the same files with the same
// bytes, and nothing else.
func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".cache" && d.IsDir():
			return fs.SkipDir // the build's cache, not an output
		case d.IsDir():
			tree[rel] = "dir"
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			tree[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		default:
			tree[rel] = d.Type().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// files counts the regular files of a tree from hashTree.
func files(tree map[string]string) int {
	n := 0
	for _, h := range tree {
		if len(h) == 2*sha256.Size {
			n++
		}
	}
	return n
}

// TestFailedBuildKeepsOutput breaks a metadata file and checks that the
// build fails naming file and line, and leaves the previous output alone.
func TestFailedBuildKeepsOutput(t *testing.T) {
	t.Parallel()
	out := fictional.copy(t)
	before := hashTree(t, out)

	src := filepath.Join(t.TempDir(), "sources")
	if err := os.CopyFS(src, os.DirFS(fictional.sources)); err != nil {
		t.Fatal(err)
	}
	meta := filepath.Join(src, "documents", "kestrel-institute-brief.yaml")
	data, err := os.ReadFile(meta)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "reliability: C", "reliability: Q", 1)
	if broken == string(data) {
		t.Fatal("fixture: no reliability line to break")
	}
	if err := os.WriteFile(meta, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(broken[:strings.Index(broken, "reliability: Q")], "\n")

	_, stderr, code := runDossier(t, "build", "--sources", src, "--out", out)
	if code == 0 {
		t.Fatal("build of broken sources succeeded")
	}
	want := fmt.Sprintf("%s:%d: grade reliability \"Q\"", meta, line)
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant it to contain %q", stderr, want)
	}
	if diff := cmp.Diff(before, hashTree(t, out)); diff != "" {
		t.Errorf("a failed build changed the output (-before +after):\n%s", diff)
	}
}

// TestVerboseListsDrops checks what the shared builds, made with --verbose,
// reported: every piece of text cleaning dropped, where and why, and every
// file written.
func TestVerboseListsDrops(t *testing.T) {
	forEach(t, func(t *testing.T, x *fixture) {
		out := x.out(t)
		stderr := x.build.stderr
		want := []string{
			"wrote " + filepath.Join(out, "briefing.pdf"),
			"wrote " + filepath.Join(out, "site", "index.html"),
		}
		drops := 0
		for _, doc := range x.load(t).Documents {
			for _, dr := range doc.Dropped {
				lines := fmt.Sprint(dr.Line)
				if dr.EndLine > dr.Line {
					lines = fmt.Sprintf("%d-%d", dr.Line, dr.EndLine)
				}
				want = append(want, fmt.Sprintf("%s:%s: dropped %q (rule %s: %s)", path.Join(x.sources, doc.TextPath), lines, dr.Text, dr.Rule, dr.Why))
				drops++
			}
		}
		if drops == 0 {
			t.Errorf("cleaning dropped nothing from %s; the test needs a dossier with page furniture", x.sources)
		}
		for _, w := range want {
			if !strings.Contains(stderr, w) {
				t.Errorf("--verbose output lacks %q:\n%s", w, stderr)
			}
		}
	})
	// Pinned on the fixture, so that the line above cannot agree with a
	// model that lost its positions.
	fictional.out(t)
	for _, w := range []string{
		`testdata/fictional/documents/vmpo-annual-review.txt:1: dropped "Skip to main content" (rule drop: site navigation link)`,
		`vmpo-annual-review.txt:23: dropped "Cookies help us improve this website. Accept all cookies" (rule drop: cookie banner)`,
	} {
		if !strings.Contains(fictional.build.stderr, w) {
			t.Errorf("--verbose output lacks %q:\n%s", w, fictional.build.stderr)
		}
	}
}

var (
	linkAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	idAttr   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// TestSiteLinks checks every link of every page, and every result the
// search index offers: relative, pointing at a file (not a directory) that
// exists, and at an id that exists in it; nothing from the network.
func TestSiteLinks(t *testing.T) {
	forEach(t, checkSiteLinks)
}

func checkSiteLinks(t *testing.T, x *fixture) {
	site := x.site(t)
	d := x.load(t)
	pages := map[string]string{} // slash path → content
	err := filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		data, err := os.ReadFile(p)
		pages[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"index.html", "entities.html", "search.html"}
	for _, doc := range d.Documents {
		want = append(want, "sources/"+doc.ID+".html")
	}
	for _, e := range d.Entities {
		want = append(want, "entities/"+e.ID+".html")
	}
	for _, want := range want {
		if _, ok := pages[want]; !ok {
			t.Errorf("site lacks %s", want)
		}
	}
	ids := map[string]map[string]bool{} // page → its ids, as needed
	checked, fragments := 0, 0
	// check checks a link ref found in the file from; outbound links to
	// another site a reader may follow are allowed where load is false.
	check := func(from, ref string, load bool) {
		u, err := url.Parse(ref)
		if err != nil {
			t.Errorf("%s: bad link %q", from, ref)
			return
		}
		if u.Scheme == "data" {
			return // content in the page itself, such as the empty icon; nothing is loaded
		}
		if u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "/") {
			if load || u.Scheme != "https" && u.Scheme != "http" {
				t.Errorf("%s: %q is not a relative link", from, ref)
			}
			return
		}
		target := from
		if u.Path != "" {
			target = path.Join(path.Dir(from), u.Path)
			if strings.HasSuffix(u.Path, "/") || path.Ext(target) == "" {
				t.Errorf("%s: %q points at a directory, which file:// cannot open", from, ref)
				return
			}
		}
		content, ok := pages[target]
		if !ok {
			t.Errorf("%s: %q points at %s, which does not exist", from, ref, target)
			return
		}
		checked++
		if u.Fragment == "" {
			return
		}
		if ids[target] == nil {
			ids[target] = map[string]bool{}
			for _, m := range idAttr.FindAllStringSubmatch(content, -1) {
				ids[target][html.UnescapeString(m[1])] = true
			}
		}
		if !ids[target][u.Fragment] {
			t.Errorf("%s: %q points at #%s, which %s lacks", from, ref, u.Fragment, target)
		}
		fragments++
	}
	var index string // the search index, a script
	for name, content := range pages {
		if strings.HasPrefix(name, "assets/search-index.") {
			index = content
		}
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range linkAttr.FindAllStringSubmatch(content, -1) {
			check(name, html.UnescapeString(m[1]), strings.HasPrefix(strings.TrimSpace(m[0]), "src"))
		}
	}
	// Every page has a menu, and every entity page a citation or a
	// mention that leads to a paragraph.
	if checked < 2*len(pages) || fragments < len(d.Entities) {
		t.Errorf("checked only %d links, %d of them to an id, on %d pages", checked, fragments, len(pages))
	}

	// search.html shows the index's results with their addresses as links.
	_, js, ok := strings.Cut(index, "window.dossierSearch = ")
	var idx struct {
		Docs []struct {
			U string `json:"u"`
		} `json:"docs"`
	}
	if !ok {
		t.Fatal("no search index in assets/")
	}
	if err := json.Unmarshal([]byte(strings.TrimRight(strings.TrimSpace(js), ";")), &idx); err != nil {
		t.Fatalf("the search index: %v", err)
	}
	if len(idx.Docs) < len(d.Entities)+len(d.Documents) {
		t.Errorf("the search index has %d results for %d entities and %d sources", len(idx.Docs), len(d.Entities), len(d.Documents))
	}
	for _, d := range idx.Docs {
		check("search.html", d.U, false)
	}
}
