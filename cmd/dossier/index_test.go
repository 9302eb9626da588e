package main

import (
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestPDFIndex reads the back-of-book index of the briefing, word by word
// with its position on the page, and checks it against the pages: every
// entity has an entry, and every page an entry lists carries the entity's
// name or one of its other names, or continues a run of the pages it lists
// from one that does (a profile running on to the next page).
func TestPDFIndex(t *testing.T) {
	forEach(t, checkIndex)
}

func checkIndex(t *testing.T, x *fixture) {
	pages := strings.Split(x.pdfText(t), "\f")
	start := -1
	for i, p := range pages {
		if strings.Contains(p, "Where each entity is named") {
			start = i + 1
		}
	}
	if start < 0 {
		t.Fatal("the PDF has no index")
	}
	boxes := x.pdfBoxes(t)
	at := bboxPage.FindAllStringIndex(boxes, -1)
	if len(at) < start {
		t.Fatalf("pdftotext -bbox-layout gave %d pages; the index starts on page %d", len(at), start)
	}
	entries := indexEntries(t, boxes[at[start-1][0]:])
	if len(entries) == 0 {
		t.Fatal("no index entries found")
	}

	d := x.load(t)
	low := make([]string, len(pages))
	for i, p := range pages {
		low[i] = strings.ToLower(squash(p))
	}
	checked := 0
	for _, e := range d.Entities {
		nums, ok := entries[e.Name]
		if !ok {
			t.Errorf("the index has no entry for %s (%q)", e.ID, e.Name)
			continue
		}
		if len(nums) == 0 {
			t.Errorf("the index entry for %q gives no page", e.Name)
		}
		names := append([]string{e.Name}, e.Aliases...)
		for _, p := range nums {
			if p < 1 || p > len(pages) {
				t.Errorf("%s: the index gives page %d of %d", e.Name, p, len(pages))
				continue
			}
			if !printedOn(low, p-1, names) && !runsOn(low, p, nums, names) {
				t.Errorf("%s: the index gives page %d, which does not name it and runs on from no page that does", e.Name, p)
			}
			checked++
		}
	}
	if checked < len(d.Entities) {
		t.Errorf("checked only %d index pages for %d entities", checked, len(d.Entities))
	}
}

// runsOn reports whether page p (from 1) of an index entry listing nums
// continues a run of consecutive listed pages from one that names it.
func runsOn(low []string, p int, nums []int, names []string) bool {
	for q := p - 1; q >= 1 && slices.Contains(nums, q); q-- {
		if printedOn(low, q-1, names) {
			return true
		}
	}
	return false
}

var (
	pageRe  = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRe  = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>`)
	entryRe = regexp.MustCompile(`^(.*?) ((?:\d+(?:–\d+)?)(?:, \d+(?:–\d+)?)*)$`)
	headRe  = regexp.MustCompile(`^(\p{Lu}|0–9)$`)
)

// indexEntries parses the output of pdftotext -bbox for the pages of the
// index, set in two columns: a line that starts at its column's left edge
// starts an entry, an indented line continues one. It returns the page
// numbers of each entry by name; "see" entries are left out.
func indexEntries(t *testing.T, bbox string) map[string][]int {
	t.Helper()
	type word struct {
		x, y float64
		text string
	}
	var texts []string
	locs := pageRe.FindAllStringSubmatchIndex(bbox, -1)
	for i, loc := range locs {
		end := len(bbox)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		w, _ := strconv.ParseFloat(bbox[loc[2]:loc[3]], 64)
		h, _ := strconv.ParseFloat(bbox[loc[4]:loc[5]], 64)
		words := wordRe.FindAllStringSubmatch(bbox[loc[1]:end], -1)
		// On the first page, the chapter title and the introduction
		// run above the first letter heading, across both columns.
		top := 60.0
		if i == 0 {
			for _, m := range words {
				if headRe.MatchString(html.UnescapeString(m[3])) {
					y, _ := strconv.ParseFloat(m[2], 64)
					top = y - 1
					break
				}
			}
		}
		var cols [2][]word
		for _, m := range words {
			x, _ := strconv.ParseFloat(m[1], 64)
			y, _ := strconv.ParseFloat(m[2], 64)
			if y < top || y > h-60 { // running header and footer
				continue
			}
			c := 0
			if x >= w/2 {
				c = 1
			}
			cols[c] = append(cols[c], word{x, y, html.UnescapeString(m[3])})
		}
		for _, ws := range cols {
			slices.SortStableFunc(ws, func(a, b word) int {
				if d := a.y - b.y; d < -1 || d > 1 {
					return int(d)
				}
				return int(a.x - b.x)
			})
			left := 1e9
			for _, wd := range ws {
				left = min(left, wd.x)
			}
			for j := 0; j < len(ws); {
				k := j
				var line []string
				for k < len(ws) && ws[k].y-ws[j].y < 1 {
					line = append(line, ws[k].text)
					k++
				}
				text := strings.Join(line, " ")
				switch {
				case headRe.MatchString(text):
					texts = append(texts, "") // a letter: ends the entry before it
				case ws[j].x-left < 2 || len(texts) == 0:
					texts = append(texts, text)
				default:
					texts[len(texts)-1] += " " + text
				}
				j = k
			}
			texts = append(texts, "")
		}
	}
	out := map[string][]int{}
	for _, e := range texts {
		if e == "" || strings.Contains(e, ", see ") {
			continue
		}
		m := entryRe.FindStringSubmatch(e)
		if m == nil {
			out[e] = nil
			continue
		}
		var nums []int
		for _, r := range strings.Split(m[2], ", ") {
			from, to, _ := strings.Cut(r, "–")
			a, _ := strconv.Atoi(from)
			b := a
			if to != "" {
				b, _ = strconv.Atoi(to)
			}
			for p := a; p <= b; p++ {
				nums = append(nums, p)
			}
		}
		out[m[1]] = nums
	}
	return out
}

// printedOn reports whether page i (0-based, lower-cased text) carries one
// of names, or starts one that runs on to the next page.
func printedOn(pages []string, i int, names []string) bool {
	for _, n := range names {
		n = strings.ToLower(squash(n))
		if strings.Contains(pages[i], n) {
			return true
		}
		// A name that runs on to the next page: its first words on this
		// one, the rest on the next, the running footer and header between.
		words := strings.Fields(n)
		for k := 1; k < len(words) && i+1 < len(pages); k++ {
			if strings.Contains(pages[i], strings.Join(words[:k], " ")) && strings.Contains(pages[i+1], strings.Join(words[k:], " ")) {
				return true
			}
		}
	}
	return false
}
