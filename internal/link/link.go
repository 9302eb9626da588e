package link

import (
	"encoding/binary"
	"runtime"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/sync/errgroup"

	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// Resolve ties the loaded dossier together in place, as the package comment
// describes. It reports every problem it finds, not just the first; on error
// the dossier is partly resolved and must not be rendered.
func Resolve(d *model.Dossier) error { return ResolveWith(d, Options{}) }

// ResolveWith is Resolve with options.
func ResolveWith(d *model.Dossier, opts Options) error {
	r := &resolver{d: d, folded: map[*model.Block]string{}, known: opts.Known}
	d.Background = 0
	for _, n := range d.Notes {
		d.Background += markdown.CountBackground(n.Doc)
	}
	for _, e := range d.Entities {
		if e.Description != nil && e.Description.Doc != nil {
			d.Background += markdown.CountBackground(e.Description.Doc)
		}
	}
	// Entity names are found in the sources' paragraphs on the other
	// cores while the citations, dates, relations, charts and markets are
	// resolved here: these read none of what that writes (the paragraphs'
	// spans, the entities' mentions), nor it what these write.
	mentions := make(chan error, 1)
	go func() { mentions <- r.mentions() }()
	var errs diag.List
	if id := d.Settings.Subject; id != "" {
		if d.Subject = d.Entity(id); d.Subject == nil {
			errs.Add(diag.Errorf(d.Settings.Path, d.Settings.SubjectLine, "subject %q is not an entity; give the id of the place or body the dossier is about, from %s", id, "entities/*.yaml"))
		}
	}
	for _, e := range d.Entities {
		for i := range e.Claims {
			for j := range e.Claims[i].Cites {
				errs.Add(r.cite(&e.Claims[i].Cites[j]))
			}
		}
		for _, rel := range e.Relations {
			errs.Add(r.relation(rel))
		}
	}
	errs.Add(r.documents())
	if err := cycles(d); err != nil {
		errs.Add(err)
	} else {
		errs.Add(depths(d))
	}
	structure(d)
	errs.Add(r.charts())
	errs.Add(r.markets())
	errs.Add(<-mentions)
	for _, n := range d.Notes {
		errs.Add(r.prose(n.Path, 1, n.Source, n.Doc))
		errs.Add(r.proseLiterals(n.Path, 1, n.Source, n.Doc))
		errs.Add(r.proseDoubled(n.Path, 1, n.Source, n.Doc))
	}
	for _, e := range d.Entities {
		if e.Description != nil {
			errs.Add(r.prose(e.Description.Path, e.Description.Line, e.Description.Source, e.Description.Doc))
			errs.Add(r.proseLiterals(e.Description.Path, e.Description.Line, e.Description.Source, e.Description.Doc))
			errs.Add(r.proseDoubled(e.Description.Path, e.Description.Line, e.Description.Source, e.Description.Doc))
		}
	}
	errs.Add(r.judgements())
	errs.Add(r.texts())
	if errs.Err() == nil {
		errs.Add(r.hedges()) // on resolved texts and citations only
		errs.Add(r.descriptions())
	}
	return errs.Err()
}

type resolver struct {
	d      *model.Dossier
	known  Known                   // see Options.Known; nil for none
	sums   digests                 // of the documents' paragraphs, for known
	folded map[*model.Block]string // foldQuote of each block's text, computed once
	docs   map[string]*model.Document
	ents   map[string]*model.Entity
}

// document and entity return the document and the entity with an id, or
// nil: as model.Dossier's Document and Entity, in constant time, so that
// resolving grows with the number of citations, not with citations times
// sources.
func (r *resolver) document(id string) *model.Document {
	if r.docs == nil {
		r.docs = make(map[string]*model.Document, len(r.d.Documents))
		for _, d := range slices.Backward(r.d.Documents) {
			r.docs[d.ID] = d // the first of a repeated id wins, as in Dossier.Document
		}
	}
	return r.docs[id]
}

func (r *resolver) entity(id string) *model.Entity {
	if r.ents == nil {
		r.ents = make(map[string]*model.Entity, len(r.d.Entities))
		for _, e := range slices.Backward(r.d.Entities) {
			r.ents[e.ID] = e
		}
	}
	return r.ents[id]
}

// Find returns the paragraphs of doc that a citation quoting quote would
// be tied to, as the resolve stage finds them: one when it would resolve,
// more when the quote is too short to tell them apart, none when the words
// are not in a paragraph of doc (or only in a heading). Line breaks,
// hyphenation, white space and typographic quotes may differ; the words
// may not.
func Find(doc *model.Document, quote string) []*model.Block {
	found, _ := quoted(doc, foldQuote(quote), map[*model.Block]string{})
	return found
}

// quoted returns the paragraphs of doc that hold q, a folded quote (see
// foldQuote), and whether a heading holds it; folded keeps each block's
// folded text, for the next quote.
func quoted(doc *model.Document, q string, folded map[*model.Block]string) (found []*model.Block, inHeading bool) {
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		f := foldedText(b, folded)
		if !strings.Contains(f, q) {
			continue
		}
		if b.Kind == model.Heading {
			inHeading = true
			continue
		}
		found = append(found, b)
	}
	return wholeBlocks(found, q, folded), inHeading
}

// foldedText returns foldQuote of b's text, from folded or, the first time,
// computed and kept there.
func foldedText(b *model.Block, folded map[*model.Block]string) string {
	f, ok := folded[b]
	if !ok {
		f = foldQuote(b.Text)
		folded[b] = f
	}
	return f
}

// cite finds a citation's quote in its source.
func (r *resolver) cite(c *model.Citation) error {
	doc := r.document(c.Source)
	if doc == nil {
		return diag.Errorf(c.Path, c.SourceLine, "citation of unknown source %q%s", c.Source, r.sourceHint(c.Source))
	}
	q := foldQuote(c.Quote)
	if b := r.knownQuote(doc, q); b != nil {
		c.Doc, c.Block = doc, b
		return nil
	}
	found, inHeading := quoted(doc, q, r.folded)
	switch {
	case len(found) == 1:
		c.Doc, c.Block = doc, found[0]
		r.keepQuote(doc, q, found[0])
		return nil
	case len(found) > 1:
		var where []string
		for _, b := range found {
			where = append(where, b.Label())
		}
		return diag.Errorf(c.Path, c.Line, "quote found more than once in %s (%s %s): quote more words so that it points at one paragraph: %q",
			c.Source, doc.Ref, strings.Join(where, ", "), c.Quote)
	case inHeading:
		return diag.Errorf(c.Path, c.Line, "quote found only in a heading of %s; cite a paragraph: %q", c.Source, c.Quote)
	}
	return diag.Errorf(c.Path, c.Line, "quote not found in %s: %q%s", c.Source, c.Quote, r.quoteHint(doc, q))
}

// knownQuote returns the one paragraph of doc that r.known has the folded
// quote q found in, if it has, and the paragraph holds it; nil otherwise.
func (r *resolver) knownQuote(doc *model.Document, q string) *model.Block {
	if r.known == nil {
		return nil
	}
	data, ok := r.known.Get(quoteKey(r.sums.of(doc), q))
	if !ok {
		return nil
	}
	i, n := binary.Uvarint(data)
	if n <= 0 || n != len(data) || i >= uint64(len(doc.Blocks)) {
		return nil
	}
	b := &doc.Blocks[i]
	if b.Kind == model.Heading || !strings.Contains(foldedText(b, r.folded), q) {
		return nil
	}
	return b
}

// keepQuote keeps in r.known that the folded quote q is found in doc's
// paragraph b alone.
func (r *resolver) keepQuote(doc *model.Document, q string, b *model.Block) {
	if r.known == nil {
		return
	}
	for i := range doc.Blocks {
		if &doc.Blocks[i] == b {
			r.known.Put(quoteKey(r.sums.of(doc), q), binary.AppendUvarint(nil, uint64(i)))
			return
		}
	}
}

func (r *resolver) sourceIDs() string {
	var ids []string
	for _, doc := range r.d.Documents {
		ids = append(ids, doc.ID)
	}
	return strings.Join(ids, ", ")
}

// relation resolves a relation's target and citations.
func (r *resolver) relation(rel *model.Relation) error {
	var errs diag.List
	to := r.entity(rel.ToID)
	switch {
	case to == nil:
		errs.Add(diag.Errorf(rel.From.Path, rel.Line, "%s %s unknown entity %q%s", rel.From.ID, rel.Type, rel.ToID, r.entityHint(rel.ToID)))
	case to == rel.From:
		errs.Add(diag.Errorf(rel.From.Path, rel.Line, "%s %s itself", rel.From.ID, rel.Type))
	default:
		rel.To = to
		to.Incoming = append(to.Incoming, rel)
	}
	for i := range rel.Cites {
		errs.Add(r.cite(&rel.Cites[i]))
	}
	return errs.Err()
}

// mentions finds entity names in every paragraph and list item: the
// entities a paragraph names (Entity.Mentions), and those whose names it
// holds only inside another's (Entity.Inside).
func (r *resolver) mentions() error {
	m, err := newMatcher(r.d.Entities)
	if err != nil {
		return err
	}
	// Each document's paragraphs are matched on their own, GOMAXPROCS
	// documents at a time; the mentions are then added to their entities
	// in the order of the documents, as one pass would add them.
	var names string
	var ids map[string]*model.Entity
	if r.known != nil {
		names = namesDigest(r.d.Entities)
		ids = make(map[string]*model.Entity, len(r.d.Entities))
		for _, e := range r.d.Entities {
			ids[e.ID] = e
		}
	}
	found := make([][]entityMention, len(r.d.Documents))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, doc := range r.d.Documents {
		g.Go(func() error {
			found[i] = docMentions(r.finderOf(m, names, ids, doc), doc)
			return nil
		})
	}
	g.Wait()
	for _, ms := range found {
		for _, em := range ms {
			if em.m.Within != nil {
				em.e.Inside = append(em.e.Inside, em.m)
				continue
			}
			em.e.Mentions = append(em.e.Mentions, em.m)
		}
	}
	return nil
}

// entityMention is a mention of e.
type entityMention struct {
	e *model.Entity
	m model.Mention
}

// finder returns what finds names in doc's paragraphs, by their index.
func (m *matcher) finder(doc *model.Document) func(i int) namesFound {
	return func(i int) namesFound {
		spans, inner := m.find(doc.Blocks[i].Text)
		return namesFound{spans, inner}
	}
}

// finderOf returns what finds names in doc's paragraphs, by their index:
// m, or what r.known kept of what m found there (names digests m's names;
// ids gives the entities by id), which it keeps when it has not.
func (r *resolver) finderOf(m *matcher, names string, ids map[string]*model.Entity, doc *model.Document) func(i int) namesFound {
	find := m.finder(doc)
	if r.known == nil {
		return find
	}
	key := namesKey(names, r.sums.of(doc))
	if data, ok := r.known.Get(key); ok {
		if fs, err := decodeFound(data, doc, func(id string) *model.Entity { return ids[id] }); err == nil {
			return func(i int) namesFound { return fs[i] }
		}
	}
	fs := make([]namesFound, len(doc.Blocks))
	for i := range doc.Blocks {
		if doc.Blocks[i].Kind != model.Heading {
			fs[i] = find(i)
		}
	}
	r.known.Put(key, encodeFound(fs))
	return func(i int) namesFound { return fs[i] }
}

// docMentions finds the entities named in the paragraphs of doc with find
// (see resolver.finderOf), records them in each paragraph's spans and
// returns them in the order of the text: one per entity and paragraph. An
// entity whose name the paragraph holds only inside the longer name of
// another is returned too, once, with Mention.Within set, and is no span.
func docMentions(find func(i int) namesFound, doc *model.Document) []entityMention {
	var found []entityMention
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		if b.Kind == model.Heading {
			continue
		}
		f := find(i)
		spans, inner := f.spans, f.inner
		seen := map[*model.Entity]bool{}
		for _, s := range spans {
			if seen[s.Entity] {
				continue // one link and one mention per entity and paragraph
			}
			seen[s.Entity] = true
			b.Spans = append(b.Spans, s)
			from, to := sentence(b.Text, s.Start, s.End)
			found = append(found, entityMention{s.Entity, model.Mention{
				Doc: doc, Block: b, Start: s.Start, End: s.End, From: from, To: to,
			}})
		}
		for _, s := range inner {
			if seen[s.Entity] {
				continue // named on its own in the paragraph, or inside a name already
			}
			seen[s.Entity] = true
			from, to := sentence(b.Text, s.Start, s.End)
			found = append(found, entityMention{s.Entity, model.Mention{
				Doc: doc, Block: b, Start: s.Start, End: s.End, From: from, To: to, Within: s.Within,
			}})
		}
	}
	return found
}

// prose resolves the cross-references in a piece of Markdown. file and
// line say where src starts, for messages.
func (r *resolver) prose(file string, line int, src []byte, doc ast.Node) error {
	var errs diag.List
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		ref, ok := n.(*markdown.Ref)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		at := line + strings.Count(string(src[:ref.Offset]), "\n")
		errs.Add(r.ref(file, at, ref))
		return ast.WalkSkipChildren, nil
	})
	errs.Add(err)
	return errs.Err()
}

func (r *resolver) ref(file string, line int, ref *markdown.Ref) error {
	if ref.IsCount() {
		switch ref.Count {
		case "background":
			ref.Value = r.d.Background
			return nil
		}
		return diag.Errorf(file, line, "[[%s]]: cannot count %q; a count is one of %s", ref.Target, ref.Count, strings.Join(markdown.Counts, ", "))
	}
	if !ref.IsSource() {
		e := r.entity(ref.EntityID)
		if e == nil {
			return diag.Errorf(file, line, "[[%s]]: unknown entity %q%s", ref.Target, ref.EntityID, r.entityHint(ref.EntityID))
		}
		ref.Entity = e
		return nil
	}
	doc := r.document(ref.Source)
	if doc == nil {
		return diag.Errorf(file, line, "[[%s]]: unknown source %q%s", ref.Target, ref.Source, r.sourceHint(ref.Source))
	}
	ref.Doc = doc
	switch {
	case ref.Paragraph == 0:
		return nil
	case ref.Paragraph < 0:
		return diag.Errorf(file, line, "[[%s]]: after # comes a paragraph number, as in [[S:%s#12]]", ref.Target, ref.Source)
	}
	b := doc.Paragraph(ref.Paragraph)
	if b == nil {
		return diag.Errorf(file, line, "[[%s]]: %s has no ¶%d; it has ¶1 to ¶%d", ref.Target, ref.Source, ref.Paragraph, doc.Paragraphs())
	}
	ref.Block = b
	r.d.Cited = append(r.d.Cited, model.ParagraphRef{SourceLine: model.SourceLine{File: file, Line: line}, Doc: doc, Block: b})
	return nil
}
