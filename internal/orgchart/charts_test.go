package orgchart

import (
	"os"
	"slices"
	"testing"

	"dossier/internal/link"
	"dossier/internal/model"
	"dossier/internal/source"
)

// loadSources loads and resolves the repository's sources/.
func loadSources(tb testing.TB) *model.Dossier {
	tb.Helper()
	d, err := source.Load(os.DirFS("../../sources"), source.Options{Name: "sources"})
	if err != nil {
		tb.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		tb.Fatal(err)
	}
	return d
}

// index maps each node's id to its parent's id ("" for a root or under a
// group heading) and lists the ids in pre-order.
func index(s *Spec) (map[string]string, []string) {
	parent := map[string]string{}
	var ids []string
	var rec func(n *Node, p string)
	rec = func(n *Node, p string) {
		if n.ID != "" {
			parent[n.ID] = p
			ids = append(ids, n.ID)
			p = n.ID
		}
		for _, c := range n.Children {
			rec(c, p)
		}
	}
	for _, r := range s.Roots {
		rec(r, "")
	}
	return parent, ids
}

func hasEdge(s *Spec, k EdgeKind, from, to string) bool {
	return slices.ContainsFunc(s.Edges, func(e Edge) bool { return e.Kind == k && e.From == from && e.To == to })
}

func TestChartsFromSources(t *testing.T) {
	d := loadSources(t)
	specs := Charts(d)
	var names []string
	for _, s := range specs {
		names = append(names, s.Name)
	}
	if want := []string{"mia", "landscape", "ncb", "ic-belarus-cooperation"}; !slices.Equal(names, want) {
		t.Fatalf("charts %v, want %v", names, want)
	}
	ms := measurer(t)
	for i := range specs {
		s := &specs[i]
		o := Options{Measurer: ms}
		c, err := Layout(s, o)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		checkChart(t, s, c, o)
		t.Logf("%s: %d boxes, %d extra edges, %.0f×%.0f pt, %s at %.2f", s.Name, len(c.Boxes), len(s.Edges), c.Width, c.Height, c.Orientation, c.Scale)
	}

	t.Run("mia", func(t *testing.T) {
		s := chartByName(t, specs, "mia")
		parent, ids := index(s)
		// Every entity whose part-of chain reaches the Ministry is in it.
		mia := d.Entity("mia")
		within := func(e *model.Entity) bool {
			for x := e.Parent; x != nil; x = x.Parent {
				if x == mia {
					return true
				}
			}
			return false
		}
		for _, e := range d.Entities {
			if within(e) && !slices.Contains(ids, e.ID) {
				t.Errorf("%s is part of the Ministry but not in its chart", e.ID)
			}
			for _, r := range e.Relations {
				if r.Type == model.PartOf && r.To == mia && parent[e.ID] == "" {
					t.Errorf("%s is part of the Ministry but hangs nowhere", e.ID)
				}
			}
		}
		for child, want := range map[string]string{
			"criminal-police":                         "mia",
			"public-security-police":                  "mia",
			"ncb-minsk":                               "criminal-police", // not beside it under the Ministry
			"cp-criminal-investigation":               "criminal-police",
			"cp-drugs-thb":                            "criminal-police",
			"psp-crime-prevention":                    "public-security-police",
			"psp-command-centre":                      "public-security-police",
			"ncb-desk-missing-fugitives-extraditions": "ncb-minsk",
			"ncb-desk-transnational-crime":            "ncb-minsk",
			"ncb-desk-criminal-intelligence":          "ncb-minsk",
		} {
			if parent[child] != want {
				t.Errorf("%s hangs under %q, want %q", child, parent[child], want)
			}
		}
		if !hasEdge(s, ReportsTo, "ncb-minsk", "first-deputy-minister") {
			t.Error("no reports-to edge from the NCB to the First Deputy Minister")
		}
		if !hasEdge(s, HeadedBy, "criminal-police", "first-deputy-minister") {
			t.Error("no headed-by edge from the Criminal Police to the First Deputy Minister")
		}
	})

	t.Run("landscape", func(t *testing.T) {
		s := chartByName(t, specs, "landscape")
		parent, ids := index(s)
		want := []string{"mia", "ic-belarus", "general-prosecutors-office", "state-border-guard-committee",
			"state-customs-committee", "state-security-committee", "state-control-committee", "financial-investigation-department"}
		if !slices.Equal(ids, want) {
			t.Errorf("bodies %v, want %v", ids, want)
		}
		if parent["financial-investigation-department"] != "state-control-committee" {
			t.Errorf("the Financial Investigation Department hangs under %q", parent["financial-investigation-department"])
		}
	})

	t.Run("ncb", func(t *testing.T) {
		s := chartByName(t, specs, "ncb")
		parent, _ := index(s)
		for child, want := range map[string]string{
			"first-deputy-minister": "",
			"ncb-minsk":             "first-deputy-minister",
			"ncb-desk-missing-fugitives-extraditions": "ncb-minsk",
			"ncb-desk-transnational-crime":            "ncb-minsk",
			"ncb-desk-criminal-intelligence":          "ncb-minsk",
			"interpol":                                "",
			"interpol-general-secretariat":            "interpol",
		} {
			if got, ok := parent[child]; !ok || got != want {
				t.Errorf("%s hangs under %q (shown %v), want %q", child, got, ok, want)
			}
		}
		if !hasEdge(s, Channel, "ncb-minsk", "interpol-general-secretariat") {
			t.Errorf("no channel from the NCB to the General Secretariat: %v", s.Edges)
		}
	})

	t.Run("ic-cooperation", func(t *testing.T) {
		s := chartByName(t, specs, "ic-belarus-cooperation")
		_, ids := index(s)
		for _, id := range []string{"ic-russia", "mia-russia-investigation-department", "mia-ukraine", "mia-kazakhstan",
			"ic-cooperation-agreement-2013", "cis-convention-1993", "cis-protocol-1997", "cis-convention-2002", "law-2011-investigative-committee"} {
			if !slices.Contains(ids, id) {
				t.Errorf("%s missing from the Committee's cooperation chart", id)
			}
		}
		if !hasEdge(s, PartyTo, "ic-russia", "ic-cooperation-agreement-2013") {
			t.Errorf("no edge from Russia's committee to the 2013 agreement: %v", s.Edges)
		}
	})
}

// TestChartsFollowData adds a unit to the data and finds it in the charts.
func TestChartsFollowData(t *testing.T) {
	d, err := source.Load(os.DirFS("../../sources"), source.Options{Name: "sources"})
	if err != nil {
		t.Fatal(err)
	}
	newDiv := &model.Entity{ID: "cp-new-division", Name: "New Division (Criminal Police)", Kind: model.Unit}
	newDiv.Relations = []*model.Relation{{Type: model.PartOf, From: newDiv, ToID: "criminal-police"}}
	newDesk := &model.Entity{ID: "ncb-new-desk", Name: "New desk", Kind: model.Unit}
	newDesk.Relations = []*model.Relation{{Type: model.PartOf, From: newDesk, ToID: "ncb-minsk"}}
	d.Entities = append(d.Entities, newDiv, newDesk)
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}

	specs := Charts(d)
	parent, _ := index(chartByName(t, specs, "mia"))
	if parent["cp-new-division"] != "criminal-police" || parent["ncb-new-desk"] != "ncb-minsk" {
		t.Errorf("new units hang under %q and %q", parent["cp-new-division"], parent["ncb-new-desk"])
	}
	parent, _ = index(chartByName(t, specs, "ncb"))
	if parent["ncb-new-desk"] != "ncb-minsk" {
		t.Errorf("new desk missing from the NCB's chart")
	}
	mia := chartByName(t, specs, "mia")
	var label string
	walk(mia, func(n *Node) {
		if n.ID == "cp-new-division" {
			label = n.Label
		}
	})
	if label != "New Division" {
		t.Errorf("label %q: the parent's name in brackets should go", label)
	}
}

func TestForEntity(t *testing.T) {
	d := loadSources(t)
	tests := []struct {
		id   string
		ok   bool
		root string // id of the first root, or "" for a group
	}{
		{"mia", true, "mia"},
		{"criminal-police", true, "mia"},
		{"ncb-desk-transnational-crime", true, "mia"},
		{"financial-investigation-department", true, "state-control-committee"},
		{"interpol-general-secretariat", true, "interpol"},
		{"ic-belarus", true, "ic-belarus"},
		{"ic-russia", true, "ic-russia"},
		{"general-prosecutors-office", false, ""}, // nothing to chart
		{"alexander-bastrykin", false, ""},        // a person
		{"no-such-entity", false, ""},
	}
	ms := measurer(t)
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			s, ok := ForEntity(d, tt.id)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if s.Highlight != tt.id || s.Roots[0].ID != tt.root {
				t.Errorf("highlight %q, root %q; want %q, %q", s.Highlight, s.Roots[0].ID, tt.id, tt.root)
			}
			c, err := Layout(&s, Options{Measurer: ms})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, b := range c.Boxes {
				if b.Highlighted {
					n++
					if b.ID != tt.id {
						t.Errorf("box %q highlighted", b.ID)
					}
				}
			}
			if n != 1 {
				t.Errorf("%d boxes highlighted", n)
			}
		})
	}
}
