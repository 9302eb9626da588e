package orgchart

import (
	"slices"

	"dossier/internal/model"
)

// Orientation is the page orientation a chart is laid out for.
type Orientation string

// The orientations.
const (
	Portrait  Orientation = "portrait"
	Landscape Orientation = "landscape"
)

// Chart is a laid-out chart: absolute geometry in points, with the origin
// at the top-left corner and y growing downwards. Drawn at Scale, it fits
// the page area in Orientation that Layout was given.
type Chart struct {
	Name        string
	Title       string
	Description string
	Sources     []*model.Document // as in the Spec: what the structure shown is attested in
	Shows       string            // as in the Spec: what it draws, "" for its structure

	Width, Height float64     // extent at scale 1, margins included
	Scale         float64     // uniform factor that makes the chart fit the page; at most 1
	Orientation   Orientation // the page orientation the chart fits best
	FontSize      float64     // label size at scale 1

	Boxes  []Box
	Edges  []EdgePath   // tree lines first, in box order, then the extra edges in Spec order
	Legend []LegendItem // one per edge kind the chart draws, in a fixed order
}

// Box is one laid-out node.
type Box struct {
	ID          string // entity id; "" for a group heading
	Label, Sub  string // the texts as given in the Spec
	Rect        Rect
	Lines       []Line // the wrapped label, then the wrapped sub-label
	Highlighted bool   // the Spec's Highlight
	Group       bool   // a heading that stands for no entity
	Detail      string // the Node's Detail: the name of the chart that draws this branch
	Parent      int    // index of the parent box, -1 for a root
}

// Line is one line of text, placed: X is the left end of the text, Y its
// baseline; Width is its width per the Measurer.
type Line struct {
	Text  string
	X, Y  float64
	Width float64
	Size  float64
	Bold  bool
}

// Center returns the x of the middle of l, for back ends that centre text
// themselves.
func (l Line) Center() float64 { return l.X + l.Width/2 }

// EdgePath is one line of the chart, as an orthogonal polyline.
type EdgePath struct {
	Kind     EdgeKind
	Tree     bool // a line of the tree (parent to child), not an extra edge
	From, To int  // box indices: for tree lines the parent and the child
	Points   []Point
	Arrow    []Point // an arrowhead at To as an open polyline (wing, tip, wing); nil for none
	Label    string
	LabelBox Rect // the label's area, with its background; zero when Label is ""
	Text     Line // the label, placed
}

// LegendItem explains one kind of line: a sample of it and its meaning.
type LegendItem struct {
	Kind   EdgeKind
	Sample [2]Point
	Text   Line
}

// Highlighted returns a copy of c in which the box of entity id, and no
// other, is emphasised. Highlighting changes only how a box is painted,
// never the layout, so one layout serves every page that shows the chart.
func (c *Chart) Highlighted(id string) *Chart {
	out := *c
	out.Boxes = slices.Clone(c.Boxes)
	for i := range out.Boxes {
		out.Boxes[i].Highlighted = id != "" && out.Boxes[i].ID == id
	}
	return &out
}
