// Package html is the render stage that writes the dossier as cross-linked
// HTML pages: an index of the briefing, one page per primary source with its
// numbered paragraphs, what cleaning removed and its provenance record, one
// page per analyst note, the index of entities and a page per entity, the
// page of organisation charts, the crime-market summary with a page per
// market, actor types and resilience areas, the search page and its index,
// 404.html, robots.txt and sitemap.xml, and a single stylesheet.
//
// The package lays out no figure. The organisation charts and the route
// diagram come laid out by package figure (Options.Figures), measured in
// the briefing's fonts, and are drawn here as inline SVG from that
// geometry: the charts on orgcharts.html, each agency or unit page's chart
// with its box highlighted, the route diagram on markets.html. The site
// and the briefing so draw the same figures.
//
// The pages are made from Go html/template layouts read through an fs.FS
// (the layouts/ directory of the repository): base.html holds the frame every
// page shares — head, handling marking, header, contents, footer — and
// each other *.html file is a page kind (index.html, source.html, note.html)
// that defines the block "main". style.css is copied to site/assets/ with
// the highlighter's classes appended. The introductions, captions and keys
// the site shares with the briefing are the snippets of layouts/text/
// (package wording, Options.Wording), which layouts call with .Wording and
// .WordingInline.
//
// Every link a page holds is relative and names a file ("index.html",
// "../sources/x.html#p3"), so that the site works from file:// and under any
// sub-path of a static server, and no page loads anything from the network.
// The same model gives the same bytes.
package html
