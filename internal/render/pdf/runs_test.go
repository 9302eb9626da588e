package pdf

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"reflect"
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
	mu      sync.Mutex
	m       map[string][]byte
	gets    int // records of passes written out given back
	dryGets int // records of dry passes given back (dryRun)
}

func (m *mapStore) Get(key string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.m[key]
	switch {
	case ok && isDry(key):
		m.dryGets++
	case ok:
		m.gets++
	}
	return data, ok
}

// isDry reports whether key is that of a dry pass's record.
func isDry(key string) bool { return strings.Contains(key, "\x00"+dryRun("")) }

// records returns the number of records in m of passes written out, and of
// dry passes.
func (m *mapStore) records() (drawn, dry int) {
	for key := range m.m {
		if isDry(key) {
			dry++
		} else {
			drawn++
		}
	}
	return drawn, dry
}

func (m *mapStore) Put(key string, data ...[]byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = make(map[string][]byte)
	}
	m.m[key] = bytes.Join(data, nil)
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
func briefingWith(t *testing.T, d *model.Dossier, store *mapStore) (_ []byte, copied, dry int) {
	t.Helper()
	opts := optionsFor(t, d)
	before, dryBefore := 0, 0
	if store != nil {
		opts.Runs = store
		before, dryBefore = store.gets, store.dryGets
	}
	b, err := Settle(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if store != nil {
		copied, dry = store.gets-before, store.dryGets-dryBefore
	}
	return buf.Bytes(), copied, dry
}

// runCount returns the number of runs in the briefing of d.
func runCount(t *testing.T, d *model.Dossier) int {
	t.Helper()
	figs, err := layoutFigures(d)
	if err != nil {
		t.Fatal(err)
	}
	s, err := newDoc(d, optionsFor(t, d), plan{}, figs, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range s.chapters() {
		if c.run != "" {
			names[c.run] = true
		}
	}
	return len(names)
}

// TestRunsCopied checks the runs of pages a build copies from the last
// (runs.go) against the briefing drawn whole, byte for byte: recording
// them changes nothing; a build of the same dossier copies every run
// (notes, chapters in balanced columns, landscape charts, the annexes) and
// makes the same bytes; so does one after a note grew by pages, which
// moves every run after it to later pages and copies all but that note's
// and the index's (which is copied only onto the pages it was drawn on,
// and with the pages it lists: see indexKey), and one after a word more,
// which moves no page and copies the index too;
// but a background passage more in a note changes the wording, which
// every run may say, and none is copied; and in testdata/scripts, whose
// note draws characters no face has, the
// copied runs must report them too. That note also shows a picture, which
// a run cannot copy (see recorder): it is drawn every time.
func TestRunsCopied(t *testing.T) {
	if testing.Short() {
		t.Skip("renders briefings")
	}
	t.Parallel()
	for _, fixture := range []struct {
		dir      string
		pictures int // runs that show a picture
		// dryIndex: the first pass reads the dry record of the index
		// (dryRun), its pages being elsewhere than in the pass written
		// out; in scripts, whose contents take no more pages than the
		// first pass gives them, they are not, and it reads the index's
		// record of the pass written out.
		dryIndex bool
	}{
		{"../../../testdata/fictional", 0, true},
		{"../../../testdata/scripts", 1, false},
	} {
		dir := fixture.dir
		t.Run(path.Base(dir), func(t *testing.T) {
			t.Parallel()
			files := copyFS(t, dir)
			d := loadFS(t, files)
			want, _, _ := briefingWith(t, d, nil)
			store := &mapStore{}
			got, _, _ := briefingWith(t, d, store)
			if !bytes.Equal(got, want) {
				t.Fatal("recording the runs changed the briefing")
			}
			all := runCount(t, d)
			n := all - fixture.pictures
			// The index, keyed by pages, is recorded in the first (dry)
			// pass too: the dossier's briefing settles in two passes.
			if drawn, dry := store.records(); all < 3 || drawn != n || dry != 1 {
				t.Fatalf("the store has %d records of passes written out and %d of dry passes; want one for each of the %d runs without a picture (of %d; at least a note and the annexes), and the index's", drawn, dry, n, all)
			}
			// check builds the dossier as files hold it now, with the store
			// and without, and wants copied runs copied, the index's dry
			// record copied in the first pass when index is set, and the
			// same bytes.
			check := func(what string, copied int, index bool) {
				t.Helper()
				d := loadFS(t, files)
				want, _, _ := briefingWith(t, d, nil)
				got, n, dry := briefingWith(t, d, store)
				if n != copied {
					t.Errorf("%s: copied %d runs; want %d", what, n, copied)
				}
				if want := map[bool]int{true: 1}[index && fixture.dryIndex]; dry != want {
					t.Errorf("%s: copied %d records of dry passes; want %d", what, dry, want)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s: the briefing with runs copied differs from the one drawn whole", what)
				}
			}
			check("the same dossier (every run without a picture)", n, true)

			// A note that grows by pages moves every run after it. (Each
			// fixture has one note, the one with the picture in scripts:
			// all runs but it are copied.)
			var note string
			for name := range files {
				if strings.HasPrefix(name, "notes/") && strings.HasSuffix(name, ".md") {
					note = name
					break
				}
			}
			add := func(text string) {
				files[note] = &fstest.MapFile{Data: append(bytes.Clone(files[note].Data), text...)}
			}
			add(strings.Repeat("\n\nA paragraph the note gained, long enough to take a few lines of the page on its own, so that forty of them take pages.", 40))
			check("after the note grew (all but the note's and the index's, whose pages moved)", all-2, false)

			// A word more at the note's end moves no page: the index is
			// copied too.
			add(" Short.")
			check("after a word more (all but the note's)", all-1, true)

			// A background passage more in the note: the wording counts
			// them ("five background passages"), and chapters that say
			// so read nothing else of the notes. No run is copied.
			add("\n\n> [!background]\n> What the analyst knows.\n")
			check("after a background passage was added (none)", 0, false)
		})
	}
}

// TestRunRecordEncoding: a record comes back from its parts as it was,
// its bodies as parts of what the store gave back; one cut short or
// running on is refused, as a store's damaged entry would be.
func TestRunRecordEncoding(t *testing.T) {
	t.Parallel()
	r := &runRecord{
		Start: runStart{LastOutline: 1, W: 210, H: 297},
		Pages: []runPage{
			{Chapter: "Annex A", Body: []byte("first body"), Len: 40, Ops: []runOp{{Kind: opPlace, Text: "para/a/1", Y: 30, Here: true}}},
			{Orientation: "L", W: 210, H: 297, Chapter: "Charts", Body: []byte("second"), Len: 20},
		},
		Balances: []runBalance{{Planned: true, Read: runBal{Page: 2, Height: 80}, Learned: runBal{Page: 2, Height: 80}}},
		Fonts:    []runFont{{Family: fontSans, Runes: []rune("abc")}},
		Missing:  []rune{'\u062d'},
		End:      runEnd{Chapter: "Annex A", Y: 120, Left: marginLeft},
	}
	parts, err := r.encode()
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Join(parts, nil)
	got, err := decodeRun(data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got.Pages {
		got.Pages[i].Size = 0 // of the stored record only
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("decoded\n%+v\nwant\n%+v", got, r)
	}
	for _, bad := range [][]byte{data[:len(data)-1], append(bytes.Clone(data), 'x'), data[:5], nil} {
		if _, err := decodeRun(bad); err == nil {
			t.Errorf("a record of %d bytes (of %d) decoded", len(bad), len(data))
		}
	}
}
