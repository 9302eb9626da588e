package link

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// A matcher finds entity names in text in one pass: it splits the text into
// words and walks a trie of names, word by word, from each word. Where
// names overlap, the longest that starts first is the text's name there (a
// span, which the outputs link); the names of other entities that lie
// inside it are kept apart, as nested names (see find). Its cost grows with
// the length of the text (times the number of words in the longest name),
// not with the number of entities.
//
// Names match whole words and case-sensitively, so "OSCE" matches "OSCE" but
// not "osce" and not the inside of a longer word; a name written in lower case
// (a glossary term) also matches with a capital first letter. What separates
// the words must match too, so "Border Guard" does not match across a
// full stop.
//
// A name written with an abbreviation in brackets, "Name (ABBR)", is also
// found as "Name" and as "ABBR" (see derived): a source writes the one or
// the other as often as both. A name so derived gives way to a name some
// other entity declares, and one that two entities derive is a name of
// neither.
type matcher struct {
	root *trieNode
}

type trieNode struct {
	next    map[edge]*trieNode
	entity  *model.Entity // a name ends here
	name    string        // that name, for messages
	derived bool          // the name is only derived from one in brackets
	shared  bool          // two entities derive the name: it names neither
}

// word is one word of a text, with what separates it from the word before.
type word struct {
	start, end int    // byte offsets of the word
	sep        string // what comes between the previous word and this one, white space folded
}

// words splits s into words: runs of letters and digits.
func words(s string) []word {
	out := make([]word, 0, len(s)/6)
	prevEnd := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r2, size2 := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r2) {
				break
			}
			j += size2
		}
		out = append(out, word{start: i, end: j, sep: foldSpace(s[prevEnd:i])})
		prevEnd = j
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func foldSpace(s string) string {
	if s == "" || s == " " {
		return s
	}
	f := strings.Join(strings.Fields(s), " ")
	if f == "" {
		return " "
	}
	if s[0] == ' ' || unicode.IsSpace(rune(s[0])) {
		f = " " + f
	}
	if last := s[len(s)-1]; last == ' ' || unicode.IsSpace(rune(last)) {
		f += " "
	}
	return f
}

// edge labels a step in the trie: the next word and what separates it from
// the word before (empty from the root).
type edge struct{ sep, word string }

func key(sep, w string) edge { return edge{sep, w} }

// newMatcher builds the trie of every entity's name and aliases, and of
// the names derived from them (see derived). A name declared by two
// entities is an error.
func newMatcher(entities []*model.Entity) (*matcher, error) {
	m := &matcher{root: &trieNode{}}
	var errs diag.List
	for _, e := range entities {
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			for _, v := range variants(name) {
				if err := m.add(v, e); err != nil {
					errs.Add(diag.Errorf(e.Path, e.Line, "%w", err))
				}
			}
		}
	}
	// Derived names come second, so that a name an entity declares wins
	// over one derived from another's, whatever their order.
	for _, e := range entities {
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			for _, d := range derived(name) {
				for _, v := range variants(d) {
					m.addDerived(v, e)
				}
			}
		}
	}
	return m, errs.Err()
}

// variants returns the forms a name is found in: as written and, for a
// name in lower case, with a capital first letter.
func variants(name string) []string {
	if r, size := utf8.DecodeRuneInString(name); unicode.IsLower(r) {
		return []string{name, string(unicode.ToUpper(r)) + name[size:]}
	}
	return []string{name}
}

// derived returns the other names a name written with an abbreviation in
// brackets is found by: the name without it, and the abbreviation ("Examples
// Bureau (EB)" gives "Examples Bureau" and "EB"; "Bureau (EB) of Examples"
// gives "Bureau of Examples" and "EB"). An abbreviation is one word whose
// letters are all capitals; other words in brackets (a year, a parent
// body: "Desk (1993)", "Desk (Northern Branch)") tell entities apart and
// give no other name.
func derived(name string) []string {
	var abbrs []string
	var rest strings.Builder
	for {
		open := strings.IndexByte(name, '(')
		if open < 0 {
			break
		}
		shut := strings.IndexByte(name[open:], ')')
		if shut < 0 {
			break
		}
		shut += open
		inner := name[open+1 : shut]
		if !isAbbreviation(inner) {
			return nil
		}
		abbrs = append(abbrs, inner)
		rest.WriteString(name[:open])
		rest.WriteByte(' ')
		name = name[shut+1:]
	}
	if len(abbrs) == 0 {
		return nil
	}
	rest.WriteString(name)
	bare := strings.Join(strings.Fields(rest.String()), " ")
	bare = strings.ReplaceAll(strings.ReplaceAll(bare, " ,", ","), " .", ".")
	if len(words(bare)) == 0 {
		return abbrs
	}
	return append([]string{bare}, abbrs...)
}

// isAbbreviation reports whether s is one word whose letters, of which
// it has one at least, are all capitals: "NCB", "EU-7".
func isAbbreviation(s string) bool {
	if s == "" || strings.ContainsFunc(s, unicode.IsSpace) || !strings.ContainsFunc(s, unicode.IsLetter) {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) && !unicode.IsUpper(r) })
}

// node returns the trie node at the end of name, made if need be; nil for
// a name without words.
func (m *matcher) node(name string) *trieNode {
	ws := words(name)
	if len(ws) == 0 {
		return nil
	}
	n := m.root
	for i, w := range ws {
		k := key("", name[w.start:w.end])
		if i > 0 {
			k = key(w.sep, name[w.start:w.end])
		}
		if n.next == nil {
			n.next = make(map[edge]*trieNode)
		}
		child := n.next[k]
		if child == nil {
			child = &trieNode{}
			n.next[k] = child
		}
		n = child
	}
	return n
}

func (m *matcher) add(name string, e *model.Entity) error {
	n := m.node(name)
	if n == nil {
		return nil
	}
	if n.entity != nil && n.entity != e {
		return fmt.Errorf("name %q of %s is already a name of %s (%s:%d)", name, e.ID, n.entity.ID, n.entity.Path, n.entity.Line)
	}
	n.entity, n.name = e, name
	return nil
}

// addDerived adds a name derived from one of e's, unless another entity
// declares it, or derives it too (then it names neither).
func (m *matcher) addDerived(name string, e *model.Entity) {
	n := m.node(name)
	switch {
	case n == nil || n.shared || n.entity == e:
	case n.entity == nil:
		n.entity, n.name, n.derived = e, name, true
	case n.derived:
		n.entity, n.name, n.derived, n.shared = nil, "", false, true
	}
}

// A nested name is a name of one entity that lies inside the longer name
// of another, which the text names there: "Central Office" in "Regional
// Central Office of Examples".
type nested struct {
	model.Span               // the inner name and its entity
	Within     *model.Entity // the entity whose name holds it
}

// find returns the names in text, longest first at each place, not
// overlapping, in order; and the names of other entities nested inside
// them, in order of where they start, each once per span.
func (m *matcher) find(text string) (spans []model.Span, inner []nested) {
	ws := words(text)
	var hits []int // where the names that start at a word end, shortest first
	var nodes []*trieNode
	end := -1 // the last word of the last span
	for i := range ws {
		hits, nodes = hits[:0], nodes[:0]
		n := m.root.next[key("", text[ws[i].start:ws[i].end])]
		for j := i; n != nil; {
			if n.entity != nil {
				hits, nodes = append(hits, j), append(nodes, n)
			}
			j++
			if j >= len(ws) {
				break
			}
			n = n.next[key(ws[j].sep, text[ws[j].start:ws[j].end])]
		}
		if len(hits) == 0 {
			continue
		}
		if i > end {
			// The longest name here is the text's; the shorter ones
			// lie inside it.
			last := len(hits) - 1
			end = hits[last]
			to := ws[end].end
			if strings.HasSuffix(nodes[last].name, ")") && strings.HasPrefix(text[to:], ")") {
				to++ // "Name (ABBR)" ends with its bracket
			}
			spans = append(spans, model.Span{Start: ws[i].start, End: to, Entity: nodes[last].entity})
			hits, nodes = hits[:last], nodes[:last]
		}
		within := spans[len(spans)-1]
		for k, j := range hits {
			if j > end {
				break // it runs past the span: not inside it
			}
			if e := nodes[k].entity; e != within.Entity && !seen(inner, within, e) {
				inner = append(inner, nested{model.Span{Start: ws[i].start, End: ws[j].end, Entity: e}, within.Entity})
			}
		}
	}
	return spans, inner
}

// seen reports whether inner already has a name of e inside the span
// within (the last span found).
func seen(inner []nested, within model.Span, e *model.Entity) bool {
	for k := len(inner) - 1; k >= 0 && inner[k].Start >= within.Start; k-- {
		if inner[k].Entity == e {
			return true
		}
	}
	return false
}

// sentence returns the bounds [from,to) of the sentence of text that
// contains the bytes [start,end).
func sentence(text string, start, end int) (from, to int) {
	for i := start - 1; i > 0; i-- {
		if text[i] == ' ' && strings.ContainsRune(".!?", rune(text[i-1])) {
			from = i + 1
			break
		}
	}
	to = len(text)
	for i := end; i < len(text)-1; i++ {
		if strings.ContainsRune(".!?", rune(text[i])) && text[i+1] == ' ' {
			to = i + 1
			break
		}
	}
	return from, to
}
