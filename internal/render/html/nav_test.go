package html

import (
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dossier/internal/link"
	"dossier/internal/source"
)

func TestSections(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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

// TestSameContentsEverywhere checks that the site menu lists the same
// pages, to the same targets, on every page of the repository's site:
// a part of the site must not be missing from pages written before it.
func TestSameContentsEverywhere(t *testing.T) {
	t.Parallel()
	d, err := source.Load(os.DirFS(sourcesDir), source.Options{Name: "sources"})
	if err != nil {
		t.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	out := render(t, d)
	sidebar := regexp.MustCompile(`(?s)<nav class="sidebar"[^>]*>(.*?)</nav>`)
	entry := regexp.MustCompile(`<a href="([^"]*)"[^>]*>(.*?)</a>`)
	menu := func(name string) []string {
		m := sidebar.FindSubmatch(out.Files[name])
		if m == nil {
			t.Fatalf("%s has no site menu", name)
		}
		var items []string
		dir := path.Dir(strings.TrimPrefix(name, "site/"))
		for _, e := range entry.FindAllSubmatch(m[1], -1) {
			target := string(e[1])
			if strings.HasPrefix(target, "#") {
				target = path.Base(name) + target // a fragment of this very page
			}
			items = append(items, path.Join(dir, target)+" "+string(e[2]))
		}
		return items
	}
	want := menu("site/index.html")
	for _, must := range []string{"orgcharts.html Organisation charts", "entities.html Entities", "markets.html Crime markets"} {
		if !slices.Contains(want, must) {
			t.Errorf("the overview's menu lacks %q", must)
		}
	}
	for _, name := range out.Names() {
		if strings.HasSuffix(name, ".html") && name != "site/404.html" {
			if got := menu(name); !slices.Equal(got, want) {
				t.Errorf("%s: the menu differs from the overview's:\n got %q\nwant %q", name, got, want)
			}
		}
	}
}
