// Package figure lays out every figure of a dossier once, for both
// renderers: the organisation charts (the declared ones, the default
// structure charts, and the chart each agency or unit page shows, see
// orgchart.Charts and orgchart.ForEntity), each split into an overview and
// branch charts where it does not fit the page at the smallest text size
// (orgchart.LayoutSplit), and the route diagram of the crime-market
// summary: every place once and the routes as labelled arrows, or none
// where the routes share no place.
//
// Layout measures every text through an orgchart.Measurer that the caller
// supplies (the PDF renderer offers one over the very fonts it embeds) and
// fits each figure to the page area it is given. Neither renderer lays a
// figure out: the site draws the geometry as SVG and the briefing draws the
// same geometry with fpdf. An entity page's chart is the one layout of its
// chart with the entity highlighted (orgchart.Chart.Highlighted), so that
// the same chart looks the same on every page and in the briefing.
//
// The package has no state; the same dossier and options give the same
// figures.
package figure
