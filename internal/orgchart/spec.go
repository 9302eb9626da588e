package orgchart

import (
	"errors"
	"fmt"

	"dossier/internal/model"
)

// EdgeKind names what a line in a chart stands for.
type EdgeKind string

// The kinds of line a chart draws. PartOf is the tree's own structure line;
// every other kind is drawn dashed, in its own pattern, and is explained in
// the legend.
const (
	PartOf         EdgeKind = "part-of"         // structure: the child is part of the parent
	ReportsTo      EdgeKind = "reports-to"      // the source answers to the target
	HeadedBy       EdgeKind = "headed-by"       // the source is led by the target (a post)
	CooperatesWith EdgeKind = "cooperates-with" // cooperation or an agreement
	Channel        EdgeKind = "channel"         // a communication channel, e.g. to an international police organisation
	PartyTo        EdgeKind = "party-to"        // the source is party to, or acts under, an instrument
	Amends         EdgeKind = "amends"          // the source, an instrument, amends the target
)

// EdgeKinds returns every kind, in legend order.
func EdgeKinds() []EdgeKind {
	return []EdgeKind{PartOf, ReportsTo, HeadedBy, CooperatesWith, Channel, PartyTo, Amends}
}

// Valid reports whether k is one of the kinds above.
func (k EdgeKind) Valid() bool {
	for _, v := range EdgeKinds() {
		if k == v {
			return true
		}
	}
	return false
}

// Dashed reports whether lines of kind k are drawn dashed; only PartOf is
// solid.
func (k EdgeKind) Dashed() bool { return k != PartOf }

// Legend returns the words the legend shows for k.
func (k EdgeKind) Legend() string {
	switch k {
	case PartOf:
		return "is part of"
	case ReportsTo:
		return "reports to"
	case HeadedBy:
		return "is headed by"
	case CooperatesWith:
		return "cooperates with"
	case Channel:
		return "channel"
	case PartyTo:
		// A party to an instrument and a body that acts under it are
		// both bound by it: the relation's one reading of both.
		return "is bound by"
	case Amends:
		return "amends"
	}
	return string(k)
}

// Spec describes a chart before layout: what to show, not where.
type Spec struct {
	Name        string // short, stable identifier, e.g. "structure-overview"; used for file names and SVG element ids
	Title       string // heading of the chart; the SVG <title>
	Description string // one or two sentences on what the chart shows; the SVG <desc>
	// Sources are the documents the relations the chart draws cite, in
	// the order of their references: what its structure is attested in.
	Sources []*model.Document
	// Shows is what the chart draws, as its caption names it when it
	// says what that is attested in: "" for its structure, "cooperation"
	// for a cooperation chart.
	Shows     string
	Roots     []*Node // the trees, left to right; usually one
	Edges     []Edge  // lines that are not part of the trees
	Highlight string  // entity id of the box to emphasise; "" for none
	// Orientation, when set, is the only page orientation Layout
	// considers; "" lets it choose.
	Orientation Orientation
}

// Node is one box in a chart tree.
type Node struct {
	ID    string   // entity id; "" for a group heading that stands for no entity
	Label string   // the box's main text, wrapped to the box width
	Sub   string   // optional second text in smaller type: a kind, role or note
	Kind  EdgeKind // kind of the line from the parent to this node; "" means PartOf
	// Detail, when set, is the Name of another chart that draws what this
	// box stands for: a branch that LayoutSplit drew as one box.
	Detail   string
	Children []*Node
}

// Edge is a line between two boxes that is not part of the tree.
type Edge struct {
	Kind     EdgeKind
	From, To string // entity ids of boxes in the same Spec
	Label    string // short text drawn beside the line; may be ""
}

// ErrSpec is wrapped by every error Layout returns for a malformed Spec.
var ErrSpec = errors.New("invalid chart spec")

// Validate checks that s can be laid out: at least one node, every node
// labelled and reached once, entity ids unique, edges between boxes of the
// chart, kinds known. The error wraps ErrSpec.
func (s *Spec) Validate() error {
	if len(s.Roots) == 0 {
		return fmt.Errorf("%w: chart %q has no nodes", ErrSpec, s.Name)
	}
	seen := map[*Node]bool{}
	ids := map[string]bool{}
	var err error
	var rec func(n *Node)
	rec = func(n *Node) {
		if err != nil {
			return
		}
		switch {
		case n == nil:
			err = fmt.Errorf("%w: chart %q has a nil node", ErrSpec, s.Name)
			return
		case seen[n]:
			err = fmt.Errorf("%w: chart %q reaches node %q twice", ErrSpec, s.Name, n.Label)
			return
		case n.Label == "":
			err = fmt.Errorf("%w: chart %q has a node without a label (id %q)", ErrSpec, s.Name, n.ID)
			return
		case n.Kind != "" && !n.Kind.Valid():
			err = fmt.Errorf("%w: chart %q: node %q has unknown edge kind %q", ErrSpec, s.Name, n.Label, n.Kind)
			return
		case n.ID != "" && ids[n.ID]:
			err = fmt.Errorf("%w: chart %q shows entity %q twice", ErrSpec, s.Name, n.ID)
			return
		}
		seen[n] = true
		if n.ID != "" {
			ids[n.ID] = true
		}
		for _, c := range n.Children {
			rec(c)
		}
	}
	for _, r := range s.Roots {
		rec(r)
	}
	if err != nil {
		return err
	}
	for _, e := range s.Edges {
		if !e.Kind.Valid() {
			return fmt.Errorf("%w: chart %q: edge %s→%s has unknown kind %q", ErrSpec, s.Name, e.From, e.To, e.Kind)
		}
		if !ids[e.From] || !ids[e.To] {
			return fmt.Errorf("%w: chart %q: edge %s→%s joins a box the chart does not show", ErrSpec, s.Name, e.From, e.To)
		}
		if e.From == e.To {
			return fmt.Errorf("%w: chart %q: edge %s→%s joins a box to itself", ErrSpec, s.Name, e.From, e.To)
		}
	}
	if s.Orientation != "" && s.Orientation != Portrait && s.Orientation != Landscape {
		return fmt.Errorf("%w: chart %q: unknown orientation %q", ErrSpec, s.Name, s.Orientation)
	}
	if s.Highlight != "" && !ids[s.Highlight] {
		return fmt.Errorf("%w: chart %q highlights %q, which it does not show", ErrSpec, s.Name, s.Highlight)
	}
	return nil
}
