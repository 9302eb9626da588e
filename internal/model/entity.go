package model

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// EntityKind classifies an entity.
type EntityKind string

// The kinds of entity the dossier knows.
const (
	Agency     EntityKind = "agency"     // a national body or international organisation
	Unit       EntityKind = "unit"       // a part of an agency: department, division, desk, function
	Person     EntityKind = "person"     // a named person, with the role the source states
	Place      EntityKind = "place"      // a city, country or region
	Instrument EntityKind = "instrument" // a law, convention, protocol, agreement or statute
	Term       EntityKind = "term"       // a glossary term
)

// Listed reports whether the entities of kind k are listed by name, in
// alphabetical order (SortByName), as a glossary lists them: terms,
// instruments, people and places. Agencies and units keep the order of
// the data, which puts each after the body it is part of.
func (k EntityKind) Listed() bool {
	return k == Term || k == Instrument || k == Person || k == Place
}

// SortKey is how a name sorts in an alphabetical list (the glossary, the
// index): lower case, letters, digits and spaces only, so that "UNESCO"
// and "Unesco" sit together and quotation marks do not count.
func SortKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// SortByName sorts es alphabetically by SortKey of their names, keeping
// the order of the data among equal keys.
func SortByName(es []*Entity) {
	slices.SortStableFunc(es, func(a, b *Entity) int { return strings.Compare(SortKey(a.Name), SortKey(b.Name)) })
}

// EntityKinds lists the kinds in display order.
var EntityKinds = []EntityKind{Agency, Unit, Person, Place, Instrument, Term}

// Singular names one entity of the kind, in running text: "agency",
// "legal instrument".
func (k EntityKind) Singular() string {
	switch k {
	case Person:
		return "person"
	case Instrument:
		return "legal instrument"
	case Term:
		return "glossary term"
	}
	return string(k)
}

// Label is the kind as a heading, plural: "Agencies".
func (k EntityKind) Label() string {
	switch k {
	case Agency:
		return "Agencies"
	case Unit:
		return "Units"
	case Person:
		return "People"
	case Place:
		return "Places"
	case Instrument:
		return "Legal instruments"
	case Term:
		return "Glossary terms"
	}
	return string(k)
}

// Entity is something the sources name: an agency, a unit, a person, a
// place, a legal instrument or a glossary term, written up by the analyst
// with claims that cite the sources.
type Entity struct {
	ID          string
	Name        string
	Kind        EntityKind
	Aliases     []string // other names that link to it in the sources: abbreviations, spellings, Russian forms
	Role        string   // for people: the role as the source states it; filled in by the resolve stage from RoleWritten
	RoleWritten Written  // Role as written, with its [[references]]
	Description *Prose   // the analyst's own words; may reference other entities
	Claims      []Claim
	Relations   []*Relation // relations from this entity to others, as written in its data
	Path        string      // data file, for messages
	Line        int         // line of the entity's id in Path

	// Filled in by the resolve stage (package link):
	Incoming []*Relation // relations from other entities to this one
	Parent   *Entity     // the most specific body it is part of; nil for none
	Parts    []*Entity   // the entities whose Parent it is, in data order
	Mentions []Mention   // where the sources name it, in document order
	// Inside are the paragraphs that hold its name (or an alias) only
	// inside the longer name of another entity, which is what they name
	// there: "Central Office" in "Regional Central Office of Examples".
	// One per paragraph, in document order, each with Mention.Within set;
	// a paragraph in Mentions is not in Inside.
	Inside []Mention
}

// Claim is one statement about an entity, with the sentences it rests on.
type Claim struct {
	Written    Written // the statement as written, with its [[references]]
	Text       string  // the statement, in the analyst's words, its references resolved (filled in by the resolve stage)
	Allegation bool    // the source alleges it; shown as an allegation, attributed
	// Hedge is the source's own qualifying words ("reportedly", "it is
	// likely that") that the claim keeps: declared in the data (hedge:), or
	// found by the resolve stage in the claim's quotes when the claim's text
	// keeps a hedge of its own. A claim whose quotes hedge must keep it.
	Hedge string
	// Worded is set by the resolve stage when the claim's own words carry
	// a hedge; a hedged claim that is not worded so is shown with Hedge.
	Worded bool
	Cites  []Citation // at least one
	Line   int
}

// Evidence is the kind of support a claim has, as a badge shows it.
type Evidence string

// The kinds of evidence.
const (
	Stated  Evidence = "stated"  // the source states it
	Hedged  Evidence = "hedged"  // the source states it with a hedge of its own
	Alleged Evidence = "alleged" // a source's claim of someone's wrongdoing that it does not establish
)

// Evidence returns the kind of support of a resolved claim: an allegation
// is Alleged, a claim that keeps its source's hedge Hedged, any other
// Stated.
func (c *Claim) Evidence() Evidence {
	switch {
	case c.Allegation:
		return Alleged
	case c.Hedge != "":
		return Hedged
	}
	return Stated
}

// Citation points at the paragraph of a primary document that a claim or a
// relation rests on, by quoting it.
type Citation struct {
	Source     string // document id
	Quote      string // words of the document, exactly; white space and line breaks may differ
	Path       string // data file the citation is written in
	Line       int    // line of the quote in Path
	SourceLine int    // line of the source id in Path

	// Filled in by the resolve stage:
	Doc   *Document
	Block *Block // the paragraph or list item the quote was found in
}

// Label returns the short form of a resolved citation, e.g. "S1 ¶12".
func (c *Citation) Label() string {
	if c.Doc == nil || c.Block == nil {
		return c.Source
	}
	return fmt.Sprintf("%s %s", c.Doc.Ref, c.Block.Label())
}

// Tag returns how both renderers print a resolved citation, with the grade
// of its source travelling with it: "S1 ¶12 · B2" (see Document.Tag).
func (c *Citation) Tag() string {
	if c.Doc == nil {
		return c.Label()
	}
	return c.Doc.Tag(c.Block)
}

// CitedPlaces groups resolved citations by the place they cite, a
// paragraph or, without one, a document, in the order each place is first
// cited: two quotes of one paragraph are one reference to it, which the
// renderers print once. Unresolved citations are left out.
func CitedPlaces(cs []Citation) [][]*Citation {
	type place struct {
		doc   *Document
		block *Block
	}
	var out [][]*Citation
	at := map[place]int{}
	for i := range cs {
		c := &cs[i]
		if c.Doc == nil {
			continue
		}
		k := place{c.Doc, c.Block}
		if j, ok := at[k]; ok {
			out[j] = append(out[j], c)
			continue
		}
		at[k] = len(out)
		out = append(out, []*Citation{c})
	}
	return out
}

// RelationType names how two entities relate.
type RelationType string

// The relation types.
const (
	PartOf         RelationType = "part-of"         // a unit of a larger body
	ReportsTo      RelationType = "reports-to"      // answers to a person or body
	CooperatesWith RelationType = "cooperates-with" // a cooperation agreement or channel
	MemberOf       RelationType = "member-of"       // membership of an organisation
	HeadedBy       RelationType = "headed-by"       // led by a person or post
	Party          RelationType = "party-to"        // a party to an instrument, or bound by it
	ListedAmong    RelationType = "listed-among"    // named in a source's list of a group of bodies (a group entity)
	Amends         RelationType = "amends"          // an instrument that amends or supplements another
)

// RelationTypes lists the valid relation types.
var RelationTypes = []RelationType{PartOf, ReportsTo, CooperatesWith, MemberOf, HeadedBy, Party, ListedAmong, Amends}

// Phrase returns how the relation reads from its subject, "is part of", and
// Inverse how it reads from its object, "has part".
func (t RelationType) Phrase() string {
	switch t {
	case PartOf:
		return "is part of"
	case ReportsTo:
		return "reports to"
	case CooperatesWith:
		return "cooperates with"
	case MemberOf:
		return "is a member of"
	case HeadedBy:
		return "is headed by"
	case Party:
		// A party to an instrument, or a body that acts under it (a law,
		// a code): bound by it either way, as Inverse says.
		return "is bound by"
	case ListedAmong:
		return "is listed among"
	case Amends:
		return "amends"
	}
	return string(t)
}

// Inverse returns how the relation reads from its object.
func (t RelationType) Inverse() string {
	switch t {
	case PartOf:
		return "includes"
	case ReportsTo:
		return "receives reports from"
	case CooperatesWith:
		return "cooperates with"
	case MemberOf:
		return "counts among its members"
	case HeadedBy:
		return "heads"
	case Party:
		return "binds"
	case ListedAmong:
		return "lists"
	case Amends:
		return "is amended by"
	}
	return string(t)
}

// Symmetric reports whether the relation reads the same from both ends
// (two bodies that cooperate): written on either, it is the other's too.
func (t RelationType) Symmetric() bool { return t.Phrase() == t.Inverse() }

// Relation ties two entities, with the citations it rests on.
type Relation struct {
	Type  RelationType
	From  *Entity
	To    *Entity
	ToID  string // as written, before resolution
	Since Maybe  // date or year the relation began, as a source gives it

	NoteWritten Written // Note as written, with its [[references]]
	Note        string  // a short qualifier, e.g. "agreement signed 25 April 2013"; filled in by the resolve stage from NoteWritten
	Cites       []Citation
	Line        int
}

// Mention is a place where a source names an entity: the name at
// Block.Text[Start:End], in the sentence Block.Text[From:To].
type Mention struct {
	Doc        *Document
	Block      *Block
	Start, End int // byte offsets of the name in Block.Text
	From, To   int // byte offsets of the sentence around it
	// Within is the entity whose longer name holds the name, for a
	// mention in Entity.Inside; nil for one in Entity.Mentions.
	Within *Entity
}

// Sentence returns the sentence around the name.
func (m Mention) Sentence() string { return m.Block.Text[m.From:m.To] }

// Span marks the part of a block's text that names an entity.
type Span struct {
	Start, End int // byte offsets in Block.Text
	Entity     *Entity
}

// Prose is analyst-written Markdown, parsed once (see Note).
type Prose struct {
	Source []byte
	Doc    ast.Node
	Path   string
	Line   int // line in Path where the Markdown starts
}
