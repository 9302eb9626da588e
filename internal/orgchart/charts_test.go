package orgchart

import (
	"os"
	"slices"
	"strings"
	"testing"

	"dossier/internal/link"
	"dossier/internal/model"
	"dossier/internal/source"
	"dossier/internal/testutil"
)

// loadSources loads and resolves the repository's sources/, for the
// benchmarks.
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

// chartsFixture is a small fictional dossier: a ministry with a police
// department (two desks), a liaison bureau that reports to a deputy
// minister and works with other bodies, two bodies a source lists among the
// law enforcement bodies, and a treaty with the protocol that amends it.
// Its charts.yaml declares a group, a line and a cooperation chart; the
// ministry's structure chart is left to the default.
const chartsFixture = testutil.Settings + `-- documents/report.yaml --
id: report
ref: S1
title: A report on Examplia
publisher: Test publisher
publisher_kind: official
language: en
captured: web page
origin_file: report.txt
sha256: SHA
grade:
  reliability: B
  credibility: 2
  reason: a test source
-- documents/report.txt --
The Interior Ministry provides law enforcement in Examplia.

Other bodies responsible for law enforcement are the Customs Service and the Audit Office.

The Police Department is a department of the Interior Ministry.

The Traffic Desk and the Fraud Desk belong to the Police Department.

The Liaison Bureau reports to the Deputy Minister, who sits in the Interior Ministry.

The Liaison Bureau keeps a channel to the Customs Service and to the Neighbour Police.

The Customs Service applies the Border Treaty and its 2001 Protocol.

The 2001 Protocol amends the Border Treaty.
-- entities/agencies.yaml --
- id: ministry
  name: Interior Ministry
  kind: agency
  relations:
    - type: listed-among
      to: law-bodies
      cites: [{source: report, quote: The Interior Ministry provides law enforcement}]
- id: police
  name: Police Department (Interior Ministry)
  kind: unit
  relations:
    - type: part-of
      to: ministry
      cites: [{source: report, quote: The Police Department is a department of the Interior Ministry.}]
- id: traffic
  name: Traffic Desk
  kind: unit
  relations:
    - type: part-of
      to: police
      cites: [{source: report, quote: The Traffic Desk and the Fraud Desk belong}]
- id: fraud
  name: Fraud Desk
  kind: unit
  relations:
    - type: part-of
      to: police
      cites: [{source: report, quote: The Traffic Desk and the Fraud Desk belong}]
- id: deputy
  name: Deputy Minister
  kind: unit
  relations:
    - type: part-of
      to: ministry
      cites: [{source: report, quote: who sits in the Interior Ministry}]
- id: liaison
  name: Liaison Bureau
  kind: unit
  relations:
    - type: part-of
      to: ministry
      cites: [{source: report, quote: who sits in the Interior Ministry}]
    - type: reports-to
      to: deputy
      cites: [{source: report, quote: The Liaison Bureau reports to the Deputy Minister}]
    - type: cooperates-with
      to: customs
      cites: [{source: report, quote: keeps a channel to the Customs Service}]
    - type: cooperates-with
      to: neighbour
      cites: [{source: report, quote: and to the Neighbour Police}]
- id: customs
  name: Customs Service
  kind: agency
  relations:
    - type: listed-among
      to: law-bodies
      cites: [{source: report, quote: Other bodies responsible for law enforcement}]
    - type: party-to
      to: treaty
      cites: [{source: report, quote: The Customs Service applies the Border Treaty}]
    - type: party-to
      to: protocol
      cites: [{source: report, quote: The Customs Service applies the Border Treaty and its 2001 Protocol}]
- id: audit
  name: Audit Office
  kind: agency
  relations:
    - type: listed-among
      to: law-bodies
      cites: [{source: report, quote: Other bodies responsible for law enforcement}]
- id: neighbour
  name: Neighbour Police
  kind: agency
- id: law-bodies
  name: law enforcement bodies
  kind: term
- id: treaty
  name: Border Treaty
  kind: instrument
- id: protocol
  name: 2001 Protocol
  kind: instrument
  relations:
    - type: amends
      to: treaty
      cites: [{source: report, quote: The 2001 Protocol amends the Border Treaty.}]
-- charts.yaml --
- id: bodies
  title: Law enforcement bodies of Examplia
  kind: group
  roots: [law-bodies]
  orientation: landscape
- id: liaison-line
  title: The Liaison Bureau and its channels
  kind: line
  roots: [liaison]
- id: customs-partners
  title: The Customs Service's instruments
  caption: What the Customs Service applies.
  kind: cooperation
  roots: [customs]
  follow: [party-to]
`

// loadFixture loads and resolves chartsFixture with the files of override
// replacing or adding to its own.
func loadFixture(tb testing.TB, override map[string]string) *model.Dossier {
	tb.Helper()
	d, err := source.Load(testutil.Fixture(tb, chartsFixture, override), source.Options{Name: "sources"})
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

func names(specs []Spec) []string {
	var out []string
	for _, s := range specs {
		out = append(out, s.Name)
	}
	return out
}

// TestChartsDefault: without charts.yaml, every agency with parts that is
// part of nothing gets its structure chart, and nothing else.
func TestChartsDefault(t *testing.T) {
	d := loadFixture(t, map[string]string{"charts.yaml": "[]\n"})
	specs := Charts(d)
	if got, want := names(specs), []string{"ministry"}; !slices.Equal(got, want) {
		t.Fatalf("charts %v, want %v", got, want)
	}
	s := &specs[0]
	if s.Title != "Interior Ministry: structure" {
		t.Errorf("title %q", s.Title)
	}
	if !strings.Contains(s.Description, "Interior Ministry and the five units") {
		t.Errorf("description %q", s.Description)
	}
	parent, _ := index(s)
	want := map[string]string{"ministry": "", "police": "ministry", "traffic": "police", "fraud": "police", "deputy": "ministry", "liaison": "ministry"}
	for id, p := range want {
		if got, ok := parent[id]; !ok || got != p {
			t.Errorf("%s under %q, want %q", id, got, p)
		}
	}
	if !hasEdge(s, ReportsTo, "liaison", "deputy") {
		t.Errorf("no reports-to edge: %v", s.Edges)
	}
	var label string
	walk(s, func(n *Node) {
		if n.ID == "police" {
			label = n.Label
		}
	})
	if label != "Police Department" {
		t.Errorf("label %q: the parent's name in brackets should go", label)
	}
}

// TestChartsDeclared: the declared charts come first, in file order, then
// the default structure charts.
func TestChartsDeclared(t *testing.T) {
	d := loadFixture(t, nil)
	specs := Charts(d)
	if got, want := names(specs), []string{"bodies", "liaison-line", "customs-partners", "ministry"}; !slices.Equal(got, want) {
		t.Fatalf("charts %v, want %v", got, want)
	}
	for i := range specs {
		if err := specs[i].Validate(); err != nil {
			t.Error(err)
		}
	}

	t.Run("group", func(t *testing.T) {
		s := &specs[0]
		if s.Title != "Law enforcement bodies of Examplia" || s.Orientation != Landscape {
			t.Errorf("title %q, orientation %q", s.Title, s.Orientation)
		}
		g := s.Roots[0]
		if g.ID != "" || g.Label != "Law enforcement bodies" || !strings.Contains(g.Sub, "S1 ¶1–¶2") {
			t.Errorf("group box %q %q (%q)", g.ID, g.Label, g.Sub)
		}
		var members []string
		for _, c := range g.Children {
			members = append(members, c.ID)
		}
		if want := []string{"ministry", "customs", "audit"}; !slices.Equal(members, want) {
			t.Errorf("members %v, want %v", members, want)
		}
		// A member with a few parts shows them.
		if got := len(g.Children[0].Children); got != 3 {
			t.Errorf("ministry in the group has %d children, want its 3 parts", got)
		}
	})

	t.Run("line", func(t *testing.T) {
		s := &specs[1]
		if s.Roots[0].ID != "deputy" || s.Roots[0].Children[0].ID != "liaison" || s.Roots[0].Children[0].Kind != ReportsTo {
			t.Errorf("the bureau is not under the post it reports to: %+v", s.Roots[0])
		}
		if !hasEdge(s, Channel, "liaison", "customs") || !hasEdge(s, Channel, "liaison", "neighbour") {
			t.Errorf("channels missing: %v", s.Edges)
		}
	})

	t.Run("cooperation", func(t *testing.T) {
		s := &specs[2]
		if s.Description != "What the Customs Service applies." {
			t.Errorf("caption %q", s.Description)
		}
		parent, ids := index(s)
		if parent["treaty"] != "customs" || parent["protocol"] != "customs" || slices.Contains(ids, "ministry") {
			t.Errorf("boxes %v", ids)
		}
		if len(s.Roots[0].Children) != 1 || s.Roots[0].Children[0].Label != "Is bound by" {
			t.Errorf("follows more than party-to: %+v", s.Roots[0].Children)
		}
		if !hasEdge(s, Amends, "protocol", "treaty") {
			t.Errorf("no amends edge between the instruments: %v", s.Edges)
		}
	})
}

// TestChartsDeclaredStructure: a declared structure chart replaces the
// default one of its root, under its own id, for the chart pages and the
// entity pages alike.
func TestChartsDeclaredStructure(t *testing.T) {
	d := loadFixture(t, map[string]string{"charts.yaml": `- id: the-ministry
  title: How the ministry is organised
  roots: [ministry]
`})
	specs := Charts(d)
	if got, want := names(specs), []string{"the-ministry"}; !slices.Equal(got, want) {
		t.Fatalf("charts %v, want %v", got, want)
	}
	s, ok := ForEntity(d, "fraud")
	if !ok || s.Name != "the-ministry" || s.Title != "How the ministry is organised" || s.Highlight != "fraud" {
		t.Errorf("ForEntity(fraud) = %q %q highlighting %q, %v", s.Name, s.Title, s.Highlight, ok)
	}
}

// TestChartsFollowData adds a unit to the data and finds it in the charts.
func TestChartsFollowData(t *testing.T) {
	d, err := source.Load(testutil.Fixture(t, chartsFixture, nil), source.Options{Name: "sources"})
	if err != nil {
		t.Fatal(err)
	}
	desk := &model.Entity{ID: "new-desk", Name: "New Desk (Interior Ministry)", Kind: model.Unit}
	desk.Relations = []*model.Relation{{Type: model.PartOf, From: desk, ToID: "ministry"}}
	d.Entities = append(d.Entities, desk)
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	s := chartByName(t, Charts(d), "ministry")
	parent, _ := index(s)
	if parent["new-desk"] != "ministry" {
		t.Errorf("new desk hangs under %q", parent["new-desk"])
	}
	var label string
	walk(s, func(n *Node) {
		if n.ID == "new-desk" {
			label = n.Label
		}
	})
	if label != "New Desk" {
		t.Errorf("label %q: the parent's name in brackets should go", label)
	}
}

func TestForEntity(t *testing.T) {
	d := loadFixture(t, nil)
	tests := []struct {
		id   string
		ok   bool
		name string // the chart's name
		root string // id of the first root
	}{
		{"ministry", true, "ministry", "ministry"},
		{"traffic", true, "ministry", "ministry"},
		{"liaison", true, "ministry", "ministry"},
		{"customs", true, "customs-partners", "customs"},          // the declared cooperation chart
		{"neighbour", true, "neighbour-cooperation", "neighbour"}, // a cooperation written on the partner
		{"audit", false, "", ""},
		{"treaty", false, "", ""}, // not an agency or unit
		{"no-such-entity", false, "", ""},
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
			if s.Name != tt.name || s.Highlight != tt.id || s.Roots[0].ID != tt.root {
				t.Errorf("chart %q, highlight %q, root %q; want %q, %q, %q", s.Name, s.Highlight, s.Roots[0].ID, tt.name, tt.id, tt.root)
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

// TestChartsGeneric: no chart of a dossier without charts.yaml names
// anything but its entities: titles and descriptions are made from names
// and counts.
func TestChartsGeneric(t *testing.T) {
	d := loadFixture(t, map[string]string{"charts.yaml": "[]\n"})
	d.Entities[0].Name = "Zzyzx"
	for _, s := range Charts(d) {
		if !strings.Contains(s.Title, "Zzyzx") || !strings.Contains(s.Description, "Zzyzx") {
			t.Errorf("chart %q: %q / %q do not name the root", s.Name, s.Title, s.Description)
		}
	}
}

// TestChartsAttested: a chart's Sources are the documents cited by the
// relations it draws, in the order of their references, and no others.
func TestChartsAttested(t *testing.T) {
	fixture := strings.Replace(chartsFixture,
		"cites: [{source: report, quote: The Traffic Desk and the Fraud Desk belong}]\n- id: deputy",
		"cites: [{source: news, quote: The Fraud Desk belongs to the Police Department}]\n- id: deputy", 1)
	fixture = strings.Replace(fixture,
		"cites: [{source: report, quote: The Interior Ministry provides law enforcement}]",
		"cites: [{source: lists, quote: The Interior Ministry is a law enforcement body.}]", 1)
	fixture += `-- documents/news.yaml --
` + testutil.MetaRef("news", "S10", "") + `published:
  estimate: 2019 or later
  basis: it gives the desks as of 2019
  cites:
    - source: news
      quote: as of 2019
-- documents/news.txt --
The Fraud Desk belongs to the Police Department, as of 2019.
-- documents/lists.yaml --
` + testutil.MetaRef("lists", "S2", "") + `-- documents/lists.txt --
The Interior Ministry is a law enforcement body.
`
	d, err := source.Load(testutil.Fixture(t, fixture, nil), source.Options{Name: "sources"})
	if err != nil {
		t.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	refs := func(docs []*model.Document) []string {
		var out []string
		for _, doc := range docs {
			out = append(out, doc.Ref)
		}
		return out
	}
	got := map[string][]string{}
	for _, s := range Charts(d) {
		got[s.Name] = refs(s.Sources)
	}
	want := map[string][]string{
		"ministry":         {"S1", "S10"},       // the fraud desk's part-of cites S10; the ministry's listing (S2) is not drawn
		"bodies":           {"S1", "S2", "S10"}, // the group draws the listings, and the ministry with its parts
		"liaison-line":     {"S1"},
		"customs-partners": {"S1"},
	}
	for name, w := range want {
		if !slices.Equal(got[name], w) {
			t.Errorf("chart %s attested in %v, want %v", name, got[name], w)
		}
	}
	s, ok := ForEntity(d, "fraud")
	if !ok || !slices.Equal(refs(s.Sources), []string{"S1", "S10"}) {
		t.Errorf("ForEntity(fraud) attested in %v (%v), want [S1 S10]", refs(s.Sources), ok)
	}
	// A cooperation chart draws its partners under a box of the
	// relation's name: the lines still rest on the relations' sources.
	s, ok = ForEntity(d, "neighbour")
	if !ok || !slices.Equal(refs(s.Sources), []string{"S1"}) {
		t.Errorf("ForEntity(neighbour) attested in %v (%v), want [S1]", refs(s.Sources), ok)
	}
	if got := d.Document("news").DateText(); got != "2019 or later (est.)" {
		t.Errorf("news dated %q, want 2019 or later (est.)", got)
	}
	if got := refs(d.CitedBy(d.Entity("police").StructureRelations())); !slices.Equal(got, []string{"S1", "S10"}) {
		t.Errorf("the police department's structure attested in %v, want [S1 S10]", got)
	}
}

// TestCooperationCaption: a cooperation chart's caption names what its
// partners are, by their kind ("the body it cooperates with", "the two
// instruments it is bound by"), not "the one".
func TestCooperationCaption(t *testing.T) {
	s, ok := ForEntity(loadFixture(t, nil), "neighbour")
	if want := "The Neighbour Police and, as the sources report them, the body it cooperates with."; !ok || s.Description != want {
		t.Errorf("caption %q; want %q", s.Description, want)
	}
	if s.Shows != "cooperation" {
		t.Errorf("the chart shows %q; want cooperation, as its sentence on sources says", s.Shows)
	}
	for _, tc := range []struct {
		kinds     []model.EntityKind
		one, many string
	}{
		{[]model.EntityKind{model.Instrument}, "instrument", "instruments"},
		{[]model.EntityKind{model.Person}, "person", "people"},
		{[]model.EntityKind{model.Agency, model.Unit}, "body", "bodies"},
		{[]model.EntityKind{model.Agency, model.Instrument}, "body", "bodies"},
	} {
		kinds := map[model.EntityKind]bool{}
		for _, k := range tc.kinds {
			kinds[k] = true
		}
		if one, many := partnerNoun(kinds); one != tc.one || many != tc.many {
			t.Errorf("partnerNoun(%v) = %q, %q; want %q, %q", tc.kinds, one, many, tc.one, tc.many)
		}
	}
}
