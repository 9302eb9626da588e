package link

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/model"
	"dossier/internal/source"
)

// mapKnown is a Known in memory that counts what it gave back.
type mapKnown struct {
	mu   sync.Mutex
	m    map[string][]byte
	hits int
}

func (k *mapKnown) Get(key string) ([]byte, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	data, ok := k.m[key]
	if ok {
		k.hits++
	}
	return data, ok
}

func (k *mapKnown) Put(key string, data []byte) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil {
		k.m = map[string][]byte{}
	}
	k.m[key] = data
}

// names lists what resolving found of the entities' names in d: every
// paragraph's spans and every entity's mentions, in order.
func names(d *model.Dossier) []string {
	var out []string
	for _, doc := range d.Documents {
		for _, b := range doc.Blocks {
			for _, s := range b.Spans {
				out = append(out, fmt.Sprintf("span %s ¶%d %d-%d %s", doc.ID, b.Number, s.Start, s.End, s.Entity.ID))
			}
		}
	}
	for _, e := range d.Entities {
		for _, list := range [][]model.Mention{e.Mentions, e.Inside} {
			for _, m := range list {
				within := ""
				if m.Within != nil {
					within = m.Within.ID
				}
				out = append(out, fmt.Sprintf("mention %s %s ¶%d %d-%d %d-%d %s", e.ID, m.Doc.ID, m.Block.Number, m.Start, m.End, m.From, m.To, within))
			}
		}
	}
	return out
}

// TestKnownMentions: the names found in the sources, taken from Known, are
// those found in their paragraphs, span for span and mention for mention;
// an entity's name changed, no document's names are taken; a record that
// does not fit its document is not read.
func TestKnownMentions(t *testing.T) {
	for _, dir := range []string{fictionalDir, sourcesDir} {
		t.Run(dir, func(t *testing.T) {
			resolve := func(known Known, edit func(*model.Dossier)) *model.Dossier {
				t.Helper()
				d, err := source.Load(os.DirFS(dir), source.Options{Name: dir})
				if err != nil {
					t.Fatal(err)
				}
				if edit != nil {
					edit(d)
				}
				if err := ResolveWith(d, Options{Mentions: known}); err != nil {
					t.Fatal(err)
				}
				return d
			}
			want := names(resolve(nil, nil))
			if len(want) == 0 {
				t.Fatal("no names found")
			}
			known := &mapKnown{}
			check := func(what string, edit func(*model.Dossier), hits int) {
				t.Helper()
				known.hits = 0
				d := resolve(known, edit)
				if known.hits != hits {
					t.Errorf("%s: took the names of %d documents from Known; want %d", what, known.hits, hits)
				}
				w := want
				if edit != nil {
					w = names(resolve(nil, edit))
				}
				if diff := cmp.Diff(w, names(d)); diff != "" {
					t.Errorf("%s: names found differ from those found afresh (-afresh +known):\n%s", what, diff)
				}
			}
			d := resolve(nil, nil)
			check("the first resolution", nil, 0)
			if len(known.m) != len(d.Documents) {
				t.Fatalf("Known holds %d records; want one per document, %d", len(known.m), len(d.Documents))
			}
			check("the second", nil, len(d.Documents))
			// A name more: every document's names are found again.
			alias := func(d *model.Dossier) {
				e := d.Entities[len(d.Entities)-1]
				e.Aliases = append(slices.Clone(e.Aliases), "the Other Name")
			}
			check("an alias added", alias, 0)
			// Records that do not fit their documents are not read.
			for key, data := range known.m {
				known.m[key] = data[:len(data)-1]
			}
			check("records cut short", nil, len(d.Documents))
			for key := range known.m {
				known.m[key] = []byte{byte(len(d.Documents[0].Blocks) + 1)}
			}
			check("records of other documents", nil, len(d.Documents))
		})
	}
}

// TestDecodeFoundRefuses: what does not fit the document, or names an
// entity there is not, is refused.
func TestDecodeFoundRefuses(t *testing.T) {
	e := &model.Entity{ID: "e"}
	doc := &model.Document{Blocks: []model.Block{{Text: "Example text"}}}
	good := encodeFound([]namesFound{{spans: []model.Span{{Start: 0, End: 7, Entity: e}}}})
	entity := func(id string) *model.Entity {
		if id == "e" {
			return e
		}
		return nil
	}
	if _, err := decodeFound(good, doc, entity); err != nil {
		t.Fatalf("a good record refused: %v", err)
	}
	for _, tc := range []struct {
		what string
		fs   []namesFound
	}{
		{"past the text", []namesFound{{spans: []model.Span{{Start: 0, End: 99, Entity: e}}}}},
		{"backwards", []namesFound{{spans: []model.Span{{Start: 5, End: 2, Entity: e}}}}},
		{"an unknown entity", []namesFound{{spans: []model.Span{{Start: 0, End: 7, Entity: &model.Entity{ID: "x"}}}}}},
		{"two paragraphs for one", []namesFound{{}, {}}},
	} {
		if _, err := decodeFound(encodeFound(tc.fs), doc, entity); err == nil {
			t.Errorf("%s: read", tc.what)
		}
	}
	if _, err := decodeFound(append(good, 0), doc, entity); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("a record running on: %v", err)
	}
}
