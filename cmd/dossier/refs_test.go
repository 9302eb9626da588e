package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/testutil"
)

// refSources is a small dossier whose claim, relation note and grade
// reason refer to a source and a paragraph through [[S:id#n]].
const refSources = testutil.Settings + `-- documents/000_a.yaml --
` + `id: alpha
ref: S7
title: Alpha page
publisher: Test publisher
publisher_kind: official
language: en
captured: web page
origin_file: ORIGIN
sha256: SHA
grade:
  reliability: B
  credibility: 2
  reason: Official page; [[S:alpha#2]] is dated.
-- documents/000_a.txt --
The Bureau is part of the Police.

It was founded in 1993.
-- entities/agencies.yaml --
- id: bureau
  name: Test Bureau
  kind: agency
  claims:
    - text: Founded in 1993, as [[S:alpha#2]] says.
      cites:
        - source: alpha
          quote: It was founded in 1993.
`

// TestRefsRendered checks that a reference to a source paragraph written
// in a claim is printed as the source's declared reference, the paragraph
// and the source's grade, "S7 ¶2 · B2", as a citation is, on the site and
// in the briefing.
func TestRefsRendered(t *testing.T) {
	src := filepath.Join(t.TempDir(), "sources")
	if err := os.CopyFS(src, testutil.Fixture(t, refSources, nil)); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, stderr, code := runDossier(t, "build", "--sources", src, "--out", out); code != 0 {
		t.Fatalf("dossier build exited %d:\n%s", code, stderr)
	}
	const want = "Founded in 1993, as S7 ¶2 · B2 says."
	page, err := os.ReadFile(filepath.Join(out, "site", "entities", "bureau.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(squash(string(page)), want) {
		t.Errorf("entities/bureau.html lacks %q", want)
	}
	if strings.Contains(string(page), "[[") {
		t.Errorf("entities/bureau.html shows a reference as written:\n%s", page)
	}
	needTools(t, "pdftotext")
	text := squash(tool(t, "pdftotext", "-enc", "UTF-8", filepath.Join(out, "briefing.pdf"), "-"))
	for _, w := range []string{want, "Official page; S7 ¶2 · B2 is dated."} {
		if !strings.Contains(text, w) {
			t.Errorf("the briefing lacks %q:\n%s", w, text)
		}
	}
}
