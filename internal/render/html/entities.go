package html

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// entityPage and entityIndex name the page of an entity and the index of
// all entities.
func entityPage(e *model.Entity) string { return "entities/" + e.ID + ".html" }

const entityIndex = "entities.html"

// paraTarget is the address, relative to the site root, of a paragraph of
// a document.
func paraTarget(doc *model.Document, b *model.Block) string {
	if b == nil || b.Anchor == "" {
		return sourcePage(doc)
	}
	return sourcePage(doc) + "#" + b.Anchor
}

// otherNames is how a page shows an entity's other names: in one muted
// line, and when they are many, the first of them with the rest behind a
// disclosure the reader opens.
type otherNames struct {
	Shown []string // the names the line shows
	Rest  []string // the names behind the disclosure; none when all fit
}

// otherNamesLine is about how many characters of names the line shows
// before the rest go behind the disclosure: one line on a phone.
const otherNamesLine = 40

// others splits an entity's other names into those one line shows and the
// rest; it always shows at least one.
func others(aliases []string) otherNames {
	n, width := 0, 0
	for n < len(aliases) {
		width += len([]rune(aliases[n])) + 2
		if n > 0 && width > otherNamesLine {
			break
		}
		n++
	}
	// Hide no single name: a disclosure that opens on one name saves nothing.
	if len(aliases)-n < 2 {
		n = len(aliases)
	}
	return otherNames{Shown: aliases[:n], Rest: aliases[n:]}
}

// citeView is a citation as a page shows it: "S1 ¶12 · B2", linked to the
// paragraph, with the quoted words.
type citeView struct {
	Tag    string // "S1 ¶12 · B2"
	Target string // "sources/annual-report.html#p12"
	Doc    *model.Document
	Quote  string
}

// cites is cs as the pages show them. The quotes of one paragraph are one
// citation of it, whose Quote holds
// them all, in order, each in quotation marks but the first's opening and
// the last's closing, which the layouts add.
func cites(cs []model.Citation) []citeView {
	places := model.CitedPlaces(cs)
	out := make([]citeView, 0, len(places))
	for _, place := range places {
		c := place[0]
		quotes := make([]string, len(place))
		for i, q := range place {
			quotes[i] = q.Quote
		}
		out = append(out, citeView{Tag: c.Tag(), Target: paraTarget(c.Doc, c.Block), Doc: c.Doc, Quote: strings.Join(quotes, "” … “")})
	}
	return out
}

// attribution names the sources of citations once each, in order: the
// sources an allegation is attributed to.
func attribution(cs []citeView) []*model.Document {
	var out []*model.Document
	seen := map[*model.Document]bool{}
	for _, c := range cs {
		if !seen[c.Doc] {
			seen[c.Doc] = true
			out = append(out, c.Doc)
		}
	}
	return out
}

// claimView is a claim with its citations and its badge.
type claimView struct {
	Text      string
	Evidence  model.Evidence    // stated, hedged or alleged: the badge
	AllegedBy []*model.Document // for an allegation: whose it is
	Hedge     string            // the source's hedge, for a hedged claim or an allegation that keeps one
	ShowHedge bool              // the claim's words carry no hedge (model.Claim.Worded): the badge is followed by the source's
	Cites     []citeView
}

// Mark returns the sign of the claim in the role matrix, told apart by
// shape as the briefing draws it: "●" stated, "○" hedged, "▲" alleged.
func (c claimView) Mark() string {
	switch c.Evidence {
	case model.Hedged:
		return "○"
	case model.Alleged:
		return "▲"
	}
	return "●"
}

// claimOf returns the view of a resolved claim.
func claimOf(c *model.Claim) claimView {
	v := claimView{Text: c.Text, Evidence: c.Evidence(), Hedge: c.Hedge, Cites: cites(c.Cites)}
	if v.Evidence == model.Alleged {
		v.AllegedBy = attribution(v.Cites)
	}
	v.ShowHedge = v.Evidence == model.Hedged && !c.Worded
	return v
}

// relView is a relation as seen from one of its ends.
type relView struct {
	Phrase string        // "is part of", or from the other end "includes"
	Other  *model.Entity // the entity at the other end
	Since  model.Maybe
	Note   string
	Cites  []citeView
}

// mentionView is one place a source names the entity: the sentence around
// the name, split so that the name can be marked.
type mentionView struct {
	Target              string // the paragraph
	Href                string // Target's address from the page that lists it
	Label               string // "¶12"
	Before, Name, After string
	Lang                string
}

// mentionGroup gathers the mentions in one document.
type mentionGroup struct {
	Doc   *model.Document
	Href  string // the document's page, from the page that lists it
	Items []mentionView
}

// entityData is the data of an entity page.
type entityData struct {
	E           *model.Entity
	KindTarget  string     // the entity's group on the index
	Chart       *chartView // the organisation chart with the entity highlighted; nil for none
	Description template.HTML
	Claims      []claimView
	Parts       []relView // units that are part of it, listed as its structure
	Out, In     []relView // other relations, from it and to it
	Mentions    []mentionGroup
	Mentioned   int // number of paragraphs that name it
	Shown       int // how many of them Mentions lists: the first Options.PerPage
	// Inside lists the paragraphs that hold its name only inside the
	// longer name of another entity (model.Entity.Inside), the first
	// Options.PerPage of them.
	Inside []insideView
}

// insideView is a paragraph that holds an entity's name inside the longer
// name of another: the sentence, with the inner name marked, and the
// entity the paragraph names there.
type insideView struct {
	mentionView
	Ref    string        // the source's reference, "S1"
	Within *model.Entity // what the paragraph names
	Words  string        // the longer name, as the paragraph writes it
}

func (r *run) entity(i int, e *model.Entity, series []navLink) error {
	name := entityPage(e)
	if r.kept(name) {
		return nil
	}
	data := &entityData{E: e, KindTarget: kindTarget(e.Kind, r.frame.splitEntities)}
	if e.Description != nil && e.Description.Doc != nil {
		body, err := r.prose(name, e.Description.Source, e.Description.Doc)
		if err != nil {
			return fmt.Errorf("%s: description in %s:%d: %w", name, e.Description.Path, e.Description.Line, err)
		}
		data.Description = body
	}
	chart, err := r.entityChart(e)
	if err != nil {
		return err
	}
	data.Chart = chart
	for i := range e.Claims {
		data.Claims = append(data.Claims, claimOf(&e.Claims[i]))
	}
	for _, rel := range e.Relations {
		if rel.To == nil {
			continue
		}
		data.Out = append(data.Out, relView{rel.Type.Phrase(), rel.To, rel.Since, rel.Note, cites(rel.Cites)})
	}
	for _, rel := range e.Incoming {
		v := relView{rel.Type.Inverse(), rel.From, rel.Since, rel.Note, cites(rel.Cites)}
		if rel.Type == model.PartOf {
			data.Parts = append(data.Parts, v)
			continue
		}
		data.In = append(data.In, v)
	}
	// The addresses of the long lists are made here, not by the layout
	// ({{$.Link .Target}}): a layout's method call costs as much as the
	// rest of a line of the list (docs/BENCHMARKS.md, "Tenth round").
	p := &page{Name: name}
	for _, m := range e.Mentions {
		data.Mentioned++
		if data.Mentioned > perPage(r.opts) {
			continue // a page lists so many; the search finds the rest
		}
		n := len(data.Mentions)
		if n == 0 || data.Mentions[n-1].Doc != m.Doc {
			data.Mentions = append(data.Mentions, mentionGroup{Doc: m.Doc, Href: p.SourceLink(m.Doc)})
			n++
		}
		v := mentionOf(m)
		v.Href = p.Link(v.Target)
		data.Mentions[n-1].Items = append(data.Mentions[n-1].Items, v)
		data.Shown++
	}
	for _, m := range e.Inside {
		if len(data.Inside) == perPage(r.opts) {
			break // a page lists so many; the count says how many there are
		}
		data.Inside = append(data.Inside, insideOf(m))
	}
	p.Title = e.Name
	p.Pager = &pager{Up: navLink{Name: entityIndex, Label: "Entities"}, Prev: prev(series, i), Next: next(series, i)}
	p.Data = data
	return r.write(KindEntity, p)
}

func prev(series []navLink, i int) *navLink {
	if i > 0 {
		return &series[i-1]
	}
	return nil
}

func next(series []navLink, i int) *navLink {
	if i+1 < len(series) {
		return &series[i+1]
	}
	return nil
}

// mentionOf cuts the sentence of a mention around the name.
func mentionOf(m model.Mention) mentionView {
	t := m.Block.Text
	return mentionView{
		Target: paraTarget(m.Doc, m.Block), Label: m.Block.Label(), Lang: m.Block.Lang,
		Before: t[m.From:m.Start], Name: t[m.Start:m.End], After: t[m.End:m.To],
	}
}

// insideOf cuts the sentence of a name inside another's around the name,
// and finds the longer name that holds it.
func insideOf(m model.Mention) insideView {
	v := insideView{mentionView: mentionOf(m), Ref: m.Doc.Ref, Within: m.Within}
	for _, s := range m.Block.Spans {
		if s.Entity == m.Within && s.Start <= m.Start && m.End <= s.End {
			v.Words = m.Block.Text[s.Start:s.End]
			break
		}
	}
	return v
}

// entityGroup is one kind of entity on the entity index.
type entityGroup struct {
	Kind     model.EntityKind
	ID       string // fragment id of the group's heading
	Entities []*model.Entity
}

// kindID is the fragment id of a kind's group on the entity index.
func kindID(k model.EntityKind) string { return "kind-" + string(k) }

// kindTarget is where the entities of a kind are listed: their group on
// the index of entities, or, when that is split, their own page.
func kindTarget(k model.EntityKind, split bool) string {
	if split {
		return "entities-" + string(k) + ".html"
	}
	return entityIndex + "#" + kindID(k)
}

// entitiesData is the data of the entity index, or of a page of it.
type entitiesData struct {
	Groups []entityGroup
	// Kinds are the pages of the index, a page per kind, when it is split;
	// Groups is then empty.
	Kinds []kindPage
	// Kind is set on a page of the index: the kind it lists.
	Kind model.EntityKind
}

// kindPage is a link to a page of the split index of entities.
type kindPage struct {
	Name, Label string
	Count       int
}

// entityGroups groups the entities by kind, kinds in model order and
// entities within a kind in data order, or alphabetical for the kinds a
// glossary lists (model.EntityKind.Listed), as the briefing's Glossary.
func entityGroups(es []*model.Entity) []entityGroup {
	var gs []entityGroup
	for _, k := range model.EntityKinds {
		g := entityGroup{Kind: k, ID: kindID(k)}
		for _, e := range es {
			if e.Kind == k {
				g.Entities = append(g.Entities, e)
			}
		}
		if k.Listed() {
			model.SortByName(g.Entities)
		}
		if len(g.Entities) > 0 {
			gs = append(gs, g)
		}
	}
	return gs
}

// entityJobs returns the jobs that write the index of entities (with a
// page per kind when it is split) and a page per entity; none when there
// are no entities.
func (r *run) entityJobs() []pageJob {
	if len(r.d.Entities) == 0 {
		return nil
	}
	groups := entityGroups(r.d.Entities)
	// Pages follow each other in the order of the index.
	var series []navLink
	var order []*model.Entity
	for _, g := range groups {
		for _, e := range g.Entities {
			series = append(series, navLink{Name: entityPage(e), Label: e.Name})
			order = append(order, e)
		}
	}
	index := &entitiesData{Groups: groups}
	var kinds []navLink // the pages of the index, when it is split
	if r.frame.splitEntities {
		// Too many for one page: the index links to a page per kind.
		index = &entitiesData{}
		for _, g := range groups {
			target := kindTarget(g.Kind, true)
			index.Kinds = append(index.Kinds, kindPage{Name: target, Label: g.Kind.Label(), Count: len(g.Entities)})
			kinds = append(kinds, navLink{Name: target, Label: g.Kind.Label()})
		}
	}
	// The index's pages, as an entity's, read nothing of the notes: they
	// are kept when the build can (see Options.Keep).
	jobs := []pageJob{func(r *run) error {
		if r.kept(entityIndex) {
			return nil
		}
		return r.write(KindEntities, &page{
			Name:  entityIndex,
			Title: "Entities",
			Pager: &pager{Up: navLink{Name: indexPage, Label: "Overview"}},
			Data:  index,
		})
	}}
	for i, g := range groups[:len(kinds)] {
		jobs = append(jobs, func(r *run) error {
			if r.kept(kinds[i].Name) {
				return nil
			}
			return r.write(KindEntities, &page{
				Name:  kinds[i].Name,
				Title: kinds[i].Label,
				Pager: &pager{Up: navLink{Name: entityIndex, Label: "Entities"}, Prev: prev(kinds, i), Next: next(kinds, i)},
				Data:  &entitiesData{Groups: []entityGroup{g}, Kind: g.Kind},
			})
		})
	}
	for i, e := range order {
		jobs = append(jobs, func(r *run) error { return r.entity(i, e, series) })
	}
	return jobs
}

// prose renders analyst Markdown for the page named here: references
// become links relative to that page.
func (r *run) prose(here string, src []byte, doc ast.Node) (template.HTML, error) {
	r.here = here
	defer func() { r.here = "" }()
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil // goldmark escapes text; raw HTML is off
}

// refTarget is the markdown.Linker of a run: the address of a resolved
// reference, relative to the page being rendered.
func (r *run) refTarget(ref *markdown.Ref) (string, error) {
	var target string
	switch {
	case ref.Entity != nil:
		target = entityPage(ref.Entity)
	case ref.Doc != nil:
		target = paraTarget(ref.Doc, ref.Block)
	default:
		return "", fmt.Errorf("not resolved")
	}
	if r.here == "" {
		return "", fmt.Errorf("rendered outside a page")
	}
	return relURL(r.here, target), nil
}

// EntityLink returns the address of an entity's page as written on this
// page, and SourceLink that of a document's.
// summary is the first sentence of an entity's description, for a list
// of entities to say what each is.
type summary struct {
	Text string
	// Background says the sentence is from a background passage, the
	// analyst's own knowledge, which the list marks as such, as the
	// entity's page does.
	Background bool
}

// Summary returns the summary of e: the first sentence of the analyst's
// description, as plain text, cut at a word past summaryMax characters;
// nil without a description.
func (p *page) Summary(e *model.Entity) *summary {
	if e.Description == nil || e.Description.Doc == nil {
		return nil
	}
	first := e.Description.Doc.FirstChild()
	if first == nil {
		return nil
	}
	text := firstSentence(markdown.PlainText(first, e.Description.Source), summaryMax)
	if text == "" {
		return nil
	}
	return &summary{Text: text, Background: first.Kind() == markdown.KindBackground}
}

// summaryMax is the most characters a summary of an entity takes.
const summaryMax = 160

// firstSentence returns the first sentence of text, up to its full stop,
// or its first max characters, cut after a word, with an ellipsis.
func firstSentence(text string, max int) string {
	text = strings.Join(strings.Fields(text), " ")
	for i := 0; i+1 < len(text); i++ {
		// A full stop ends a sentence before a space and a capital, or
		// at the end: not in "S1." or "e.g." mid-sentence, mostly.
		if text[i] != '.' || text[i+1] != ' ' || i+2 >= len(text) || i < 20 {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(text[i+2:]); unicode.IsUpper(r) {
			text = text[:i+1]
			break
		}
	}
	if r := []rune(text); len(r) > max {
		cut := string(r[:max])
		if k := strings.LastIndexByte(cut, ' '); k > 0 {
			cut = cut[:k]
		}
		return strings.TrimRight(cut, " ,;:") + "…"
	}
	return text
}

func (p *page) EntityLink(e *model.Entity) string   { return p.Link(entityPage(e)) }
func (p *page) SourceLink(d *model.Document) string { return p.Link(sourcePage(d)) }

// Text returns the text of a block with the entities it names linked to
// their pages, escaped for HTML.
func (p *page) Text(b *model.Block) template.HTML {
	var buf strings.Builder
	at := 0
	for _, s := range b.Spans {
		if s.Start < at || s.End > len(b.Text) || s.Entity == nil {
			continue // overlapping or out of range: leave the text as it is
		}
		buf.WriteString(template.HTMLEscapeString(b.Text[at:s.Start]))
		fmt.Fprintf(&buf, `<a class="mention" href="%s" title="%s">%s</a>`,
			template.HTMLEscapeString(p.EntityLink(s.Entity)),
			template.HTMLEscapeString(s.Entity.Name+" ("+s.Entity.Kind.Singular()+")"),
			template.HTMLEscapeString(b.Text[s.Start:s.End]))
		at = s.End
	}
	buf.WriteString(template.HTMLEscapeString(b.Text[at:]))
	return template.HTML(buf.String())
}
