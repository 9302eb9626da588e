package link

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/model"
	"dossier/internal/source"
	"dossier/internal/testutil"
)

// resolved lists what resolving found of the entities' names in d (every
// paragraph's spans and every entity's mentions, in order), and the
// paragraph each citation of an entity's claims and relations points at.
func resolved(d *model.Dossier) []string {
	var out []string
	cite := func(c *model.Citation) {
		out = append(out, fmt.Sprintf("cite %s %q: %s ¶%d", c.Source, c.Quote, c.Doc.ID, c.Block.Number))
	}
	for _, e := range d.Entities {
		for _, cl := range e.Claims {
			for i := range cl.Cites {
				cite(&cl.Cites[i])
			}
		}
		for _, rel := range e.Relations {
			for i := range rel.Cites {
				cite(&rel.Cites[i])
			}
		}
	}
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

// TestKnownResolved: the names found in the sources, and the paragraphs
// quotes are found in, taken from Known, are those found in the
// paragraphs, span for span, mention for mention and citation for
// citation; an entity's name changed, no document's names are taken (and
// every quote is); a record that does not fit is not read.
func TestKnownResolved(t *testing.T) {
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
				if err := ResolveWith(d, Options{Known: known}); err != nil {
					t.Fatal(err)
				}
				return d
			}
			want := resolved(resolve(nil, nil))
			d := resolve(nil, nil)
			// nameKeys are the keys of the records of names found.
			nameKeys := map[string]bool{}
			for _, doc := range d.Documents {
				nameKeys[namesKey(namesDigest(d.Entities), blocksDigest(doc))] = true
			}
			known := &testutil.Store{}
			// check resolves with known, and wants what is found afresh
			// and the records read: of names, when names is set; of
			// quotes, every one.
			check := func(what string, edit func(*model.Dossier), names bool) {
				t.Helper()
				known.Read = map[string]bool{}
				kept := maps.Clone(known.M)
				got := resolve(known, edit)
				w := want
				if edit != nil {
					w = resolved(resolve(nil, edit))
				}
				if diff := cmp.Diff(w, resolved(got)); diff != "" {
					t.Errorf("%s: what was found differs from what is found afresh (-afresh +known):\n%s", what, diff)
				}
				for key := range kept {
					if want := !nameKeys[key] || names; known.Read[key] != want {
						t.Errorf("%s: a record of %s read %v, want %v", what, map[bool]string{true: "names", false: "a quote"}[nameKeys[key]], known.Read[key], want)
						break
					}
				}
			}
			check("the first resolution", nil, false)
			quotes := len(known.M) - len(d.Documents)
			if quotes <= 0 {
				t.Fatalf("Known holds %d records; want one per document (%d) and the quotes", len(known.M), len(d.Documents))
			}
			check("the second", nil, true)
			// A name more: every document's names are found again.
			alias := func(d *model.Dossier) {
				e := d.Entities[len(d.Entities)-1]
				e.Aliases = append(slices.Clone(e.Aliases), "the Other Name")
			}
			before := maps.Clone(known.M)
			check("an alias added", alias, false)
			known.M = before // without the records of the other names
			// Records that do not fit are not read.
			for key, data := range known.M {
				known.M[key] = data[:len(data)-1]
			}
			check("records cut short", nil, true)
			for key := range known.M {
				known.M[key] = []byte{byte(len(d.Documents[0].Blocks) + 1)}
			}
			check("records of other paragraphs", nil, true)
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
