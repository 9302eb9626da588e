package build

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/output"
)

// tree describes everything under dir, directories included, by slash path:
// "dir" for a directory, the SHA-256 of the content for a file. Two equal
// trees hold the same files with the same bytes and nothing else.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			got[rel] = "dir"
		case d.Type().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			got[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		default:
			got[rel] = d.Type().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func sameTree(t *testing.T, what string, want, got map[string]string) {
	t.Helper()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-before +after):\n%s", what, diff)
	}
}

// mem returns a Mem holding name → content pairs.
func mem(pairs ...string) *output.Mem {
	m := &output.Mem{Files: map[string][]byte{}}
	for i := 0; i < len(pairs); i += 2 {
		m.Files[pairs[i]] = []byte(pairs[i+1])
	}
	return m
}

// previous and next are two generations of output, each with the site and
// the briefing, as the renderers write them.
func previous() *output.Mem {
	return mem("briefing.pdf", "%PDF old", "site/index.html", "old index", "site/sources/a.html", "old a", "site/gone.html", "only in the old site")
}

func next() *output.Mem {
	return mem("briefing.pdf", "%PDF new", "site/index.html", "new index", "site/sources/a.html", "new a", "site/new.html", "only in the new site")
}

func writePrevious(t *testing.T) (out string, before map[string]string) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "build")
	if err := write(out, previous()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "dossier-2026-01-31.tar.gz"), []byte("an archive beside the outputs"), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, tree(t, out)
}

// TestRunStaysInsideOut builds sources whose ids and titles try to name
// paths outside the output directory. Ids are refused by the loader; titles
// are only text. Either way nothing appears beside the output directory.
func TestRunStaysInsideOut(t *testing.T) {
	const entities = `- id: %s
  name: Criminal Police
  kind: agency
  claims:
    - text: The NCB is part of the Criminal Police.
      cites:
        - source: doc
          quote: The NCB is part of the Criminal Police.
`
	docMeta := func(id, title string) string {
		return strings.Replace(strings.Replace(sources[strings.Index(sources, "id: doc"):strings.Index(sources, "-- documents/doc.txt --")],
			"id: doc", "id: "+id, 1), "title: A test document", "title: "+title, 1)
	}
	tests := []struct {
		name     string
		override map[string]string
		fails    bool
	}{
		{"document id", map[string]string{"documents/doc.yaml": docMeta(`"../evil"`, "T")}, true},
		{"absolute document id", map[string]string{"documents/doc.yaml": docMeta(`/tmp/evil`, "T")}, true},
		{"entity id", map[string]string{"entities/x.yaml": fmt.Sprintf(entities, `"../../evil"`)}, true},
		{"note file name", map[string]string{"notes/20-...md": "# Evil\n"}, true},
		{"title", map[string]string{"documents/doc.yaml": docMeta("doc", `"../../evil/../../x.html"`),
			"dossier.yaml": "title: ../../../evil\ncutoff: 2026-01-31\n"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "build")
			err := run(t, out, tt.override)
			if tt.fails != (err != nil) {
				t.Fatalf("build error %v; want failure: %v", err, tt.fails)
			}
			for name := range tree(t, parent) {
				if name != "build" && !strings.HasPrefix(name, "build/") {
					t.Errorf("the build wrote %s, outside its output directory", name)
				}
				if strings.Contains(name, "evil") {
					t.Errorf("the build wrote %s", name)
				}
			}
		})
	}
}

// TestWriteFailingMidwayChangesNothing makes the write stage fail after
// some files were staged, and while the outputs are swapped in, and checks
// that the previous output is left exactly as it was, with no leftovers.
func TestWriteFailingMidwayChangesNothing(t *testing.T) {
	t.Run("staging", func(t *testing.T) {
		out, before := writePrevious(t)
		files := next()
		// site/a is staged as a file; then site/a/b.html needs it to be a
		// directory.
		files.Files["site/a"] = []byte("a file")
		files.Files["site/a/b.html"] = []byte("under a file")
		if err := write(out, files); err == nil {
			t.Fatal("write succeeded")
		}
		sameTree(t, "output after a write failing while staging", before, tree(t, out))
	})
	t.Run("reserved name", func(t *testing.T) {
		out, before := writePrevious(t)
		files := next()
		files.Files[stageDir+"/x.html"] = []byte("x")
		if err := write(out, files); err == nil {
			t.Fatal("write accepted an output in its own staging directory")
		}
		sameTree(t, "output after a write of a reserved name", before, tree(t, out))
	})
	// The outputs are swapped in one at a time, briefing.pdf before site;
	// fail each rename in turn.
	for _, step := range []string{
		"build/briefing.pdf → build/.previous/briefing.pdf",
		"build/.staging/briefing.pdf → build/briefing.pdf",
		"build/site → build/.previous/site",
		"build/.staging/site → build/site",
	} {
		t.Run(step, func(t *testing.T) {
			out, before := writePrevious(t)
			base := filepath.Dir(out)
			w := writer{rename: func(from, to string) error {
				if rel(base, from)+" → "+rel(base, to) == step {
					return errors.New("injected failure")
				}
				return os.Rename(from, to)
			}}
			if err := w.write(out, next()); err == nil || !strings.Contains(err.Error(), "injected failure") {
				t.Fatalf("write error %v; want the injected failure", err)
			}
			sameTree(t, "output after a write failing while swapping", before, tree(t, out))
		})
	}
}

func rel(base, p string) string {
	r, _ := filepath.Rel(base, p)
	return filepath.ToSlash(r)
}

// TestWriteRecoversFromAKilledBuild leaves behind what a build killed while
// staging, or while swapping, leaves, and checks that the next build puts
// the previous output back before it starts, and cleans up.
func TestWriteRecoversFromAKilledBuild(t *testing.T) {
	// kill leaves the state of a build killed after swapping the briefing
	// and while swapping the site: the new briefing is in place, the old
	// one and the old site are aside, and the new site is still staged.
	kill := func(t *testing.T, out string) {
		t.Helper()
		for _, step := range [][2]string{
			{"", oldDir},
			{"briefing.pdf", oldDir + "/briefing.pdf"},
			{"site", oldDir + "/site"},
		} {
			var err error
			if step[0] == "" {
				err = os.Mkdir(filepath.Join(out, step[1]), 0o755)
			} else {
				err = os.Rename(filepath.Join(out, step[0]), filepath.Join(out, step[1]))
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		for name, data := range map[string]string{
			"briefing.pdf":                   "%PDF half-built",
			stageDir + "/site/index.html":    "staged",
			stageDir + "/site/partial.html":  "half",
			stageDir + "/site/sources/b.htm": "staged",
		} {
			p := filepath.Join(out, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Run("next build succeeds", func(t *testing.T) {
		out, _ := writePrevious(t)
		kill(t, out)
		if err := write(out, next()); err != nil {
			t.Fatal(err)
		}
		want, _ := writePrevious(t)
		if err := write(want, next()); err != nil {
			t.Fatal(err)
		}
		sameTree(t, "output of a build after a killed one", tree(t, want), tree(t, out))
	})
	t.Run("next build fails", func(t *testing.T) {
		out, before := writePrevious(t)
		kill(t, out)
		w := writer{rename: func(from, to string) error {
			if strings.HasSuffix(to, filepath.Join("build", "site")) && strings.Contains(from, stageDir) {
				return errors.New("injected failure")
			}
			return os.Rename(from, to)
		}}
		if err := w.write(out, next()); err == nil {
			t.Fatal("write succeeded")
		}
		sameTree(t, "output after a killed build and a failed one", before, tree(t, out))
	})
	t.Run("leftover staging only", func(t *testing.T) {
		out, before := writePrevious(t)
		if err := os.MkdirAll(filepath.Join(out, stageDir, "site"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, stageDir, "site", "junk.html"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := write(out, previous()); err != nil {
			t.Fatal(err)
		}
		sameTree(t, "output rebuilt after a build killed while staging", before, tree(t, out))
	})
}
