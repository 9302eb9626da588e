package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/internal/output"
	"dossier/internal/testutil"
)

// sources is a small but complete set of sources.
var sources = testutil.Settings + `-- documents/doc.yaml --
` + testutil.Meta("doc", "") + `-- documents/doc.txt --
Heading:

The NCB is part of the Criminal Police.
-- notes/10-about.md --
# About

See [[S:doc#1]].
`

var built = time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)

func run(t *testing.T, out string, override map[string]string) error {
	t.Helper()
	_, err := Run(Options{
		Sources: testutil.Fixture(t, sources, override),
		Layouts: os.DirFS("../../layouts"),
		Out:     out,
		Built:   built,
	})
	return err
}

func TestRunWritesOutputs(t *testing.T) {
	out := t.TempDir()
	if err := run(t, out, nil); err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	for _, want := range []string{"briefing.pdf", "site/index.html", "site/sources/doc.html", "site/notes/about.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("no %s", want)
		}
	}
	for name := range files {
		if top := topLevel(name); top != SiteDir && top != PDFFile {
			t.Errorf("leftover %s", name)
		}
	}
	if pdf, err := os.ReadFile(filepath.Join(out, PDFFile)); err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("briefing.pdf is not a PDF (%v)", err)
	}
}

// TestFailedBuildChangesNothing checks that a build failing in any stage
// leaves the previous output as it was, byte for byte, and replaces files
// that other tools put beside it no more than a good build does.
func TestFailedBuildChangesNothing(t *testing.T) {
	out := t.TempDir()
	if err := run(t, out, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, ".keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	for name, override := range map[string]map[string]string{
		"load":    {"dossier.yaml": "title: T\n"},
		"resolve": {"notes/10-about.md": "# About\n\nSee [[S:doc#99]].\n"},
	} {
		t.Run(name, func(t *testing.T) {
			err := run(t, out, override)
			if err == nil || !strings.HasPrefix(err.Error(), name+": ") {
				t.Fatalf("error %v; want a failure in the %s stage", err, name)
			}
			sameTree(t, "output after a failed build", before, tree(t, out))
		})
	}
}

// TestFailedFirstBuildLeavesNoFolder fails a first build in each of its
// stages, into a folder that does not exist and into an empty one: the
// first does not exist after, the second is empty, the lock, the staging
// folder and the cache (a strict build fails after the code of a note was
// highlighted into it) all gone.
func TestFailedFirstBuildLeavesNoFolder(t *testing.T) {
	for stage, override := range map[string]map[string]string{
		"load":    {"dossier.yaml": "title: T\n"},
		"resolve": {"notes/10-about.md": "# About\n\nSee [[S:doc#99]].\n"},
		"strict":  {"notes/10-about.md": "# About\n\nSee [[S:doc#1]], محمد.\n\n```go\nx := 1\n```\n"},
	} {
		for _, exists := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/exists=%v", stage, exists), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "build")
				if exists {
					if err := os.Mkdir(out, 0o755); err != nil {
						t.Fatal(err)
					}
				}
				_, err := Run(Options{
					Sources: testutil.Fixture(t, sources, override),
					Layouts: os.DirFS("../../layouts"),
					Out:     out,
					Built:   built,
					Cache:   true,
					Strict:  true,
				})
				if err == nil || !strings.HasPrefix(err.Error(), stage+": ") {
					t.Fatalf("error %v; want a failure in the %s stage", err, stage)
				}
				entries, err := os.ReadDir(out)
				switch {
				case !exists && !errors.Is(err, fs.ErrNotExist):
					t.Errorf("the failed build left %s behind (%v), holding %v", out, err, entries)
				case exists && (err != nil || len(entries) > 0):
					t.Errorf("the failed build left %v in %s, empty before (%v)", entries, out, err)
				}
			})
		}
	}
}

func TestRebuildReplacesOutputs(t *testing.T) {
	out := t.TempDir()
	if err := run(t, out, nil); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "site", "stale.html")
	if err := os.WriteFile(stale, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(t, out, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a file of the previous site survived the rebuild: %v", err)
	}
}

func TestWriteRejectsEscapingNames(t *testing.T) {
	for _, name := range []string{"../evil.html", "/etc/passwd", "site/../../x", `site\x.html`, ""} {
		m := &output.Mem{Files: map[string][]byte{name: []byte("x")}}
		if err := write(t.TempDir(), m); err == nil {
			t.Errorf("write accepted %q", name)
		}
	}
}
