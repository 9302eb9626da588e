// Package orgchart builds organisation charts from a resolved dossier,
// lays each out once and draws it twice: as inline SVG for the site and,
// through the Canvas interface, as vector drawing in the PDF briefing.
//
// A chart starts as a Spec: a forest of Nodes (the part-of structure, each
// node an entity or a group heading) plus extra Edges that are not part of
// the tree (reports-to, cooperates-with, channels, party-to, amends). Charts
// and ForEntity build Specs from the relations in the entity data: the
// charts the sources declare (model.ChartDecl, from charts.yaml: structure,
// line, cooperation and group charts, each following the relation types
// its declaration names), then, with no configuration, the structure chart
// of every agency with parts; ForEntity gives the chart an agency or unit's
// page shows. Titles and descriptions that the declarations leave out are
// made from the entities' names and counts: the package knows kinds of
// chart, never a dossier's content.
//
// Layout turns a Spec into a Chart with absolute geometry: a tidy tree in
// which parents are centred over their children and subtrees never
// overlap, box sizes taken from font metrics through a Measurer, many leaf
// children stacked in columns hanging from a spine, the extra edges routed
// orthogonally around the boxes (no two lines ending at one point of a
// box), a legend, and the orientation (or the one the Spec asks for) and
// scale that fit the page, never setting any text under
// Options.MinFontSize (8 pt). LayoutSplit splits a chart that does not fit
// so into an overview, in which each large branch is one box
// (Node.Detail names its chart), and a chart per such branch. The package measures no
// text itself: the Measurer comes from the PDF renderer (pdf.Measurer),
// over the fonts the briefing embeds, and package figure calls Layout once
// for every chart of a build. SVG and Draw only paint that geometry; they
// make no layout decisions. A page that highlights one entity draws
// Chart.Highlighted of the same layout.
//
// Everything in the package is deterministic and has no state: the same
// input gives the same Chart and the same bytes.
package orgchart
