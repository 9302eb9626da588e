// Package slug makes fragment identifiers out of heading text.
//
// Unlike goldmark's default generator it keeps letters of every script, so
// a Russian heading gets a readable id rather than an empty or numbered
// one: "Материал доступен" becomes "материал-доступен".
package slug

import (
	"strconv"
	"strings"
	"unicode"
)

// Make returns text lowercased, with every run of characters that are not
// letters or digits turned into a single hyphen and no hyphen at either end.
// It returns "section" when nothing is left.
func Make(text string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r):
			// Drop combining marks; keep the base letter.
		default:
			hyphen = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// Set hands out ids that are unique within one page. Its zero value is
// ready to use; it is not safe for concurrent use.
type Set struct {
	used map[string]bool
}

// Reserve marks id as taken, so that Unique never returns it.
func (s *Set) Reserve(id string) {
	if s.used == nil {
		s.used = make(map[string]bool)
	}
	s.used[id] = true
}

// Unique returns prefix+Make(text), with "-2", "-3", … appended if that id
// was handed out or reserved before, and marks the result as taken.
func (s *Set) Unique(prefix, text string) string {
	base := prefix + Make(text)
	id := base
	for n := 2; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.Reserve(id)
	return id
}
