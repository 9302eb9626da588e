package model

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Document is one primary source: a text kept verbatim in sources/, its
// metadata, and the blocks the load stage cleaned out of it.
type Document struct {
	ID  string // short stable id, e.g. "annual-report"
	Ref string // short reference used in citations, e.g. "S1", as its metadata declares it

	Title         string
	Publisher     string
	PublisherKind PublisherKind
	Language      string   // main language, BCP 47
	Languages     []string // further languages that appear in the text
	Author        Maybe
	// Published is the publication date the source gives, for reading
	// ("2 May 2019", "May 2019"), and PublishedOn the same date, for data
	// (zero when unknown or estimated); PublishedPath and PublishedLine
	// are the metadata file, as messages name it, and the line that gives
	// it.
	Published     Maybe
	PublishedOn   Date
	PublishedPath string
	PublishedLine int
	// Dated is the date estimated from the document's own evidence, when
	// its metadata gives an estimate instead of a date; nil otherwise.
	Dated *DateEstimate
	// Copies are the passages of other documents it repeats word for
	// word, as its metadata declares them (repeats:).
	Copies      []Copy
	URL         Maybe
	Captured    string // how the text was captured, e.g. "web page", "PDF text extract"
	Description string // one-line note on what the document is; filled in by the resolve stage from DescriptionWritten
	// DescriptionWritten is Description as written, with its [[references]].
	DescriptionWritten Written
	Grade              Grade

	// TextPath and MetaPath name the verbatim text and its metadata file
	// relative to the sources folder, slash-separated, e.g.
	// "documents/000_bb7bcb51a151c3b6.txt": the outputs show them, and
	// they are the same however the sources folder was given to the build.
	// Messages join them to the folder's name as the user typed it.
	TextPath   string
	MetaPath   string
	OriginFile string // the file name the text was delivered under
	Encoding   string // the text's encoding as its metadata declares it; "" for UTF-8
	SHA256     string // hex digest of the verbatim text, checked when loading
	Meta       []byte // the metadata file as written, less its comments, for the provenance record
	Lines      int    // number of lines in the verbatim text

	Blocks  []Block // cleaned content, in reading order
	Dropped []Drop  // what cleaning removed, in line order
}

// Paragraph returns the numbered block with number n (¶n), or nil.
func (d *Document) Paragraph(n int) *Block {
	for i := range d.Blocks {
		if d.Blocks[i].Number == n && d.Blocks[i].Kind != Heading {
			return &d.Blocks[i]
		}
	}
	return nil
}

// Paragraphs returns the number of numbered blocks.
func (d *Document) Paragraphs() int {
	n := 0
	for _, b := range d.Blocks {
		if b.Number > 0 {
			n++
		}
	}
	return n
}

// BlockKind says what a block is.
type BlockKind int

// The kinds of block a cleaned document is made of.
const (
	Paragraph BlockKind = iota // running text
	ListItem                   // one item of a list; consecutive items form one list
	Heading                    // a heading; not numbered
)

func (k BlockKind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case ListItem:
		return "list item"
	case Heading:
		return "heading"
	}
	return fmt.Sprintf("BlockKind(%d)", int(k))
}

// Block is one unit of cleaned text. Paragraphs and list items carry a
// number (¶1, ¶2, …) that is stable for as long as the source text and its
// cleaning rules stay the same; citations point at it.
type Block struct {
	Kind   BlockKind
	Level  int    // heading level, 1 to 3; 0 otherwise
	Text   string // cleaned text, one line, single spaces
	Number int    // paragraph number; 0 for headings
	Anchor string // fragment id: "p12" for ¶12, "h-…" for headings
	Line   int    // first line of the source text the block came from
	Lang   string // language of the block when it differs from the document's, e.g. "ru"

	// Filled in by the resolve stage: the names of entities in Text, in
	// order, not overlapping.
	Spans []Span
}

// Label returns "¶n" for a numbered block and "" for a heading.
func (b *Block) Label() string {
	if b.Number == 0 {
		return ""
	}
	return "¶" + strconv.Itoa(b.Number)
}

// Tag returns how the outputs cite the document's block b (or, b nil or
// unnumbered, the document): its reference, the paragraph, and the grade
// of the source travelling with them, "S1 ¶12 · B2" (or "S1 · B2"), every
// space unbreakable, so that a line never breaks inside it. A claim's
// citation and a paragraph cited in prose print alike, so that whatever a
// sentence rests on, an allegation most, is given with its source's grade
// every time.
func (d *Document) Tag(b *Block) string {
	s := d.Ref
	if b != nil && b.Number > 0 {
		s += "\u00a0" + b.Label()
	}
	if d.Grade.Reliability != 0 {
		s += "\u00a0·\u00a0" + d.Grade.String()
	}
	return s
}

// Drop records text that cleaning removed, and why.
type Drop struct {
	Line    int    // first line dropped
	EndLine int    // last line dropped
	Text    string // what was dropped, whitespace folded; may be shortened
	Rule    string // name of the rule that dropped it
	Why     string // the reason the rule gives
	Blank   bool   // the lines held nothing but whitespace; Text says how many
}

// HeadingTitle returns the text of heading b of d as the outputs set it. A
// heading the source writes in capitals ("CRIMINAL ACTORS", a display
// style, not a choice of words) is set in title case ("Criminal Actors";
// "Leadership and Governance") when in English, in sentence case in another
// language; a word that d's own paragraphs also write in capitals
// ("UNODC", "OSCE") keeps them, as an acronym would. Any other heading,
// and every paragraph, is left as the source wrote it; b.Text itself is not
// changed.
func (d *Document) HeadingTitle(b *Block) string {
	if b.Kind != Heading || !allCaps(b.Text) {
		return b.Text
	}
	caps := map[string]bool{}
	for i := range d.Blocks {
		if d.Blocks[i].Kind == Heading {
			continue
		}
		for _, w := range strings.FieldsFunc(d.Blocks[i].Text, notWordRune) {
			if allCaps(w) {
				caps[w] = true
			}
		}
	}
	lang := b.Lang
	if lang == "" {
		lang = d.Language
	}
	english := lang == "" || lang == "en" || strings.HasPrefix(lang, "en-")
	words := strings.Fields(b.Text)
	for i, w := range words {
		first := i == 0 || strings.HasSuffix(words[i-1], ":")
		last := i == len(words)-1
		words[i] = titleWord(w, caps, english, first, last)
	}
	return strings.Join(words, " ")
}

// minorWords stay in lower case inside an English title.
var minorWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "but": true, "by": true, "for": true,
	"from": true, "in": true, "into": true, "nor": true, "of": true, "on": true, "or": true,
	"the": true, "to": true, "via": true, "vs": true, "with": true,
}

// titleWord sets one word of a heading in capitals in title case (or, not
// in English, in lower case after the first word), keeping the acronyms
// in caps.
func titleWord(w string, caps map[string]bool, english, first, last bool) string {
	parts := strings.FieldsFunc(w, notWordRune)
	if len(parts) == 1 && caps[parts[0]] {
		return w
	}
	lower := strings.ToLower(w)
	core := strings.TrimFunc(lower, notWordRune)
	if !first && (!english || (!last && minorWords[core])) {
		return lower
	}
	if !english {
		return Capital(lower)
	}
	// Each part of a compound starts with a capital: "Cyber-Dependent".
	out := []rune(lower)
	start := true
	for i, r := range out {
		if unicode.IsLetter(r) {
			if start {
				out[i] = unicode.ToUpper(r)
			}
			start = false
		} else if r == '-' || r == '/' {
			start = true
		}
	}
	return string(out)
}

// Capital puts the first letter of s in upper case, for a name that
// starts a sentence or a heading ("the subject" gives "The subject").
func Capital(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
		}
	}
	return s
}

// allCaps reports whether s has at least two letters and none in lower
// case.
func allCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// notWordRune splits text into words: letters, digits and apostrophes.
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
}

// PublisherName returns the publisher as a name, for the data exports that
// file a source under it (CSL, BibTeX, FollowTheMoney); "" when the
// metadata says the publisher is unknown ("unknown", or "unknown: why"),
// which no export may give as a name.
func (d *Document) PublisherName() string {
	if publisherUnknown(d.Publisher) {
		return ""
	}
	return d.Publisher
}

// publisherUnknown reports whether a publisher, as written, says that it
// is unknown: the word alone, or followed by why (after a colon, a dash or
// in brackets).
func publisherUnknown(p string) bool {
	p = strings.TrimSpace(p)
	if len(p) < len(Unknown) || !strings.EqualFold(p[:len(Unknown)], Unknown) {
		return false
	}
	rest := strings.TrimSpace(p[len(Unknown):])
	return rest == "" || strings.ContainsRune(":—–-(,;", []rune(rest)[0])
}
