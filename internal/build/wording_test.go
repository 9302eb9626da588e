package build

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"dossier/internal/testutil"
)

// layoutsWith returns the repository's layouts with files replaced (nil
// data removes one).
func layoutsWith(t *testing.T, files map[string]string) fstest.MapFS {
	t.Helper()
	src := os.DirFS("../../layouts")
	m := fstest.MapFS{}
	err := fs.WalkDir(src, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if data == "" {
			delete(m, name)
			continue
		}
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

// TestLayoutsChangeWording checks that a snippet of wording in the layouts
// changes the site and the briefing alike, and that a broken or missing
// one stops the build naming its file.
func TestLayoutsChangeWording(t *testing.T) {
	const intro = "text/sources/intro.md"
	out := t.TempDir()
	_, err := Run(Options{
		Sources: testutil.Fixture(t, sources, nil),
		Layouts: layoutsWith(t, map[string]string{intro: `Our own words on {{number .Sources}} {{plural .Sources "source" "sources"}}.`}),
		Out:     out,
		Built:   built,
	})
	if err != nil {
		t.Fatal(err)
	}
	const want = "Our own words on one source."
	site, err := os.ReadFile(filepath.Join(out, SiteDir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(site), want) {
		t.Errorf("site/index.html does not read %q", want)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil && os.Getenv("DOSSIER_REQUIRE_TOOLS") != "" {
		t.Fatal("pdftotext is not installed (DOSSIER_REQUIRE_TOOLS is set; .ci/run installs it)")
	} else if err == nil {
		text, err := exec.Command("pdftotext", filepath.Join(out, PDFFile), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(strings.Fields(string(text)), " "), want) {
			t.Errorf("the briefing does not read %q", want)
		}
	}

	for _, tt := range []struct {
		name, file, data, want string
	}{
		{"template error", intro, "Sources:\n{{.Nope}}", "layouts: text/sources/intro.md:2:2: "},
		{"missing snippet", "text/index/intro.md", "", "layouts: text/index/intro.md: no such snippet"},
		{"heading of two paragraphs", "text/markets/priorities-heading.md", "One\n\nTwo", "layouts: text/markets/priorities-heading.md: the snippet is used inside a line"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(Options{
				Sources: testutil.Fixture(t, sources, nil),
				Layouts: layoutsWith(t, map[string]string{tt.file: tt.data}),
				Out:     t.TempDir(),
				Built:   built,
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
