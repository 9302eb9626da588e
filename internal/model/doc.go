// Package model holds the dossier as the pipeline understands it: the
// settings, the primary documents cut into numbered paragraphs, the
// analyst's notes as parsed Markdown, and the entities with their claims,
// relations and citations.
//
// The load stage (package source) builds a *Dossier; the resolve stage
// (package link) fills in the fields marked as its own — where each citation
// points, which names in the text are mentions of which entity, the reverse
// of every relation — and the render stages only read it. No stage goes back
// to the files. After resolution a Dossier is not modified, so renderers may
// read it concurrently.
package model
