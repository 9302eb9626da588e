package main

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestPageQuality reads each briefing back, every line of text with its
// box (pdftotext -bbox-layout) and every page as a small grey image
// (pdftoppm), and fails on what a typesetter would send back: a heading as
// the last line of a page; a page filled less than a third that is not a
// chapter's last; a paragraph split between pages leaving a single line on
// either side; a word broken without a hyphen (as in a table header); a
// running header cut short; a chapter ending in two columns far from level.
func TestPageQuality(t *testing.T) {
	needTools(t, "pdftotext", "pdftoppm", "qpdf")
	forEach(t, func(t *testing.T, x *fixture) {
		pdf := x.pdf(t)
		pages := readBoxes(t, x)
		ink := inkDepth(t, pdf, len(pages))
		marks := outline(t, x)
		checkRunningHeader(t, pages, x.load(t).Settings.Marking)
		checkHeadingsKept(t, pages, marks)
		checkFill(t, pages, ink, marks)
		checkBalanced(t, pages, marks)
		checkSplitParagraphs(t, pages)
		checkBrokenWords(t, pages)
		checkHyphenAtBreak(t, pages)
	})
}

// textLine is a line of text as pdftotext -bbox-layout gives it, in points
// from the page's top left.
type textLine struct {
	x0, y0, x1, y1 float64
	words          []string
}

func (l textLine) text() string { return strings.Join(l.words, " ") }

// boxPage is one page's lines, top to bottom, split into the running
// header, the body and the footer.
type boxPage struct {
	w, h         float64
	header, body []textLine
	left, right  float64 // the body's column, from the page's margins
	frames       []frame // the body in reading order: across the page, or column by column
}

// frame is a part of a page's body that text runs down: the whole width,
// or one of two columns (a reference chapter, the index).
type frame struct {
	lines       []textLine
	left, right float64
}

// frames splits a page's body, sorted top to bottom, into what text runs
// down in reading order: the lines across the page, then, where the body
// turns into two columns (nothing crosses the middle from some line down,
// and each side has lines), the left column and the right.
func frames(p boxPage) []frame {
	mid := (p.left + p.right) / 2
	crosses := func(l textLine) bool { return l.x0 < mid-3 && l.x1 > mid+3 }
	start := len(p.body) // the first line of the columns
	for i := len(p.body) - 1; i >= 0 && !crosses(p.body[i]); i-- {
		start = i
	}
	var left, right []textLine
	for _, l := range p.body[start:] {
		if l.x0 > mid {
			right = append(right, l)
		} else {
			left = append(left, l)
		}
	}
	// Columns of text, not the columns of a table: each has lines that
	// reach across it, to the middle and to the right margin.
	reach := func(ls []textLine, x float64) (n int) {
		for _, l := range ls {
			if l.x1 > x-15 {
				n++
			}
		}
		return n
	}
	if reach(left, mid-10) < 3 || reach(right, p.right) < 3 {
		return []frame{{p.body, p.left, p.right}}
	}
	// Lines above the columns' top, at the left, end what is across the page.
	top := right[0].y0
	for len(left) > 0 && left[0].y1 < top {
		start++
		left = left[1:]
	}
	var out []frame
	if start > 0 {
		out = append(out, frame{p.body[:start], p.left, p.right})
	}
	lr, rl := p.left, p.right
	for _, l := range left {
		lr = max(lr, l.x1)
	}
	for _, l := range right {
		rl = min(rl, l.x0)
	}
	return append(out, frame{left, p.left, lr}, frame{right, rl, p.right})
}

var (
	bboxPage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxLine = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>`)
	bboxWord = regexp.MustCompile(`<word [^>]*>([^<]*)</word>`)
)

// The page's geometry, in points, as render/pdf sets it.
const (
	ptPerMM    = 72 / 25.4
	bodyTop    = 24 * ptPerMM // the body starts below the running header
	bodyBottom = 20 * ptPerMM // and ends above the footer
	marginL    = 25 * ptPerMM
	marginR    = 22 * ptPerMM
)

// pdfBoxes is the shared briefing read back by pdftotext -bbox-layout:
// each page's blocks, lines and words with their boxes.
func (x *fixture) pdfBoxes(t *testing.T) string {
	t.Helper()
	return x.readPDF(t, "pdftotext", "-enc", "UTF-8", "-bbox-layout", pdfArg, "-")
}

func readBoxes(t *testing.T, x *fixture) []boxPage {
	t.Helper()
	out := x.pdfBoxes(t)
	locs := bboxPage.FindAllStringSubmatchIndex(out, -1)
	var pages []boxPage
	for i, loc := range locs {
		end := len(out)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		var p boxPage
		p.w, _ = strconv.ParseFloat(out[loc[2]:loc[3]], 64)
		p.h, _ = strconv.ParseFloat(out[loc[4]:loc[5]], 64)
		p.left, p.right = marginL, p.w-marginR
		for _, m := range bboxLine.FindAllStringSubmatch(out[loc[1]:end], -1) {
			var l textLine
			l.x0, _ = strconv.ParseFloat(m[1], 64)
			l.y0, _ = strconv.ParseFloat(m[2], 64)
			l.x1, _ = strconv.ParseFloat(m[3], 64)
			l.y1, _ = strconv.ParseFloat(m[4], 64)
			for _, w := range bboxWord.FindAllStringSubmatch(m[5], -1) {
				l.words = append(l.words, html.UnescapeString(w[1]))
			}
			switch {
			case l.y1 < bodyTop-2:
				p.header = append(p.header, l)
			case l.y0 > p.h-bodyBottom:
				// the footer
			default:
				p.body = append(p.body, l)
			}
		}
		slices.SortStableFunc(p.body, func(a, b textLine) int {
			if d := a.y0 - b.y0; d < -1 || d > 1 {
				return int(d * 100)
			}
			return int((a.x0 - b.x0) * 100)
		})
		p.frames = frames(p)
		pages = append(pages, p)
	}
	return pages
}

// inkDepth renders each page small and grey and returns, per page, how far
// down the body the lowest ink reaches, as a share of the body's height:
// text, tables, charts and rules alike.
func inkDepth(t *testing.T, pdf string, n int) []float64 {
	t.Helper()
	dir := t.TempDir()
	dpi := 24
	if out, err := exec.Command("pdftoppm", "-gray", "-r", strconv.Itoa(dpi), pdf, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	depth := make([]float64, n)
	for i := range n {
		name := filepath.Join(dir, fmt.Sprintf("p-%0*d.pgm", len(strconv.Itoa(n)), i+1))
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("reading the page image: %v", err)
		}
		w, h, pix := parsePGM(t, data)
		top := int(bodyTop / 72 * float64(dpi))
		bottom := h - int(bodyBottom/72*float64(dpi))
		lowest := top
		for y := top; y < bottom; y++ {
			for x := range w {
				if pix[y*w+x] < 200 {
					lowest = y
					break
				}
			}
		}
		depth[i] = float64(lowest-top) / float64(bottom-top)
	}
	return depth
}

// parsePGM reads a binary PGM (P5) image of 8-bit greys.
func parsePGM(t *testing.T, data []byte) (w, h int, pix []byte) {
	t.Helper()
	fields := bytes.Fields(data[:min(len(data), 40)])
	if len(fields) < 4 || string(fields[0]) != "P5" {
		t.Fatal("pdftoppm -gray did not write a binary PGM")
	}
	w, _ = strconv.Atoi(string(fields[1]))
	h, _ = strconv.Atoi(string(fields[2]))
	return w, h, data[len(data)-w*h:]
}

// checkRunningHeader: the running header is set alike on every page: its
// marking at the centre, where a handling marking stands, and its title
// and chapter in type of one size. (A chapter too long for its side is
// cut at a word, with an ellipsis.)
func checkRunningHeader(t *testing.T, pages []boxPage, marking string) {
	t.Helper()
	size := 0.0
	for i, p := range pages {
		for _, l := range p.header {
			if marking != "" && l.text() == marking {
				if mid := (l.x0 + l.x1) / 2; math.Abs(mid-p.w/2) > 1 {
					t.Errorf("page %d: the marking in the running header is centred at %.1f pt, not at the page's centre, %.1f pt", i+1, mid, p.w/2)
				}
				continue
			}
			if h := l.y1 - l.y0; size == 0 {
				size = h
			} else if math.Abs(h-size) > 0.2 {
				t.Errorf("page %d: the running header %q is %.1f pt high, not %.1f pt as on other pages", i+1, l.text(), h, size)
			}
		}
	}
}

// checkHeadingsKept: every heading below a chapter's title has a line of
// text under it on its page. A heading is found as a line (or up to three
// wrapped lines) that reads as its title, or, where no line does, one that
// starts with it ("France", not "France. [S5 ¶1]", where the text runs on
// at the heading's height): a line of text that merely starts with the
// same word, such as an item "Belarus has been a member" under the heading
// "Belarus", is not taken for it.
func checkHeadingsKept(t *testing.T, pages []boxPage, marks []heading) {
	t.Helper()
	for _, h := range marks {
		if h.depth == 0 || h.page < 1 || h.page > len(pages) {
			continue
		}
		for _, exact := range []bool{true, false} {
			if headingAtFoot(t, pages[h.page-1], h, exact) {
				break
			}
		}
	}
}

// headingAtFoot looks for h on page p, as its title exactly or (exact
// false) as the start of a line; it fails the test if the heading found is
// the last line of its frame, and reports whether it found it.
func headingAtFoot(t *testing.T, p boxPage, h heading, exact bool) bool {
	t.Helper()
	for _, fr := range p.frames {
		body := fr.lines
		for i := range body {
			text := ""
			for j := i; j < min(i+3, len(body)); j++ {
				text = squash(text + " " + body[j].text())
				if !strings.HasPrefix(text, h.title) && !strings.HasPrefix(h.title, text) {
					break
				}
				if text == h.title || !exact && strings.HasPrefix(text, h.title+" ") {
					if j == len(body)-1 {
						t.Errorf("page %d: the heading %q is the last line of the page or column", h.page, h.title)
					}
					return true
				}
			}
		}
	}
	return false
}

// checkFill: a page is at least a third full unless it is the last of a
// chapter (the next page has a chapter's bookmark), the cover or the last.
func checkFill(t *testing.T, pages []boxPage, ink []float64, marks []heading) {
	t.Helper()
	chapterStarts := map[int]bool{}
	for _, h := range marks {
		if h.depth == 0 {
			chapterStarts[h.page] = true
		}
	}
	for i := 1; i < len(pages)-1; i++ {
		page := i + 1
		if chapterStarts[page+1] {
			continue
		}
		if ink[i] < 1.0/3 {
			t.Errorf("page %d is filled only %.0f %%; its last line: %q", page, 100*ink[i], lastText(pages[i]))
		}
	}
}

// maxUneven is how far, in points, the last column a chapter ends in may
// end below the first, and maxLonger the first below the last: what
// cannot be split, a heading with the lines kept under it, the last lines
// of a paragraph, an item kept with the note under it. A reference entry
// so kept can be 35–45 mm tall, and balancing (package pdf, columns.go)
// takes an even share of the page's height, not the break nearest to it.
const (
	maxUneven = 40 * ptPerMM
	maxLonger = 50 * ptPerMM
)

// checkBalanced: where a chapter ends in two columns (the Agencies, the
// Glossary, the index), they end level, within maxUneven, as a typesetter
// balances the last page of a run of columns; not with the right column
// short or empty under a full left one.
func checkBalanced(t *testing.T, pages []boxPage, marks []heading) {
	t.Helper()
	chapterStarts := map[int]bool{}
	for _, h := range marks {
		if h.depth == 0 {
			chapterStarts[h.page] = true
		}
	}
	for i, p := range pages {
		page := i + 1
		if page < len(pages) && !chapterStarts[page+1] || len(p.frames) < 2 {
			continue
		}
		left, right := p.frames[len(p.frames)-2].lines, p.frames[len(p.frames)-1].lines
		l, r := left[len(left)-1].y1, right[len(right)-1].y1
		if r-l > maxUneven || l-r > maxLonger {
			t.Errorf("page %d, the last of its chapter, ends in two columns %.0f mm apart: the left at %q, the right at %q", page, abs(l-r)/ptPerMM, left[len(left)-1].text(), right[len(right)-1].text())
		}
	}
}

func lastText(p boxPage) string {
	if len(p.body) == 0 {
		return ""
	}
	return p.body[len(p.body)-1].text()
}

// paragraphs groups a page's body lines into blocks set at one line pitch:
// lines further apart than about a line and a quarter start a new block.
func paragraphs(body []textLine) [][]textLine {
	var out [][]textLine
	for i, l := range body {
		if i > 0 {
			prev := body[i-1]
			pitch := l.y0 - prev.y0
			if pitch < 1 { // a second piece of the same line
				out[len(out)-1] = append(out[len(out)-1], l)
				continue
			}
			if pitch <= 1.25*(prev.y1-prev.y0) && abs(l.x0-prev.x0) < 30 {
				out[len(out)-1] = append(out[len(out)-1], l)
				continue
			}
		}
		out = append(out, []textLine{l})
	}
	return out
}

func abs(f float64) float64 { return max(f, -f) }

// fullWidth reports whether a line runs from its frame's left edge to its
// right: a justified line that is not its paragraph's last.
func fullWidth(fr frame, l textLine) bool {
	return l.x0 < fr.left+30 && l.x1 > fr.right-1.5 && len(l.words) > 3
}

// checkSplitParagraphs: a justified paragraph that runs on to the next page,
// or the next column, leaves at least two lines at the foot of the first
// and two at the top of the second.
func checkSplitParagraphs(t *testing.T, pages []boxPage) {
	t.Helper()
	type at struct {
		page int
		fr   frame
	}
	var seq []at
	for i, p := range pages {
		for _, fr := range p.frames {
			seq = append(seq, at{i + 1, fr})
		}
	}
	for i := 0; i+1 < len(seq); i++ {
		x, y := seq[i], seq[i+1]
		a, b := paragraphs(x.fr.lines), paragraphs(y.fr.lines)
		if len(a) == 0 || len(b) == 0 {
			continue
		}
		last, first := a[len(a)-1], b[0]
		lastLine := last[len(last)-1]
		if !fullWidth(x.fr, lastLine) {
			continue // the page or column ends with a paragraph's end
		}
		if lines(last) == 1 {
			t.Errorf("page %d ends a page or column with the first line of a paragraph alone: %q", x.page, lastLine.text())
		}
		if lines(first) == 1 && !fullWidth(y.fr, first[0]) {
			t.Errorf("page %d starts a page or column with the last line of a paragraph alone: %q", y.page, first[0].text())
		}
	}
}

// lines counts the lines of a block, pieces of one line counted once.
func lines(block []textLine) int {
	n := 0
	for i, l := range block {
		if i == 0 || l.y0-block[i-1].y0 >= 1 {
			n++
		}
	}
	return n
}

// checkBrokenWords: a word is never broken between lines without a hyphen,
// as a column too narrow for it breaks it ("Destinatio / n"): a line that
// ends in letters, followed in the same cell (aligned left, centred or
// right) by a line starting with lower-case letters, where the two pieces
// together make a word the briefing prints elsewhere and one of them is no
// word it prints.
// checkHyphenAtBreak: no page or column ends in a word hyphenated across
// the break, a lower-case letter and a hyphen, unless the paragraph left
// two lines at most above it.
func checkHyphenAtBreak(t *testing.T, pages []boxPage) {
	t.Helper()
	for i, p := range pages {
		for _, fr := range p.frames {
			n := len(fr.lines)
			if n < 3 {
				continue
			}
			last := fr.lines[n-1]
			end := []rune(last.words[len(last.words)-1])
			if len(end) < 2 || end[len(end)-1] != '-' || !unicode.IsLower(end[len(end)-2]) {
				continue
			}
			// The lines above it, back to the paragraph's start: a line
			// the same distance under the one before.
			lh := last.y0 - fr.lines[n-2].y0
			above := 1
			for k := n - 2; k > 0 && abs(fr.lines[k].y0-fr.lines[k-1].y0-lh) < 0.5; k-- {
				above++
			}
			if above > 2 {
				t.Errorf("page %d: a page or column ends in a hyphenated word: %q", i+1, last.text())
			}
		}
	}
}

func checkBrokenWords(t *testing.T, pages []boxPage) {
	t.Helper()
	count := map[string]int{} // how often the briefing prints each word
	for _, p := range pages {
		for _, l := range p.body {
			for _, w := range l.words {
				count[strings.ToLower(strings.TrimFunc(w, notLetter))]++
			}
		}
	}
	type split struct {
		page       int
		head, tail string
		end, start string
	}
	var splits []split
	atSplit := map[string]int{} // how often each word is printed as a piece of a split
	for i, p := range pages {
		for j := 0; j+1 < len(p.body); j++ {
			a := p.body[j]
			for k := j + 1; k < len(p.body) && p.body[k].y0-a.y0 < 2*(a.y1-a.y0); k++ {
				b := p.body[k]
				if b.y0-a.y0 < 1 || (abs(b.x0-a.x0) > 1 && abs(b.x0+b.x1-a.x0-a.x1) > 2 && abs(b.x1-a.x1) > 1) {
					continue // not the next line of the same cell: left, centred or right
				}
				end := a.words[len(a.words)-1]
				start := b.words[0]
				if strings.TrimFunc(end, notLetter) != end || end == "" || !unicode.IsLower([]rune(start)[0]) {
					continue
				}
				head := strings.ToLower(end)
				tail := strings.ToLower(strings.TrimRightFunc(start, notLetter))
				if tail == "" || strings.ContainsFunc(tail, notLetter) || count[head+tail] == 0 {
					continue
				}
				splits = append(splits, split{i + 1, head, tail, end, start})
				atSplit[head]++
				atSplit[tail]++
			}
		}
	}
	for _, sp := range splits {
		// A piece the briefing prints nowhere but at such splits is no word.
		if count[sp.head] == atSplit[sp.head] || count[sp.tail] == atSplit[sp.tail] {
			t.Errorf("page %d: %q is broken without a hyphen: %q / %q", sp.page, sp.head+sp.tail, sp.end, sp.start)
		}
	}
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }
