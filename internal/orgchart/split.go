package orgchart

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
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
	c, err := Layout(s, o)
	if err == nil {
		return []*Chart{c}, nil
	}
	if !errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	overview, branches, ok := split(s, o)
	if !ok {
		return nil, err
	}
	c, err = Layout(&overview, o)
	if err != nil {
		return nil, err
	}
	out := []*Chart{c}
	for i := range branches {
		cs, err := LayoutSplit(&branches[i], o)
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
		what := countUnits(n)
		if b.ID == "" {
			what = count(n, "1 entry", "%d entries")
		}
		sub := what + ": see " + plural(n, "its", "their") + " own chart"
		if b.Sub != "" {
			sub = b.Sub + "; " + sub
		}
		boxes[b] = &Node{ID: b.ID, Label: b.Label, Sub: sub, Kind: b.Kind, Detail: name}
		inner := map[string]bool{}
		var mark func(x *Node)
		mark = func(x *Node) {
			if x.ID != "" {
				inner[x.ID] = true
				owner[x.ID] = b.ID
			}
			for _, c := range x.Children {
				mark(c)
			}
		}
		mark(b)
		root := *b
		root.Kind = ""
		bs := Spec{
			Name:        name,
			Title:       s.Title + " — " + b.Label,
			Description: fmt.Sprintf("%s and the %s that %s part of it, each under the unit it belongs to; the overview shows where it stands.", b.Label, countUnits(n), plural(n, "is", "are")),
			Sources:     s.Sources,
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
		if b.ID == "" {
			bs.Description = fmt.Sprintf("The %s that the overview gathers under “%s”.", what, b.Label)
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
		if e != orig && e.From != e.To {
			moved = true
		}
		if e.From == e.To || e.From == "" || e.To == "" {
			continue
		}
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
