package orgchart

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestLayoutGrouped lays out a body with more units right under it than
// any page holds, beside a branch of its own, with extra edges inside a
// group, across groups and to the branch. LayoutSplit cannot make it fit;
// LayoutGrouped draws an overview, the branch, and the units in groups of
// consecutive units, each a box of the overview ("Parts 1–38 of 152") that
// names the chart drawing them at the usual minimum size. Every unit is
// drawn once as a full box; an edge inside a group is drawn in its chart,
// one that leaves it in the overview, to the group's box, which names no
// entity.
func TestLayoutGrouped(t *testing.T) {
	ms := measurer(t)
	o := Options{Measurer: ms}
	build := func() *Spec {
		g := &gen{r: rand.New(rand.NewPCG(9, 9))}
		units := g.leaves(150)
		branch := g.node(g.leaves(3)...)
		root := g.node(units...)
		root.Children = append(root.Children[:70:70], append([]*Node{branch}, root.Children[70:]...)...)
		return &Spec{Name: "many", Title: "Many units", Roots: []*Node{root}, Edges: []Edge{
			{Kind: CooperatesWith, From: units[0].ID, To: units[1].ID},        // inside the first group
			{Kind: CooperatesWith, From: units[0].ID, To: units[140].ID},      // across groups
			{Kind: ReportsTo, From: units[149].ID, To: branch.Children[0].ID}, // from a group into the branch
		}}
	}
	s := build()
	if _, err := LayoutSplit(s, o); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("LayoutSplit = %v; the test wants a chart it cannot make fit", err)
	}
	cs, err := LayoutGrouped(s, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		checkChart(t, nil, c, o)
	}
	byName := map[string]*Chart{}
	for _, c := range cs {
		byName[c.Name] = c
	}
	full := map[string]int{}
	var spans [][2]int
	label := regexp.MustCompile(`^Parts (\d+)–(\d+) of 150$`)
	for _, b := range cs[0].Boxes {
		if b.ID != "" || b.Detail == "" {
			continue
		}
		m := label.FindStringSubmatch(b.Label)
		if m == nil {
			t.Errorf("group box %q", b.Label)
			continue
		}
		if !strings.HasSuffix(b.Sub, " units: see their own chart") {
			t.Errorf("group box %q says %q; want its units counted as units", b.Label, b.Sub)
		}
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		spans = append(spans, [2]int{from, to})
		d := byName[b.Detail]
		if d == nil || d.Boxes[0].Label != b.Label {
			t.Errorf("group box %q names chart %q, which does not start from it", b.Label, b.Detail)
			continue
		} else if n := len(d.Boxes) - 1; n != to-from+1 {
			t.Errorf("chart %q draws %d units, its box says %d", d.Name, n, to-from+1)
		}
		// Its chart says whose units they are, and, the first, that a
		// dashed line joins two of them.
		want := fmt.Sprintf("The %d units of %s that the overview gathers under “%s”", to-from+1, s.Roots[0].Label, b.Label)
		if from == 1 {
			want += "; dashed lines show the other relations between them."
		}
		if !strings.HasPrefix(d.Description, want) {
			t.Errorf("chart %q is described %q; want %q", d.Name, d.Description, want)
		}
	}
	if len(spans) < 2 {
		t.Fatalf("%d groups in the overview", len(spans))
	}
	for i, sp := range spans {
		if want := 1; i == 0 && sp[0] != want || i > 0 && sp[0] != spans[i-1][1]+1 {
			t.Errorf("groups %v do not follow one another", spans)
		}
		if n := sp[1] - sp[0] + 1; n > (150+len(spans)-1)/len(spans) || n < 150/len(spans) {
			t.Errorf("group %v of %d groups: uneven", sp, len(spans))
		}
	}
	if spans[len(spans)-1][1] != 150 {
		t.Errorf("the groups %v end before 150", spans)
	}
	edges := map[string]bool{}
	for _, c := range cs {
		for _, b := range c.Boxes {
			if b.ID != "" && b.Detail == "" {
				full[b.ID]++
			}
		}
		for _, e := range c.Edges {
			if !e.Tree {
				edges[c.Boxes[e.From].ID+">"+c.Boxes[e.To].ID] = true
			}
		}
	}
	walk(build(), func(n *Node) {
		if full[n.ID] != 1 {
			t.Errorf("unit %s drawn as a full box %d times", n.ID, full[n.ID])
		}
	})
	es := build().Edges
	if !edges[es[0].From+">"+es[0].To] {
		t.Error("the edge inside a group is not drawn in its chart")
	}
	// An edge that leaves a group is drawn in the overview, from and to
	// the boxes that stand for its ends: a unit's own box, or the box of
	// the branch or group whose chart draws it.
	standsFor := func(b Box, id string) bool {
		if b.Detail == "" {
			return b.ID == id
		}
		for _, x := range byName[b.Detail].Boxes {
			if x.ID == id && x.Detail == "" {
				return true
			}
		}
		return false
	}
	ov := cs[0]
	for _, e := range es[1:] {
		found := false
		for _, d := range ov.Edges {
			if !d.Tree && d.Kind == e.Kind && standsFor(ov.Boxes[d.From], e.From) && standsFor(ov.Boxes[d.To], e.To) {
				found = true
			}
		}
		if !found {
			t.Errorf("the edge %s→%s, which leaves a group, is not drawn in the overview", e.From, e.To)
		}
	}
	if !strings.Contains(ov.Description, "a dashed line to it stands for one to a unit inside it") {
		t.Errorf("the overview does not say what a line to a group's box stands for: %q", ov.Description)
	}
	for _, b := range ov.Boxes {
		if strings.ContainsRune(b.ID, 0) {
			t.Errorf("box %q shows the key %q", b.Label, b.ID)
		}
	}
	// The same input gives the same charts.
	again, err := LayoutGrouped(build(), o)
	if err != nil || !reflect.DeepEqual(cs, again) {
		t.Errorf("a second layout of the same spec differs (%v)", err)
	}
}

// TestGroupLabels names a group by the places of its first and last
// boxes, a part of the parent or, for another kind of line, an entry.
func TestGroupLabels(t *testing.T) {
	leaves := func(kind EdgeKind, n int) []*Node {
		var out []*Node
		for i := range n {
			out = append(out, &Node{ID: fmt.Sprint(i), Label: "x", Kind: kind})
		}
		return out
	}
	for _, tc := range []struct {
		leaves    []*Node
		from, all int
		want      string
		kind      EdgeKind
	}{
		{leaves("", 30), 1, 89, "Parts 1–30 of 89", ""},
		{leaves(PartOf, 29), 61, 89, "Parts 61–89 of 89", PartOf},
		{leaves("", 1), 89, 89, "Part 89 of 89", ""},
		{append(leaves(ReportsTo, 2), leaves("", 1)...), 1, 9, "Entries 1–3 of 9", ""},
		{leaves(ReportsTo, 2), 4, 9, "Entries 4–5 of 9", ReportsTo},
	} {
		n := groupNode(tc.leaves, tc.from, tc.all)
		if n.Label != tc.want || n.Kind != tc.kind || n.ID != "" || len(n.Children) != len(tc.leaves) {
			t.Errorf("groupNode(%d leaves, %d, %d) = %q, kind %q, id %q; want %q, kind %q", len(tc.leaves), tc.from, tc.all, n.Label, n.Kind, n.ID, tc.want, tc.kind)
		}
	}
}

// TestSplitGroupTitle: a chart split off from a box that stands for no
// entity (partners gathered under their relation) is titled with the
// box's words in quotes, as the overview shows them, and checkSplit holds.
func TestSplitGroupTitle(t *testing.T) {
	o := Options{Measurer: measurer(t)}
	g := &gen{r: rand.New(rand.NewPCG(4, 4)), long: true}
	// One group: checkSplit counts the boxes of each id, and a group
	// has none.
	root := g.node(
		g.node(g.leaves(10)...),
		&Node{Label: "Is bound by", Kind: CooperatesWith, Children: g.leaves(14)},
	)
	s := &Spec{Name: "coop", Title: "A body: cooperation", Roots: []*Node{root}}
	cs, err := LayoutSplit(s, o)
	if err != nil {
		t.Fatal(err)
	}
	checkSplit(t, s, cs, o)
	groups := 0
	for _, c := range cs[1:] {
		if len(c.Boxes) > 0 && c.Boxes[0].ID == "" {
			groups++
		}
	}
	if groups == 0 {
		t.Fatalf("no chart split off from a group: %d charts", len(cs))
	}
	// Its caption counts in words, as running text does; the box in the
	// overview, a label, in figures.
	for _, c := range cs[1:] {
		if len(c.Boxes) > 0 && c.Boxes[0].ID == "" {
			if want := "The fourteen units of "; !strings.HasPrefix(c.Description, want) {
				t.Errorf("chart %q is described %q; want %q…", c.Name, c.Description, want)
			}
		}
	}
	for _, b := range cs[0].Boxes {
		if b.Label == "Is bound by" && !strings.HasPrefix(b.Sub, "14 units") {
			t.Errorf("the group's box says %q; want 14 units…", b.Sub)
		}
	}
}
