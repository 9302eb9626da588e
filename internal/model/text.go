package model

import (
	"sort"
	"strconv"
)

// Written is a piece of analyst prose kept as plain text in a data file —
// a claim, a relation's note, a person's role, a grade's reason, a
// document's description, a text or note of the crime-market summary — as
// the load stage read it: with its cross-references ([[S:source-id#12]],
// [[entity-id]]) as written, and where it was written.
//
// The load stage fills it; the resolve stage (package link) resolves its
// references and writes the text renderers show into the field beside it
// (Claim.Text, Relation.Note, Entity.Role, Grade.Reason,
// Document.Description, the Note of a market, actor type, resilience area,
// priority area or market agency). Renderers read only that field and
// never parse.
type Written struct {
	Text string // as written, trimmed; "" when the data gives none
	Path string // data file, for messages
	Line int    // line in Path of the first word of Text

	// Breaks holds the byte offsets in Text at which a further line of
	// Path begins, in order: the word at Breaks[0] is on Line+1.
	Breaks []int
}

// LineAt returns the line in Path of the byte at offset i of Text.
func (w Written) LineAt(i int) int {
	return w.Line + sort.SearchInts(w.Breaks, i+1)
}

var numberWords = []string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
	"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}

// NumberWords spells n out in words up to twenty, as running text does
// ("five passages", "no passages"), and writes it in digits above.
func NumberWords(n int) string {
	if n >= 0 && n < len(numberWords) {
		return numberWords[n]
	}
	return strconv.Itoa(n)
}
