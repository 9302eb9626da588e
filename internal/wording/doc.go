// Package wording holds the words the site and the briefing share: chapter
// introductions, captions, keys to tables, what is said where the sources
// say nothing. Each is a Markdown snippet in the text/ folder of the
// layouts (layouts/text/markets/intro.md is the snippet "markets/intro"),
// written as a text/template that the dossier's data fills in (the
// subject's name, counts of sources, markets and so on; see Data).
//
// Load executes and parses every snippet once per build, with the project's
// one goldmark configuration (internal/markdown); the HTML renderer renders
// the resulting AST into its pages, the PDF renderer walks it. One text thus
// serves both outputs, and a layouts folder given with --layouts changes the
// wording of both. The package belongs to neither renderer: the build
// loads the snippets and hands them to both.
package wording
