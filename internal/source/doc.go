// Package source is the load stage: it reads sources/ through an fs.FS,
// validates the settings and the metadata of every document, checks that
// each primary text is still the verbatim text it was recorded as, cleans
// the scraped text into numbered blocks, and parses the analyst's notes.
//
// The primary texts are never edited. Everything cleaning does follows from
// a rule — a general one listed in GeneralRules, or one declared in the
// document's metadata — and every line it drops is recorded in
// model.Document.Dropped with the rule's name and reason.
//
// The layout of sources/ is:
//
//	dossier.yaml                  settings: title, marking, cut-off date, page size
//	documents/NAME.txt            a primary text, verbatim
//	documents/NAME.yaml           its metadata, grade and cleaning rules
//	notes/NN-ID.md                analyst prose in Markdown
//	charts.yaml                   optional: declared organisation charts
package source
