package build

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"dossier/internal/diag"
	"dossier/internal/model"
	pdfrender "dossier/internal/render/pdf"
)

// Strict returns warnings as one error, each a file:line error saying
// that --strict made it one; nil for none.
func Strict(warnings []diag.Entry) error {
	var l diag.List
	for _, w := range warnings {
		msg := w.Message + " (an error under --strict)"
		if w.File == "" {
			l.Add(errors.New(msg))
			continue
		}
		l.Add(diag.Errorf(w.File, w.Line, "%s", msg))
	}
	return l.Err()
}

// maxListed is the most characters a warning lists by name.
const maxListed = 5

// unprintableWarnings turns the characters the briefing could not print
// into warnings, one for each line of the sources that holds some (as
// d.Chars places them) and reason, and one for those the sources do not
// hold (the layouts' wording has them).
func unprintableWarnings(d *model.Dossier, list []pdfrender.Unprintable) []diag.Entry {
	type group struct {
		at    model.SourceLine
		why   string
		chars []rune
	}
	var groups []*group
	find := func(at model.SourceLine, why string) *group {
		for _, g := range groups {
			if g.at == at && g.why == why {
				return g
			}
		}
		g := &group{at: at, why: why}
		groups = append(groups, g)
		return g
	}
	for _, u := range list {
		places := d.Chars[u.Char]
		if len(places) == 0 {
			places = []model.SourceLine{{}}
		}
		for _, at := range places {
			g := find(at, u.Why)
			g.chars = append(g.chars, u.Char)
		}
	}
	slices.SortStableFunc(groups, func(a, b *group) int {
		last := func(g *group) int { // the wording's, after the sources'
			if g.at.File == "" {
				return 1
			}
			return 0
		}
		return cmp.Or(cmp.Compare(last(a), last(b)), cmp.Compare(a.at.File, b.at.File), cmp.Compare(a.at.Line, b.at.Line))
	})
	var out []diag.Entry
	for _, g := range groups {
		var names []string
		for i, r := range g.chars {
			if i == maxListed {
				names = append(names, fmt.Sprintf("and %d more", len(g.chars)-maxListed))
				break
			}
			names = append(names, fmt.Sprintf("%U %s", r, strconv.QuoteRuneToGraphic(r)))
		}
		where := ""
		if g.at.File == "" {
			where = " (the layouts' wording has it, not the sources)"
		}
		out = append(out, diag.Entry{
			File:    g.at.File,
			Line:    g.at.Line,
			Warning: true,
			Message: fmt.Sprintf("the briefing cannot print %s%s: %s; it shows %s instead", strings.Join(names, ", "), where, g.why, strconv.QuoteRune('\ufffd')),
		})
	}
	return out
}
