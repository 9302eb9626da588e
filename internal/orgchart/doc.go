// Package orgchart lays out organisation charts once and draws them twice:
// as inline SVG for the site and, through the Canvas interface, as vector
// drawing in the PDF briefing.
//
// A chart starts as a Spec: a forest of Nodes (the part-of structure, each
// node an entity or a group heading) plus extra Edges that are not part of
// the tree (reports-to, cooperates-with, channels). Layout turns a Spec into
// a Chart with absolute geometry: a tidy tree in which parents are centred
// over their children and subtrees never overlap, box sizes taken from real
// font metrics through a Measurer, many leaf children stacked in columns
// hanging from a spine, the extra edges routed orthogonally around the
// boxes, a legend, and the orientation and scale that fit the page. SVG and
// Draw only paint that geometry; they make no layout decisions.
//
// Charts and ForEntity build Specs from a resolved model.Dossier, from the
// relations in the entity data, so that a unit added to the data appears in
// its chart.
//
// Everything in the package is deterministic: the same input gives the same
// Chart and the same bytes. The only package-level state is the Measurer
// GoFonts makes on its first call and shares, which is safe for concurrent
// use.
package orgchart
