package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/export"
)

// TestDiffEditions builds two editions of the fictional dossier and
// compares them with dossier diff, in text and as JSON. Edition 1 is a
// copy changed so that edition 2, the dossier as it is, differs from it
// in every kind of change: a source added and one removed, a source's text
// and another's grade changed, a claim added and one reworded, a judgement
// added, one withdrawn and one whose likelihood changed, an entity added,
// a relation added and one removed.
func TestDiffEditions(t *testing.T) {
	t.Parallel()
	old := filepath.Join(t.TempDir(), "sources")
	if err := os.CopyFS(old, os.DirFS(fictional.sources)); err != nil {
		t.Fatal(err)
	}
	edit := func(name string, f func(string) string) {
		t.Helper()
		p := filepath.Join(old, filepath.FromSlash(name))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		changed := f(string(data))
		if changed == string(data) {
			t.Fatalf("fixture: %s unchanged", name)
		}
		if err := os.WriteFile(p, []byte(changed), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	replace := func(name, from, to string) {
		t.Helper()
		edit(name, func(s string) string { return strings.Replace(s, from, to, 1) })
	}
	// Edition 1 had a third source, which edition 2 dropped.
	third := "A third text.\n"
	sum := sha256.Sum256([]byte(third))
	if err := os.WriteFile(filepath.Join(old, "documents", "third.txt"), []byte(third), 0o644); err != nil {
		t.Fatal(err)
	}
	meta := strings.NewReplacer("id: vmpo-annual-review", "id: third-text", "ref: S1", "ref: S3",
		"origin_file: vmpo-annual-review.txt", "origin_file: third.txt")
	data, err := os.ReadFile(filepath.Join(old, "documents", "vmpo-annual-review.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	m := meta.Replace(string(data))
	m = m[:strings.Index(m, "sha256: ")] + "sha256: " + hex.EncodeToString(sum[:]) + "\ngrade:\n  reliability: C\n  credibility: 3\n  reason: A test.\n"
	if err := os.WriteFile(filepath.Join(old, "documents", "third.yaml"), []byte(m), 0o644); err != nil {
		t.Fatal(err)
	}
	replace("dossier.yaml", `edition: "2"`+"\nedition_date: 2026-10-01", `edition: "1"`+"\nedition_date: 2026-09-01")
	// Edition 1 graded the brief D3, and lacked the glossary term.
	replace("documents/kestrel-institute-brief.yaml", "reliability: C", "reliability: D")
	if err := os.Remove(filepath.Join(old, "entities", "glossary.yaml")); err != nil {
		t.Fatal(err)
	}
	// Edition 1 worded a claim otherwise and lacked another.
	replace("entities/agencies.yaml", "text: The Customs Service is an independent agency.", "text: The Customs Service is independent.")
	replace("entities/agencies.yaml", "    - text: Most arms seizures are made by the Customs Service, the brief says.\n      cites:\n        - source: kestrel-institute-brief\n          quote: most seizures are made by the Customs Service.\n", "")
	// Edition 1 judged the transit "realistic possibility", and called the
	// channel judgement by another id.
	replace("judgements.yaml", "likelihood: likely", "likelihood: realistic possibility")
	edit("judgements.yaml", func(s string) string {
		return strings.ReplaceAll(s, "is probably a transit country", "is perhaps a transit country")
	})
	edit("judgements.yaml", func(s string) string { return strings.ReplaceAll(s, "port-channel", "port-link") })
	// Edition 1 had the Ministry cooperate with the Narcotics Unit, not
	// with the Customs Service.
	replace("entities/agencies.yaml", "  relations:\n    - type: cooperates-with\n      to: customs-service\n      note: joint training centre\n      cites:\n        - source: vmpo-annual-review\n          quote: the Ministry opened a joint training centre with the Customs Service.\n",
		"  relations:\n    - type: cooperates-with\n      to: narcotics-unit\n      cites:\n        - source: vmpo-annual-review\n          quote: The Narcotics Unit cooperates with the Customs Service of Valdoria on seizures at the port of Kessmar.\n")
	// Edition 1's review had one more blank line at its end, and its ¶4,
	// which the note refers to by number, read otherwise.
	edit("documents/vmpo-annual-review.txt", func(s string) string {
		return strings.Replace(s, "Ministry structure:", "Structure of the ministry:", 1) + "\n"
	})
	text, err := os.ReadFile(filepath.Join(old, "documents", "vmpo-annual-review.txt"))
	if err != nil {
		t.Fatal(err)
	}
	vsum := sha256.Sum256(text)
	edit("documents/vmpo-annual-review.yaml", func(s string) string {
		i := strings.Index(s, "sha256: ")
		return s[:i+8] + hex.EncodeToString(vsum[:]) + s[i+8+64:]
	})

	noEnv := func(string) string { return "" }
	oldOut := filepath.Join(t.TempDir(), "old")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--sources", old, "--out", oldOut}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("building edition 1: %s", stderr.String())
	}
	newOut := fictional.out(t)

	stdout.Reset()
	if code := run([]string{"diff", oldOut, newOut}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier diff = %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		"From edition 1 of 2026-09-01 to edition 2 of 2026-10-01:",
		"- S3 third-text",
		"~ S1 vmpo-annual-review: its text changed (another digest)",
		"~ S1 ¶4 (vmpo-annual-review), which the prose cites by number: its text changed",
		"~ S2 kestrel-institute-brief: regraded D3 → C3",
		"+ port-channel:",
		"- port-link withdrawn:",
		"~ drug-transit: likelihood realistic possibility → likely",
		`~ customs-service [S2 ¶3 · C3]: "The Customs Service is independent." → "The Customs Service is an independent agency."`,
		"+ customs-service [S2 ¶2 · C3]: Most arms seizures are made by the Customs Service, the brief says.",
		"+ term transit-country (transit country)",
		"+ vmpo cooperates-with customs-service",
		"- vmpo cooperates-with narcotics-unit",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("dossier diff printed:\n%s\nwant a line with %q", stdout.String(), want)
		}
	}

	stdout.Reset()
	if code := run([]string{"diff", "--json", oldOut, newOut}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("dossier diff --json = %d: %s", code, stderr.String())
	}
	var c export.Changes
	if err := json.Unmarshal(stdout.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.SourcesRemoved) != 1 || len(c.SourcesChanged) != 2 || len(c.ParagraphsChanged) != 1 || len(c.ClaimsReworded) != 1 || len(c.JudgementsAdded) != 1 ||
		len(c.JudgementsWithdrawn) != 1 || len(c.JudgementsChanged) != 1 || len(c.EntitiesAdded) != 1 || len(c.RelationsAdded) != 1 || len(c.RelationsRemoved) != 1 {
		t.Errorf("dossier diff --json = %+v", c)
	}
	// Built with edition 1 as its previous edition, edition 2 says what
	// changed, on its first pages and on the home page.
	withChanges := filepath.Join(t.TempDir(), "new")
	stderr.Reset()
	if code := run([]string{"build", "--sources", fictional.sources, "--out", withChanges, "--previous", oldOut}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("building edition 2 with --previous: %s", stderr.String())
	}
	// The note's reference to ¶4 is pointed out, since the paragraph now
	// reads otherwise; its other references are not.
	if want := `notes/10-about.md:9: warning: [[S:vmpo-annual-review#4]]: S1 ¶4 reads otherwise than in edition 1 of 2026-09-01, and may no longer say what this refers to (renumbered, or recaptured or cleaned otherwise); it now reads "Ministry structure:"`; !strings.Contains(stderr.String(), want) || strings.Count(stderr.String(), "reads otherwise") != 1 {
		t.Errorf("building edition 2 with --previous printed:\n%s\nwant one warning, %q", stderr.String(), want)
	}
	home, err := os.ReadFile(filepath.Join(withChanges, "site", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<h2 id="changes">Changes since edition 1 of 2026-09-01</h2>`, "<li>~ drug-transit: likelihood realistic possibility → likely", `<a href="#changes">Changes since edition 1 of 2026-09-01</a>`} {
		if !strings.Contains(string(home), want) {
			t.Errorf("the home page lacks %q", want)
		}
	}
	needTools(t, "pdftotext")
	front := squash(tool(t, "pdftotext", "-enc", "UTF-8", "-l", "4", filepath.Join(withChanges, "briefing.pdf"), "-"))
	for _, want := range []string{"Changes since edition 1 of 2026-09-01", "~ drug-transit: likelihood realistic possibility → likely"} {
		if !strings.Contains(front, want) {
			t.Errorf("the briefing's first pages lack %q", want)
		}
	}

	// Nothing changed between a build and itself.
	stdout.Reset()
	if run([]string{"diff", newOut, newOut}, &stdout, &stderr, noEnv); !strings.Contains(stdout.String(), "nothing changed") {
		t.Errorf("a build against itself: %s", stdout.String())
	}
}

// TestChangesWithoutAssessment builds the scripts dossier, which has no
// judgements.yaml, with its own shared build as the previous edition: the
// briefing gives what changed (nothing) a page of its own after the
// cover, with a bookmark, before the contents.
func TestChangesWithoutAssessment(t *testing.T) {
	needTools(t, "pdftotext", "qpdf")
	t.Parallel()
	out := t.TempDir()
	if _, stderr, code := runDossier(t, "build", "--sources", scripts.sources, "--out", out, "--previous", scripts.out(t)); code != 0 {
		t.Fatalf("dossier build --previous exited %d:\n%s", code, stderr)
	}
	pdf := filepath.Join(out, "briefing.pdf")
	page2 := squash(tool(t, "pdftotext", "-enc", "UTF-8", "-f", "2", "-l", "2", pdf, "-"))
	for _, want := range []string{"Changes since edition with cut-off 2026-10-01", "Nothing in the sources, entities, relations, claims or judgements differs from that edition."} {
		if !strings.Contains(page2, want) {
			t.Errorf("page 2 lacks %q:\n%s", want, page2)
		}
	}
	var doc struct {
		Outlines []struct {
			Title string `json:"title"`
			Page  int    `json:"destpageposfrom1"`
		} `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(tool(t, "qpdf", "--json", "--json-key=outlines", pdf)), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Outlines) < 3 || doc.Outlines[1].Title != "Changes since edition with cut-off 2026-10-01" || doc.Outlines[1].Page != 2 {
		t.Errorf("the outline's first entries are %+v; want the cover, then the changes on page 2", doc.Outlines[:min(3, len(doc.Outlines))])
	}
}
