package pdf

import (
	"fmt"
	"slices"
	"strconv"
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
	link   dest            // the entity's profile
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
//
// The entries fill two columns, page after page; on the last page the two
// columns are balanced (see balanceIndex), as a book's index ends.
func (s *doc) index() error {
	s.chapterStart("Index")
	s.say("index/intro")
	colW := (s.right - s.left - indexGap) / 2
	letterSt := textStyle{bold: true, size: 10.5, color: accent}
	var items []indexItem
	letter := ""
	for _, e := range s.indexEntries() {
		if l := initial(e.key); l != letter {
			letter = l
			items = append(items, indexItem{letter: l, h: letterSt.sizeMM() * 1.6})
		}
		lines := s.layout(s.indexRuns(e), colW-indexHang)
		items = append(items, indexItem{lines: lines, h: float64(len(lines))*indexLH + indexAfter})
	}
	flow := indexFlow{top: s.y + paraGap, pageTop: marginTop, bottom: s.bottom}
	slots := flow.place(items, -1)
	if j := flow.balance(items, slots); j >= 0 {
		slots = flow.place(items, j)
	}

	page, end := 0, flow.top
	for i, it := range items {
		sl := slots[i]
		if sl.page > page {
			s.newPage()
			page, end = sl.page, 0
		}
		x := s.left + float64(sl.col)*(colW+indexGap)
		y := sl.y
		if it.letter != "" {
			s.beginLine(y)
			s.show(letterSt, x, y+letterSt.sizeMM()*1.1, s.clean(it.letter))
		}
		for k, ln := range it.lines {
			dx := 0.0
			if k > 0 {
				dx = indexHang
			}
			s.beginLine(y)
			s.drawLine(ln, x+dx, y, colW-dx, indexLH, alignLeft)
			y += indexLH
		}
		end = max(end, sl.y+it.h)
	}
	s.y = end // under the longer column
	s.after = 0
	return nil
}

// indexItem is what the index sets in a column: a letter heading, which is
// kept with the entry after it, or an entry's lines; h is the height it
// takes, the gap under it included.
type indexItem struct {
	letter string
	lines  []line
	h      float64
}

// indexSlot is where an item of the index goes: its page, counted from the
// index's first, its column (0 or 1) and its top.
type indexSlot struct {
	page, col int
	y         float64
}

// indexFlow pours the items of the index into two columns per page: on the
// first page from top, under the index's introduction, on the others from
// pageTop; never below bottom.
type indexFlow struct {
	top, pageTop, bottom float64
}

// letterGap is the space above a letter heading that does not start a
// column.
const letterGap = 2.0

// place returns the slot of each item. A letter heading goes where its
// first entry's first line fits under it; with split >= 0, item split
// starts the second column of the page it falls on.
func (f indexFlow) place(items []indexItem, split int) []indexSlot {
	slots := make([]indexSlot, len(items))
	page, col, top := 0, 0, f.top
	y := top
	for i, it := range items {
		need := it.h
		if it.letter != "" {
			if y > top {
				need += letterGap
			}
			if i+1 < len(items) {
				need += indexLH // keep the letter with its first entry
			}
		}
		if y+need > f.bottom+eps || i == split && col == 0 && y > top {
			if col == 0 {
				col, y = 1, top
			} else {
				page, col, top = page+1, 0, f.pageTop
				y = top
			}
		}
		if it.letter != "" && y > top {
			y += letterGap
		}
		slots[i] = indexSlot{page: page, col: col, y: y}
		y += it.h
	}
	return slots
}

// balance returns the item at which the second column of the last page
// should start for the two columns to end as near level as they can, the
// first no shorter, with no item moved off the page; -1 when the page has
// one item, or its columns cannot be evened out further.
func (f indexFlow) balance(items []indexItem, slots []indexSlot) int {
	if len(items) == 0 {
		return -1
	}
	last := slots[len(slots)-1].page
	k := len(items) - 1
	for k > 0 && slots[k-1].page == last {
		k--
	}
	heights := func(sl []indexSlot) (left, right float64) {
		for i := k; i < len(items); i++ {
			if sl[i].page != last {
				return -1, -1 // moved off the page
			}
			end := sl[i].y + items[i].h
			if sl[i].col == 0 {
				left = max(left, end)
			} else {
				right = max(right, end)
			}
		}
		return left, right
	}
	bestL, bestR := heights(slots)
	best := -1
	for j := k + 1; j < len(items); j++ {
		if items[j-1].letter != "" {
			continue // a letter stays with its first entry
		}
		l, r := heights(f.place(items, j))
		if l < 0 || r > l {
			continue // the page overflows, or the right column is the longer
		}
		if l < max(bestL, bestR)-eps {
			best, bestL, bestR = j, l, r
		}
	}
	return best
}

// indexEntries gathers the entries of the index in order: entities by
// name, and the abbreviations and other names in another script among
// their other names, case and accents aside.
func (s *doc) indexEntries() []indexEntry {
	var out []indexEntry
	abbrev := map[string][]*model.Entity{}
	taken := map[string]bool{}
	for _, e := range s.d.Entities {
		taken[strings.ToLower(e.Name)] = true
	}
	for _, e := range s.d.Entities {
		out = append(out, indexEntry{key: model.SortKey(e.Name), name: e.Name, pages: s.appears[e.ID], link: s.entityLink(e.ID), entity: e})
		for _, a := range e.Aliases {
			if (isAbbreviation(a) || otherScript(e.Name, a)) && !taken[strings.ToLower(a)] && !slices.Contains(abbrev[a], e) {
				abbrev[a] = append(abbrev[a], e)
			}
		}
	}
	for a, es := range abbrev {
		out = append(out, indexEntry{key: model.SortKey(a), name: a, see: es})
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
	profile := [2]int{s.profilePage[e.entity.ID], s.profileEnd[e.entity.ID]}
	for i, r := range indexRanges(e.pages, profile) {
		sep := ", "
		if i == 0 {
			sep = "  "
		}
		label := fmt.Sprint(r.from)
		if r.to > r.from {
			label += "–" + fmt.Sprint(r.to)
		}
		nst := num
		nst.bold = r.profile
		runs = append(runs, run{text: sep, st: st}, run{text: label, st: nst, link: s.pageLink(r.from)})
	}
	return runs
}

// pageRange is a run of consecutive pages of an index entry, from and to
// included, and whether they are the pages of the entity's profile.
type pageRange struct {
	from, to int
	profile  bool
}

// indexRanges folds the ascending page numbers of an entry, with the
// pages profile spans (first and last; zeros for none), into runs of
// consecutive pages: "7, 12–14, 31". The profile's pages are a run of
// their own, never folded with the pages around them, so that its bold
// numbers mark the profile and no page that is not.
func indexRanges(pages []int, profile [2]int) []pageRange {
	in := func(p int) bool { return profile[0] > 0 && p >= profile[0] && p <= profile[1] }
	all := slices.Clone(pages)
	if profile[0] > 0 {
		for p := profile[0]; p <= profile[1]; p++ {
			all = append(all, p)
		}
		slices.Sort(all)
		all = slices.Compact(all)
	}
	var out []pageRange
	for _, p := range all {
		if n := len(out); n > 0 && out[n-1].to+1 == p && out[n-1].profile == in(p) {
			out[n-1].to = p
			continue
		}
		out = append(out, pageRange{from: p, to: p, profile: in(p)})
	}
	return out
}

// pageLink returns an internal link to the top of page n.
func (s *doc) pageLink(n int) dest {
	l, ok := s.pageLinks[n]
	if !ok {
		l = newDest("page/" + strconv.Itoa(n))
		s.f.SetLinkDest(l, 0, n)
		s.pageLinks[n] = l
	}
	return l
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

// scripts are the writing systems otherScript tells apart.
var scripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Cyrillic, unicode.Greek, unicode.Han, unicode.Hebrew, unicode.Arabic,
	unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Devanagari, unicode.Thai,
	unicode.Georgian, unicode.Armenian,
}

// scriptOf returns the writing system of the first letter of s, or nil.
func scriptOf(s string) *unicode.RangeTable {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		for _, t := range scripts {
			if unicode.Is(t, r) {
				return t
			}
		}
		return nil
	}
	return nil
}

// otherScript reports whether alias is written in another script than
// name (a Latin transliteration of a Hebrew name): a reader who knows the name only so
// looks it up there, and the index sends them on.
func otherScript(name, alias string) bool {
	a, n := scriptOf(alias), scriptOf(name)
	return a != nil && n != nil && a != n
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
