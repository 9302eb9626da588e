package model

// ChartKind names what a declared chart shows, and so how it follows
// relations from its roots.
type ChartKind string

// The kinds of chart a dossier may declare.
const (
	// StructureChart is the part-of tree under each root, with the other
	// relations between the bodies shown as dashed lines.
	StructureChart ChartKind = "structure"
	// LineChart is one body in its line of command: what it reports to
	// above it, its parts below it, and its channels to the bodies it
	// cooperates with, each shown inside its organisation.
	LineChart ChartKind = "line"
	// CooperationChart is one body and, for each relation type followed, a
	// group of the entities it has that relation with.
	CooperationChart ChartKind = "cooperation"
	// GroupChart is the entities that have a followed relation to the root
	// (listed-among, member-of), inside one box named after the root.
	GroupChart ChartKind = "group"
)

// ChartKinds lists the kinds of chart, the default first.
var ChartKinds = []ChartKind{StructureChart, LineChart, CooperationChart, GroupChart}

// DefaultFollow returns the relation types a chart of kind k follows when
// its declaration names none.
func (k ChartKind) DefaultFollow() []RelationType {
	switch k {
	case LineChart:
		return []RelationType{ReportsTo, CooperatesWith}
	case CooperationChart:
		return []RelationType{CooperatesWith, Party}
	case GroupChart:
		return []RelationType{ListedAmong, MemberOf}
	}
	return []RelationType{PartOf}
}

// ChartOrientation is a declared chart's layout hint: the page
// orientation it is drawn in.
type ChartOrientation string

// The orientations a chart may ask for. Auto lets the layout choose the
// one in which the chart is largest.
const (
	AutoOrientation      ChartOrientation = "auto"
	PortraitOrientation  ChartOrientation = "portrait"
	LandscapeOrientation ChartOrientation = "landscape"
)

// ChartOrientations lists the orientations, the default first.
var ChartOrientations = []ChartOrientation{AutoOrientation, PortraitOrientation, LandscapeOrientation}

// ChartDecl is a chart declared in the sources (charts.yaml): what to show,
// from which entities, following which relations. The charts themselves
// are built from the resolved relations when the figures are laid out.
type ChartDecl struct {
	ID          string           // stable, lower case; names the chart's page section and files
	Title       string           // the chart's heading
	Caption     string           // one or two sentences under the heading; "" for a description made from the data
	Kind        ChartKind        // what the chart shows; StructureChart when not given
	RootIDs     []string         // entity ids the chart starts from, as written
	Follow      []RelationType   // relation types followed from the roots; the kind's DefaultFollow when not given
	Orientation ChartOrientation // layout hint; AutoOrientation when not given

	Path      string // data file, for messages
	Line      int    // line of the chart's id in Path
	RootLines []int  // line of each of RootIDs in Path

	// Filled in by the resolve stage (package link):
	Roots []*Entity // the entities of RootIDs, in order
}

// Follows reports whether the chart follows relations of type t.
func (c *ChartDecl) Follows(t RelationType) bool {
	for _, f := range c.Follow {
		if f == t {
			return true
		}
	}
	return false
}
