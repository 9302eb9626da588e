// Package corpus generates synthetic dossiers of any size, in the format of
// the sources folder, for benchmarks: N documents of about 3 KB (ten
// paragraphs each), N/2 entities whose cited claims quote those documents
// and whose names occur in them, and N/10 notes, every third with a
// 20-line Go code block. The same N always gives the same bytes.
//
// Every word of it is invented by this package from syllables; it names no
// real body, person or place. Markdown writes the same texts as the pages
// of a Hugo site, so that the two generators can be timed on one corpus.
package corpus
