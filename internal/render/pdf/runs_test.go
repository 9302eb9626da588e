package pdf

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"dossier/internal/link"
	"dossier/internal/model"
	"dossier/internal/source"
)

// mapStore is a RunStore in memory.
type mapStore struct {
	mu   sync.Mutex
	m    map[string][]byte
	gets int // records given back
}

func (m *mapStore) Get(key string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.m[key]
	if ok {
		m.gets++
	}
	return data, ok
}

func (m *mapStore) Put(key string, data []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = make(map[string][]byte)
	}
	m.m[key] = bytes.Clone(data)
}

// loadFS loads and resolves the dossier in fsys.
func loadFS(t *testing.T, fsys fs.FS) *model.Dossier {
	t.Helper()
	d, err := source.Load(fsys, source.Options{Name: "sources", Built: time.Unix(1700000000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	return d
}

// copyFS returns the files of dir as a MapFS, to edit.
func copyFS(t *testing.T, dir string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path.Join(dir, p))
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// briefingWith renders d with store (nil for none) and reports how many
// runs it copied from the store.
func briefingWith(t *testing.T, d *model.Dossier, store *mapStore) ([]byte, int) {
	t.Helper()
	opts := optionsFor(t, d)
	before := 0
	if store != nil {
		opts.Runs = store
		before = store.gets
	}
	b, err := Settle(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	copied := 0
	if store != nil {
		copied = store.gets - before
	}
	return buf.Bytes(), copied
}

// TestRunsCopied checks the runs of pages a build copies from the last
// (runs.go) against the briefing drawn whole, byte for byte: recording
// them changes nothing; a build of the same dossier copies both annexes
// and makes the same bytes; so does one after a note grew by pages, which
// moves both annexes to later pages, and one whose note draws characters
// no face has (testdata/scripts), which the copied runs must report too.
func TestRunsCopied(t *testing.T) {
	if testing.Short() {
		t.Skip("renders briefings")
	}
	t.Parallel()
	for _, dir := range []string{"../../../testdata/fictional", "../../../testdata/scripts"} {
		t.Run(path.Base(dir), func(t *testing.T) {
			t.Parallel()
			files := copyFS(t, dir)
			d := loadFS(t, files)
			want, _ := briefingWith(t, d, nil)
			store := &mapStore{}
			got, _ := briefingWith(t, d, store)
			if !bytes.Equal(got, want) {
				t.Fatal("recording the runs changed the briefing")
			}
			if len(store.m) != 2 {
				t.Fatalf("the store has %d records; want the two annexes'", len(store.m))
			}
			got, copied := briefingWith(t, loadFS(t, files), store)
			if copied != 2 {
				t.Errorf("copied %d runs; want 2", copied)
			}
			if !bytes.Equal(got, want) {
				t.Error("the briefing with both annexes copied differs from the one drawn whole")
			}

			// A note that grows by pages moves the annexes.
			var note string
			for name := range files {
				if strings.HasPrefix(name, "notes/") && strings.HasSuffix(name, ".md") {
					note = name
					break
				}
			}
			more := strings.Repeat("\n\nA paragraph the note gained, long enough to take a few lines of the page on its own, so that forty of them take pages.", 40)
			files[note] = &fstest.MapFile{Data: append(bytes.Clone(files[note].Data), more...)}
			d = loadFS(t, files)
			want, _ = briefingWith(t, d, nil)
			got, copied = briefingWith(t, d, store)
			if copied != 2 {
				t.Errorf("after the note grew: copied %d runs; want 2", copied)
			}
			if !bytes.Equal(got, want) {
				t.Error("after the note grew: the briefing with both annexes copied differs from the one drawn whole")
			}
		})
	}
}
