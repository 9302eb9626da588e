// Package pdf is the render stage that writes the dossier as a printable
// briefing, in the order a reader takes it. The front matter: a cover page
// with the handling marking, the information cut-off and the assessment (or
// the list of graded sources), and a table of contents of at most two pages
// with page numbers and links (chapters, the sections of the reading path,
// the sources' texts; see listed). The reading path: one chapter per
// analyst note, laid out from the same goldmark AST the HTML pages are
// rendered from; the agencies with their units; the organisation charts,
// each on a page of its own, turned where wide, small ones under the one
// before; the crime-market summary with its route table and diagram; the
// glossary. The annexes: Annex A, an overview of the sources and their
// grades, then each primary document's metadata and cleaned text in
// numbered paragraphs (¶1, ¶2, … in the margin), running on one after the
// other; Annex B, the technical annex of files, digests and what cleaning
// removed (the metadata files themselves are on the site). Then the index.
// Major parts start a new page; the sources' texts run on.
//
// The package lays out no figure. It supplies what package figure needs to
// lay them out to fit the briefing: Measurer, which measures text in the
// very fonts the briefing embeds, and FigureOptions, the page area. The
// build lays every figure out once and passes the result in
// Options.Figures; the charts and the route diagram are drawn here from
// that geometry, as the site draws them as SVG.
//
// Every sentence of the briefing that is not the dossier's own data —
// chapter introductions, captions, keys, the "not covered" sentences — is
// wording from the layouts (package wording, Options.Wording), shared with
// the site, so that --layouts changes both; it is drawn by walking the
// snippets' goldmark ASTs like the notes.
//
// The briefing is drawn with github.com/go-pdf/fpdf in the faces of package
// fonts (Noto Sans for text, Go Mono for code), embedded as Unicode
// TrueType fonts, so that every page carries real, searchable text in any
// script the fonts cover (Latin, Greek, Cyrillic). The package lays out its
// own lines — breaking (justified text by total fit, each paragraph's
// breaks chosen together as TeX does, see fitLines), hyphenating justified
// text (package hyphen), justifying, keeping headings with the first lines
// of what follows them
// (keepWith) and leaving no single line of a paragraph at the top or
// bottom of a page — rather than relying on fpdf's Write and MultiCell, so
// that it knows exactly where every line lands.
//
// Page numbers in the table of contents come from rendering the document
// more than once: a pass learns on which page every heading lands and how
// many pages the contents need, and the next pass draws the numbers; passes
// repeat until two agree, which with a fixed-width number column takes two or
// three. Only the last pass is drawn with fpdf and written out: the passes
// before it draw on a dry canvas that keeps only what layout reads back
// (the page number and size, the links, the pages where names are drawn),
// and all passes share their line breaks (lineCache), broken once, the
// sources' paragraphs on a spare core while the first pass runs. The last
// pass's bytes are those a plain repetition of drawn passes would write.
//
// The same *model.Dossier (with the same Built time) gives the same bytes:
// dates in the PDF come from the model and nothing depends on the clock or
// on map iteration order. Render does not modify the dossier and may run
// concurrently with other renderers reading it.
package pdf
