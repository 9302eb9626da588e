// Package model holds the dossier as the pipeline understands it: the
// settings, the primary documents cut into numbered paragraphs, and the
// analyst's notes as parsed Markdown.
//
// The load stage (package source) builds a *Dossier; later stages read it and
// never go back to the files. Values in this package are plain data: once
// built, a Dossier is not modified, so renderers may read it concurrently.
package model
