package orgchart

import (
	"fmt"
	"strings"

	"dossier/internal/model"
)

// The entities the briefing's charts start from. Everything else in a
// chart is found by following relations from them.
const (
	MinistryID      = "mia"        // the Ministry of Internal Affairs: chart "mia" and "landscape"
	NCBID           = "ncb-minsk"  // the INTERPOL National Central Bureau: chart "ncb"
	InvestigativeID = "ic-belarus" // the Investigative Committee: chart "ic-belarus-cooperation"
)

// Charts returns the briefing's org charts, built from the relations in the
// resolved dossier d, in this order:
//
//   - "mia": the Ministry of Internal Affairs and everything that is part of
//     it, each unit under its most specific parent (the NCB under the
//     Criminal Police, not beside it), with the other relations between them
//     (reports-to, headed-by) as dashed edges;
//   - "landscape": the national law-enforcement bodies the sources list
//     after the paragraph that says the Ministry provides law enforcement,
//     the Ministry first; a body with a few units shows them, one with more
//     shows how many;
//   - "ncb": the post the NCB reports to, the NCB with its units, and the
//     NCB's channels (its cooperates-with relations) to the bodies it
//     cooperates with, shown inside their organisation;
//   - "ic-belarus-cooperation": the Investigative Committee's cooperation partners
//     and the instruments it is party to or acts under.
//
// A chart whose starting entity is missing, or that would show a single
// box, is left out. The result depends only on d.
func Charts(d *model.Dossier) []Spec {
	g := newGraph(d)
	var out []Spec
	add := func(s Spec, ok bool) {
		if ok {
			out = append(out, s)
		}
	}
	if e := d.Entity(MinistryID); e != nil {
		add(g.structure(e, ""))
		add(g.landscape(e))
	}
	if e := d.Entity(NCBID); e != nil {
		add(g.ncbLine(e))
	}
	if e := d.Entity(InvestigativeID); e != nil {
		add(g.cooperation(e, ""))
	}
	return out
}

// ForEntity returns the chart for the page of the agency or unit id, with
// that entity highlighted: the structure of the organisation it belongs to
// (the whole Ministry for any of its units), or, for a body without parts,
// its cooperation partners and instruments. The chart keeps its own name
// ("mia" for any unit of the Ministry), so that it can be laid out once for
// every page that shows it. It returns false when the entity is not an
// agency or unit, or has nothing to chart.
func ForEntity(d *model.Dossier, id string) (Spec, bool) {
	e := d.Entity(id)
	if e == nil || (e.Kind != model.Agency && e.Kind != model.Unit) {
		return Spec{}, false
	}
	g := newGraph(d)
	top := e
	for p := top.Parent; p != nil; p = top.Parent {
		top = p
	}
	if s, ok := g.structure(top, id); ok {
		return s, true
	}
	if s, ok := g.cooperation(e, id); ok {
		return s, true
	}
	return Spec{}, false
}

// graph indexes what the charts need of a dossier's structure, which the
// resolve stage gave every entity (model.Entity.Parent and Parts): the
// part-of relation that puts each entity under its parent.
type graph struct {
	d    *model.Dossier
	tree map[*model.Entity]*model.Relation
}

func newGraph(d *model.Dossier) *graph {
	g := &graph{d: d, tree: map[*model.Entity]*model.Relation{}}
	for _, e := range d.Entities {
		for _, r := range e.Relations {
			if e.Parent != nil && r.Type == model.PartOf && r.To == e.Parent {
				g.tree[e] = r
				break
			}
		}
	}
	return g
}

func (g *graph) descendants(e *model.Entity) int {
	n := 0
	for _, c := range e.Parts {
		n += 1 + g.descendants(c)
	}
	return n
}

// label is e's name without a trailing "(…)" that repeats its parent's
// name or alias, which the chart already shows: "Headquarters (MIA)" under
// the Ministry is "Headquarters".
func (g *graph) label(e *model.Entity) string {
	p := e.Parent
	if p == nil || !strings.HasSuffix(e.Name, ")") {
		return e.Name
	}
	i := strings.LastIndex(e.Name, " (")
	if i < 0 {
		return e.Name
	}
	inner := e.Name[i+2 : len(e.Name)-1]
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		if inner == n {
			return e.Name[:i]
		}
	}
	return e.Name
}

// attribution returns a relation's note when it attributes the relation to
// one source ("according to S5"), cut at the first comma; otherwise "".
func attribution(r *model.Relation) string {
	if r == nil || !strings.HasPrefix(r.Note, "according to ") {
		return ""
	}
	n, _, _ := strings.Cut(r.Note, ",")
	return n
}

// sub is the small text under e's name: who leads it, and who says it
// belongs where it is shown.
func (g *graph) sub(e *model.Entity, via *model.Relation, shown func(*model.Entity) bool) string {
	var parts []string
	if a := attribution(via); a != "" {
		parts = append(parts, a)
	}
	for _, r := range e.Relations {
		if r.Type == model.HeadedBy && r.To != nil && r.To.Kind == model.Person {
			s := "led by " + r.To.Name
			if a := attribution(r); a != "" && !strings.Contains(strings.Join(parts, ""), a) {
				s += ", " + a
			}
			parts = append(parts, s)
		}
	}
	for _, r := range e.Incoming {
		if r.Type == model.HeadedBy && r.From != nil && !shown(r.From) {
			parts = append(parts, r.Type.Inverse()+" "+r.From.Name)
		}
	}
	return strings.Join(parts, "; ")
}

func kindOf(t model.RelationType) (EdgeKind, bool) {
	switch t {
	case model.ReportsTo:
		return ReportsTo, true
	case model.HeadedBy:
		return HeadedBy, true
	case model.CooperatesWith:
		return CooperatesWith, true
	case model.Party:
		return PartyTo, true
	}
	return "", false
}

// edgeLabel is the relation's note when it is short, else its phrase.
func edgeLabel(r *model.Relation) string {
	if r.Note != "" && len(r.Note) <= 34 {
		return r.Note
	}
	return r.Type.Phrase()
}

// extraEdges returns the relations between shown entities that the trees do
// not draw, in data order.
func (g *graph) extraEdges(shown map[*model.Entity]bool, inTree func(*model.Relation) bool) []Edge {
	var out []Edge
	for _, e := range g.d.Entities {
		if !shown[e] {
			continue
		}
		for _, r := range e.Relations {
			if r.To == nil || !shown[r.To] || inTree(r) {
				continue
			}
			k, ok := kindOf(r.Type)
			if !ok {
				continue
			}
			out = append(out, Edge{Kind: k, From: e.ID, To: r.To.ID, Label: edgeLabel(r)})
		}
	}
	return out
}

// subtree builds the whole part-of tree under e and marks its entities
// shown.
func (g *graph) subtree(e *model.Entity, shown map[*model.Entity]bool) *Node {
	shown[e] = true
	n := &Node{ID: e.ID, Label: g.label(e)}
	for _, c := range e.Parts {
		n.Children = append(n.Children, g.subtree(c, shown))
	}
	return n
}

// fillSubs sets the sub-labels once every shown entity is known.
func (g *graph) fillSubs(n *Node, shown map[*model.Entity]bool) {
	if e := g.d.Entity(n.ID); e != nil && n.Sub == "" {
		n.Sub = g.sub(e, g.tree[e], func(x *model.Entity) bool { return shown[x] })
	}
	for _, c := range n.Children {
		g.fillSubs(c, shown)
	}
}

// structure is the part-of tree under root with the other relations
// between its members.
func (g *graph) structure(root *model.Entity, highlight string) (Spec, bool) {
	shown := map[*model.Entity]bool{}
	tree := g.subtree(root, shown)
	if len(tree.Children) == 0 {
		return Spec{}, false
	}
	g.fillSubs(tree, shown)
	edges := g.extraEdges(shown, func(r *model.Relation) bool {
		return r.Type == model.PartOf
	})
	n := len(shown) - 1
	return Spec{
		Name:  root.ID,
		Title: root.Name + ": structure",
		Description: fmt.Sprintf("%s and the %d units that are part of it, as the sources list them, each under the unit it belongs to; "+
			"dashed lines show the other relations between them.", root.Name, n),
		Roots:     []*Node{tree},
		Edges:     edges,
		Highlight: highlight,
	}, true
}

// listedBodies returns the agencies and units named in the list that
// follows a paragraph the root's claims cite (and any paragraphs ending in
// a colon that introduce the list), in list order, with the references of
// those lists.
func (g *graph) listedBodies(root *model.Entity) ([]*model.Entity, []string) {
	var out []*model.Entity
	var refs []string
	seen := map[*model.Entity]bool{root: true}
	seenBlock := map[*model.Block]bool{}
	for _, c := range root.Claims {
		for _, ct := range c.Cites {
			if ct.Doc == nil || ct.Block == nil || ct.Block.Kind != model.Paragraph || seenBlock[ct.Block] {
				continue
			}
			seenBlock[ct.Block] = true
			bs := ct.Doc.Blocks
			i := 0
			for i < len(bs) && &bs[i] != ct.Block {
				i++
			}
			j := i + 1
			for j < len(bs) && bs[j].Kind == model.Paragraph && strings.HasSuffix(strings.TrimSpace(bs[j].Text), ":") {
				j++
			}
			first, last := j, j
			for ; j < len(bs) && bs[j].Kind == model.ListItem; j++ {
				last = j
				for _, sp := range bs[j].Spans {
					e := sp.Entity
					if e == nil || seen[e] || (e.Kind != model.Agency && e.Kind != model.Unit) {
						continue
					}
					seen[e] = true
					out = append(out, e)
				}
			}
			if last > first || (first < len(bs) && bs[first].Kind == model.ListItem) {
				refs = append(refs, fmt.Sprintf("%s %s–%s", ct.Doc.Ref, bs[i].Label(), bs[last].Label()))
			}
		}
	}
	return out, refs
}

// landscape is the national law-enforcement bodies the sources list.
func (g *graph) landscape(root *model.Entity) (Spec, bool) {
	bodies, refs := g.listedBodies(root)
	if len(bodies) == 0 {
		return Spec{}, false
	}
	all := append([]*model.Entity{root}, bodies...)
	in := map[*model.Entity]bool{}
	for _, e := range all {
		in[e] = true
	}
	shown := map[*model.Entity]bool{}
	group := &Node{Label: "National law enforcement bodies", Sub: "as " + strings.Join(refs, " and ") + " list them"}
	var add func(e *model.Entity, parent *Node)
	add = func(e *model.Entity, parent *Node) {
		shown[e] = true
		n := &Node{ID: e.ID, Label: g.label(e)}
		if k := g.descendants(e); k > 6 {
			n.Sub = fmt.Sprintf("%d units; see its structure chart", k)
		} else {
			for _, c := range e.Parts {
				if !shown[c] {
					add(c, n)
				}
			}
		}
		parent.Children = append(parent.Children, n)
	}
	for _, e := range all {
		// A listed body that is part of another listed body goes under it.
		if p := e.Parent; p != nil && in[p] {
			continue
		}
		if !shown[e] {
			add(e, group)
		}
	}
	for _, e := range all {
		if !shown[e] {
			add(e, group)
		}
	}
	edges := g.extraEdges(shown, func(r *model.Relation) bool { return r.Type == model.PartOf })
	return Spec{
		Name:  "landscape",
		Title: "National law enforcement bodies of Belarus",
		Description: fmt.Sprintf("The %s and the other national bodies responsible for aspects of law enforcement that %s list, %d in all; "+
			"a body shown inside another is part of it.", root.Name, strings.Join(refs, " and "), len(shown)),
		Roots: []*Node{group},
		Edges: edges,
	}, true
}

// ncbLine is the post the NCB reports to, the NCB with its units, and its
// channels to the bodies it cooperates with.
func (g *graph) ncbLine(ncb *model.Entity) (Spec, bool) {
	var boss *model.Relation
	for _, r := range ncb.Relations {
		if r.Type == model.ReportsTo && r.To != nil {
			boss = r
			break
		}
	}
	shown := map[*model.Entity]bool{}
	n := g.subtree(ncb, shown)
	n.Kind = ReportsTo
	var roots []*Node
	if boss != nil {
		shown[boss.To] = true
		roots = append(roots, &Node{ID: boss.To.ID, Label: boss.To.Name, Children: []*Node{n}})
	} else {
		roots = append(roots, n)
	}
	var edges []Edge
	for _, r := range ncb.Relations {
		if r.Type != model.CooperatesWith || r.To == nil || shown[r.To] {
			continue
		}
		// Show the partner inside its organisation: the chain of parents
		// from the top down to it.
		var chain []*model.Entity
		for x := r.To; x != nil && !shown[x]; x = x.Parent {
			chain = append([]*model.Entity{x}, chain...)
		}
		var top, cur *Node
		for _, x := range chain {
			shown[x] = true
			nx := &Node{ID: x.ID, Label: g.label(x)}
			if cur == nil {
				top = nx
			} else {
				cur.Children = append(cur.Children, nx)
			}
			cur = nx
		}
		if top != nil {
			roots = append(roots, top)
		}
		label := "channel"
		if a := attribution(r); a != "" {
			label += ", " + a
		}
		edges = append(edges, Edge{Kind: Channel, From: ncb.ID, To: r.To.ID, Label: label})
	}
	for _, root := range roots {
		g.fillSubs(root, shown)
	}
	edges = append(edges, g.extraEdges(shown, func(r *model.Relation) bool {
		return r.Type == model.PartOf || r == boss || (r.From == ncb && r.Type == model.CooperatesWith)
	})...)
	if len(shown) < 2 {
		return Spec{}, false
	}
	desc := fmt.Sprintf("The %s", ncb.Name)
	if boss != nil {
		desc += fmt.Sprintf(", which %s the %s, with its %d units", boss.Type.Phrase(), boss.To.Name, g.descendants(ncb))
	}
	desc += "; dash-dotted lines are its channels to the bodies it cooperates with."
	return Spec{Name: "ncb", Title: ncb.Name + ": line of command and channels", Description: desc, Roots: roots, Edges: edges}, true
}

// cooperation is an entity's cooperation partners and the instruments it
// is party to, in two groups.
func (g *graph) cooperation(e *model.Entity, highlight string) (Spec, bool) {
	shown := map[*model.Entity]bool{e: true}
	root := &Node{ID: e.ID, Label: e.Name}
	groups := []struct {
		t     model.RelationType
		kind  EdgeKind
		label string
	}{
		{model.CooperatesWith, CooperatesWith, "Cooperates with"},
		{model.Party, PartyTo, "Is party to or acts under"},
	}
	used := map[*model.Relation]bool{}
	counts := make([]int, len(groups))
	for gi, grp := range groups {
		gn := &Node{Label: grp.label, Kind: grp.kind}
		for _, r := range e.Relations {
			if r.Type != grp.t || r.To == nil || shown[r.To] {
				continue
			}
			used[r] = true
			shown[r.To] = true
			var parts []string
			if r.Note != "" {
				parts = append(parts, r.Note)
			}
			if p := r.To.Parent; p != nil {
				parts = append(parts, "part of "+p.Name)
			}
			for _, h := range r.To.Relations {
				if h.Type == model.HeadedBy && h.To != nil && h.To.Kind == model.Person {
					parts = append(parts, "led by "+h.To.Name)
				}
			}
			gn.Children = append(gn.Children, &Node{ID: r.To.ID, Label: r.To.Name, Sub: strings.Join(parts, "; "), Kind: grp.kind})
		}
		counts[gi] = len(gn.Children)
		if len(gn.Children) > 0 {
			root.Children = append(root.Children, gn)
		}
	}
	if len(root.Children) == 0 {
		return Spec{}, false
	}
	edges := g.extraEdges(shown, func(r *model.Relation) bool { return used[r] || r.Type == model.PartOf })
	return Spec{
		Name:  e.ID + "-cooperation",
		Title: e.Name + ": international cooperation",
		Description: fmt.Sprintf("The %d bodies the %s cooperates with and the %d instruments it is party to or acts under, as the sources report them; "+
			"dashed lines join other parties to the same instruments.", counts[0], e.Name, counts[1]),
		Roots:     []*Node{root},
		Edges:     edges,
		Highlight: highlight,
	}, true
}
