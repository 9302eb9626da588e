package orgchart

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/model"
)

// Charts returns the dossier's organisation charts, built from the
// relations in the resolved dossier d:
//
//   - first the charts the sources declare (d.Charts), in their order, each
//     named by its id, with its title and, when given, its caption;
//   - then a structure chart for every agency or unit with parts that is
//     not itself part of another body (see model.Entity.Parts), unless a
//     declared structure chart already starts from it, in data order, named
//     by the entity's id.
//
// Each chart's Sources are the documents cited by the relations it draws,
// so that its caption can say what date its structure is attested for.
// What each kind of chart shows is described at model.ChartKind. A chart
// that would show a single box is left out. Titles and descriptions not
// declared are made from the entities' names and counts. The result depends
// only on d; d's declarations were checked when it was loaded and resolved.
func Charts(d *model.Dossier) []Spec {
	g := newGraph(d)
	var out []Spec
	names := map[string]bool{}
	for _, c := range d.Charts {
		if s, ok := g.declared(c, ""); ok && !names[s.Name] {
			names[s.Name] = true
			g.attest(&s)
			out = append(out, s)
		}
	}
	for _, e := range d.Entities {
		if !hasStructure(e) || g.declaredStructure(e) != nil {
			continue
		}
		s, ok := g.structure([]*model.Entity{e}, "")
		if !ok {
			continue
		}
		for names[s.Name] {
			s.Name += "-structure"
		}
		names[s.Name] = true
		g.attest(&s)
		out = append(out, s)
	}
	return out
}

// hasStructure reports whether e gets a structure chart of its own by
// default: an agency or unit with parts that is part of nothing.
func hasStructure(e *model.Entity) bool {
	return (e.Kind == model.Agency || e.Kind == model.Unit) && e.Parent == nil && len(e.Parts) > 0
}

// ForEntity returns the chart for the page of the agency or unit id, with
// that entity highlighted: the structure chart of the organisation it
// belongs to (declared or default, as Charts names it), or, for a body
// without parts, the cooperation chart declared for it or else one made
// with the default relation types. The chart keeps its own name, so that it
// can be laid out once for every page that shows it. It returns false when
// the entity is not an agency or unit, or has nothing to chart.
func ForEntity(d *model.Dossier, id string) (Spec, bool) {
	s, ok := forEntity(d, id)
	if ok {
		newGraph(d).attest(&s)
	}
	return s, ok
}

func forEntity(d *model.Dossier, id string) (Spec, bool) {
	e := d.Entity(id)
	if e == nil || (e.Kind != model.Agency && e.Kind != model.Unit) {
		return Spec{}, false
	}
	g := newGraph(d)
	top := e
	for p := top.Parent; p != nil; p = top.Parent {
		top = p
	}
	if len(top.Parts) > 0 {
		if c := g.declaredStructure(top); c != nil {
			return g.declared(c, id)
		}
		if s, ok := g.structure([]*model.Entity{top}, id); ok {
			for _, c := range d.Charts {
				if c.ID == s.Name {
					s.Name += "-structure"
				}
			}
			return s, true
		}
	}
	for _, c := range d.Charts {
		if c.Kind == model.CooperationChart && len(c.Roots) == 1 && c.Roots[0] == e {
			return g.declared(c, id)
		}
	}
	return g.cooperation(e, model.CooperationChart.DefaultFollow(), id)
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

// declaredStructure returns the first declared structure chart that starts
// from e, or nil.
func (g *graph) declaredStructure(e *model.Entity) *model.ChartDecl {
	for _, c := range g.d.Charts {
		if c.Kind == model.StructureChart && slices.Contains(c.Roots, e) {
			return c
		}
	}
	return nil
}

// declared builds the chart c declares, highlighting the entity highlight.
func (g *graph) declared(c *model.ChartDecl, highlight string) (Spec, bool) {
	if len(c.Roots) == 0 {
		return Spec{}, false
	}
	var s Spec
	var ok bool
	switch c.Kind {
	case model.LineChart:
		s, ok = g.line(c.Roots[0], c.Follow)
	case model.CooperationChart:
		s, ok = g.cooperation(c.Roots[0], c.Follow, highlight)
	case model.GroupChart:
		s, ok = g.group(c.Roots, c.Follow)
	default:
		s, ok = g.structure(c.Roots, highlight)
	}
	if !ok {
		return Spec{}, false
	}
	s.Name, s.Title = c.ID, c.Title
	if c.Caption != "" {
		s.Description = c.Caption
	}
	switch c.Orientation {
	case model.PortraitOrientation:
		s.Orientation = Portrait
	case model.LandscapeOrientation:
		s.Orientation = Landscape
	}
	s.Highlight = ""
	if highlight != "" && s.shows(highlight) {
		s.Highlight = highlight
	}
	return s, true
}

// shows reports whether s has a box for the entity id.
func (s *Spec) shows(id string) bool {
	found := false
	var rec func(n *Node)
	rec = func(n *Node) {
		if n.ID == id {
			found = true
		}
		for _, c := range n.Children {
			rec(c)
		}
	}
	for _, r := range s.Roots {
		rec(r)
	}
	return found
}

func (g *graph) descendants(e *model.Entity) int {
	n := 0
	for _, c := range e.Parts {
		n += 1 + g.descendants(c)
	}
	return n
}

// label is e's name without a trailing "(…)" that repeats its parent's
// name or alias, which the chart already shows: "Records Office (DPS)" under
// the Department of Public Safety (DPS) is "Records Office".
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

// kindOf returns the kind of line that draws relations of type t between
// two boxes, and false for a type no chart draws as a line.
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
	case model.Amends:
		return Amends, true
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

// upperFirst returns s with its first letter in upper case, for a heading
// made from a name written in running-text case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
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
		if !shown[c] {
			n.Children = append(n.Children, g.subtree(c, shown))
		}
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

// chain returns the boxes from the outermost body e belongs to down to e,
// leaving out bodies already shown, each under the one it is part of: the
// top box and e's box.
func (g *graph) chain(e *model.Entity, shown map[*model.Entity]bool) (top, leaf *Node) {
	var list []*model.Entity
	for x := e; x != nil && !shown[x]; x = x.Parent {
		list = append([]*model.Entity{x}, list...)
	}
	for _, x := range list {
		shown[x] = true
		nx := &Node{ID: x.ID, Label: g.label(x)}
		if leaf == nil {
			top = nx
		} else {
			leaf.Children = append(leaf.Children, nx)
		}
		leaf = nx
	}
	return top, leaf
}

// structure is the part-of tree under each root with the other relations
// between its members.
func (g *graph) structure(roots []*model.Entity, highlight string) (Spec, bool) {
	shown := map[*model.Entity]bool{}
	var trees []*Node
	for _, r := range roots {
		if !shown[r] {
			trees = append(trees, g.subtree(r, shown))
		}
	}
	if len(shown) < 2 {
		return Spec{}, false
	}
	for _, t := range trees {
		g.fillSubs(t, shown)
	}
	edges := g.extraEdges(shown, func(r *model.Relation) bool {
		return r.Type == model.PartOf
	})
	n := len(shown) - len(trees)
	desc := fmt.Sprintf("%s and %s that %s part of it, as the sources list them, each under the unit it belongs to",
		roots[0].Name, spelled(n, "the unit", "the %s units"), plural(n, "is", "are"))
	if len(trees) > 1 {
		desc = fmt.Sprintf("%d bodies and %s that %s part of them, as the sources list them, each under the unit it belongs to",
			len(trees), spelled(n, "the unit", "the %s units"), plural(n, "is", "are"))
	}
	if len(edges) > 0 {
		desc += "; dashed lines show the other relations between them"
	}
	desc += "."
	hl := ""
	if shown[g.d.Entity(highlight)] {
		hl = highlight
	}
	return Spec{
		Name:        roots[0].ID,
		Title:       roots[0].Name + ": structure",
		Description: desc,
		Roots:       trees,
		Edges:       edges,
		Highlight:   hl,
	}, true
}

// group is the entities that have one of the relation types follow to one
// of the roots, in data order, in one box named after the roots. A member
// that is part of a body not in the group is drawn under it; a member with
// a few parts shows them, one with more says how many.
func (g *graph) group(roots []*model.Entity, follow []model.RelationType) (Spec, bool) {
	isRoot := map[*model.Entity]bool{}
	var names []string
	for _, r := range roots {
		isRoot[r] = true
		names = append(names, r.Name)
	}
	var members []*model.Entity
	in := map[*model.Entity]bool{}
	var cites []model.Citation
	for _, e := range g.d.Entities {
		for _, r := range e.Relations {
			if r.To != nil && isRoot[r.To] && slices.Contains(follow, r.Type) {
				if !in[e] {
					in[e] = true
					members = append(members, e)
				}
				cites = append(cites, r.Cites...)
			}
		}
	}
	if len(members) == 0 {
		return Spec{}, false
	}
	label := upperFirst(strings.Join(names, " and "))
	group := &Node{Label: label}
	if refs := citedRanges(g.d, cites); refs != "" {
		group.Sub = "as " + refs + " list them"
	}
	shown := map[*model.Entity]bool{}
	var add func(e *model.Entity, parent *Node)
	add = func(e *model.Entity, parent *Node) {
		shown[e] = true
		n := &Node{ID: e.ID, Label: g.label(e)}
		if k := g.descendants(e); k > 6 {
			n.Sub = count(k, "one unit", "%d units") + "; see its structure chart"
		} else {
			for _, c := range e.Parts {
				if !shown[c] {
					add(c, n)
				}
			}
		}
		parent.Children = append(parent.Children, n)
	}
	// A member that is part of another member goes under it, once that
	// one is placed.
	for _, e := range members {
		if e.Parent != nil && in[e.Parent] {
			continue
		}
		if !shown[e] {
			if e.Parent != nil {
				top, leaf := g.chain(e.Parent, shown)
				if top != nil {
					group.Children = append(group.Children, top)
					add(e, leaf)
					continue
				}
			}
			add(e, group)
		}
	}
	for _, e := range members {
		if !shown[e] {
			add(e, group)
		}
	}
	edges := g.extraEdges(shown, func(r *model.Relation) bool { return r.Type == model.PartOf })
	return Spec{
		Name:    roots[0].ID,
		Title:   label,
		Sources: g.d.CitedBy([]*model.Relation{{Cites: cites}}),
		Description: fmt.Sprintf("%s the sources list as %s; a body drawn under another, joined by a solid line, is part of it.",
			upperFirst(spelled(len(members), "the body", "the %s bodies")), strings.Join(names, " and ")),
		Roots: []*Node{group},
		Edges: edges,
	}, true
}

// citedRanges describes where citations point, per source in the order of
// the sources, from the first paragraph to the last: "S1 ¶3–¶9 and S2
// ¶7–¶14".
func citedRanges(d *model.Dossier, cites []model.Citation) string {
	type span struct{ lo, hi *model.Block }
	spans := map[*model.Document]*span{}
	for _, c := range cites {
		if c.Doc == nil || c.Block == nil || c.Block.Number == 0 {
			continue
		}
		s := spans[c.Doc]
		if s == nil {
			spans[c.Doc] = &span{c.Block, c.Block}
			continue
		}
		if c.Block.Number < s.lo.Number {
			s.lo = c.Block
		}
		if c.Block.Number > s.hi.Number {
			s.hi = c.Block
		}
	}
	var out []string
	for _, doc := range d.Documents {
		s := spans[doc]
		if s == nil {
			continue
		}
		r := doc.Ref + " " + s.lo.Label()
		if s.hi != s.lo {
			r += "–" + s.hi.Label()
		}
		out = append(out, r)
	}
	return strings.Join(out, " and ")
}

// line is root in its line of command: the body it reports to above it
// (when follow has reports-to), root with its parts, and, for the other
// relation types followed, the bodies it has them with, each drawn under
// its organisation; cooperates-with is drawn as a channel.
func (g *graph) line(root *model.Entity, follow []model.RelationType) (Spec, bool) {
	var boss *model.Relation
	if slices.Contains(follow, model.ReportsTo) {
		for _, r := range root.Relations {
			if r.Type == model.ReportsTo && r.To != nil {
				boss = r
				break
			}
		}
	}
	shown := map[*model.Entity]bool{}
	n := g.subtree(root, shown)
	var roots []*Node
	if boss != nil && !shown[boss.To] {
		n.Kind = ReportsTo
		shown[boss.To] = true
		roots = append(roots, &Node{ID: boss.To.ID, Label: boss.To.Name, Children: []*Node{n}})
	} else {
		roots = append(roots, n)
	}
	used := map[*model.Relation]bool{}
	var edges []Edge
	for _, r := range root.Relations {
		if r == boss || r.To == nil || shown[r.To] || r.Type == model.PartOf || !slices.Contains(follow, r.Type) {
			continue
		}
		kind, label := Channel, "channel"
		if r.Type != model.CooperatesWith {
			k, ok := kindOf(r.Type)
			if !ok {
				continue
			}
			kind, label = k, r.Type.Phrase()
		}
		if top, _ := g.chain(r.To, shown); top != nil {
			roots = append(roots, top)
		}
		if a := attribution(r); a != "" {
			label += ", " + a
		}
		used[r] = true
		edges = append(edges, Edge{Kind: kind, From: root.ID, To: r.To.ID, Label: label})
	}
	for _, rt := range roots {
		g.fillSubs(rt, shown)
	}
	edges = append(edges, g.extraEdges(shown, func(r *model.Relation) bool {
		return r.Type == model.PartOf || r == boss || used[r]
	})...)
	if len(shown) < 2 {
		return Spec{}, false
	}
	desc := fmt.Sprintf("The %s", root.Name)
	if boss != nil {
		desc += fmt.Sprintf(", which %s the %s", boss.Type.Phrase(), boss.To.Name)
		if k := g.descendants(root); k > 0 {
			desc += ", with " + spelled(k, "its unit", "its %s units")
		}
	}
	if len(used) > 0 {
		desc += "; dash-dotted lines are its channels to the bodies it cooperates with"
	}
	return Spec{Name: root.ID + "-line", Title: root.Name + ": line of command and channels", Description: desc + ".", Roots: roots, Edges: edges}, true
}

// cooperation is an entity and, for each relation type in follow, a group
// of the entities it has that relation with.
func (g *graph) cooperation(e *model.Entity, follow []model.RelationType, highlight string) (Spec, bool) {
	shown := map[*model.Entity]bool{e: true}
	root := &Node{ID: e.ID, Label: e.Name}
	used := map[*model.Relation]bool{}
	var counts []string
	for _, t := range follow {
		kind, ok := kindOf(t)
		if !ok {
			kind = CooperatesWith
		}
		gn := &Node{Label: upperFirst(t.Phrase()), Kind: kind}
		kinds := map[model.EntityKind]bool{} // of the partners in gn
		add := func(partner *model.Entity, r *model.Relation) {
			if partner == nil || shown[partner] {
				return
			}
			used[r] = true
			shown[partner] = true
			kinds[partner.Kind] = true
			var parts []string
			if r.Note != "" {
				parts = append(parts, r.Note)
			}
			if p := partner.Parent; p != nil {
				parts = append(parts, "part of "+p.Name)
			}
			for _, h := range partner.Relations {
				if h.Type == model.HeadedBy && h.To != nil && h.To.Kind == model.Person {
					parts = append(parts, "led by "+h.To.Name)
				}
			}
			gn.Children = append(gn.Children, &Node{ID: partner.ID, Label: partner.Name, Sub: strings.Join(parts, "; "), Kind: kind})
		}
		for _, r := range e.Relations {
			if r.Type == t {
				add(r.To, r)
			}
		}
		// A relation that reads the same from both ends (cooperation)
		// is the chart's whichever of the two it is written on.
		if t.Symmetric() {
			for _, r := range e.Incoming {
				if r.Type == t {
					add(r.From, r)
				}
			}
		}
		if len(gn.Children) > 0 {
			root.Children = append(root.Children, gn)
			one, many := partnerNoun(kinds)
			counts = append(counts, spelled(len(gn.Children), "the "+one, "the %s "+many)+" it "+t.Phrase())
		}
	}
	if len(root.Children) == 0 {
		return Spec{}, false
	}
	edges := g.extraEdges(shown, func(r *model.Relation) bool { return used[r] || r.Type == model.PartOf })
	hl := ""
	if highlight == e.ID {
		hl = highlight
	}
	return Spec{
		Name:  e.ID + "-cooperation",
		Title: e.Name + ": cooperation",
		Shows: "cooperation",
		Description: fmt.Sprintf("The %s and, as the sources report them, %s%s.",
			e.Name, joinAnd(counts), dashed(edges, "; dashed lines show the relations among them")),
		Roots:     []*Node{root},
		Edges:     edges,
		Highlight: hl,
	}, true
}

// partnerNoun is what the partners of a cooperation chart's group, of
// the kinds given, are called in its caption, one and many: "the
// instrument it is bound by", "the two bodies it cooperates with".
func partnerNoun(kinds map[model.EntityKind]bool) (one, many string) {
	if len(kinds) == 1 {
		switch {
		case kinds[model.Instrument]:
			return "instrument", "instruments"
		case kinds[model.Person]:
			return "person", "people"
		case kinds[model.Place]:
			return "place", "places"
		}
	}
	return "body", "bodies"
}

// dashed returns text when there are edges to explain, else "".
func dashed(edges []Edge, text string) string {
	if len(edges) == 0 {
		return ""
	}
	return text
}

// count returns one when n is 1, else many with n in place of its %d.
func count(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}

// spelled is count for a caption's running text: n in words up to twenty
// ("the two it cooperates with"), as the wording writes numbers; many has
// %s in place of n.
func spelled(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, model.NumberWords(n))
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// joinAnd joins phrases as running text does: "a, b and c".
func joinAnd(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// attest sets s.Sources: the documents cited by the relations s draws,
// each line of its trees and each further edge, between the entities at
// its two ends.
func (g *graph) attest(s *Spec) {
	var rels []*model.Relation
	between := func(a, b string) {
		ea, eb := g.d.Entity(a), g.d.Entity(b)
		if ea == nil || eb == nil {
			return
		}
		for _, r := range ea.Relations {
			if r.To == eb {
				rels = append(rels, r)
			}
		}
		for _, r := range eb.Relations {
			if r.To == ea {
				rels = append(rels, r)
			}
		}
	}
	// A line from a box that stands for no entity (a group of partners
	// under its relation's name) is drawn for the entity above it.
	var walk func(n *Node, above string)
	walk = func(n *Node, above string) {
		if n.ID != "" {
			above = n.ID
		}
		for _, c := range n.Children {
			between(above, c.ID)
			walk(c, above)
		}
	}
	for _, r := range s.Roots {
		walk(r, "")
	}
	for _, e := range s.Edges {
		between(e.From, e.To)
	}
	// What the chart already rests on (a group's memberships, drawn as
	// the group's box) stays.
	rels = append(rels, &model.Relation{Cites: citationsOf(s.Sources)})
	s.Sources = g.d.CitedBy(rels)
}

// citationsOf stands for the documents docs as citations, for CitedBy.
func citationsOf(docs []*model.Document) []model.Citation {
	out := make([]model.Citation, len(docs))
	for i, doc := range docs {
		out[i] = model.Citation{Doc: doc}
	}
	return out
}
