package orgchart

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func measurer(tb testing.TB) Measurer {
	tb.Helper()
	ms, err := goFontsMeasurer()
	if err != nil {
		tb.Fatal(err)
	}
	return ms
}

var words = strings.Fields(`department directorate main for combating organized crime corruption police
criminal public security national central bureau investigation traffic control international missing people
fugitives extraditions desk transnational intelligence economic high-tech drugs trafficking in human beings
protection of property order state border guard customs committee forensics center information internal
headquarters secretariat command educational institutions antiterrorism unit Ministry Affairs`)

// shape names a family of generated trees.
type shape struct {
	name  string
	build func(r *rand.Rand, g *gen) []*Node
}

// gen makes nodes with unique ids and labels drawn from words.
type gen struct {
	r    *rand.Rand
	n    int
	long bool // labels of many words, some overlong words
}

func (g *gen) node(children ...*Node) *Node {
	g.n++
	k := 1 + g.r.IntN(4)
	if g.long {
		k = 3 + g.r.IntN(9)
	}
	var ws []string
	for range k {
		ws = append(ws, words[g.r.IntN(len(words))])
	}
	if g.long && g.r.IntN(4) == 0 {
		ws = append(ws, "Überlongcompoundwordthatcannotbreakanywhereatall")
	}
	n := &Node{ID: fmt.Sprintf("n%d", g.n), Label: strings.Join(ws, " "), Children: children}
	if g.r.IntN(3) == 0 {
		n.Sub = words[g.r.IntN(len(words))] + " " + words[g.r.IntN(len(words))]
	}
	return n
}

func (g *gen) leaves(k int) []*Node {
	var out []*Node
	for range k {
		out = append(out, g.node())
	}
	return out
}

// random builds a tree of up to size nodes, branching at random, depth at
// most depth.
func (g *gen) random(size, depth int) *Node {
	root := g.node()
	level := []*Node{root}
	count := 1
	for d := 0; d < depth && count < size; d++ {
		var next []*Node
		for _, p := range level {
			k := g.r.IntN(6)
			if g.r.IntN(5) == 0 {
				k += g.r.IntN(12)
			}
			for range k {
				if count >= size {
					break
				}
				c := g.node()
				p.Children = append(p.Children, c)
				next = append(next, c)
				count++
			}
		}
		level = next
	}
	return root
}

func shapes() []shape {
	chain := func(g *gen, depth int) *Node {
		n := g.node()
		for range depth {
			n = g.node(n)
		}
		return n
	}
	var out []shape
	out = append(out,
		shape{"single", func(r *rand.Rand, g *gen) []*Node { return []*Node{g.node()} }},
		shape{"chain", func(r *rand.Rand, g *gen) []*Node { return []*Node{chain(g, 6)} }},
		shape{"single-children-under-wide", func(r *rand.Rand, g *gen) []*Node {
			root := g.node()
			for range 5 {
				root.Children = append(root.Children, chain(g, 1+r.IntN(3)))
			}
			return []*Node{root}
		}},
	)
	for _, k := range []int{1, 2, 3, 5, 8, 13, 21, 30, 40} {
		out = append(out, shape{fmt.Sprintf("leaves-%d", k), func(r *rand.Rand, g *gen) []*Node {
			return []*Node{g.node(g.leaves(k)...)}
		}})
	}
	out = append(out,
		shape{"mixed-like-ministry", func(r *rand.Rand, g *gen) []*Node {
			root := g.node(g.leaves(11)...)
			root.Children = append(root.Children[:2], append([]*Node{g.node(append(g.leaves(5), g.node(g.leaves(3)...))...)}, root.Children[2:]...)...)
			root.Children = append(root.Children, g.node(g.leaves(5)...))
			return []*Node{root}
		}},
		shape{"deep-and-wide", func(r *rand.Rand, g *gen) []*Node {
			return []*Node{g.node(g.node(g.leaves(6)...), g.node(g.node(g.leaves(4)...), g.node()), g.node(g.leaves(9)...))}
		}},
		shape{"forest", func(r *rand.Rand, g *gen) []*Node {
			return []*Node{g.random(8, 3), g.node(), g.random(6, 2)}
		}},
		shape{"random", func(r *rand.Rand, g *gen) []*Node { return []*Node{g.random(10+r.IntN(30), 1+r.IntN(4))} }},
	)
	return out
}

// spec makes a Spec of the shape with a few extra edges and a highlight.
func makeSpec(sh shape, seed uint64, long bool) *Spec {
	r := rand.New(rand.NewPCG(seed, 0x0c))
	g := &gen{r: r, long: long}
	s := &Spec{Name: sh.name, Title: "Chart " + sh.name, Description: "A generated chart."}
	s.Roots = sh.build(r, g)
	var ids []string
	walk(s, func(n *Node) { ids = append(ids, n.ID) })
	if len(ids) > 1 {
		kinds := []EdgeKind{ReportsTo, CooperatesWith, Channel, PartyTo, HeadedBy}
		for i := range r.IntN(4) {
			a, b := r.IntN(len(ids)), r.IntN(len(ids))
			if a == b {
				continue
			}
			label := ""
			if i%2 == 0 {
				label = "note " + words[r.IntN(len(words))]
			}
			s.Edges = append(s.Edges, Edge{Kind: kinds[r.IntN(len(kinds))], From: ids[a], To: ids[b], Label: label})
		}
		s.Highlight = ids[r.IntN(len(ids))]
	}
	return s
}

// checkChart asserts the layout properties every chart must have; s, when
// not nil, is the Spec c was laid out from.
func checkChart(t *testing.T, s *Spec, c *Chart, o Options) {
	t.Helper()
	o, _ = o.withDefaults()
	const eps = 1e-6
	m := newMetrics(o)
	if s != nil {
		nodes := 0
		walk(s, func(*Node) { nodes++ })
		if len(c.Boxes) != nodes {
			t.Fatalf("%d boxes for %d nodes", len(c.Boxes), nodes)
		}
	}
	// No two boxes overlap.
	for i := range c.Boxes {
		for j := i + 1; j < len(c.Boxes); j++ {
			if c.Boxes[i].Rect.Overlaps(c.Boxes[j].Rect) {
				t.Errorf("boxes %q %v and %q %v overlap", c.Boxes[i].Label, c.Boxes[i].Rect, c.Boxes[j].Label, c.Boxes[j].Rect)
			}
		}
	}
	// Every line fits its box, per the Measurer, with the text margin.
	for _, b := range c.Boxes {
		if b.Rect.W > o.MaxBoxWidth+eps {
			t.Errorf("box %q is %.1f wide, more than %.1f", b.Label, b.Rect.W, o.MaxBoxWidth)
		}
		var text []string
		for _, l := range b.Lines {
			w := o.Measurer.Width(l.Text, l.Size, l.Bold)
			if math.Abs(w-l.Width) > eps {
				t.Errorf("line %q: width %.2f, Measurer says %.2f", l.Text, l.Width, w)
			}
			inner := b.Rect.W - 2*m.padX
			if w*m.txtScale > inner+eps || l.X < b.Rect.X+m.padX-eps || l.X+w > b.Rect.Right()-m.padX+eps {
				t.Errorf("line %q (%.1f wide at %.1f) does not fit box %v", l.Text, w, l.X, b.Rect)
			}
			if l.Y-l.Size < b.Rect.Y-eps || l.Y > b.Rect.Bottom()+eps {
				t.Errorf("line %q baseline %.1f outside box %v", l.Text, l.Y, b.Rect)
			}
			text = append(text, l.Text)
		}
		if got, want := strings.Join(strings.Fields(strings.Join(text, " ")), ""), strings.Join(strings.Fields(b.Label+" "+b.Sub), ""); got != want {
			t.Errorf("wrapped lines %q lose text of %q", text, b.Label+" / "+b.Sub)
		}
	}
	// Edges: orthogonal, end on their boxes' borders, cross no box.
	anchors := map[int][]float64{}
	for _, e := range c.Edges {
		if len(e.Points) < 2 {
			t.Errorf("edge %d→%d has %d points", e.From, e.To, len(e.Points))
			continue
		}
		from, to := c.Boxes[e.From].Rect, c.Boxes[e.To].Rect
		if !onBorder(e.Points[0], from, eps) || !onBorder(e.Points[len(e.Points)-1], to, eps) {
			t.Errorf("edge %s %q→%q: ends %v, %v not on borders %v, %v", e.Kind, c.Boxes[e.From].Label, c.Boxes[e.To].Label, e.Points[0], e.Points[len(e.Points)-1], from, to)
		}
		for i := 0; i+1 < len(e.Points); i++ {
			a, b := e.Points[i], e.Points[i+1]
			if a.X != b.X && a.Y != b.Y {
				t.Errorf("edge %s %d→%d: segment %v–%v is not orthogonal", e.Kind, e.From, e.To, a, b)
			}
			for k, bx := range c.Boxes {
				r := bx.Rect
				r = Rect{r.X + eps, r.Y + eps, r.W - 2*eps, r.H - 2*eps}
				if segmentCrossesInterior(a, b, r) {
					t.Errorf("edge %s %q→%q: segment %v–%v crosses box %q %v", e.Kind, c.Boxes[e.From].Label, c.Boxes[e.To].Label, a, b, c.Boxes[k].Label, bx.Rect)
				}
			}
		}
		if e.Tree {
			if p0 := e.Points[0]; math.Abs(p0.X-from.Center().X) > eps || math.Abs(p0.Y-from.Bottom()) > eps {
				t.Errorf("tree edge from %q leaves at %v, not the middle of its bottom", c.Boxes[e.From].Label, e.Points[0])
			}
			// The line enters the child at the middle of its top, coming
			// down from the child's centre, or, for a box in a column, at
			// the middle of its left side, coming across from the spine.
			// The anchor is the x of the last vertical segment: the child's
			// centre, or the spine.
			end, last := e.Points[len(e.Points)-1], e.Points[len(e.Points)-2]
			ax := end.X
			switch {
			case math.Abs(end.X-to.Center().X) <= eps && math.Abs(end.Y-to.Y) <= eps && last.X == end.X && last.Y < end.Y:
			case math.Abs(end.X-to.X) <= eps && math.Abs(end.Y-to.Center().Y) <= eps && last.Y == end.Y && last.X < end.X && len(e.Points) >= 3:
				ax = last.X
			default:
				t.Errorf("tree edge to %q ends %v after %v: not down into the middle of its top nor across into the middle of its left side %v", c.Boxes[e.To].Label, end, last, to)
			}
			anchors[e.From] = append(anchors[e.From], ax)
			if c.Boxes[e.To].Parent != e.From {
				t.Errorf("tree edge %d→%d but the box's parent is %d", e.From, e.To, c.Boxes[e.To].Parent)
			}
		}
	}
	// Parents centred over their children's anchors.
	for p, xs := range anchors {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, x := range xs {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		if cx := c.Boxes[p].Rect.Center().X; math.Abs(cx-(lo+hi)/2) > 1e-6 {
			t.Errorf("parent %q centred at %.2f, its children's anchors span %.2f–%.2f", c.Boxes[p].Label, cx, lo, hi)
		}
	}
	// Everything inside the chart, and the chart on the page.
	in := func(what string, x, y float64) {
		if x < -eps || y < -eps || x > c.Width+eps || y > c.Height+eps {
			t.Errorf("%s at (%.1f, %.1f) lies outside the chart %.1f×%.1f", what, x, y, c.Width, c.Height)
		}
	}
	for _, b := range c.Boxes {
		in("box "+b.Label, b.Rect.X, b.Rect.Y)
		in("box "+b.Label, b.Rect.Right(), b.Rect.Bottom())
	}
	for _, e := range c.Edges {
		for _, p := range e.Points {
			in("edge point", p.X, p.Y)
		}
		if e.Label != "" {
			in("label "+e.Label, e.LabelBox.X, e.LabelBox.Y)
			in("label "+e.Label, e.LabelBox.Right(), e.LabelBox.Bottom())
			// The text, its capitals (0.7 em) and descenders (0.2 em), lies
			// on its white ground.
			r, l := e.LabelBox, e.Text
			if l.Text != e.Label || l.X < r.X-eps || l.X+l.Width > r.Right()+eps || l.Y-0.7*l.Size < r.Y-eps || l.Y+0.2*l.Size > r.Bottom()+eps {
				t.Errorf("label %q (%.1f wide at %.1f, baseline %.1f) does not fit its ground %v", e.Label, l.Width, l.X, l.Y, r)
			}
		}
	}
	for _, it := range c.Legend {
		in("legend", it.Text.X+it.Text.Width, it.Text.Y)
	}
	pw, ph := o.Width, o.Height
	if c.Orientation == Landscape {
		pw, ph = ph, pw
	}
	if c.Width*c.Scale > pw+eps || c.Height*c.Scale > ph+eps {
		t.Errorf("chart %.1f×%.1f at scale %.3f does not fit the %s page %.0f×%.0f", c.Width, c.Height, c.Scale, c.Orientation, pw, ph)
	}
	// No text under the minimum size once scaled: labels, sub-labels, edge
	// labels and the legend.
	if c.Scale > 1 {
		t.Errorf("scale %.3f", c.Scale)
	}
	small := func(l Line) {
		if l.Size*c.Scale < o.MinFontSize-eps {
			t.Errorf("text %q set at %.2f pt; minimum %.2f", l.Text, l.Size*c.Scale, o.MinFontSize)
		}
	}
	for _, b := range c.Boxes {
		for _, l := range b.Lines {
			small(l)
		}
	}
	for _, e := range c.Edges {
		if e.Label != "" {
			small(e.Text)
		}
	}
	for _, it := range c.Legend {
		small(it.Text)
	}
	checkPorts(t, c)
	// The legend lists exactly the kinds drawn.
	var got []EdgeKind
	for _, it := range c.Legend {
		got = append(got, it.Kind)
	}
	if want := usedKinds(c.Edges); !reflect.DeepEqual(got, want) {
		t.Errorf("legend %v, want %v", got, want)
	}
}

func TestLayoutProperties(t *testing.T) {
	ms := measurer(t)
	for _, sh := range shapes() {
		for _, long := range []bool{false, true} {
			for seed := uint64(1); seed <= 6; seed++ {
				name := fmt.Sprintf("%s/long=%v/seed=%d", sh.name, long, seed)
				t.Run(name, func(t *testing.T) {
					s := makeSpec(sh, seed, long)
					o := Options{Measurer: ms}
					c, err := Layout(s, o)
					if errors.Is(err, ErrTooLarge) {
						// Too large for the page at 8 pt: split, and
						// check the charts of the split.
						cs, serr := LayoutSplit(makeSpec(sh, seed, long), o)
						if serr == nil {
							checkSplit(t, s, cs, o)
						} else if !errors.Is(serr, ErrTooLarge) {
							t.Fatal(serr)
						}
						// Check the unsplit layout too, at any size.
						o.MinFontSize = 1
						c, err = Layout(s, o)
					}
					if err != nil {
						t.Fatal(err)
					}
					checkChart(t, s, c, o)
					// The same input gives the same chart and the same bytes.
					c2, err := Layout(makeSpec(sh, seed, long), o) // a fresh, equal spec
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(c, c2) {
						t.Fatal("two layouts of the same spec differ")
					}
					var a, b bytes.Buffer
					if err := SVG(&a, c, SVGOptions{}); err != nil {
						t.Fatal(err)
					}
					if err := SVG(&b, c2, SVGOptions{}); err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(a.Bytes(), b.Bytes()) {
						t.Fatal("two SVGs of the same chart differ")
					}
				})
			}
		}
	}
}

// TestPageSizes lays the wide shapes out on small and odd pages: each
// either fits or reports ErrTooLarge, never text below the minimum.
func TestPageSizes(t *testing.T) {
	ms := measurer(t)
	pages := []struct{ w, h float64 }{{462, 650}, {300, 400}, {800, 300}, {200, 200}}
	for _, sh := range shapes() {
		for _, pg := range pages {
			t.Run(fmt.Sprintf("%s/%gx%g", sh.name, pg.w, pg.h), func(t *testing.T) {
				s := makeSpec(sh, 7, false)
				o := Options{Measurer: ms, Width: pg.w, Height: pg.h}
				c, err := Layout(s, o)
				if err != nil {
					if !errors.Is(err, ErrTooLarge) {
						t.Fatal(err)
					}
					return
				}
				checkChart(t, s, c, o)
			})
		}
	}
}

// checkPorts asserts that no two lines end at one point of a box: every
// routed edge's ends, and every tree line's end at its child, are points
// of their own; the tree lines from one parent share their start, the
// parent's bus, which counts as one.
func checkPorts(t *testing.T, c *Chart) {
	t.Helper()
	type end struct {
		box int
		at  Point
	}
	seen := map[end]string{}
	busy := func(e end, what string) {
		if prev, ok := seen[e]; ok {
			t.Errorf("%s and %s end at one point %v of box %q", prev, what, e.at, c.Boxes[e.box].Label)
		}
		seen[e] = what
	}
	buses := map[int]bool{}
	for i, e := range c.Edges {
		if len(e.Points) < 2 {
			continue
		}
		first, last := e.Points[0], e.Points[len(e.Points)-1]
		what := fmt.Sprintf("edge %d (%s %q→%q)", i, e.Kind, c.Boxes[e.From].Label, c.Boxes[e.To].Label)
		if e.Tree {
			if !buses[e.From] {
				buses[e.From] = true
				busy(end{e.From, first}, what)
			}
		} else {
			busy(end{e.From, first}, what)
		}
		busy(end{e.To, last}, what)
	}
}

// checkSplit asserts what LayoutSplit promises: every chart is a good
// chart; together they show every node of s once as a full box (a
// branch's stand-in in the overview names the chart that draws it, whose
// root it is); every extra edge of s is drawn between its ends or, where
// an end was collapsed, the box that stands for it.
func checkSplit(t *testing.T, s *Spec, cs []*Chart, o Options) {
	t.Helper()
	if len(cs) < 2 {
		t.Fatalf("a split into %d chart", len(cs))
	}
	byName := map[string]*Chart{}
	for _, c := range cs[1:] {
		// A branch whose root stands for no entity (a group of parts or
		// partners) is named by the words its box shows, in quotes.
		if len(c.Boxes) > 0 && c.Boxes[0].ID == "" && c.Title != s.Title+" — “"+c.Boxes[0].Label+"”" {
			t.Errorf("the chart of group %q is titled %q", c.Boxes[0].Label, c.Title)
		}
	}
	for _, c := range cs {
		if byName[c.Name] != nil {
			t.Errorf("two charts named %q", c.Name)
		}
		byName[c.Name] = c
	}
	parent := map[string]string{}
	var rec func(n *Node, p string)
	rec = func(n *Node, p string) {
		parent[n.ID] = p
		for _, c := range n.Children {
			rec(c, n.ID)
		}
	}
	for _, r := range s.Roots {
		rec(r, "")
	}
	full := map[string]int{}
	type drawn struct {
		kind     EdgeKind
		from, to string
	}
	edges := map[drawn]bool{}
	for _, c := range cs {
		for _, b := range c.Boxes {
			if b.Detail == "" {
				full[b.ID]++
				continue
			}
			d := byName[b.Detail]
			if d == nil || len(d.Boxes) == 0 || d.Boxes[0].ID != b.ID {
				t.Errorf("box %q in %q stands for chart %q, which does not start from it", b.Label, c.Name, b.Detail)
			}
		}
		for _, e := range c.Edges {
			if !e.Tree {
				edges[drawn{e.Kind, c.Boxes[e.From].ID, c.Boxes[e.To].ID}] = true
			}
		}
	}
	for id := range parent {
		if full[id] != 1 {
			t.Errorf("node %q drawn as a full box %d times", id, full[id])
		}
	}
	for id, n := range full {
		if _, ok := parent[id]; !ok {
			t.Errorf("chart box %q (%d) is no node of the spec", id, n)
		}
	}
	up := func(id string) []string {
		var out []string
		for ; id != ""; id = parent[id] {
			out = append(out, id)
		}
		return out
	}
	for _, e := range s.Edges {
		found := false
		for _, a := range up(e.From) {
			for _, b := range up(e.To) {
				if edges[drawn{e.Kind, a, b}] {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("edge %s %s→%s is drawn in no chart", e.Kind, e.From, e.To)
		}
	}
	for _, c := range cs {
		checkChart(t, nil, c, o)
	}
}
