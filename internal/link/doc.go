// Package link is the resolve stage. It takes the dossier as loaded and ties
// it together:
//
//   - every citation's quote is found in the cleaned text of its source and
//     tied to that paragraph (model.Citation.Doc and Block);
//   - every relation's target is looked up, and the relation is recorded on
//     both entities (model.Entity.Incoming), and each entity is placed under
//     the most specific body it is part of (model.Entity.Parent, Parts);
//   - every name and alias of an entity in the sources' paragraphs becomes a
//     span (model.Block.Spans) and a mention with its sentence
//     (model.Entity.Mentions), found in one pass over each text; a name
//     written "Name (ABBR)" is found as "Name" and "ABBR" too, and the
//     name of an entity that a paragraph holds only inside the longer name
//     of another is no span and no mention, but is kept apart
//     (model.Entity.Inside, with Mention.Within);
//   - every cross-reference in analyst prose, [[entity-id]] or
//     [[S:source-id#12]], is resolved: in Markdown (notes, descriptions)
//     on its AST node, in plain text (claims, relation notes, grade
//     reasons, document descriptions, the texts and notes of the
//     crime-market summary) into the field renderers show, from the
//     model.Written the load stage recorded; a source reference typed by
//     hand ("S3", "S1 ¶12") in any of them is an error, since it would
//     not follow the source's number;
//   - the roots of the charts the sources declare (model.ChartDecl.Roots)
//     are looked up as entities;
//   - the crime-market summary (model.MarketSummary) is resolved: its
//     citations like any other, its hedges and trend phrases checked against
//     their quotes, its agencies and route places looked up as entities;
//   - the source's hedges are kept: a claim, relation note or finding whose
//     quote carries a hedge of the declared list (Hedges: "reportedly",
//     "it is likely that", "may", "becoming" …, matched as whole words),
//     in its words or before them in the quote's clause or at the start of
//     its sentence, keeps one in its words, declares it (hedge:) or is an
//     allegation, and is then hedged (model.Claim.Hedge, Evidence);
//     otherwise the error names the hedge dropped and the quote it came
//     from, and a hedge before the quote the words from it to the quote;
//   - the source's allegations are shown as such: a claim or finding whose
//     quote, read the same way, reports someone's wrongdoing (Allegations:
//     "allegedly", "accused of", "suspected of" …) is marked allegation:
//     true, and a relation or agency note keeps the word; otherwise the
//     error names the word;
//   - background passages ("> [!background]") in notes and descriptions
//     are counted (model.Dossier.Background, [[count:background]]), and
//     every other paragraph of a description must name a source.
//
// Anything that does not resolve — a quote not found, or found in two
// paragraphs without being the whole of exactly one of them; an unknown
// source or entity; a name claimed by two entities — is an error carrying
// the file and line where it was written.
package link
