package html

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/highlight"
	"dossier/internal/output"
)

// ordered is an output.Writer that records the order of the writes too.
type ordered struct {
	output.Mem
	order []string
}

func (o *ordered) WriteFile(name string, data []byte) error {
	o.order = append(o.order, name)
	return o.Mem.WriteFile(name, data)
}

// TestParallelIsSerial renders the repository's dossier one page at a
// time and with several workers: the files, their bytes and the order in
// which they are written are the same.
func TestParallelIsSerial(t *testing.T) {
	t.Parallel()
	d := loadDir(t, sourcesDir)
	figs := layoutFigures(t, d)
	run := func(workers int) *ordered {
		hl, err := highlight.New(highlight.DefaultStyle)
		if err != nil {
			t.Fatal(err)
		}
		var out ordered
		if err := Render(d, &out, Options{Layouts: os.DirFS(layoutsDir), Highlighter: hl, Figures: figs, Workers: workers}); err != nil {
			t.Fatal(err)
		}
		return &out
	}
	serial := run(1)
	for _, workers := range []int{2, 7} {
		got := run(workers)
		if diff := cmp.Diff(serial.order, got.order); diff != "" {
			t.Errorf("%d workers write in another order (-serial +parallel):\n%s", workers, diff)
		}
		for name, data := range serial.Files {
			if string(got.Files[name]) != string(data) {
				t.Errorf("%d workers: %s differs from the serial render", workers, name)
			}
		}
	}
}

// TestListPages splits the list of sources into pages and the index of
// entities into a page per kind, as a dossier with more of them than a
// page lists gets: the overview and the index link to the pages, which
// list the sources and the entities, and every link resolves.
func TestListPages(t *testing.T) {
	t.Parallel()
	d := fixture()
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	var out output.Mem
	if err := Render(d, &out, Options{Layouts: os.DirFS(layoutsDir), Highlighter: hl, Figures: layoutFigures(t, d), PerPage: 1}); err != nil {
		t.Fatal(err)
	}
	checkSite(t, &out)
	index := string(out.Files["site/index.html"])
	for _, want := range []string{
		`<li><a href="sources-1.html">S1–S1</a></li>`,
		`<li><a href="sources-2.html">S2–S2</a></li>`,
		`<div><dt>Sources</dt><dd>2</dd></div>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(index, `<table class="sources">`) {
		t.Error("index.html lists the sources as well as linking to their pages")
	}
	second := string(out.Files["site/sources-2.html"])
	for _, want := range []string{
		`<h1>Sources S2–S2</h1>`,
		`<a href="sources/beta-article.html">Beta article</a>`,
		`<a class="pager-prev" rel="prev" href="sources-1.html">`,
		`<li><a href="index.html#sources">Sources</a></li>`,
		`<a href="index.html#sources" aria-current="true">Sources <span class="count">2</span></a>`,
		`<a href="index.html#grading">Source grading</a>`,
	} {
		if !strings.Contains(second, want) {
			t.Errorf("sources-2.html lacks %s", want)
		}
	}
	if strings.Contains(second, "alpha-report.html") {
		t.Error("sources-2.html lists the first source")
	}
	entities := string(out.Files["site/entities.html"])
	if !strings.Contains(entities, `<li><a href="entities-agency.html">Agencies</a> <span class="count">1</span></li>`) {
		t.Error("entities.html does not link to the page of agencies")
	}
	if strings.Contains(entities, "entities/ministry.html") {
		t.Error("entities.html lists the entities as well as linking to the page of each kind")
	}
	places := string(out.Files["site/entities-place.html"])
	for _, want := range []string{
		`<h1>Places</h1>`,
		`<a href="entities/northland.html">`,
		`<li><a href="entities.html">Entities</a></li>`,
		`<li><a href="entities-place.html" aria-current="page">Places</a></li>`,
	} {
		if !strings.Contains(places, want) {
			t.Errorf("entities-place.html lacks %s", want)
		}
	}
	if !strings.Contains(string(out.Files["site/entities/northland.html"]), `<li><a href="../entities-place.html">Places</a></li>`) {
		t.Error("an entity's breadcrumbs do not lead to the page of its kind")
	}
}

// TestMentionsCapped renders the repository's dossier with lists of two:
// an entity named in more paragraphs lists the first two and leads to the
// search for the others, and so does the list of the paragraphs that hold
// its name inside another's; the split lists' links all resolve.
func TestMentionsCapped(t *testing.T) {
	t.Parallel()
	d := loadDir(t, sourcesDir)
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	var out output.Mem
	if err := Render(d, &out, Options{Layouts: os.DirFS(layoutsDir), Highlighter: hl, Figures: layoutFigures(t, d), PerPage: 2}); err != nil {
		t.Fatal(err)
	}
	checkSite(t, &out)
	capped := 0
	for name, data := range out.Files {
		if !strings.HasPrefix(name, "site/entities/") {
			continue
		}
		page, inside, _ := strings.Cut(string(data), `<p id="inside">`)
		if strings.Contains(page, "The first 2 are listed here") {
			capped++
			if n := strings.Count(page, `<li><a class="pn"`); n != 2 || !strings.Contains(page, `<a href="../search.html?q=`) {
				t.Errorf("%s: the capped list of mentions lists %d, or has no search link", name, n)
			}
		}
		// The paragraphs that hold its name inside another's are capped
		// alike.
		if n := strings.Count(inside, `<li><a class="pn"`); n > 2 || strings.Contains(inside, "the first 2 are listed here") != (n == 2 && !strings.Contains(inside, " in 2 paragraphs.")) {
			t.Errorf("%s: the list of paragraphs with its name inside another's lists %d, and says %q", name, n, strings.SplitN(inside, "</p>", 2)[0])
		}
	}
	if capped == 0 {
		t.Error("no entity page caps its list of mentions")
	}
}
