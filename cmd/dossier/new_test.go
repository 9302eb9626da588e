package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/text/encoding/charmap"
)

// TestNewSource adds a text to a copy of the fictional dossier the way
// the README says: dossier new source copies it byte for byte, starts its
// metadata with the digest and the next reference, proposes the cookie
// banner for dropping, and prints the paragraphs; the build then stops
// at the metadata the analyst has yet to fill in, naming it.
func TestNewSource(t *testing.T) {
	t.Parallel()
	src := fictionalSources(t)
	text := []byte("Press release of the Port Authority of Kessmar\n\nThe port handled more containers this year than last.\n\nWe use cookies on this site.\n")
	file := filepath.Join(t.TempDir(), "port-release.txt")
	if err := os.WriteFile(file, text, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run([]string{"new", "source", "--sources", src, file}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new source = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	got, err := os.ReadFile(filepath.Join(src, "documents", "port-release.txt"))
	if err != nil || !bytes.Equal(got, text) {
		t.Fatalf("the text was not copied byte for byte (%v)", err)
	}
	meta, err := os.ReadFile(filepath.Join(src, "documents", "port-release.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"id: port-release", "ref: S3", "sha256: ", `origin_file: "port-release.txt"`, "layout: lines", `#   - line: "We use cookies on this site."`} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("the metadata lacks %q:\n%s", want, meta)
		}
	}
	for _, want := range []string{"cookie banner", "¶1    Press release of the Port Authority of Kessmar"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dossier new source printed:\n%s\nwant %q", stdout.String(), want)
		}
	}
	// Again: the text is there already.
	if code := run([]string{"new", "source", "--sources", src, file}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "exists already") {
		t.Errorf("adding the file again = %d: %s", code, stderr.String())
	}
	// A capture larger than a build accepts is refused, and not copied.
	stderr.Reset()
	large := filepath.Join(t.TempDir(), "large.txt")
	if err := os.WriteFile(large, bytes.Repeat([]byte("Text.\n"), 100), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"new", "source", "--sources", src, "--max-file-size", "500", large}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "large.txt is 600 bytes, more than the 500 bytes a source may have (raise the limit with --max-file-size") {
		t.Errorf("adding a file over the limit = %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(src, "documents", "large.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the file over the limit was copied (%v)", err)
	}
	// So is one with a line longer than a build accepts, and the flag
	// the message names is new source's too.
	stderr.Reset()
	long := filepath.Join(t.TempDir(), "long.txt")
	if err := os.WriteFile(long, []byte("Title\n\n"+strings.Repeat("word ", 40)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"new", "source", "--sources", src, "--max-line-length", "100", long}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "long.txt:3: a line of 200 bytes") || !strings.Contains(stderr.String(), "--max-line-length") {
		t.Errorf("adding a file with a line over the limit = %d: %s", code, stderr.String())
	}
	if code := run([]string{"new", "source", "--sources", src, "--max-line-length", "300", long}, &stdout, &stderr, noEnv); code != 0 {
		t.Errorf("adding it with the limit raised = %d: %s", code, stderr.String())
	}
	// So is a saved page with no text, and without the advice for a scan.
	stderr.Reset()
	blank := filepath.Join(t.TempDir(), "blank.html")
	if err := os.WriteFile(blank, []byte("<html><body><script>track()</script></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"new", "source", "--sources", src, blank}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "blank.html holds no text to cite") {
		t.Errorf("adding a page without text = %d: %s", code, stderr.String())
	}
	// An empty capture is refused: a build would stop at it.
	stderr.Reset()
	empty := filepath.Join(t.TempDir(), "empty.txt")
	if err := os.WriteFile(empty, []byte("\n   \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"new", "source", "--sources", src, empty}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "empty.txt holds no text to cite") {
		t.Errorf("adding an empty capture = %d: %s", code, stderr.String())
	}
	// A capture of an older Russian-language site, in windows-1251: the
	// metadata declares the encoding, and asks for the language.
	stdout.Reset()
	stderr.Reset()
	ru, err := charmap.Windows1251.NewEncoder().String("Министерство внутренних дел\n\nМинистерство отвечает за охрану общественного порядка.\n")
	if err != nil {
		t.Fatal(err)
	}
	ruFile := filepath.Join(t.TempDir(), "mvd.txt")
	if err := os.WriteFile(ruFile, []byte(ru), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"new", "source", "--sources", src, ruFile}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new source on a windows-1251 text = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	if got, err := os.ReadFile(filepath.Join(src, "documents", "mvd.txt")); err != nil || string(got) != ru {
		t.Errorf("the windows-1251 text was not copied byte for byte (%v)", err)
	}
	ruMeta, err := os.ReadFile(filepath.Join(src, "documents", "mvd.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nencoding: windows-1251 ", "\nlanguage: \"\" ", "Cyrillic script"} {
		if !strings.Contains(string(ruMeta), want) {
			t.Errorf("the metadata of the windows-1251 text lacks %q:\n%s", want, ruMeta)
		}
	}
	if !strings.Contains(stdout.String(), "¶2    Министерство отвечает за охрану общественного порядка.") || !strings.Contains(stdout.String(), "publisher_kind, language, captured and grade, check the encoding in ") {
		t.Errorf("dossier new source printed:\n%s\nwant the decoded paragraphs", stdout.String())
	}
	// What is left to the analyst stops the build, named.
	stdout.Reset()
	if code := run([]string{"check", "--sources", src}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stdout.String(), "port-release.yaml:6: title is empty: give the document's title") {
		t.Errorf("check after new source = %d:\n%s", code, stdout.String())
	}
}

// TestNewSourcePageNumbers adds a text taken from a PDF, with a running
// head and a page number between its lines at each page break: dossier
// new source proposes a line rule for the head and one pattern for the
// numbers, which, once the analyst uncomments them and fills in the
// metadata, drop them, and the paragraphs the page breaks cut re-join.
func TestNewSourcePageNumbers(t *testing.T) {
	t.Parallel()
	src := fictionalSources(t)
	text := "Review of the harbour, second edition\n\n" +
		"The harbour police reportedly seized more cargo\n" +
		"this year than in any year before it, and the\n" +
		"\nHarbour Watch: review\n2\n\n" +
		"review says that the trend may well continue\n" +
		"into the next year, if its funding holds.\n" +
		"\nHarbour Watch: review\n3\n\n" +
		"Staff numbers rose by a tenth, which its authors\n" +
		"attribute to new funding from the city.\n"
	file := filepath.Join(t.TempDir(), "harbour-review.txt")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run([]string{"new", "source", "--sources", src, file}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new source = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, want := range []string{
		`harbour-review.txt:6: "Harbour Watch: review" and 1 more like it (running head or foot: it stands by 2 of the 2 page breaks)`,
		`harbour-review.txt:7: "2" and 1 more line of its shape (page numbers)`,
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dossier new source printed:\n%s\nwant %q", stdout.String(), want)
		}
	}
	name := filepath.Join(src, "documents", "harbour-review.yaml")
	meta, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`  #   - pattern: '\d{1,3}'   # 2 lines, such as line 7: "2"`,
		`  #   - line: "Harbour Watch: review"   # 2 lines, the first line 6` + "\n" + `  #     why: "running head or foot: it stands by 2 of the 2 page breaks"`,
	} {
		if !strings.Contains(string(meta), want) {
			t.Fatalf("the metadata lacks %q:\n%s", want, meta)
		}
	}
	// The analyst confirms the rule and fills in the metadata.
	filled := confirm(t, name)
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"paragraphs", "--sources", src, "harbour-review"}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier paragraphs after confirming the rules = %d:\n%s%s\nmetadata:\n%s", code, stdout.String(), stderr.String(), filled)
	}
	for _, want := range []string{
		"seized more cargo this year than in any year before it, and the review says that the trend may well continue into the next year, if its funding holds.",
		"Staff numbers rose by a tenth",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dossier paragraphs printed:\n%s\nwant %q", stdout.String(), want)
		}
	}
	if strings.Contains(stdout.String(), " 2 ") || strings.Contains(stdout.String(), " 3 ") {
		t.Errorf("a page number stayed in the text:\n%s", stdout.String())
	}
	stdout.Reset()
	if code := run([]string{"check", "--sources", src}, &stdout, &stderr, noEnv); code != 0 {
		t.Errorf("dossier check after confirming the rules = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
}

// TestNewDossier starts a dossier from nothing, as the README says: dossier
// new dossier writes the settings and the folders; the build then names
// what is left to fill in; a source added with dossier new source, and the
// settings and metadata filled in, make a dossier that builds. A folder
// that holds something already is refused.
func TestNewDossier(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "briefing")
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run([]string{"new", "dossier", "--sources", src}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new dossier = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, want := range []string{"started a dossier in " + src, "Next: add a source with dossier new source --sources " + src + " FILE"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dossier new dossier printed:\n%s\nwant %q", stdout.String(), want)
		}
	}
	for _, sub := range []string{"documents", "entities", "notes"} {
		if fi, err := os.Stat(filepath.Join(src, sub)); err != nil || !fi.IsDir() {
			t.Errorf("no folder %s (%v)", sub, err)
		}
	}
	// What is left to fill in stops the build, named.
	stdout.Reset()
	if code := run([]string{"check", "--sources", src}, &stdout, &stderr, noEnv); code != 1 {
		t.Fatalf("check of the new dossier = %d, want 1:\n%s", code, stdout.String())
	}
	for _, want := range []string{"dossier.yaml:3: title is empty: give the dossier's title", "dossier.yaml:7: cutoff is empty", "no primary documents: add NAME.txt with NAME.yaml beside it (dossier new source FILE starts both)"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("check printed:\n%s\nwant %q", stdout.String(), want)
		}
	}
	// Filled in, with a source, it builds.
	settings := filepath.Join(src, "dossier.yaml")
	data, err := os.ReadFile(settings)
	if err != nil {
		t.Fatal(err)
	}
	filled := strings.NewReplacer(`title: ""`, `title: "The harbour"`, `cutoff: ""`, `cutoff: 2026-11-01`).Replace(string(data))
	if err := os.WriteFile(settings, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	capture := filepath.Join(dir, "harbour.txt")
	if err := os.WriteFile(capture, []byte("The harbour police seized more cargo this year.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := run([]string{"new", "source", "--sources", src, capture}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new source = %d:\n%s", code, stderr.String())
	}
	confirm(t, filepath.Join(src, "documents", "harbour.yaml"))
	out := filepath.Join(dir, "build")
	if code := run([]string{"build", "--sources", src, "--out", out}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("building the new dossier = %d:\n%s", code, stderr.String())
	}
	for _, f := range []string{"briefing.pdf", "site/index.html", "site/sources/harbour.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the build wrote no %s", f)
		}
	}
	// Built again from nothing, it says how many files it left as they were.
	stdout.Reset()
	if code := run([]string{"build", "--no-cache", "--sources", src, "--out", out}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("building the new dossier again = %d:\n%s", code, stderr.String())
	}
	if !regexp.MustCompile(`files in .* \([1-9][0-9]* unchanged\)\n$`).MatchString(stdout.String()) {
		t.Errorf("the second build says %q, not how many files are unchanged", stdout.String())
	}
	// A second time, into a folder that holds something, it is refused.
	stderr.Reset()
	if code := run([]string{"new", "dossier", "--sources", src}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "exists already and is not empty: name a new folder with --sources DIR") {
		t.Errorf("dossier new dossier into a dossier = %d: %s", code, stderr.String())
	}
}

// TestNewLayouts writes the built-in layouts out and builds the fictional
// dossier with them: the outputs are the same bytes as with the built-in
// ones, so what a user starts changing from is what the build uses.
func TestNewLayouts(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "layouts")
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run([]string{"new", "layouts", "--layouts", dir}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new layouts = %d:\n%s", code, stderr.String())
	}
	for _, f := range []string{"base.html", "style.css", "text/markets/intro.md"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("no %s in the layouts written: %v", f, err)
		}
	}
	out := t.TempDir()
	if _, stderr, code := runDossier(t, "build", "--sources", fictional.sources, "--out", out, "--layouts", dir); code != 0 {
		t.Fatalf("building with the layouts written = %d:\n%s", code, stderr)
	}
	a, b := hashTree(t, fictional.out(t)), hashTree(t, out)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("the build with the layouts written has %d files, the shared build %d", len(b), len(a))
	}
	for name, sum := range a {
		if b[name] != sum {
			t.Errorf("%s differs from the shared build's", name)
		}
	}
	stderr.Reset()
	if code := run([]string{"new", "layouts", "--layouts", dir}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "exists already and is not empty: name a new folder with --layouts DIR") {
		t.Errorf("dossier new layouts into the same folder = %d: %s", code, stderr.String())
	}
}

// TestNewSourceGluedHeadings adds a web page captured with its headings
// glued to their paragraphs: dossier new source proposes a split rule for
// each, which, uncommented, makes the headings.
func TestNewSourceGluedHeadings(t *testing.T) {
	t.Parallel()
	src := fictionalSources(t)
	text := "Customs at KessmarKessmar is the largest port of Valdoria, and its busiest.\n" +
		"The Customs Service inspects the containers that arrive at Kessmar.\n" +
		"Seizures in 2025Seizures rose in 2025, the service says, at every terminal.\n"
	file := filepath.Join(t.TempDir(), "customs-page.txt")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run([]string{"new", "source", "--sources", src, file}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new source = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	if want := `customs-page.txt:1: "Customs at Kessmar", then "Kessmar is the largest…"`; !strings.Contains(stdout.String(), want) {
		t.Errorf("dossier new source printed:\n%s\nwant %q", stdout.String(), want)
	}
	filled := confirm(t, filepath.Join(src, "documents", "customs-page.yaml"))
	stdout.Reset()
	if code := run([]string{"paragraphs", "--sources", src, "customs-page"}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier paragraphs after confirming the rules = %d:\n%s\nmetadata:\n%s", code, stderr.String(), filled)
	}
	for _, want := range []string{"## Customs at Kessmar", "¶1    Kessmar is the largest port", "## Seizures in 2025"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dossier paragraphs printed:\n%s\nwant %q", stdout.String(), want)
		}
	}
}

// TestNewSourcePDF adds a PDF, the fictional dossier's own briefing: new
// source takes its text as pdftotext extracts it, says so in captured,
// keeps the PDF's name as the origin, and proposes dropping its running
// heads and page numbers; with those rules confirmed and the metadata
// filled in, no page number or running head is left in its paragraphs.
func TestNewSourcePDF(t *testing.T) {
	needTools(t, "pdftotext")
	t.Parallel()
	src := fictionalSources(t)
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run([]string{"new", "source", "--sources", src, fictional.pdf(t)}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new source on a PDF = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	for _, want := range []string{
		"(the text of briefing.pdf, as pdftotext extracts it, a blank line between the blocks it finds)",
		`"Page 2 of 22" and 20 more lines of its shape (page numbers)`,
		`"Cut-off 1 October 2026" and 20 more like it (running head or foot`,
		"fill in title, publisher, publisher_kind and grade",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dossier new source printed:\n%s\nwant %q", stdout.String(), want)
		}
	}
	name := filepath.Join(src, "documents", "briefing.yaml")
	meta, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`captured: "PDF, its text extracted with pdftotext `, `, a blank line between the blocks it finds"`, `origin_file: "briefing.pdf"`, "layout: wrapped"} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("the metadata lacks %q:\n%s", want, meta)
		}
	}
	filled := confirm(t, name, "\nauthor: unknown", "\nother_languages: [ru] # the index names a body in Russian\nauthor: unknown")
	// A PDF with no text (a scan, here a page with nothing on it) is
	// refused, and nothing is written.
	scan := filepath.Join(t.TempDir(), "scan.pdf")
	if err := os.WriteFile(scan, []byte("%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"new", "source", "--sources", src, scan}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "scan.pdf has no text pdftotext can read: if it is a scan, run OCR on it first") {
		t.Errorf("dossier new source on a PDF without text = %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(src, "documents", "scan.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a text was written for the PDF without text (%v)", err)
	}
	// A file that opens as a PDF does but is none is refused, with what
	// pdftotext says of it.
	broken := filepath.Join(t.TempDir(), "broken.pdf")
	if err := os.WriteFile(broken, []byte("%PDF-1.4\nno objects here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"new", "source", "--sources", src, broken}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), broken+": pdftotext could not read it: exit status 1") {
		t.Errorf("dossier new source on a broken PDF = %d: %s", code, stderr.String())
	}
	// A PDF whose text is larger than a source may be is refused as
	// pdftotext extracts it, and nothing is written.
	pdf, err := os.ReadFile(fictional.pdf(t))
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "big.pdf")
	if err := os.WriteFile(big, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run([]string{"new", "source", "--sources", src, "--max-file-size", "1000", big}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "the text of "+big+" is more than the 1000 bytes a source may have (raise the limit with --max-file-size") {
		t.Errorf("dossier new source on a PDF with more text than --max-file-size = %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(src, "documents", "big.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a text was written for the PDF with too much text (%v)", err)
	}
	stdout.Reset()
	if code := run([]string{"paragraphs", "--sources", src, "briefing"}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier paragraphs after confirming the rules = %d:\n%s\nmetadata:\n%s", code, stderr.String(), filled)
	}
	if text := stdout.String(); strings.Contains(text, "Page 2 of 22") || strings.Contains(text, "Cut-off 1 October 2026") || !strings.Contains(text, "Customs Service") {
		t.Errorf("the paragraphs still hold page furniture, or lost the text:\n%s", text)
	}
}

// TestNewSourcePDFBlocks adds a PDF whose title, byline, headings and
// one-line findings pdftotext's default mode runs together, setting no
// blank line between the blocks of a flow: new source keeps each block
// apart, so that each finding is a paragraph to cite, and reads the
// entities its words are escaped with.
func TestNewSourcePDFBlocks(t *testing.T) {
	needTools(t, "pdftotext")
	t.Parallel()
	file := filepath.Join(t.TempDir(), "port-risk.pdf")
	writeFindingsPDF(t, file)
	src := fictionalSources(t)
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run([]string{"new", "source", "--sources", src, file}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new source on a PDF = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	want := `  ¶1    Kestrava Port Risk Assessment
  ¶2    Harbour Integrity Initiative, Working Paper 7
  ¶3    Summary
  ¶4    This paper assesses the exposure of the Free Port of Kestrava to illicit trade. It draws on interviews with port users & on the published reports of the Customs Service. Physical inspection rates are < 1 per cent, which leaves most cargo unchecked by any authority at the port.
  ¶5    Findings
  ¶6    The port authority shares manifest data with customs within a day.
  ¶7    Manifest data is often shared late or incomplete.
  ¶8    Tobacco and synthetic drug precursors are the main illicit goods.
  ¶9    The intelligence unit has no presence at the container terminal.
`
	if !strings.Contains(stdout.String(), `layout "wrapped"`) || !strings.Contains(stdout.String(), want) {
		t.Errorf("dossier new source printed:\n%s\nwant the wrapped text's paragraphs:\n%s", stdout.String(), want)
	}
	text, err := os.ReadFile(filepath.Join(src, "documents", "port-risk.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Findings\n\nThe port authority shares manifest data with customs within a day.\n\nManifest data"; !strings.Contains(string(text), want) || !strings.HasSuffix(string(text), "terminal.\n\n\f") {
		t.Errorf("the text of the PDF is\n%q\nwant a blank line after each block (%q) and a form feed at the page's end", text, want)
	}
	// The two headings, now paragraphs of their own, are proposed as
	// heading rules; the title, over its byline, is not.
	meta, err := os.ReadFile(filepath.Join(src, "documents", "port-risk.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want = "  # headings:\n" +
		"  #   - text: \"Summary\"   # line 5, then \"This paper assesses the…\"\n  #     level: 1\n" +
		"  #   - text: \"Findings\"   # line 12, then \"The port authority shares…\"\n  #     level: 1\n"
	if !strings.Contains(string(meta), want) || !strings.Contains(stdout.String(), "2 paragraphs look like headings standing alone") {
		t.Errorf("new source printed:\n%s\nand wrote:\n%s\nwant the headings proposed:\n%s", stdout.String(), meta, want)
	}
}

// writeFindingsPDF writes to name a page as a web page printed to PDF
// sets it: a title, a byline, a heading over a paragraph of four lines,
// another over four findings of a line each; each a block of its own,
// apart from the next by more than a line's height.
func writeFindingsPDF(t *testing.T, name string) {
	t.Helper()
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCreationDate(time.Unix(0, 0))
	f.AddPage()
	y := 60.0
	write := func(size, after float64, lines ...string) {
		f.SetFont("Helvetica", "", size)
		for _, l := range lines {
			f.Text(50, y, l)
			y += size * 1.3
		}
		y += after
	}
	write(20, 12, "Kestrava Port Risk Assessment")
	write(11, 16, "Harbour Integrity Initiative, Working Paper 7")
	write(14, 6, "Summary")
	write(11, 16,
		"This paper assesses the exposure of the Free Port of Kestrava to illicit",
		"trade. It draws on interviews with port users & on the published reports",
		"of the Customs Service. Physical inspection rates are < 1 per cent, which",
		"leaves most cargo unchecked by any authority at the port.")
	write(14, 6, "Findings")
	for _, finding := range []string{
		"The port authority shares manifest data with customs within a day.",
		"Manifest data is often shared late or incomplete.",
		"Tobacco and synthetic drug precursors are the main illicit goods.",
		"The intelligence unit has no presence at the container terminal.",
	} {
		write(11, 8, finding)
	}
	if err := f.OutputFileAndClose(name); err != nil {
		t.Fatalf("writing %s: %v", name, err)
	}
}

// TestParagraphsFind looks for words in the fictional dossier's sources
// as a claim's quote would be found: across a line break of the text, in
// one paragraph of one source and in several of another, and not at all.
func TestParagraphsFind(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run([]string{"paragraphs", "--sources", fictional.sources, "--find", "most seizures are made"}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier paragraphs --find = %d: %s", code, stderr.String())
	}
	if got := stdout.String(); !strings.HasPrefix(got, "S2 ¶2    kestrel-institute-brief  Valdoria is a destination") || strings.Count(got, "\n") != 1 {
		t.Errorf("dossier paragraphs --find printed:\n%s\nwant the one paragraph of S2", got)
	}
	stdout.Reset()
	if code := run([]string{"paragraphs", "--sources", fictional.sources, "--find", "Narcotics Unit", "vmpo-annual-review"}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier paragraphs --find ID = %d: %s", code, stderr.String())
	}
	if got := stdout.String(); strings.Contains(got, "S2 ") || !strings.Contains(got, "a quote from it must have more words, to point at one") {
		t.Errorf("dossier paragraphs --find in S1 printed:\n%s\nwant S1's paragraphs only, and that there are several", got)
	}
	stdout.Reset()
	if run([]string{"paragraphs", "--sources", fictional.sources, "--find", "no such words"}, &stdout, &stderr, noEnv); stdout.String() != "no paragraph holds \"no such words\"\n" {
		t.Errorf("words in no paragraph: %q", stdout.String())
	}
	// No words, no search: a quote of nothing is in every paragraph.
	stderr.Reset()
	if code := run([]string{"paragraphs", "--sources", fictional.sources, "--find", " - "}, &stdout, &stderr, noEnv); code != 1 || !strings.Contains(stderr.String(), "give the words to look for") {
		t.Errorf("--find with no words = %d: %s", code, stderr.String())
	}
}

// TestParagraphsByReference names sources by id and by the reference the
// outputs print (S1, in either case); a name that names none is refused
// with the nearest ids and references, or else the list of them.
func TestParagraphsByReference(t *testing.T) {
	t.Parallel()
	noEnv := func(string) string { return "" }
	tests := []struct {
		args []string
		code int
		out  string // the start of stdout, or in stderr when code is not 0
	}{
		{[]string{"vmpo-annual-review"}, 0, "S1  vmpo-annual-review  "},
		{[]string{"S1"}, 0, "S1  vmpo-annual-review  "},
		{[]string{"s2"}, 0, "S2  kestrel-institute-brief  "},
		{[]string{"--find", "most seizures are made", "S2"}, 0, "S2 ¶2    kestrel-institute-brief  "},
		{[]string{"S7"}, 1, `dossier: no source with id or reference "S7"; did you mean "S1" or "S2"?`},
		{[]string{"kestrel-institute-breif"}, 1, `no source with id or reference "kestrel-institute-breif"; did you mean "kestrel-institute-brief"?`},
		{[]string{"S1", "nothing-like-it"}, 1, `no source with id or reference "nothing-like-it"; the sources are S1 vmpo-annual-review, S2 kestrel-institute-brief`},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"paragraphs", "--sources", fictional.sources}, tt.args...), &stdout, &stderr, noEnv)
		ok := strings.HasPrefix(stdout.String(), tt.out)
		if tt.code != 0 {
			ok = stdout.Len() == 0 && strings.Contains(stderr.String(), tt.out)
		}
		if code != tt.code || !ok {
			t.Errorf("dossier paragraphs %q = %d, output:\n%.200s%s\nwant %d and %q", tt.args, code, stdout.String(), stderr.String(), tt.code, tt.out)
		}
	}
}

// TestReplaceControls replaces the control characters a saved web page's
// text may hold, keeping line feeds, tabs and form feeds.
func TestReplaceControls(t *testing.T) {
	got, n := replaceControls([]byte("a\x01b\tc\n\fd\x7fe\u0085"))
	if string(got) != "a\uFFFDb\tc\n\fd\uFFFDe\uFFFD" || n != 3 {
		t.Errorf("replaceControls = %q, %d", got, n)
	}
}

// TestNewSourceSeveral adds three files at once: each of the two texts
// takes the next reference, and the empty one is reported and not added,
// which makes the command fail at its end.
func TestNewSourceSeveral(t *testing.T) {
	t.Parallel()
	src := fictionalSources(t)
	dir := t.TempDir()
	var files []string
	for name, text := range map[string]string{"a-first.txt": "The first new text, with words.\n", "b-empty.txt": "", "c-second.txt": "The second new text, with other words.\n"} {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	slices.Sort(files)
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run(append([]string{"new", "source", "--sources", src}, files...), &stdout, &stderr, noEnv); code != 1 {
		t.Errorf("dossier new source with three files, one empty = %d, want 1", code)
	}
	if want := "b-empty.txt holds no text to cite"; !strings.Contains(stderr.String(), want) || !strings.Contains(stderr.String(), "1 of 3 files not added") {
		t.Errorf("dossier new source printed to stderr:\n%s\nwant %q and the count", stderr.String(), want)
	}
	for name, ref := range map[string]string{"a-first.yaml": "ref: S3", "c-second.yaml": "ref: S4"} {
		meta, err := os.ReadFile(filepath.Join(src, "documents", name))
		if err != nil || !strings.Contains(string(meta), ref) {
			t.Errorf("%s: want %q (%v)", name, ref, err)
		}
	}
	if _, err := os.Stat(filepath.Join(src, "documents", "b-empty.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the empty file was added (%v)", err)
	}
}

// TestNewSourcePage adds a web page saved as HTML: new source takes its
// text a line a block, writes a heading rule for each heading the page
// marks, proposes dropping its navigation, and puts what the page's
// metadata says of its title, address and date beside the fields, for the
// analyst to check; confirmed and filled in, it builds with the headings
// and without the navigation.
func TestNewSourcePage(t *testing.T) {
	t.Parallel()
	src := fictionalSources(t)
	page := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Customs at Kessmar | Harbour Watch</title>
<link rel="canonical" href="https://example.org/kessmar"></head><body>
<nav><ul><li>Start</li><li>Our work</li></ul></nav>
<h1>Customs at Kessmar</h1><p>The Customs Service <em>reportedly</em> inspects every container at Kessmar.</p>
<h2>Seizures</h2><p>Seizures rose in 2025, it says.</p><script>track();</script>
<h2>● Live</h2><p>A ticker with an escape &#27; in it.</p></body></html>`
	file := filepath.Join(t.TempDir(), "kessmar-page.html")
	if err := os.WriteFile(file, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	noEnv := func(string) string { return "" }
	if code := run([]string{"new", "source", "--sources", src, file}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier new source on a page = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	name := filepath.Join(src, "documents", "kessmar-page.yaml")
	meta, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`the page's <title> reads "Customs at Kessmar | Harbour Watch"`,
		`url: unknown              # the page's metadata says "https://example.org/kessmar"`,
		`captured: "web page saved as HTML`, `origin_file: "kessmar-page.html"`,
		"  headings:               # the headings the page's HTML marks\n    - text: \"Customs at Kessmar\"\n      level: 1\n    - text: \"Seizures\"\n      level: 2\n",
		"  #   - line: \"• Our work\"   # line 3\n  #     why: \"the page marks it as its <nav>, no part of its text\"",
	} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("the metadata lacks %q:\n%s", want, meta)
		}
	}
	text, err := os.ReadFile(filepath.Join(src, "documents", "kessmar-page.txt"))
	if err != nil || strings.Contains(string(text), "track()") || !strings.Contains(string(text), "The Customs Service reportedly inspects every container at Kessmar.\n") {
		t.Errorf("the page's text:\n%s(%v)", text, err)
	}
	// A heading that cleaning takes for a list item ("● Live") gets no
	// heading rule, which would match nothing; the page's control
	// character is written as U+FFFD, and captured says so.
	if strings.Contains(string(meta), "● Live") || !strings.Contains(string(meta), "; 1 control character in its text written as U+FFFD") {
		t.Errorf("the metadata:\n%s", meta)
	}
	if !strings.Contains(string(text), "an escape \uFFFD in it") {
		t.Errorf("the page's text keeps its control character:\n%q", text)
	}
	filled := confirm(t, name)
	stdout.Reset()
	if code := run([]string{"paragraphs", "--sources", src, "kessmar-page"}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier paragraphs = %d:\n%s\nmetadata:\n%s", code, stderr.String(), filled)
	}
	// With the proposed drops confirmed, the navigation is gone.
	if strings.Contains(stdout.String(), "Our work") {
		t.Errorf("the page's navigation is still in its paragraphs:\n%s", stdout.String())
	}
	for _, want := range []string{"## Customs at Kessmar", "### Seizures", "¶1    The Customs Service reportedly inspects"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dossier paragraphs printed:\n%s\nwant %q", stdout.String(), want)
		}
	}
}

// fictionalSources returns a copy of the fictional dossier's sources, for
// a test to add sources to.
func fictionalSources(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "sources")
	if err := os.CopyFS(src, os.DirFS(fictional.sources)); err != nil {
		t.Fatal(err)
	}
	return src
}

// confirm does to the metadata dossier new source wrote at name what an
// analyst does next: fills in the fields it left (with a test's values)
// and uncomments the rules it proposed; extra are more replacements, old
// then new. It returns the metadata as written.
func confirm(t *testing.T, name string, extra ...string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	filled := strings.NewReplacer(append([]string{
		"\n  # drop:", "\n  drop:",
		"\n  # split:", "\n  split:",
		"\n  # lists:", "\n  lists:",
		"\n  # headings:", "\n  headings:",
		"\n  #   - ", "\n    - ",
		"\n  #     ", "\n      ",
		`title: ""`, `title: "A source of the tests"`,
		`publisher: ""`, `publisher: "The tests of dossier"`,
		`publisher_kind: ""`, `publisher_kind: ngo-research`,
		`captured: ""`, `captured: "web page (text capture)"`,
		`reliability: ""`, `reliability: "C"`,
		`credibility: 0`, `credibility: 3`,
		`reason: ""`, `reason: "a fixture of the tests"`,
	}, extra...)...).Replace(string(data))
	if err := os.WriteFile(name, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	return filled
}
