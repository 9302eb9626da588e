// Package html is the render stage that writes the dossier as cross-linked
// HTML pages: an index of the briefing, one page per primary source with its
// numbered paragraphs, what cleaning removed and its provenance record, one
// page per analyst note, and a single stylesheet.
//
// The pages are made from Go html/template layouts read through an fs.FS
// (the layouts/ directory of the repository): base.html holds the frame every
// page shares — head, handling marking, header, contents, footer — and
// each other *.html file is a page kind (index.html, source.html, note.html)
// that defines the block "main". style.css is copied to site/assets/ with
// the highlighter's classes appended.
//
// Every link a page holds is relative and names a file ("index.html",
// "../sources/x.html#p3"), so that the site works from file:// and under any
// sub-path of a static server, and no page loads anything from the network.
// The same model gives the same bytes.
package html
