package build

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf16"

	"dossier/internal/link"
	"dossier/internal/source"
	"dossier/internal/testutil"
)

// chartSources is a dossier with one agency and two units part of it, and
// no charts.yaml.
var chartSources = testutil.Settings + `-- documents/doc.yaml --
` + testutil.Meta("doc", "") + `-- documents/doc.txt --
The Home Ministry has a Fraud Desk and a Border Desk.
-- entities/agencies.yaml --
- id: home-ministry
  name: Home Ministry
  kind: agency
- id: fraud-desk
  name: Fraud Desk
  kind: unit
  relations:
    - type: part-of
      to: home-ministry
      cites: [{source: doc, quote: The Home Ministry has a Fraud Desk}]
- id: border-desk
  name: Border Desk
  kind: unit
  relations:
    - type: part-of
      to: home-ministry
      cites: [{source: doc, quote: and a Border Desk}]
`

// renderFixture loads, resolves and renders chartSources with override.
func renderFixture(t *testing.T, override map[string]string) map[string][]byte {
	t.Helper()
	d, err := source.Load(testutil.Fixture(t, chartSources, override), source.Options{Name: "sources"})
	if err != nil {
		t.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	files, _, err := Render(d, os.DirFS("../../layouts"))
	if err != nil {
		t.Fatal(err)
	}
	return files.Files
}

// pdfString is how the briefing writes s in its outline: UTF-16BE with a
// byte-order mark.
func pdfString(s string) []byte {
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// TestFigures: an agency with parts gets its structure chart with no
// declaration, on the site (the charts page, each entity page with the
// entity highlighted) and in the briefing; a declared chart comes first.
func TestFigures(t *testing.T) {
	tests := []struct {
		name   string
		charts string // charts.yaml; "" for none
		titles []string
	}{
		{"default", "", []string{"Home Ministry: structure"}},
		{"declared", `- id: desks
  title: Desks of the ministry
  kind: group
  roots: [home-ministry]
  follow: [part-of]
`, []string{"Desks of the ministry", "Home Ministry: structure"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var override map[string]string
			if tt.charts != "" {
				override = map[string]string{"charts.yaml": tt.charts}
			}
			files := renderFixture(t, override)
			page := string(files["site/orgcharts.html"])
			last := -1
			for _, title := range tt.titles {
				j := strings.Index(page, ">"+title+"</title>")
				if j < 0 || j < last {
					t.Errorf("orgcharts.html: chart %q missing or out of order", title)
				}
				last = j
				if !bytes.Contains(files["briefing.pdf"], pdfString(title)) {
					t.Errorf("briefing.pdf: no chart %q in the outline", title)
				}
			}
			for _, id := range []string{"home-ministry", "fraud-desk", "border-desk"} {
				p := string(files["site/entities/"+id+".html"])
				if !strings.Contains(p, `oc-highlight" data-entity="`+id+`"`) || strings.Count(p, `class="oc-box oc-highlight"`) != 1 {
					t.Errorf("entities/%s.html does not show the structure chart with its box, and only it, highlighted", id)
				}
			}
		})
	}
}

// TestFigureSplit: an agency too wide for the page at 8 pt is drawn, on
// the site and in the briefing alike, as an overview whose branch boxes
// link to their own charts, which follow it; a unit's page shows the
// chart of its branch, its box highlighted.
func TestFigureSplit(t *testing.T) {
	var y strings.Builder
	y.WriteString("- id: home-ministry\n  name: Home Ministry\n  kind: agency\n")
	unit := func(id, name, parent string) {
		fmt.Fprintf(&y, "- id: %s\n  name: %s\n  kind: unit\n  relations:\n    - type: part-of\n      to: %s\n      cites: [{source: doc, quote: The Home Ministry has a Fraud Desk}]\n", id, name, parent)
	}
	for i := 1; i <= 6; i++ {
		dir := fmt.Sprintf("dir-%d", i)
		unit(dir, fmt.Sprintf("Main Directorate number %d of the Ministry", i), "home-ministry")
		for j := 1; j <= 6; j++ {
			unit(fmt.Sprintf("%s-unit-%d", dir, j), fmt.Sprintf("Department %d of Directorate %d for General Affairs", j, i), dir)
		}
	}
	files := renderFixture(t, map[string]string{"entities/agencies.yaml": y.String()})
	page := string(files["site/orgcharts.html"])
	overview := "Home Ministry: structure — overview"
	if !strings.Contains(page, ">"+overview+"</title>") || !bytes.Contains(files["briefing.pdf"], pdfString(overview)) {
		t.Fatalf("no chart %q on the charts page or in the briefing", overview)
	}
	branches := 0
	for i := 1; i <= 6; i++ {
		title := fmt.Sprintf("Home Ministry: structure — Main Directorate number %d of the Ministry", i)
		if !strings.Contains(page, ">"+title+"</title>") {
			continue
		}
		branches++
		if !bytes.Contains(files["briefing.pdf"], pdfString(title)) {
			t.Errorf("briefing.pdf: no chart %q in the outline", title)
		}
		if !strings.Contains(page, fmt.Sprintf(`href="#chart-home-ministry-dir-%d"`, i)) {
			t.Errorf("orgcharts.html: the overview's box of directorate %d does not link to its chart", i)
		}
		p := string(files[fmt.Sprintf("site/entities/dir-%d-unit-1.html", i)])
		if !strings.Contains(p, ">"+title+"</title>") || !strings.Contains(p, `class="oc-box oc-highlight" data-entity="dir-`+fmt.Sprint(i)+`-unit-1"`) {
			t.Errorf("entities/dir-%d-unit-1.html does not show its branch's chart with its box highlighted", i)
		}
	}
	if branches == 0 {
		t.Error("no branch has a chart of its own")
	}
}
