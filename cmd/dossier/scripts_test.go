package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// scripts is testdata/scripts: people named in Chinese and Hebrew, a
// picture, and a line of Arabic script the briefing cannot print. It is
// not one of the dossiers every test runs on.
var scripts = newFixture("scripts", "../../testdata/scripts")

// TestScriptsAndPictures builds testdata/scripts: the briefing embeds the
// CJK and Hebrew faces and prints the names, the Arabic line is a warning
// at its file:line that does not fail the build, and the picture is in
// the site under a name from its content, shown by the note's page, and
// embedded in the briefing. The site's links, the picture's included,
// resolve.
func TestScriptsAndPictures(t *testing.T) {
	t.Parallel()
	needTools(t, "pdffonts", "pdftotext", "pdfimages")
	out := scripts.out(t)
	want := "testdata/scripts/notes/10-about.md:13: warning: the briefing cannot print U+062D 'ح', U+062F 'د', U+0645 'م': Arabic script needs shaping"
	if !strings.Contains(scripts.build.stderr, want) {
		t.Errorf("the build did not warn\n%s\nit said:\n%s", want, scripts.build.stderr)
	}
	if n := strings.Count(scripts.build.stderr, "warning:"); n != 1 {
		t.Errorf("%d warnings, want 1:\n%s", n, scripts.build.stderr)
	}
	pdf := scripts.pdf(t)
	fonts := tool(t, "pdffonts", pdf)
	for _, f := range []string{"utf8droidsansfallback", "utf8notosanshebrew"} {
		if !strings.Contains(fonts, f) {
			t.Errorf("the briefing does not embed %s:\n%s", f, fonts)
		}
	}
	text := scripts.pdfText(t)
	for _, name := range []string{"王小明", "김민준", "山田花子"} {
		if !strings.Contains(text, name) {
			t.Errorf("the briefing's text lacks %s", name)
		}
	}
	if images := tool(t, "pdfimages", "-list", pdf); strings.Count(images, "\n") < 3 {
		t.Errorf("the briefing embeds no picture:\n%s", images)
	}
	page, err := os.ReadFile(filepath.Join(out, "site", "notes", "about.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`<img src="\.\./(images/[0-9a-f]{16}\.png)" alt="Sketch of the harbour of Ostra \(fictional\)" width="600" height="300" />`).FindSubmatch(page)
	if m == nil {
		t.Fatal("the note's page does not show the picture from images/")
	}
	got, err := os.ReadFile(filepath.Join(out, "site", filepath.FromSlash(string(m[1]))))
	if err != nil {
		t.Fatal(err)
	}
	orig, err := os.ReadFile("../../testdata/scripts/notes/images/harbour.png")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(orig) {
		t.Error("the site's copy of the picture differs from the source")
	}
	checkSiteLinks(t, scripts)
}
