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

// TestSourcePages splits the list of sources into pages, as a dossier
// with more sources than the overview lists gets: the overview links to
// the pages, which list the sources, and every link resolves.
func TestSourcePages(t *testing.T) {
	t.Parallel()
	d := fixture()
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	var out output.Mem
	if err := Render(d, &out, Options{Layouts: os.DirFS(layoutsDir), Highlighter: hl, Figures: layoutFigures(t, d), SourcesPerPage: 1}); err != nil {
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
}
