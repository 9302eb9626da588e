package pdf

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/model"
)

// indexEntry is one line of the back-of-book index: an entity with the
// pages its name is drawn on, or an abbreviation that sends the reader to
// the entities it stands for.
type indexEntry struct {
	key    string // sort key
	name   string
	pages  []int
	link   int             // the entity's profile
	see    []*model.Entity // for an abbreviation: the entities it names
	entity *model.Entity
}

// Index metrics, in millimetres.
const (
	indexGap   = 8.0 // between the two columns
	indexSize  = 8.6 // points
	indexLH    = indexSize * ptToMM * 1.4
	indexHang  = 4.0 // indent of an entry's continuation lines
	indexAfter = 0.6 // between entries
)

// index draws the back-of-book index: every entity, with the numbers of
// the pages where its name is drawn (in a profile heading, a reference or a
// source paragraph), each a link to that page; and the abbreviations among
// the aliases, each pointing to what it abbreviates. It must be the last
// chapter, so that every page it lists has been drawn in this pass.
func (s *doc) index() error {
	s.chapterStart("Index")
	s.say("index/intro")
	entries := s.indexEntries()

	colW := (s.right - s.left - indexGap) / 2
	top := s.y + paraGap
	col := 0
	y := top
	place := func(h float64) (x float64) {
		if y+h > s.bottom+eps {
			if col == 0 {
				col, y = 1, top
			} else {
				s.newPage()
				top = s.y
				col, y = 0, top
			}
		}
		return s.left + float64(col)*(colW+indexGap)
	}

	letter := ""
	for _, e := range entries {
		if l := initial(e.key); l != letter {
			letter = l
			st := textStyle{bold: true, size: 10.5, color: accent}
			h := st.sizeMM()*1.6 + indexLH // keep the letter with its first entry
			if y > top {
				h += 2
			}
			x := place(h)
			if y > top {
				y += 2
			}
			s.beginLine(y)
			s.show(st, x, y+st.sizeMM()*1.1, s.clean(letter))
			y += st.sizeMM() * 1.6
		}
		runs := s.indexRuns(e)
		lines := s.layout(runs, colW-indexHang)
		h := float64(len(lines))*indexLH + indexAfter
		x := place(h)
		for i, ln := range lines {
			dx := 0.0
			if i > 0 {
				dx = indexHang
			}
			s.beginLine(y)
			s.drawLine(ln, x+dx, y, colW-dx, indexLH, alignLeft)
			y += indexLH
		}
		y += indexAfter
	}
	s.y = y
	if col == 1 {
		s.y = s.bottom // the right column is the last thing on the page
	}
	s.after = 0
	return nil
}

// indexEntries gathers the entries of the index in order: entities by
// name, abbreviations among them, case and accents aside.
func (s *doc) indexEntries() []indexEntry {
	var out []indexEntry
	abbrev := map[string][]*model.Entity{}
	taken := map[string]bool{}
	for _, e := range s.d.Entities {
		taken[strings.ToLower(e.Name)] = true
	}
	for _, e := range s.d.Entities {
		out = append(out, indexEntry{key: sortKey(e.Name), name: e.Name, pages: s.appears[e.ID], link: s.entityLink(e.ID), entity: e})
		for _, a := range e.Aliases {
			if isAbbreviation(a) && !taken[strings.ToLower(a)] && !slices.Contains(abbrev[a], e) {
				abbrev[a] = append(abbrev[a], e)
			}
		}
	}
	for a, es := range abbrev {
		out = append(out, indexEntry{key: sortKey(a), name: a, see: es})
	}
	slices.SortFunc(out, func(a, b indexEntry) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	})
	return out
}

// indexRuns is the text of an index entry: "Name 7, 12–14, 31", or
// "ABC, see Agency of Basic Concerns".
func (s *doc) indexRuns(e indexEntry) []run {
	st := textStyle{size: indexSize, color: ink}
	num := textStyle{size: indexSize, color: linkInk}
	if e.see != nil {
		runs := []run{{text: e.name, st: st}, {text: ", see ", st: textStyle{size: indexSize, color: muted, italic: true}}}
		for i, t := range e.see {
			if i > 0 {
				runs = append(runs, run{text: "; ", st: st})
			}
			runs = append(runs, run{text: t.Name, st: num, link: s.entityLink(t.ID)})
		}
		return runs
	}
	runs := []run{{text: e.name, st: st, link: e.link}}
	if len(e.pages) == 0 {
		return append(runs, run{text: " — not printed", st: textStyle{size: indexSize, color: muted, italic: true}})
	}
	profile := s.profilePage[e.entity.ID]
	for i, r := range pageRanges(e.pages) {
		sep := ", "
		if i == 0 {
			sep = "  "
		}
		label := fmt.Sprint(r[0])
		if r[1] > r[0] {
			label += "–" + fmt.Sprint(r[1])
		}
		nst := num
		nst.bold = profile >= r[0] && profile <= r[1]
		runs = append(runs, run{text: sep, st: st}, run{text: label, st: nst, link: s.pageLink(r[0])})
	}
	return runs
}

// pageRanges folds ascending page numbers into ranges of consecutive pages.
func pageRanges(pages []int) [][2]int {
	var out [][2]int
	for _, p := range pages {
		if n := len(out); n > 0 && out[n-1][1]+1 >= p {
			out[n-1][1] = max(out[n-1][1], p)
			continue
		}
		out = append(out, [2]int{p, p})
	}
	return out
}

// pageLink returns an internal link to the top of page n.
func (s *doc) pageLink(n int) int {
	l, ok := s.pageLinks[n]
	if !ok {
		l = s.f.AddLink()
		s.f.SetLink(l, 0, n)
		s.pageLinks[n] = l
	}
	return l
}

// sortKey is how an index entry sorts: lower case, letters and digits only,
// so that "UNESCO" and "Unesco" sit together and quotes do not count.
func sortKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' {
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// initial is the letter an index group is headed by: the first letter of
// the key, upper-cased, or "#" for a digit.
func initial(key string) string {
	r, _ := utf8.DecodeRuneInString(key)
	switch {
	case r == utf8.RuneError:
		return "#"
	case unicode.IsDigit(r):
		return "0–9"
	}
	return string(unicode.ToUpper(r))
}

// isAbbreviation reports whether an alias is an abbreviation worth its own
// entry: one word, at least two capitals, no lower-case letter but perhaps
// one after the capitals ("UN", "OSCE", "DfID").
func isAbbreviation(a string) bool {
	if strings.ContainsRune(a, ' ') || utf8.RuneCountInString(a) < 2 {
		return false
	}
	upper, lower := 0, 0
	for _, r := range a {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			lower++
		}
	}
	return upper >= 2 && lower <= 1
}
