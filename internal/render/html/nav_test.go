package html

import (
	"slices"
	"strings"
	"testing"
)

func TestSections(t *testing.T) {
	tests := []struct {
		name string
		main string
		want []navLink
	}{
		{"too few", `<h2 id="a">A</h2><h2 id="b">B</h2>`, nil},
		{"three, with markup and entities", `<h1>T</h1><h2 id="a">A <span class="count">3</span></h2><p>x</p><h2 id="b" lang="ru">Б &amp; c</h2><h3 id="c">not</h3><h2 id="d">D</h2>`,
			[]navLink{{Name: "#a", Label: "A 3"}, {Name: "#b", Label: "Б & c"}, {Name: "#d", Label: "D"}}},
		{"headings without ids are left out", `<h2>x</h2><h2 id="a">A</h2><h2 id="b">B</h2><h2 id="c">C</h2>`,
			[]navLink{{Name: "#a", Label: "A"}, {Name: "#b", Label: "B"}, {Name: "#c", Label: "C"}}},
	}
	for _, tt := range tests {
		if got := sections([]byte(tt.main)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: sections = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCrumbs(t *testing.T) {
	out := render(t, fixture())
	for page, want := range map[string]string{
		"site/sources/alpha-report.html": `<li><a href="../index.html#sources">Sources</a></li>`,
		"site/entities/desk.html":        `<li><a href="../entities.html#kind-unit">Units</a></li>`,
		"site/markets/fauna-crimes.html": `<li><a href="../markets.html">Crime markets</a></li>`,
		"site/notes/about.html":          `<li aria-current="page">About this test</li>`,
	} {
		if got := string(out.Files[page]); !strings.Contains(got, `<nav class="breadcrumbs" aria-label="Breadcrumb">`) || !strings.Contains(got, want) {
			t.Errorf("%s: breadcrumbs lack %s", page, want)
		}
	}
	if strings.Contains(string(out.Files["site/index.html"]), `class="breadcrumbs"`) {
		t.Error("the overview has breadcrumbs")
	}
}
