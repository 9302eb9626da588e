package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/model"
	"dossier/internal/source"
)

// The end-to-end tests run the real binary on the repository's sources/ and
// check what a reader gets: the PDF with poppler and qpdf, the site with a
// link checker. The repository is built once, by the first test that needs
// it (repoBuild), and the tests share that output read-only; a test that
// writes into an output directory works on a copy (repoCopy).

const epoch = "1700000000" // SOURCE_DATE_EPOCH for reproducible builds

var (
	tmp    string // removed when the tests end
	binary string // path of the dossier binary built by TestMain
)

func TestMain(m *testing.M) {
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

// buildRepo builds the repository's sources into a fresh directory.
func buildRepo(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	if _, stderr, code := runDossier(t, "build", "--sources", "../../sources", "--out", out); code != 0 {
		t.Fatalf("dossier build exited %d:\n%s", code, stderr)
	}
	return out
}

// repo is the one build of the repository's sources that the tests share.
var repo struct {
	once   sync.Once
	out    string // the output directory
	stderr string // what dossier build --verbose reported
	err    error
}

// repoBuild returns the output directory of the shared build of the
// repository's sources, made with --verbose on the first call. Tests must
// not write into it; repoCopy gives a copy to change.
func repoBuild(t *testing.T) string {
	t.Helper()
	repo.once.Do(func() {
		repo.out = filepath.Join(tmp, "repo")
		_, stderr, code, err := execDossier("build", "--sources", "../../sources", "--out", repo.out, "--verbose")
		repo.stderr = stderr
		if err == nil && code != 0 {
			err = fmt.Errorf("dossier build exited %d:\n%s", code, stderr)
		}
		repo.err = err
	})
	if repo.err != nil {
		t.Fatal(repo.err)
	}
	return repo.out
}

// repoCopy returns a fresh copy of the shared build's output directory, for
// a test to write into.
func repoCopy(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	if err := os.CopyFS(out, os.DirFS(repoBuild(t))); err != nil {
		t.Fatal(err)
	}
	return out
}

// repoSources loads the repository's sources once, for tests that compare
// the outputs with them; tests must not change what it returns.
var repoSources = sync.OnceValues(func() (*model.Dossier, error) {
	return source.Load(os.DirFS("../../sources"), source.Options{Name: "sources"})
})

func loadRepo(t *testing.T) *model.Dossier {
	t.Helper()
	d, err := repoSources()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// briefingText is the text of the shared build's briefing, as pdftotext
// gives it, pages separated by form feeds; pdftotext runs once.
var briefingText struct {
	once sync.Once
	text string
	err  error
}

func pdfText(t *testing.T) string {
	t.Helper()
	needTools(t, "pdftotext")
	pdf := filepath.Join(repoBuild(t), "briefing.pdf")
	briefingText.once.Do(func() {
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
		briefingText.text, briefingText.err = string(out), err
	})
	if briefingText.err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, briefingText.err)
	}
	return briefingText.text
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestPDF(t *testing.T) {
	needTools(t, "pdfinfo", "pdftotext", "qpdf")
	pdf := filepath.Join(repoBuild(t), "briefing.pdf")

	tool(t, "qpdf", "--check", pdf)

	info := tool(t, "pdfinfo", pdf)
	field := func(name string) string {
		m := regexp.MustCompile(`(?m)^` + name + `:\s*(.*)$`).FindStringSubmatch(info)
		if m == nil {
			return ""
		}
		return strings.TrimSpace(m[1])
	}
	if got := field("Title"); got != "Belarus: law enforcement, INTERPOL and organized crime" {
		t.Errorf("PDF title %q", got)
	}
	if field("Subject") == "" || !strings.Contains(field("Creator"), "dossier") {
		t.Errorf("PDF subject %q, creator %q: want both set", field("Subject"), field("Creator"))
	}
	if got := field("Page size"); !strings.Contains(got, "595") || !strings.Contains(got, "841") {
		t.Errorf("page size %q, want A4 (595 x 842 pts)", got)
	}
	pages, _ := strconv.Atoi(field("Pages"))
	if pages < 10 {
		t.Fatalf("%d pages; a cover, contents and five source chapters need more", pages)
	}

	text := pdfText(t)
	for _, want := range []string{
		"Материал доступен на русском языке",
		"TLP:CLEAR",
		"Information cut-off",
		"About this briefing",
		"INTERPOL Minsk",
		"The INTERPOL National Central Bureau (NCB) for Belarus is part of the Criminal Police.",
		fmt.Sprintf("Page 2 of %d", pages),
		fmt.Sprintf("Page %d of %d", pages, pages),
	} {
		if !strings.Contains(squash(text), squash(want)) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	// Page furniture may appear only where the briefing accounts for what
	// cleaning removed: the "Removed in cleaning" list and the provenance
	// record that declares the rules. Pages are separated by form feeds.
	for i, page := range strings.Split(text, "\f") {
		if strings.Contains(page, "Removed in cleaning") || strings.Contains(page, "Provenance record") {
			continue
		}
		for _, furniture := range []string{"Our site uses cookies", "Poll All polls", "Back to Europe", "Tell me more"} {
			if strings.Contains(page, furniture) {
				t.Errorf("page %d keeps page furniture %q in the text", i+1, furniture)
			}
		}
	}

	checkContents(t, pdf, pages)
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

// checkContents reads the table of contents from the PDF's text and the
// outline (bookmarks) from its catalogue, and checks that the two list the
// same chapters and sections on the same pages, and that each page really
// carries the heading that the contents and every bookmark send it to.
func checkContents(t *testing.T, pdf string, pages int) {
	t.Helper()
	outline := outline(t, pdf)
	layout := strings.Split(tool(t, "pdftotext", "-enc", "UTF-8", "-layout", pdf, "-"), "\f")
	if len(layout) < pages {
		t.Fatalf("pdftotext gave %d pages of %d", len(layout), pages)
	}
	// The outline opens with the cover and the contents; the contents run
	// up to the page of the next bookmark.
	if len(outline) < 3 || outline[1].title != "Contents" || outline[2].depth != 0 {
		t.Fatalf("the outline opens with %v; want the cover, Contents and a chapter", outline[:min(3, len(outline))])
	}
	var contents []heading
	for p := outline[1].page; p < outline[2].page; p++ {
		contents = append(contents, contentsEntries(body(layout[p-1]))...)
	}
	if len(contents) < 10 {
		t.Fatalf("found %d entries in the contents on pages %d to %d", len(contents), outline[1].page, outline[2].page-1)
	}
	// The contents list the outline's chapters and their sections.
	var listed []heading
	for _, h := range outline[2:] {
		if h.depth <= 1 {
			listed = append(listed, h)
		}
	}
	if diff := cmp.Diff(listed, contents, cmp.AllowUnexported(heading{})); diff != "" {
		t.Errorf("the contents differ from the outline's chapters and sections (-outline +contents):\n%s", diff)
	}
	for _, h := range outline {
		if h.page < 1 || h.page > pages {
			t.Errorf("bookmark %q leads to page %d of %d", h.title, h.page, pages)
		} else if !startsLine(body(layout[h.page-1]), h.title) {
			t.Errorf("bookmark %q leads to page %d, where no line starts with it", h.title, h.page)
		}
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

// outline returns the PDF's bookmarks in order, each with the page it
// leads to and its depth.
func outline(t *testing.T, pdf string) []heading {
	t.Helper()
	type item struct {
		Title string `json:"title"`
		Page  int    `json:"destpageposfrom1"`
		Kids  []item `json:"kids"`
	}
	var doc struct {
		Outlines []item `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(tool(t, "qpdf", "--json", "--json-key=outlines", pdf)), &doc); err != nil {
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

func TestReproducible(t *testing.T) {
	a, b := hashTree(t, repoBuild(t)), hashTree(t, buildRepo(t))
	if a["briefing.pdf"] == "" || a["site/index.html"] == "" {
		t.Fatalf("the build wrote no briefing or site: %v", a)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two builds with SOURCE_DATE_EPOCH set differ (-first +second):\n%s", diff)
	}
}

// TestSourcesPathNotInOutput builds one copy of the sources twice, named
// once by an absolute path and once by a relative one: the outputs, site
// and PDF, must be byte-identical and must not name the folder they were
// built from.
func TestSourcesPathNotInOutput(t *testing.T) {
	src := filepath.Join(t.TempDir(), "my-sources")
	if err := os.CopyFS(src, os.DirFS("../../sources")); err != nil {
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
	out := repoCopy(t)
	before := hashTree(t, out)

	src := filepath.Join(t.TempDir(), "sources")
	if err := os.CopyFS(src, os.DirFS("../../sources")); err != nil {
		t.Fatal(err)
	}
	meta := filepath.Join(src, "documents", "002_5754ad341e365e06.yaml")
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

// TestVerboseListsDrops checks what the shared build, made with --verbose,
// reported.
func TestVerboseListsDrops(t *testing.T) {
	repoBuild(t)
	stderr := repo.stderr
	for _, want := range []string{
		`sources/documents/000_bb7bcb51a151c3b6.txt:4: dropped "Back to Europe" (rule drop: site navigation link)`,
		`000_bb7bcb51a151c3b6.txt:105-107: dropped "Our site uses cookies`,
		`002_5754ad341e365e06.txt:31-33: dropped "Poll All polls`,
		`001_dfaf062130524165.txt:42-43: dropped "1 / 9"`,
		"wrote " + filepath.Join(repo.out, "briefing.pdf"),
		"wrote " + filepath.Join(repo.out, "site", "index.html"),
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("--verbose output lacks %q:\n%s", want, stderr)
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
	site := filepath.Join(repoBuild(t), "site")
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
	for _, want := range []string{"index.html", "sources/interpol-minsk.html", "sources/interpol-misuse-article.html"} {
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
	if checked < 1000 || fragments < 500 {
		t.Errorf("checked only %d links, %d of them to an id", checked, fragments)
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
	if len(idx.Docs) < 100 {
		t.Errorf("the search index has %d results", len(idx.Docs))
	}
	for _, d := range idx.Docs {
		check("search.html", d.U, false)
	}
}
