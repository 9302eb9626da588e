package orgchart

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// LayoutSplit lays s out like Layout. When s does not fit the page with
// every text at Options.MinFontSize or larger, it is not shrunk further but
// split: an overview, which keeps the top of each tree and draws each large
// branch (a child of a root with units of its own) as one box that says how
// many units it holds and names the chart that draws it (Node.Detail), and
// one chart per branch so drawn, split again if it is still too large. The
// branches are taken largest first until the overview fits; small ones stay
// whole in it. Together the charts show every box of s once as a full box
// (a branch's box is in the overview and heads its own chart), and every
// extra edge: one that leaves a branch is drawn in the overview to the
// branch's box. The overview comes first, then the branches in the order of
// the tree. It returns ErrTooLarge when a chart has no branch left to
// split off and still does not fit.
func LayoutSplit(s *Spec, o Options) ([]*Chart, error) {
	return layoutSplit(s, o, false)
}

// LayoutGrouped is LayoutSplit that, where splitting cannot make a chart
// fit because a body has more units right under it than a page holds,
// gathers those units into groups drawn apart (see group): the last
// resort for a chart that would not fit otherwise.
func LayoutGrouped(s *Spec, o Options) ([]*Chart, error) {
	return layoutSplit(s, o, true)
}

// layoutSplit is LayoutSplit, and with groups LayoutGrouped.
func layoutSplit(s *Spec, o Options, groups bool) ([]*Chart, error) {
	c, err := Layout(s, o)
	if err == nil {
		return []*Chart{c}, nil
	}
	if !errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	overview, branches, ok := split(s, o)
	if !ok {
		// No branch to draw apart, or not enough: a body with more
		// units right under it than a page holds. Its units are
		// gathered into groups, each a branch of its own.
		if groups {
			if g, ok := group(s, o); ok {
				return layoutSplit(g, o, groups)
			}
		}
		return nil, err
	}
	c, err = Layout(&overview, o)
	if err != nil {
		return nil, err
	}
	out := []*Chart{c}
	for i := range branches {
		cs, err := layoutSplit(&branches[i], o, groups)
		if err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// split returns the smallest overview of s, collapsing its largest
// branches first, that fits the page, and a Spec for each branch it
// collapsed, in tree order. It returns false when s has no branch to
// collapse, or collapsing every one still leaves an overview too large.
func split(s *Spec, o Options) (Spec, []Spec, bool) {
	var cands []*Node
	for _, r := range s.Roots {
		for _, c := range r.Children {
			if len(c.Children) > 0 {
				cands = append(cands, c)
			}
		}
	}
	if len(cands) == 0 {
		return Spec{}, nil, false
	}
	bySize := slices.Clone(cands)
	slices.SortStableFunc(bySize, func(a, b *Node) int { return cmp.Compare(descendants(b), descendants(a)) })
	for k := 1; k <= len(bySize); k++ {
		collapse := map[*Node]bool{}
		for _, n := range bySize[:k] {
			collapse[n] = true
		}
		ov, subs := cut(s, cands, collapse)
		if _, err := Layout(&ov, o); err == nil {
			return ov, subs, true
		} else if !errors.Is(err, ErrTooLarge) {
			return Spec{}, nil, false
		}
	}
	return Spec{}, nil, false
}

// group returns s with the leaves (boxes with nothing under them) of the
// root that has the most gathered into groups of consecutive leaves, each
// under a box that stands for no entity and says which of them it holds
// ("Parts 1–30 of 89"), as few groups as each still fits the page in a
// chart of its own. The groups stand where the first of the leaves stood;
// what else is under the root stays as it was. It returns false when no
// root has leaves enough to gather.
//
// A group drawn apart is a branch like any other: a line to one of its
// leaves from outside it is drawn, in the overview, to its box (see cut).
func group(s *Spec, o Options) (*Spec, bool) {
	at, most := -1, 0
	for i, r := range s.Roots {
		if n := len(leavesOf(r)); n > most {
			at, most = i, n
		}
	}
	if most < 2 {
		return nil, false
	}
	root := s.Roots[at]
	leaves := leavesOf(root)
	// As few groups as each fits: the number is found by doubling, then
	// by halving the difference between one that fits and one that
	// does not, so that the layouts tried are few however many the
	// leaves.
	fits := func(groups int) bool {
		for _, g := range groupsOf(leaves, groups) {
			if _, err := Layout(&Spec{Name: s.Name, Title: s.Title, Roots: []*Node{g}, Orientation: s.Orientation}, o); err != nil {
				return false
			}
		}
		return true
	}
	lo, hi := 0, 1 // lo groups do not fit; hi groups do, once found
	for !fits(hi) {
		if hi >= len(leaves) {
			return nil, false // not even one leaf to a chart fits
		}
		lo, hi = hi, min(2*hi, len(leaves))
	}
	for hi-lo > 1 {
		if mid := (lo + hi) / 2; fits(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	groups := hi
	if groups == 1 && len(leaves) == len(root.Children) {
		return nil, false // one group of all that is under the root: nothing gained
	}
	out := *s
	out.Roots = slices.Clone(s.Roots)
	r := *root
	r.Children = nil
	placed := false
	for _, c := range root.Children {
		if len(c.Children) > 0 {
			r.Children = append(r.Children, c)
			continue
		}
		if placed {
			continue
		}
		placed = true
		r.Children = append(r.Children, groupsOf(leaves, groups)...)
	}
	out.Roots[at] = &r
	return &out, true
}

// groupsOf gathers leaves into n groups of consecutive leaves, as even as
// can be (their sizes differ by one at most), each under a groupNode.
func groupsOf(leaves []*Node, n int) []*Node {
	out := make([]*Node, 0, n)
	from := 0
	for k := range n {
		to := (k + 1) * len(leaves) / n
		out = append(out, groupNode(leaves[from:to], from+1, len(leaves)))
		from = to
	}
	return out
}

// leavesOf returns the children of n with nothing under them, in order.
func leavesOf(n *Node) []*Node {
	var out []*Node
	for _, c := range n.Children {
		if len(c.Children) == 0 {
			out = append(out, c)
		}
	}
	return out
}

// groupNode is a box that stands for no entity over leaves, the first of
// which is the from-th of all the leaves under their parent: "Parts 1–30
// of 89" when each is a part of the parent, "Entries 1–30 of 89" else.
func groupNode(leaves []*Node, from, all int) *Node {
	what, kind := "Parts", EdgeKind("")
	for i, l := range leaves {
		if l.Kind != "" && l.Kind != PartOf {
			what = "Entries"
		}
		if i == 0 {
			kind = l.Kind
		} else if l.Kind != kind {
			kind = ""
		}
	}
	label := fmt.Sprintf("%s %d–%d of %d", what, from, from+len(leaves)-1, all)
	if len(leaves) == 1 {
		label = fmt.Sprintf("%s %d of %d", strings.TrimSuffix(what, "s"), from, all)
	}
	return &Node{Label: label, Kind: kind, Children: leaves}
}

// cut makes the overview of s with the branches in collapse drawn as one
// box each, and a Spec per collapsed branch, in the order of cands.
func cut(s *Spec, cands []*Node, collapse map[*Node]bool) (Spec, []Spec) {
	ov := *s
	ov.Name = s.Name
	ov.Title = s.Title + " — overview"
	ov.Highlight = ""
	owner := map[string]string{} // entity id in a collapsed branch → the branch's id
	var subs []Spec
	boxes := map[*Node]*Node{}
	for _, b := range cands {
		if !collapse[b] {
			continue
		}
		name := s.Name + "-" + b.ID
		if b.ID == "" {
			name = fmt.Sprintf("%s-%d", s.Name, len(subs)+1)
		}
		n := descendants(b)
		// The box's label counts in figures ("9 units"), the caption in
		// words up to twenty ("the nine units"), as running text does.
		what, words := countUnits(n), spelled(n, "unit", "%s units")
		if b.ID == "" && !partsOnly(b) {
			// A heading over boxes of other kinds of relation.
			what, words = count(n, "1 entry", "%d entries"), spelled(n, "entry", "%s entries")
		}
		sub := what + ": see " + plural(n, "its", "their") + " own chart"
		if b.Sub != "" {
			sub = b.Sub + "; " + sub
		}
		// A branch that stands for no entity is drawn as a group
		// heading; the key it gets here only lets lines end at it.
		key := b.ID
		if key == "" {
			key = groupKey + name
		}
		boxes[b] = &Node{ID: key, Label: b.Label, Sub: sub, Kind: b.Kind, Detail: name}
		inner := map[string]bool{}
		var mark func(x *Node)
		mark = func(x *Node) {
			if x.ID != "" {
				inner[x.ID] = true
				owner[x.ID] = key
			}
			for _, c := range x.Children {
				mark(c)
			}
		}
		mark(b)
		root := *b
		root.Kind = ""
		desc := fmt.Sprintf("%s and the %s that %s part of it, each under the unit it belongs to; the overview shows where it stands.", b.Label, words, plural(n, "is", "are"))
		switch {
		case b.ID == "" && partsOnly(b):
			desc = fmt.Sprintf("The %s of %s that the overview gathers under “%s”.", words, parentOf(s, b).Label, b.Label)
		case b.ID == "":
			desc = fmt.Sprintf("The %s that the overview gathers under “%s”.", words, b.Label)
		}
		title := s.Title + " — " + b.Label
		if b.ID == "" {
			// A box that stands for no entity is named by its words as
			// the overview shows them ("Is bound by").
			title = s.Title + " — “" + b.Label + "”"
		}
		bs := Spec{
			Name:        name,
			Title:       title,
			Description: desc,
			Sources:     s.Sources,
			Shows:       s.Shows,
			Roots:       []*Node{&root},
			Orientation: s.Orientation,
		}
		for _, e := range s.Edges {
			if inner[e.From] && inner[e.To] {
				bs.Edges = append(bs.Edges, e)
			}
		}
		if len(bs.Edges) > 0 {
			bs.Description = bs.Description[:len(bs.Description)-1] + "; dashed lines show the other relations between them."
		}
		subs = append(subs, bs)
	}
	var copyTree func(n *Node) *Node
	copyTree = func(n *Node) *Node {
		if c := boxes[n]; c != nil {
			return c
		}
		out := *n
		out.Children = nil
		for _, c := range n.Children {
			out.Children = append(out.Children, copyTree(c))
		}
		return &out
	}
	ov.Roots = nil
	for _, r := range s.Roots {
		ov.Roots = append(ov.Roots, copyTree(r))
	}
	ov.Edges = nil
	seen := map[Edge]bool{}
	moved := false
	for _, e := range s.Edges {
		orig := e
		if b, ok := owner[e.From]; ok {
			e.From = b
		}
		if b, ok := owner[e.To]; ok {
			e.To = b
		}
		if e.From == e.To || e.From == "" || e.To == "" {
			continue // inside one branch: drawn in its chart
		}
		moved = moved || e != orig
		if seen[e] {
			continue
		}
		seen[e] = true
		ov.Edges = append(ov.Edges, e)
	}
	ov.Description = s.Description + " A box marked with a number of units or entries is a branch drawn in its own chart, which follows"
	if moved {
		ov.Description += "; a dashed line to it stands for one to a unit inside it"
	}
	ov.Description += "."
	return ov, subs
}

// groupKey starts the key cut gives the box of a branch that stands for
// no entity, so that lines to the units inside it can end at it: no
// entity id starts so, and a chart's box shows none (see entityID).
const groupKey = "\x00group "

// entityID returns id, the ID of a Node, unless it is the key of a group's
// box (groupKey), which names no entity: then "".
func entityID(id string) string {
	if strings.HasPrefix(id, groupKey) {
		return ""
	}
	return id
}

// parentOf returns the root of s that n, a branch cut from s, stands
// under (see split: a branch is a child of a root).
func parentOf(s *Spec, n *Node) *Node {
	for _, r := range s.Roots {
		if slices.Contains(r.Children, n) {
			return r
		}
	}
	return nil
}

// partsOnly reports whether every box under n is part of the box above
// it: units, counted as such, as in a group of them (see group).
func partsOnly(n *Node) bool {
	for _, c := range n.Children {
		if c.Kind != "" && c.Kind != PartOf || !partsOnly(c) {
			return false
		}
	}
	return true
}

// descendants counts the nodes under n.
func descendants(n *Node) int {
	k := 0
	for _, c := range n.Children {
		k += 1 + descendants(c)
	}
	return k
}

// countUnits is "unit" or "N units".
func countUnits(n int) string { return count(n, "unit", "%d units") }
