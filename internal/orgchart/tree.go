package orgchart

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// tnode is a Spec node with its measured box and, per arrangement, its
// place.
type tnode struct {
	spec     *Node
	idx      int // box index, in pre-order
	parent   *tnode
	depth    int
	w, h     float64
	lines    []Line // relative to the box's top-left corner
	children []*tnode

	// Set by plan:
	stacked bool    // a leaf hanging in a column of its parent
	units   []*unit // the parent's children, grouped, left to right

	// Set by place:
	y  float64 // top
	x  float64 // left
	cx float64 // centre x
}

// unit is one thing hanging from a parent's bus: a child subtree, or a
// column of leaf children hanging from a spine.
type unit struct {
	child *tnode
	col   []*tnode
	first int     // position of its first member among the parent's children
	off   float64 // x of its anchor (child centre or spine) relative to the parent's centre
}

type tree struct {
	o        Options
	m        metrics
	roots    []*tnode
	all      []*tnode // pre-order
	levelTop []float64
	rootOff  []float64
	rootGap  float64 // between the trees of a forest: room for edge labels
}

func buildTree(s *Spec, o Options, m metrics) *tree {
	t := &tree{o: o, m: m}
	var rec func(n *Node, parent *tnode, depth int) *tnode
	rec = func(n *Node, parent *tnode, depth int) *tnode {
		v := &tnode{spec: n, idx: len(t.all), parent: parent, depth: depth}
		t.all = append(t.all, v)
		t.measure(v)
		for _, c := range n.Children {
			v.children = append(v.children, rec(c, v, depth+1))
		}
		return v
	}
	for _, r := range s.Roots {
		t.roots = append(t.roots, rec(r, nil, 0))
	}
	t.rootGap = m.hGap
	for _, e := range s.Edges {
		if e.Label != "" {
			w := o.Measurer.Width(e.Label, m.small, false) + 0.5*m.small + 2*m.clear
			t.rootGap = math.Max(t.rootGap, w)
		}
	}
	return t
}

// measure wraps v's texts and sizes its box. Group headings are set in
// bold; a highlighted box is not, so that highlighting never changes the
// layout (see Chart.Highlighted).
func (t *tree) measure(v *tnode) {
	m, ms := t.m, t.o.Measurer
	bold := entityID(v.spec.ID) == ""
	// Lines relative to the box's top; centred once the width is known.
	textW, y := 0.0, m.padY
	add := func(text string, size, lineH float64, bold bool) {
		for _, l := range wrap(ms, text, size, bold, m.maxTextW) {
			w := ms.Width(l, size, bold)
			textW = math.Max(textW, w)
			v.lines = append(v.lines, Line{Text: l, Y: baseline(y, lineH, size), Width: w, Size: size, Bold: bold})
			y += lineH
		}
	}
	add(v.spec.Label, m.font, m.lineH, bold)
	add(v.spec.Sub, m.sub, m.subLineH, false)
	v.w = math.Max(m.minBoxW, textW*m.txtScale+2*m.padX)
	v.h = y + m.padY
	for i := range v.lines {
		v.lines[i].X = (v.w - v.lines[i].Width) / 2
	}
}

// plan groups every node's children into units under c, and returns a
// signature of the grouping (equal signatures give equal layouts) and the
// number of stacked boxes.
func (t *tree) plan(c candidate) (string, int) {
	var sig strings.Builder
	stacked := 0
	for _, v := range t.all {
		v.stacked = false
	}
	for _, v := range t.all {
		v.units = v.units[:0]
		var leaves []int
		for i, ch := range v.children {
			if len(ch.children) == 0 {
				leaves = append(leaves, i)
			}
		}
		stack := c.stackMin > 0 && len(leaves) >= c.stackMin
		cols := 0
		if stack {
			cols = (len(leaves) + c.maxRows - 1) / c.maxRows
			rows := (len(leaves) + cols - 1) / cols
			fmt.Fprintf(&sig, "%d:%dx%d;", v.idx, cols, rows)
			stacked += len(leaves)
			for j := 0; j < len(leaves); j += rows {
				u := &unit{first: leaves[j]}
				for _, i := range leaves[j:min(j+rows, len(leaves))] {
					v.children[i].stacked = true
					u.col = append(u.col, v.children[i])
				}
				v.units = append(v.units, u)
			}
		}
		for i, ch := range v.children {
			if !ch.stacked {
				v.units = append(v.units, &unit{child: ch, first: i})
			}
		}
		// Keep the data order: a column goes where its first member was.
		slices.SortFunc(v.units, func(a, b *unit) int { return cmp.Compare(a.first, b.first) })
	}
	return sig.String(), stacked
}

// place computes every box's position for the current plan.
func (t *tree) place() {
	m := t.m
	// Levels: boxes not in columns share a top per depth.
	var maxH []float64
	for _, v := range t.all {
		for len(maxH) <= v.depth {
			maxH = append(maxH, 0)
		}
		if !v.stacked {
			maxH[v.depth] = math.Max(maxH[v.depth], v.h)
		}
	}
	t.levelTop = make([]float64, len(maxH)+1)
	for d := range maxH {
		t.levelTop[d+1] = t.levelTop[d] + maxH[d] + m.levelGap
	}
	for _, v := range t.all {
		if !v.stacked {
			v.y = t.levelTop[v.depth]
		}
		for _, u := range v.units {
			y := t.levelTop[v.depth+1]
			for _, b := range u.col {
				b.y = y
				y += b.h + m.rowGap
			}
		}
	}
	// Horizontal placement, bottom-up, then centres top-down.
	t.rootOff = t.rootOff[:0]
	var accL, accR profile
	for i, r := range t.roots {
		l, rr := t.shape(r)
		off := 0.0
		if i > 0 {
			if d, ok := separation(accR, l); ok {
				off = d + t.rootGap
			} else {
				off = t.rootOff[i-1]
			}
		}
		t.rootOff = append(t.rootOff, off)
		accL = merge(accL, l.shifted(off), math.Min)
		accR = merge(accR, rr.shifted(off), math.Max)
	}
	for i, r := range t.roots {
		t.setX(r, t.rootOff[i])
	}
}

func (t *tree) busY(v *tnode) float64 { return t.levelTop[v.depth+1] - t.m.levelGap/2 }

// shape lays out v's subtree relative to v's centre and returns its left
// and right outlines, the lines to its children included.
func (t *tree) shape(v *tnode) (profile, profile) {
	m := t.m
	top, bot := v.y, v.y+v.h
	L := profile{{top, bot, -v.w / 2}}
	R := profile{{top, bot, v.w / 2}}
	if len(v.units) == 0 {
		return L, R
	}
	bus := t.busY(v)
	L = append(L, seg{bot, bus, 0})
	R = append(R, seg{bot, bus, 0})
	var accL, accR profile
	for i, u := range v.units {
		var ul, ur profile
		if u.child != nil {
			cl, cr := t.shape(u.child)
			ul = append(profile{{bus, u.child.y, 0}}, cl...)
			ur = append(profile{{bus, u.child.y, 0}}, cr...)
		} else {
			last := u.col[len(u.col)-1]
			ul = profile{{bus, last.y + last.h, 0}}
			ur = profile{{bus, u.col[0].y, 0}}
			for j, b := range u.col {
				if j > 0 {
					prev := u.col[j-1]
					ur = append(ur, seg{prev.y + prev.h, b.y, 0})
				}
				ur = append(ur, seg{b.y, b.y + b.h, m.indent + b.w})
			}
		}
		if i == 0 {
			u.off = 0
		} else {
			d, _ := separation(accR, ul)
			u.off = d + m.hGap
		}
		accL = merge(accL, ul.shifted(u.off), math.Min)
		accR = merge(accR, ur.shifted(u.off), math.Max)
	}
	mid := (v.units[0].off + v.units[len(v.units)-1].off) / 2
	for _, u := range v.units {
		u.off -= mid
		if math.Abs(u.off) < 1e-9 {
			u.off = 0 // a single child right below its parent
		}
	}
	L = merge(L, accL.shifted(-mid), math.Min)
	R = merge(R, accR.shifted(-mid), math.Max)
	return L, R
}

func (t *tree) setX(v *tnode, cx float64) {
	v.cx = cx
	v.x = cx - v.w/2
	for _, u := range v.units {
		if u.child != nil {
			t.setX(u.child, cx+u.off)
			continue
		}
		spine := cx + u.off
		for _, b := range u.col {
			b.x = spine + t.m.indent
			b.cx = b.x + b.w/2
		}
	}
}

// bounds returns the rectangle around every box.
func (t *tree) bounds() Rect {
	var r Rect
	for _, v := range t.all {
		r = r.union(t.rect(v))
	}
	return r
}

func (t *tree) rect(v *tnode) Rect { return Rect{v.x, v.y, v.w, v.h} }

// estimate returns the chart's likely size for the current placement,
// before edges are routed: the boxes, room for routes around them, the
// legend and the margins.
func (t *tree) estimate() (float64, float64) {
	b := t.bounds()
	m := t.m
	w := b.W + 2*m.margin
	h := b.H + 2*m.margin + 2*m.lineH
	return w, h
}
