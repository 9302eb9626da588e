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
// words and walks a trie of names, word by word, from each word, keeping the
// longest name that ends there. Its cost grows with the length of the text
// (times the number of words in the longest name), not with the number of
// entities.
//
// Names match whole words and case-sensitively, so "OSCE" matches "OSCE" but
// not "osce" and not the inside of a longer word; a name written in lower case
// (a glossary term) also matches with a capital first letter. What separates
// the words must match too, so "Border Guard" does not match across a
// full stop.
type matcher struct {
	root *trieNode
}

type trieNode struct {
	next   map[edge]*trieNode
	entity *model.Entity // a name ends here
	name   string        // that name, for messages
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

// newMatcher builds the trie of every entity's name and aliases. A name
// claimed by two entities is an error.
func newMatcher(entities []*model.Entity) (*matcher, error) {
	m := &matcher{root: &trieNode{}}
	var errs diag.List
	for _, e := range entities {
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			variants := []string{name}
			if r, size := utf8.DecodeRuneInString(name); unicode.IsLower(r) {
				variants = append(variants, string(unicode.ToUpper(r))+name[size:])
			}
			for _, v := range variants {
				if err := m.add(v, e); err != nil {
					errs.Add(diag.Errorf(e.Path, e.Line, "%w", err))
				}
			}
		}
	}
	return m, errs.Err()
}

func (m *matcher) add(name string, e *model.Entity) error {
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
	if n.entity != nil && n.entity != e {
		return fmt.Errorf("name %q of %s is already a name of %s (%s:%d)", name, e.ID, n.entity.ID, n.entity.Path, n.entity.Line)
	}
	n.entity, n.name = e, name
	return nil
}

// find returns the names in text, longest first at each place, not
// overlapping, in order.
func (m *matcher) find(text string) []model.Span {
	ws := words(text)
	var spans []model.Span
	for i := 0; i < len(ws); {
		n := m.root.next[key("", text[ws[i].start:ws[i].end])]
		var best *trieNode
		bestEnd := i
		for j := i; n != nil; {
			if n.entity != nil {
				best, bestEnd = n, j
			}
			j++
			if j >= len(ws) {
				break
			}
			n = n.next[key(ws[j].sep, text[ws[j].start:ws[j].end])]
		}
		if best == nil {
			i++
			continue
		}
		spans = append(spans, model.Span{Start: ws[i].start, End: ws[bestEnd].end, Entity: best.entity})
		i = bestEnd + 1
	}
	return spans
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
