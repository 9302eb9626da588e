package pdf

import (
	"fmt"
	"slices"
	"strings"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// entityLink returns the internal link to the profile of entity id, making
// it on first use. Every entity has a profile: agencies and their units in
// the Agencies chapter, the rest in the Glossary.
func (s *doc) entityLink(id string) dest { return linkFor(s.dests, s.dests.entity, id, entityDest) }

func entityDest(id string) dest { return newDest("entity/" + id) }

// seen records that the name of entity id is drawn on the current page,
// for the index.
func (s *doc) seen(id string) {
	if s.rec != nil {
		s.rec.op(runOp{Kind: opSeen, Text: id})
	}
	pages := s.appears[id]
	page := s.f.PageNo()
	if n := len(pages); n == 0 || pages[n-1] != page {
		s.appears[id] = append(pages, page)
	}
}

// setProfilePage records that the profile of entity id is on this page,
// for the index.
func (s *doc) setProfilePage(id string) {
	s.profilePage[id] = s.f.PageNo()
	if s.rec != nil {
		s.rec.op(runOp{Kind: opProfile, Text: id})
	}
}

// setProfileEnd records that the profile of entity id ends on this page.
func (s *doc) setProfileEnd(id string) {
	s.profileEnd[id] = s.f.PageNo()
	if s.rec != nil {
		s.rec.op(runOp{Kind: opProfileEnd, Text: id})
	}
}

// citeStyle is the style of a citation: small, in the link colour.
var citeStyle = textStyle{size: 8, color: linkInk}

// citations returns the runs of a list of citations: " [S1 ¶12 · B2]" for
// each, linked to the paragraph in the source's chapter.
func (s *doc) citations(cs []model.Citation) []run {
	var out []run
	for _, place := range model.CitedPlaces(cs) {
		c := place[0] // the quotes of one paragraph cite it once
		l := s.docLink(c.Doc.ID)
		if c.Block != nil && c.Block.Number > 0 {
			l = s.paraLink(c.Doc.ID, c.Block.Number)
		}
		out = append(out, run{text: " ", st: body}, run{text: "[" + c.Tag() + "]", st: citeStyle, link: l})
	}
	return out
}

// nameRuns is the name of an entity drawn as a link to its profile, its
// first word recorded for the index: a name that runs on to the next page
// is indexed on the page where it starts, as mentionRuns does.
func (s *doc) nameRuns(e *model.Entity, st textStyle) []run {
	st.color = linkInk
	l := s.entityLink(e.ID)
	first, rest, _ := strings.Cut(e.Name, " ")
	out := []run{{text: first, st: st, link: l, entity: e.ID}}
	if rest != "" {
		out = append(out, run{text: " " + rest, st: st, link: l})
	}
	return out
}

// agencies draws the Agencies chapter: a profile of each agency, followed by
// the profiles of its units, deepest last.
func (s *doc) agencies() error {
	s.chapterStart("Agencies")
	s.say("agencies/intro")
	s.evidenceKey()
	s.startColumns(2, glossaryGap, true)
	defer s.endColumns()
	placed := map[*model.Entity]bool{}
	for _, e := range s.d.Entities {
		if e.Kind != model.Agency {
			continue
		}
		placed[e] = true
		if err := s.profile(e, 1); err != nil {
			return err
		}
		if err := s.units(e, 2, placed); err != nil {
			return err
		}
	}
	var rest []*model.Entity
	for _, e := range s.d.Entities {
		if e.Kind == model.Unit && !placed[e] {
			rest = append(rest, e)
		}
	}
	if len(rest) > 0 {
		s.headingText(1, "Other units", keepLines)
		for _, e := range rest {
			placed[e] = true
			if err := s.profile(e, 2); err != nil {
				return err
			}
		}
	}
	return nil
}

// units draws the profiles of the units that are part of e (its Parts, as
// the resolve stage placed them), each followed by its own units, one
// heading level deeper (down to level 3).
func (s *doc) units(e *model.Entity, level int, placed map[*model.Entity]bool) error {
	for _, u := range e.Parts {
		if u.Kind != model.Unit || placed[u] {
			continue
		}
		placed[u] = true
		if err := s.profile(u, level); err != nil {
			return err
		}
		if err := s.units(u, min(level+1, 3), placed); err != nil {
			return err
		}
	}
	return nil
}

// glossaryGap is the space between the Glossary's two columns.
const glossaryGap = 7.0

// glossary draws the Glossary: the terms, legal instruments, people and
// places the sources name, each with its description, claims and
// relations, in two columns as reference matter is.
func (s *doc) glossary() error {
	s.chapterStart("Glossary")
	s.say("glossary/intro")
	s.startColumns(2, glossaryGap, true)
	defer s.endColumns()
	for _, k := range []model.EntityKind{model.Term, model.Instrument, model.Person, model.Place} {
		es := glossaryOf(s.d.Entities, k)
		if len(es) == 0 {
			continue
		}
		s.headingText(1, k.Label(), keepLines+headingStyle(2).sizeMM()*1.3+4)
		for _, e := range es {
			if err := s.profile(e, 2); err != nil {
				return err
			}
		}
	}
	return nil
}

// firstLinesHeight is the height of the lines of e's profile that must
// stand under its heading and other names: the whole of the first
// paragraph of its description, or of its first item, when it has three
// lines or fewer (it is not split; see placeLines), else two of them.
func (s *doc) firstLinesHeight(e *model.Entity) float64 {
	n := 2
	switch {
	case e.Description != nil && e.Description.Doc != nil && e.Description.Doc.FirstChild() != nil:
		first := e.Description.Doc.FirstChild()
		width := s.right - s.left
		if first.Kind() == markdown.KindBackground {
			width -= 6 // a background passage is set in from the edge
		}
		n = len(s.layout([]run{{text: markdown.PlainText(first, e.Description.Source), st: body}}, width))
	case len(e.Claims) > 0:
		n = len(s.layout(s.finding(model.Finding{Claim: e.Claims[0]}), s.right-s.left-5.5))
	}
	if n > 3 {
		n = 2
	}
	return paraGap + float64(n)*bodyLH
}

// glossaryOf returns the entities of kind k in the order the Glossary
// lists them: alphabetical (model.SortByName), as the index is, since a
// glossary is where things are looked up.
func glossaryOf(entities []*model.Entity, k model.EntityKind) []*model.Entity {
	var es []*model.Entity
	for _, e := range entities {
		if e.Kind == k {
			es = append(es, e)
		}
	}
	model.SortByName(es)
	return es
}

// profile draws one entity: its name as a heading, its other names, the
// analyst's description, the claims with their citations, its relations
// and where the sources name it.
func (s *doc) profile(e *model.Entity, level int) error {
	small := textStyle{size: 9, color: muted}
	var facts []run
	if e.Role != "" {
		facts = append(facts, run{text: e.Role, st: textStyle{size: 9, color: ink, italic: true}})
	}
	if len(e.Aliases) > 0 {
		if len(facts) > 0 {
			facts = append(facts, run{brk: true})
		}
		facts = append(facts, run{text: "Also named: " + strings.Join(e.Aliases, "; "), st: small})
	}
	const factLH, noteLH = 9 * ptToMM * 1.45, 9 * ptToMM * 1.45

	// The heading keeps with its role and other names and the first
	// lines of what follows them: a name and its other names alone at the
	// foot of a column say nothing of it. The heading itself keeps those
	// lines only while it waits to be drawn, before the names are.
	keep := keepLines
	if len(facts) > 0 {
		keep = 1 + float64(len(s.layout(facts, s.right-s.left)))*factLH + s.firstLinesHeight(e)
	}
	hst := headingStyle(level)
	title := []run{{text: e.Name, st: hst, entity: e.ID}}
	s.heading(level, title, keep, s.entityLink(e.ID))
	if h := &s.heads[len(s.heads)-1]; s.cols.n > 1 {
		// In a column a profile follows the one before it closer: a
		// reference chapter's entries are many and short.
		h.before *= 0.7
	}
	s.setProfilePage(e.ID)

	if len(facts) > 0 {
		s.space(1)
		s.flow(facts, factLH, alignLeft)
		s.after = paraGap
	}

	if e.Description != nil && e.Description.Doc != nil {
		c := &note{Note: &model.Note{ID: "entity:" + e.ID, Source: e.Description.Source, Path: e.Description.Path}, footnotes: map[int]dest{}}
		if err := s.blocks(e.Description.Doc, c); err != nil {
			return fmt.Errorf("%s: description in %s:%d: %w", e.ID, e.Description.Path, e.Description.Line, err)
		}
	}

	// What the sources say of it ends with a small note: what date a
	// body's structure is attested for, if it has parts, and where the
	// sources name it.
	var note []run
	if rels := e.StructureRelations(); len(e.Parts) > 0 && (e.Kind == model.Agency || e.Kind == model.Unit) {
		note = append(note, run{text: s.attested(s.d.CitedBy(rels), ""), st: small})
	}
	if len(e.Mentions) > 0 {
		if len(note) > 0 {
			note = append(note, run{text: " ", st: small})
		}
		note = append(note, s.namedIn(e.Mentions, small)...)
	}
	if len(e.Mentions) == 0 && len(e.Inside) > 0 {
		// A paragraph that holds its name only inside another entity's
		// longer name names that entity, and is no mention; but the
		// briefing must not let the missing note read as if the words
		// were nowhere. The site lists such paragraphs for every entity.
		if len(note) > 0 {
			note = append(note, run{text: " ", st: small})
		}
		n := len(e.Inside)
		note = append(note, run{text: fmt.Sprintf("Named in no paragraph of the sources on its own; its name stands inside another entity’s longer name in %d %s, which %s that entity: ", n, plural(n, "paragraph", "paragraphs"), plural(n, "names", "name")), st: small})
		note = s.paraRefs(note, e.Inside, small)
		note = append(note, run{text: ".", st: small})
	}
	gap := paraGap
	if s.cols.n > 1 {
		gap = itemGap + 0.6
	}
	// The last item keeps its last lines with the note: a note alone at
	// the head of a column or page is cut off from its entry.
	var items [][]run
	for _, c := range e.Claims {
		items = append(items, s.finding(model.Finding{Claim: c}))
	}
	for _, g := range relationGroups(e) {
		items = append(items, s.relationItem(g))
	}
	for i, runs := range items {
		if i == len(items)-1 && len(note) > 0 {
			s.tail = gap + float64(len(s.layout(note, s.right-s.left)))*noteLH
		}
		s.item(runs)
	}
	if len(note) > 0 {
		s.space(gap)
		s.flow(note, noteLH, alignLeft)
		s.after = paraGap
	}
	s.setProfileEnd(e.ID)
	return nil
}

// namedIn is the note of where the sources name an entity, in style st:
// "Named in 3 paragraphs of the sources: S1 ¶4; S2 ¶9, ¶12.", each
// paragraph a link.
func (s *doc) namedIn(ms []model.Mention, st textStyle) []run {
	out := []run{{text: fmt.Sprintf("Named in %d %s of the sources: ", len(ms), plural(len(ms), "paragraph", "paragraphs")), st: st}}
	out = s.paraRefs(out, ms, st)
	return append(out, run{text: ".", st: st})
}

// paraRefs appends the paragraphs of ms to runs, each a link, grouped by
// source: "S1 ¶3, ¶12; S2 ¶4".
func (s *doc) paraRefs(runs []run, ms []model.Mention, st textStyle) []run {
	var cur *model.Document
	runs = slices.Grow(runs, 2*len(ms))
	for i, m := range ms {
		switch {
		case m.Doc != cur:
			if i > 0 {
				runs = append(runs, run{text: "; ", st: st})
			}
			cur = m.Doc
			runs = append(runs, run{text: m.Doc.Ref + "\u00a0", st: st}) // "S2 ¶9" is never parted
		default:
			runs = append(runs, run{text: ", ", st: st})
		}
		lst := st
		lst.color = linkInk
		runs = append(runs, run{text: m.Block.Label(), st: lst, link: s.paraLink(m.Doc.ID, m.Block.Number)})
	}
	return runs
}

// relationEnd is a relation seen from one end: the phrase it reads with
// from there ("includes"), the entity at the other end, and the relation.
type relationEnd struct {
	phrase string
	other  *model.Entity
	rel    *model.Relation
}

// qualifier is what a relation says besides its ends, "since 2013; listed
// under “Structure”", or "".
func qualifier(rel *model.Relation) string {
	var qual []string
	if rel.Since.Known() {
		qual = append(qual, "since "+rel.Since.String())
	}
	if rel.Note != "" {
		qual = append(qual, rel.Note)
	}
	return typo(strings.Join(qual, "; "))
}

// relationGroup is one item of a profile's relations: the relations that
// read with one phrase and, when two or more of them say it, one qualifier
// (shared != "").
type relationGroup struct {
	phrase string
	shared string
	ends   []relationEnd
}

// relationGroups gathers e's relations, its own then those pointing at it,
// into items: one per phrase and qualifier that two or more relations share,
// then one per phrase for the rest, in the order the relations come. A body
// listing ten units under one heading takes one item, not ten that repeat
// the heading.
func relationGroups(e *model.Entity) []relationGroup {
	var ends []relationEnd
	for _, rel := range e.Relations {
		if rel.To != nil {
			ends = append(ends, relationEnd{rel.Type.Phrase(), rel.To, rel})
		}
	}
	for _, rel := range e.Incoming {
		if rel.From != nil {
			ends = append(ends, relationEnd{rel.Type.Inverse(), rel.From, rel})
		}
	}
	type key struct{ phrase, qual string }
	count := map[key]int{}
	for _, x := range ends {
		if q := qualifier(x.rel); q != "" {
			count[key{x.phrase, q}]++
		}
	}
	var out []relationGroup
	at := map[key]int{} // index in out of each group
	for _, x := range ends {
		k := key{x.phrase, qualifier(x.rel)}
		if count[k] < 2 {
			k.qual = ""
		}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, relationGroup{phrase: x.phrase, shared: k.qual})
		}
		out[i].ends = append(out[i].ends, x)
	}
	return out
}

// relationItem returns the runs of one item of relations: "Includes
// (listed under “Structure”): Unit A [S1 ¶15 · B2]; Unit B [S1 ¶16 · B2]",
// or for relations that share no qualifier "Is part of Body C (since
// 2013) [S1 ¶38 · B2]; …".
func (s *doc) relationItem(g relationGroup) []run {
	quiet := textStyle{size: bodySize, color: muted}
	runs := []run{{text: firstUpper(g.phrase), st: body}}
	if g.shared != "" {
		runs = append(runs, run{text: " (" + g.shared + "):", st: quiet})
	}
	for i, x := range g.ends {
		sep := " "
		if i > 0 {
			sep = "; "
		}
		runs = append(append(runs, run{text: sep, st: body}), s.nameRuns(x.other, body)...)
		if q := qualifier(x.rel); q != "" && g.shared == "" {
			runs = append(runs, run{text: " (" + q + ")", st: quiet})
		}
		runs = append(runs, s.citations(x.rel.Cites)...)
	}
	return runs
}

// firstUpper capitalises the first letter of s.
func firstUpper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// item draws runs as a bulleted item of a profile.
func (s *doc) item(runs []run) {
	s.space(itemGap)
	if len(s.heads) > 0 {
		// A heading waiting for the item is set at the column's edge,
		// not at the item's indent, with the item's first lines.
		n := len(s.layout(runs, s.right-s.left-5.5))
		if n > 3 {
			n = 2
		}
		s.keepWith(float64(n) * bodyLH)
	}
	s.markers = append(s.markers, marker{text: "•", st: textStyle{size: bodySize, color: muted}, right: s.left + 3.5})
	s.left += 5.5
	align := alignLeft
	if s.cols.n > 1 {
		// A narrow column is justified and hyphenated, as a book's is:
		// ragged, its lines would end far short of the edge.
		align = alignJustify
	}
	s.flow(runs, bodyLH, align)
	s.left -= 5.5 // by difference, not saved and restored: a column break moves the column
	s.after = paraGap
}

// mentionRuns returns the text of a source block as runs, with the first
// word of each entity name the resolve stage found recorded for the index.
// Only the first word carries the record, so that the index gives the page
// where the name starts.
func mentionRuns(b *model.Block, st textStyle) []run {
	out := make([]run, 0, 2*len(b.Spans)+1) // the text before a name, and the name, for most
	at := 0
	for _, sp := range b.Spans {
		if sp.Start < at || sp.End > len(b.Text) || sp.Entity == nil {
			continue
		}
		if sp.Start > at {
			out = append(out, run{text: b.Text[at:sp.Start], st: st})
		}
		name := b.Text[sp.Start:sp.End]
		first, rest, _ := strings.Cut(name, " ")
		out = append(out, run{text: first, st: st, entity: sp.Entity.ID})
		if rest != "" {
			out = append(out, run{text: " " + rest, st: st})
		}
		at = sp.End
	}
	if at < len(b.Text) {
		out = append(out, run{text: b.Text[at:], st: st})
	}
	return out
}

// has reports whether the dossier has an entity of one of the kinds.
func (s *doc) has(kinds ...model.EntityKind) bool {
	for _, e := range s.d.Entities {
		for _, k := range kinds {
			if e.Kind == k {
				return true
			}
		}
	}
	return false
}

// names reports whether text contains the name or an alias of e, ignoring
// case: a reference labelled otherwise ("its desk") is not a place where
// the index can send a reader looking for the name.
func names(e *model.Entity, text string) bool {
	t := strings.ToLower(text)
	if strings.Contains(t, strings.ToLower(e.Name)) {
		return true
	}
	for _, a := range e.Aliases {
		if strings.Contains(t, strings.ToLower(a)) {
			return true
		}
	}
	return false
}

// itemGap is the space between two items of a profile: claims and
// relations.
const itemGap = 1.0
