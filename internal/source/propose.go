package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/model"
)

// Proposal is what dossier new source suggests for a text about to join
// the sources: metadata to complete and cleaning rules to confirm.
type Proposal struct {
	ID     string // an id made from the file name
	Ref    string // the next free reference
	Layout string // "lines" or "wrapped", as the text's line breaks suggest
	// Encoding is the encoding the text is likely in when it is not
	// UTF-8 (see guessEncoding), which the proposal decoded it with and
	// its metadata is to declare; "" for UTF-8.
	Encoding string
	// Script is the script most of the text's letters are in, "Latin" or
	// "Cyrillic": which languages its metadata may declare.
	Script string
	SHA256 string
	Drops  []ProposedDrop // likely page furniture, in line order
	// Like names the text of another source that holds most of this
	// text's lines (as "documents/NAME.txt"), and Shared how many: a
	// likely copy, which is no corroboration. "" when there is none.
	Like   string
	Shared int
	// Preview is the text cleaned by the general rules and the proposed
	// layout alone, numbered as a build would number it were the drops
	// not confirmed.
	Preview *model.Document
	// CapsHeadings is set when the text is hard-wrapped and has lines
	// in capitals standing alone ("PEOPLE"), two or more, as a PDF's
	// section headings are: its metadata sets caps_headings, and the
	// preview is cleaned with it. Caps is the first such line.
	CapsHeadings bool
	Caps         string
	// Splits are headings that stand glued to the paragraph after them
	// ("Our missionWe work with…"), as a web page's
	// text is often captured, in the order of the text.
	Splits []ProposedSplit
	// LoneHeadings are the paragraphs of a wrapped text that look like
	// headings standing alone (see loneHeadings), each proposed as a
	// heading rule: After is the heading, Next the start of the
	// paragraph after it.
	LoneHeadings []ProposedSplit
	// Lists are lists captured on one line ("include:Customs;Police;Border
	// Guard;…"), in the order of the text.
	Lists []ProposedList
	// Headings are the headings a web page marks (see ProposePage), each
	// a heading rule, applied to the preview.
	Headings []PageHeading
}

// ProposedList is a list rule proposed for a list captured on one line,
// its items glued together by Separator after the lead-in After.
type ProposedList struct {
	Line      int
	After     string // the end of the lead-in, with its colon: "also include:"
	Separator string
	Items     int
}

// ProposedSplit is a split rule proposed for a heading glued to the
// paragraph after it, at the paragraph's first line.
type ProposedSplit struct {
	Line  int
	After string // the heading
	Next  string // the start of what follows it
}

// ProposedDrop is a line that looks like page furniture, and why; or,
// with a Pattern, lines of one shape, such as page numbers.
type ProposedDrop struct {
	Line int    // 1-based; with a Pattern, the first line it matches
	Text string // the line, spaces folded
	Why  string
	// Pattern is a regular expression (see the drop rule's pattern) that
	// the lines match whole; "" for a line rule, which drops every line
	// reading Text.
	Pattern string
	// Lines is how many lines the rule drops, the first of them Line: 1
	// (or 0) for a line standing once.
	Lines int
}

// pageNumbers are the shapes of the page numbers that text taken from a
// PDF carries between its lines, as regular expressions for a drop
// rule's pattern. A shape is proposed when two lines or more take it and
// their numbers rise, as pages do.
var pageNumbers = []string{
	`\d{1,3}`,
	`(?i)(page|p\.) ?\d{1,4}( ?(of|/) ?\d{1,4})?`,
	`(?i)(страница|стр\.|старонка|с\.) ?\d{1,4}( ?(из|з|/) ?\d{1,4})?`,
	`[-–—] ?\d{1,4} ?[-–—]`,
	`\d{1,4} ?/ ?\d{1,4}`,
}

// proposePageNumbers returns a drop rule for each shape of pageNumbers
// that lines (folded) take, and the lines it covers.
func proposePageNumbers(lines []string) (drops []ProposedDrop, covered map[int]bool) {
	covered = map[int]bool{}
	for _, pattern := range pageNumbers {
		re := regexp.MustCompile(`^(?:` + pattern + `)$`)
		var at []int
		last := -1
		rising := true
		for i, l := range lines {
			t := fold(l)
			if covered[i] || !re.MatchString(t) {
				continue
			}
			n, _ := strconv.Atoi(digits.FindString(t))
			rising = rising && n > last
			last = n
			at = append(at, i)
		}
		if len(at) < 2 || !rising {
			continue
		}
		for _, i := range at {
			covered[i] = true
		}
		drops = append(drops, ProposedDrop{Line: at[0] + 1, Text: fold(lines[at[0]]), Why: "page numbers", Pattern: pattern, Lines: len(at)})
	}
	return drops, covered
}

// pageFurniture proposes dropping the lines a page marks as no part of its
// text (see Page.Furniture), each once, as a line rule, which drops every
// line that reads the same; lines in covered are passed over, and those
// it proposes are added.
func pageFurniture(furniture []PageLine, lines []string, covered map[int]bool) []ProposedDrop {
	why := map[string]string{}
	for _, f := range furniture {
		if t := fold(f.Text); t != "" && why[t] == "" {
			why[t] = "the page marks it as its <" + f.Element + ">, no part of its text"
		}
	}
	return lineDrops(lines, covered, func(t string) string { return why[t] })
}

// lineDrops proposes a line rule for each text of lines that why gives a
// reason for ("" for none), at its first line not in covered, and adds the
// lines of those texts to covered; mergeLineDrops counts the lines each
// rule drops.
func lineDrops(lines []string, covered map[int]bool, why func(t string) string) []ProposedDrop {
	var drops []ProposedDrop
	proposed := map[string]bool{}
	for i, l := range lines {
		t := fold(l)
		if t == "" || covered[i] {
			continue
		}
		w := why(t)
		if w == "" {
			continue
		}
		covered[i] = true
		if !proposed[t] {
			proposed[t] = true
			drops = append(drops, ProposedDrop{Line: i + 1, Text: t, Why: w})
		}
	}
	return drops
}

// droppedBy returns whether a line, as cleaning reads it, is one drops
// would remove, were they confirmed.
func droppedBy(drops []ProposedDrop) func(line string) bool {
	var res []*regexp.Regexp
	texts := map[string]bool{}
	for _, d := range drops {
		if d.Pattern != "" {
			res = append(res, regexp.MustCompile(`^(?:`+d.Pattern+`)$`))
		} else {
			texts[d.Text] = true
		}
	}
	return func(line string) bool {
		if texts[line] {
			return true
		}
		for _, re := range res {
			if re.MatchString(line) {
				return true
			}
		}
		return false
	}
}

// mergeLineDrops makes one proposal of the line rules drops proposes for
// lines that read the same, at the first of them, counting every line it
// drops: a line rule drops each line that reads so, and a second rule for
// the same text would match nothing, which stops a build.
func mergeLineDrops(drops []ProposedDrop, lines []string) []ProposedDrop {
	count := map[string]int{}
	for _, l := range lines {
		count[fold(l)]++
	}
	seen := map[string]bool{}
	out := drops[:0]
	for _, d := range drops {
		if d.Pattern == "" {
			if seen[d.Text] {
				continue
			}
			seen[d.Text] = true
			d.Lines = count[d.Text]
		}
		out = append(out, d)
	}
	return out
}

// counterStart and counterEnd are the two lines a carousel counter ("1 /
// 9") is captured on when the page sets its parts apart: "1 /" and "9".
var (
	counterStart = regexp.MustCompile(`^\d{1,3} ?/$`)
	counterEnd   = regexp.MustCompile(`^\d{1,3}$`)
)

// splitCounters proposes dropping a carousel counter captured on two lines,
// "1 /" and the next line that is not blank, "9", and adds them to
// covered.
func splitCounters(lines []string, covered map[int]bool) []ProposedDrop {
	var drops []ProposedDrop
	for i, l := range lines {
		t := fold(l)
		if covered[i] || !counterStart.MatchString(t) {
			continue
		}
		j := i + 1
		for j < len(lines) && fold(lines[j]) == "" {
			j++
		}
		if j == len(lines) || covered[j] || !counterEnd.MatchString(fold(lines[j])) {
			continue
		}
		why := fmt.Sprintf("carousel counter (%q) captured on two lines", t+" "+fold(lines[j]))
		drops = append(drops, ProposedDrop{Line: i + 1, Text: t, Why: why}, ProposedDrop{Line: j + 1, Text: fold(lines[j]), Why: why})
		covered[i], covered[j] = true, true
	}
	return drops
}

// digits finds the first number of a line, a page number.
var digits = regexp.MustCompile(`\d+`)

// formFeeds returns the lines of text (0-based, as cleanInput splits it)
// that hold a form feed, which text taken from a PDF has at each page's
// end, before cleanInput makes it a space.
func formFeeds(text []byte) map[int]bool {
	feeds := map[int]bool{}
	if bytes.IndexByte(text, '\f') < 0 {
		return feeds
	}
	text = bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))
	text = bytes.ReplaceAll(text, []byte("\r"), []byte("\n"))
	for i, l := range bytes.Split(text, []byte("\n")) {
		if bytes.IndexByte(l, '\f') >= 0 {
			feeds[i] = true
		}
	}
	return feeds
}

// runningWindow is how many non-blank lines on either side of a page break
// a running head or foot may stand; runningReach, how many lines, blank or
// not, the search for them may pass.
const (
	runningWindow = 3
	runningReach  = 20
)

// proposeRunning returns a line rule for each running head or foot of a
// text taken from a PDF: a short line that stands beside most of its page
// breaks, which are the lines that hold a form feed (feeds) or a page
// number (pages, the lines proposePageNumbers found), and stands there
// more than once.
// Lines in covered are passed over, and those it proposes are added.
func proposeRunning(lines []string, pages, feeds, covered map[int]bool) []ProposedDrop {
	var breaks []int
	for i := range lines {
		if !pages[i] && !feeds[i] {
			continue
		}
		if n := len(breaks); n > 0 && i-breaks[n-1] <= 2 && pages[i] != pages[breaks[n-1]] {
			continue // a page number by a form feed: one break
		}
		breaks = append(breaks, i)
	}
	if len(breaks) < 2 {
		return nil
	}
	folded := make([]string, len(lines))
	for i, l := range lines {
		folded[i] = fold(l)
	}
	near := map[string]int{} // the breaks each line stands beside
	for _, b := range breaks {
		seen := map[string]bool{}
		// From a break, runningWindow lines that are neither blank nor
		// page numbers, among the next runningReach lines at most, so
		// that runs of blank lines cost nothing per break.
		look := func(from, step int) {
			for i, n, k := from, 0, 0; i >= 0 && i < len(lines) && n < runningWindow && k < runningReach; i, k = i+step, k+1 {
				t := folded[i]
				if t == "" || pages[i] {
					continue
				}
				n++
				if !seen[t] && utf8.RuneCountInString(t) <= 100 {
					seen[t] = true
					near[t]++
				}
			}
		}
		look(b-1, -1)
		look(b, 1)
	}
	count := map[string]int{}
	for _, t := range folded {
		count[t]++
	}
	return lineDrops(lines, covered, func(t string) string {
		// A running line stands more than once, by half the breaks or
		// more; a line of a short page may stand by two breaks once.
		if count[t] < 2 || near[t] < max(2, (len(breaks)+1)/2) {
			return ""
		}
		return fmt.Sprintf("running head or foot: it stands by %d of the %d page breaks", near[t], len(breaks))
	})
}

// furniture are patterns of lines that web captures carry around the text.
var furniture = []struct {
	re  *regexp.Regexp
	why string
}{
	{regexp.MustCompile(`(?i)\bcookies?\b`), "cookie banner"},
	{regexp.MustCompile(`(?i)^(skip to|back to|go to|jump to|return to)\b`), "site navigation link"},
	{regexp.MustCompile(`(?i)^(home|menu|search|print|share|share this( page| article)?|subscribe|sign in|log in|next|previous|read more|tell me more)$`), "site navigation or button"},
	{regexp.MustCompile(`^[^|·•.!?\[\]]{1,25}(\s[|·•]\s[^|·•.!?\[\]]{1,25}){2,}$`), "site navigation bar"}, // not citations: "[S1 ¶3 · B2] [S2 ¶1 · B2]"
	{regexp.MustCompile(`(?i)(all rights reserved|©|copyright \d{4}|terms of use|privacy policy)`), "page footer"},
	{regexp.MustCompile(`^\d+\s*/\s*\d+$`), "carousel counter"},
	{regexp.MustCompile(`(?i)\b(follow us|newsletter|poll|all polls|share your opinion)\b`), "site widget"},
}

// Propose looks at text, to be delivered under the file name name, against
// the sources already in fsys: it proposes an id, the next free reference,
// the layout, and lines to drop — those that look like page furniture, and
// those the other sources' texts share word for word, which a site repeats
// on every page. A text that is not UTF-8 is read in the encoding it
// most likely is (Proposal.Encoding), as a build reads a text that
// declares it. The text is read as a build would read it and must pass
// the same checks (no larger than lim allows a file, lim.FileSize, its
// default when zero; no line longer, no control characters); other
// sources larger than that are passed over.
func Propose(fsys fs.FS, name string, text []byte, lim Limits) (*Proposal, error) {
	return propose(fsys, name, text, lim, nil)
}

// ProposePage is Propose for the text of a web page (see ReadPage), which
// also proposes a heading rule for each heading the page marks that stands
// as a line of its text: Proposal.Headings, with which the preview is
// cleaned.
func ProposePage(fsys fs.FS, name string, page *Page, lim Limits) (*Proposal, error) {
	return propose(fsys, name, page.Text, lim, page)
}

// propose is Propose, with what a web page marks when the text is a
// page's, nil otherwise.
func propose(fsys fs.FS, name string, text []byte, lim Limits, page *Page) (*Proposal, error) {
	lim = lim.WithDefaults()
	if int64(len(text)) > lim.FileSize {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d a source may have (raise the limit with --max-file-size if the file is right)", name, len(text), lim.FileSize)
	}
	sum := sha256.Sum256(text)
	p := &Proposal{ID: idFromName(name), SHA256: hex.EncodeToString(sum[:])}
	utf := text
	if !utf8.Valid(text) {
		p.Encoding = guessEncoding(text)
		e, err := lookupEncoding(p.Encoding)
		var decoded string
		if err == nil {
			decoded, err = decode(text, e)
		}
		if err != nil {
			return nil, fmt.Errorf("%s is not UTF-8 (line %d), and does not read as %s either: %w", name, invalidUTF8Line(text), p.Encoding, err)
		}
		utf = []byte(decoded)
	}
	s, line, err := cleanInput(utf, lim.LineLength)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line, err)
	}

	others, refs := otherSources(fsys, lim.FileSize)
	p.Ref = nextRef(refs)
	for _, o := range others {
		if o.sha256 == p.SHA256 {
			return nil, fmt.Errorf("%s is already in the sources, as %s", name, o.name)
		}
	}

	lines := strings.Split(s, "\n")
	p.Layout = detectLayout(lines)

	// A line another source's text has too is likely the site's furniture
	// when it stands in the head or the foot of the page, and is not a
	// list item; unless most of the text is shared, when the text is
	// likely a copy and its lines are content.
	nonEmpty := 0
	shared := map[string]bool{}
	for _, o := range others {
		n := 0
		for _, l := range lines {
			if t := fold(l); t != "" && o.lines[t] {
				n++
				shared[t] = true
			}
		}
		if n > p.Shared {
			p.Like, p.Shared = o.name, n
		}
	}
	for _, l := range lines {
		if fold(l) != "" {
			nonEmpty++
		}
	}
	if p.Shared*2 < nonEmpty {
		p.Like, p.Shared = "", 0
	} else {
		shared = nil
	}
	edge := max(3, len(lines)/7)
	var covered map[int]bool
	p.Drops, covered = proposePageNumbers(lines)
	pages := maps.Clone(covered)
	p.Drops = append(p.Drops, proposeRunning(lines, pages, formFeeds(utf), covered)...)
	p.Drops = append(p.Drops, splitCounters(lines, covered)...)
	if page != nil {
		p.Drops = append(p.Drops, pageFurniture(page.Furniture, lines, covered)...)
	}
	for i, l := range lines {
		t := fold(l)
		if t == "" || covered[i] {
			continue
		}
		why := ""
		for _, f := range furniture {
			if f.re.MatchString(t) && utf8.RuneCountInString(t) <= 160 {
				why = f.why
				break
			}
		}
		atEdge := i < edge || i >= len(lines)-edge
		if why == "" && shared[t] && atEdge && !strings.HasPrefix(t, "•") && utf8.RuneCountInString(t) <= 80 {
			why = "the same line stands in another source: likely site furniture"
		}
		if why != "" {
			p.Drops = append(p.Drops, ProposedDrop{Line: i + 1, Text: t, Why: why})
		}
	}
	slices.SortStableFunc(p.Drops, func(a, b ProposedDrop) int { return a.Line - b.Line })
	p.Drops = mergeLineDrops(p.Drops, lines)

	p.Script = script(s)
	if p.Layout == "wrapped" {
		p.CapsHeadings, p.Caps = capsLines(lines)
	}
	r := &rules{file: name, wrapped: p.Layout == "wrapped", capsHeadings: p.CapsHeadings, preview: true}
	if page != nil {
		p.Headings = pageHeadings(page.Headings, lines, p.Drops)
	}
	for _, h := range p.Headings {
		r.headings = append(r.headings, &headingRule{Text: at[string]{V: h.Text}, Level: at[int]{V: h.Level}})
	}
	doc := &model.Document{ID: p.ID, Ref: p.Ref}
	if err := clean(doc, name, s, r); err != nil {
		return nil, err
	}
	p.Preview = doc
	// No split or list for a paragraph a proposed drop removes: with
	// both confirmed, its rule would match nothing.
	dropped := droppedBy(p.Drops)
	splits := gluedHeadings(doc, s)
	longest := 0 // the longest line, in characters: a heading's is under half of it
	for _, l := range lines {
		longest = max(longest, utf8.RuneCountInString(fold(l)))
	}
	if r.wrapped {
		splits = append(splits, rejoinedHeadings(doc, lines, longest, splits)...)
		slices.SortStableFunc(splits, func(a, b ProposedSplit) int { return a.Line - b.Line })
	}
	p.Splits = slices.DeleteFunc(splits, func(sp ProposedSplit) bool { return dropped(fold(lines[sp.Line-1])) })
	if r.wrapped && page == nil {
		p.LoneHeadings = slices.DeleteFunc(loneHeadings(doc, lines, longest), func(h ProposedSplit) bool { return dropped(h.After) })
	}
	p.Lists = slices.DeleteFunc(gluedLists(doc, s), func(l ProposedList) bool { return dropped(fold(lines[l.Line-1])) })
	return p, nil
}

// pageHeadings returns the headings of a page that stand as a line of its
// text, once each, as heading rules match them; but not one that drops
// proposes to drop, which, confirmed, would leave its rule matching
// nothing.
func pageHeadings(headings []PageHeading, lines []string, drops []ProposedDrop) []PageHeading {
	dropped := droppedBy(drops)
	var out []PageHeading
	seen := map[string]bool{}
	has := map[string]bool{}
	for _, l := range lines {
		t := fold(l)
		has[t], has[strings.TrimSuffix(t, ":")] = true, true
	}
	for _, h := range headings {
		t := normalize(h.Text)
		// A heading that cleaning's bullets rule makes a list item
		// ("● Live") would leave its rule matching nothing.
		if has[t] && !seen[t] && !dropped(t) && !dropped(t+":") && !bulletPrefix.MatchString(t) {
			seen[t] = true
			out = append(out, PageHeading{Text: t, Level: h.Level})
		}
	}
	return out
}

// Limits of a list captured on one line: its least number of items, and
// the longest an item may be, in characters.
const (
	minGluedItems   = 3
	maxGluedItemLen = 100
)

// maxLeadIns is how many lead-ins gluedLists looks for in a text at most:
// each look is a pass over the text, and a text of many lines that look
// like glued lists is no list a rule should split.
const maxLeadIns = 100

// gluedLists finds, in the paragraphs of doc (text cleaned by the general
// rules), a list captured on one line: after a colon, minGluedItems or more
// short items separated by semicolons, the colon or most semicolons with no
// space after them, as a list loses its line breaks. Its lead-in is the
// words before the colon, as few as make it stand once in text.
func gluedLists(doc *model.Document, text string) []ProposedList {
	var out []ProposedList
	counted := 0 // lead-ins looked for in text, each a pass over it
	for _, b := range doc.Blocks {
		if b.Kind != model.Paragraph || counted >= maxLeadIns {
			continue
		}
		colon := strings.IndexByte(b.Text, ':')
		if colon <= 0 || colon+1 >= len(b.Text) {
			continue
		}
		rest := b.Text[colon+1:]
		items := strings.Split(rest, ";")
		if len(items) < minGluedItems {
			continue
		}
		short := true
		for _, it := range items {
			it = strings.TrimSpace(it)
			short = short && it != "" && utf8.RuneCountInString(it) <= maxGluedItemLen
		}
		tight := strings.Count(rest, ";") - strings.Count(rest, "; ")
		if !short || rest[0] == ' ' && tight*2 < len(items)-1 {
			continue
		}
		words := strings.Fields(b.Text[:colon])
		for n := min(2, len(words)); n <= len(words) && counted < maxLeadIns; n++ {
			after := strings.Join(words[len(words)-n:], " ") + ":"
			counted++
			if strings.Count(text, after) == 1 {
				out = append(out, ProposedList{Line: b.Line, After: after, Separator: ";", Items: len(items)})
				break
			}
		}
	}
	return out
}

// capsLines reports whether two or more lines, standing alone between
// blank lines or other lines, are in capitals (see isCaps), and returns
// the first.
func capsLines(lines []string) (bool, string) {
	n, first := 0, ""
	for _, l := range lines {
		if t := fold(l); isCaps(t) {
			if n == 0 {
				first = t
			}
			n++
		}
	}
	return n >= 2, first
}

// Limits of a heading glued to the paragraph after it: its words, and its
// length in characters.
const (
	maxGluedWords = 12
	maxGluedChars = 80
)

// gluedHeadings finds, in the paragraphs of doc (text cleaned by the
// general rules), a heading glued to what follows it: the paragraph starts
// with two to maxGluedWords words and no sentence's punctuation, a word of
// which ends in a lower-case letter or a digit that an upper-case letter
// follows with no space ("Our missionWe work", "The bureauNCB staff", "in
// 2025Seizures rose"), and the word that starts there stands on its own
// elsewhere in text, so that a name written in camel case ("PayPal") is
// not taken for two.
func gluedHeadings(doc *model.Document, text string) []ProposedSplit {
	var out []ProposedSplit
	var alone map[string]bool     // the words that stand alone in text, made at the first need
	proposed := map[string]bool{} // one rule a heading: it splits every paragraph it starts
	for _, b := range doc.Blocks {
		if b.Kind != model.Paragraph {
			continue
		}
		prev := rune(0)
		for i, r := range b.Text {
			if i > maxGluedChars || strings.ContainsRune(".!?:;", r) {
				break
			}
			if unicode.IsUpper(r) && (unicode.IsLower(prev) || unicode.IsDigit(prev)) {
				head, rest := b.Text[:i], b.Text[i:]
				word := rest
				if j := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) }); j >= 0 {
					word = rest[:j]
				}
				if alone == nil {
					alone = wordsAlone(text)
				}
				if n := len(strings.Fields(head)); n >= 2 && n <= maxGluedWords && len(strings.Fields(rest)) >= 4 && alone[word] && !proposed[head] {
					proposed[head] = true
					out = append(out, ProposedSplit{Line: b.Line, After: head, Next: firstWords(rest, 4)})
				}
				break
			}
			prev = r
		}
	}
	return out
}

// rejoinedHeadings finds, in the paragraphs of doc (a wrapped text, whose
// lines cleaning re-joins), a heading that stood on a line of its own and
// was joined to the paragraph after it, as pdftotext gives a title or a
// section's name with no blank line under it ("Summary" then "This paper
// assesses…"): the paragraph's first line has one to maxGluedWords words,
// starts with a capital or a digit and ends without a sentence's
// punctuation, and the next line starts with a capital. A line that is a
// sentence's start wrapped mid-way ends in a word the next line
// continues, and is as long as the lines around it: a heading line is
// shorter than half the text's longest, longest characters. lines are the
// text's lines; headings already in found are not proposed again.
func rejoinedHeadings(doc *model.Document, lines []string, longest int, found []ProposedSplit) []ProposedSplit {
	proposed := map[string]bool{}
	for _, sp := range found {
		proposed[sp.After] = true
	}
	var out []ProposedSplit
	for _, b := range doc.Blocks {
		if b.Kind != model.Paragraph || b.Line < 1 || b.Line >= len(lines) {
			continue
		}
		head, next := fold(lines[b.Line-1]), fold(lines[b.Line])
		n := len(strings.Fields(head))
		last, _ := utf8.DecodeLastRuneInString(head)
		if n == 0 || n > maxGluedWords || utf8.RuneCountInString(head)*2 > longest || proposed[head] ||
			!strings.HasPrefix(b.Text, head+" ") || strings.ContainsRune(".!?:;,", last) {
			continue
		}
		first, _ := utf8.DecodeRuneInString(head)
		second, _ := utf8.DecodeRuneInString(next)
		if !(unicode.IsUpper(first) || unicode.IsDigit(first)) || !unicode.IsUpper(second) {
			continue
		}
		proposed[head] = true
		out = append(out, ProposedSplit{Line: b.Line, After: head, Next: firstWords(b.Text[len(head):], 4)})
	}
	return out
}

// loneHeadings finds, in the paragraphs of doc (a wrapped text cleaned by
// the general rules), those that look like a heading standing alone, as
// the text new source takes from a PDF's blocks sets a title or a
// section's name ("Summary", then the paragraph): a paragraph that is the
// whole of one line of the text, of one to maxGluedWords words, shorter
// than half the text's longest line, starting with a capital or a digit,
// holding no comma (a byline, a date, an address), ending in a word and
// without a sentence's punctuation, with prose after it (see prose).
// lines are the text's lines, the longest of them longest characters.
func loneHeadings(doc *model.Document, lines []string, longest int) []ProposedSplit {
	seen := map[string]bool{}
	var out []ProposedSplit
	for i, b := range doc.Blocks {
		if b.Kind != model.Paragraph || b.Line < 1 || b.Line > len(lines) || i+1 == len(doc.Blocks) {
			continue
		}
		text := b.Text
		n := len(strings.Fields(text))
		first, _ := utf8.DecodeRuneInString(text)
		last, _ := utf8.DecodeLastRuneInString(text)
		if text != fold(lines[b.Line-1]) || n == 0 || n > maxGluedWords || utf8.RuneCountInString(text)*2 > longest ||
			!(unicode.IsUpper(first) || unicode.IsDigit(first)) || strings.ContainsRune(text, ',') ||
			strings.ContainsRune(".!?:;", last) || seen[text] {
			continue
		}
		next := doc.Blocks[i+1]
		if next.Kind != model.Paragraph && next.Kind != model.ListItem || !prose(next.Text) || !hasWord(text) {
			continue
		}
		seen[text] = true
		out = append(out, ProposedSplit{Line: b.Line, After: text, Next: firstWords(next.Text, 4)})
	}
	return out
}

// prose reports whether text reads as a sentence or more, as what a
// heading introduces does, rather than as a label's value, a date or a
// line of a table or of contents: eight words of letters or more, ending
// as a sentence ends, or fifteen or more.
func prose(text string) bool {
	words := 0
	for _, w := range strings.Fields(text) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(text, ")]\"'”’»"))
	return words >= 15 || words >= 8 && strings.ContainsRune(".!?:", last)
}

// hasWord reports whether a heading's text ends in a word of two letters
// or more: not a page's number, a date or a figure ("1 October 2026").
func hasWord(text string) bool {
	f := strings.Fields(text)
	letters := 0
	for _, r := range f[len(f)-1] {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// wordsAlone returns the words that stand in text with no letter or
// digit either side of them.
func wordsAlone(text string) map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		words[w] = true
	}
	return words
}

// firstWords returns the first n words of s, with "…" when there are more.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) <= n {
		return strings.Join(f, " ")
	}
	return strings.Join(f[:n], " ") + "…"
}

// script returns "Cyrillic" when most of the letters of text are
// Cyrillic, "Latin" otherwise.
func script(text string) string {
	if cyr, lat := letters(text); cyr > lat {
		return "Cyrillic"
	}
	return "Latin"
}

// idFromName makes an id from a file name: lower-case letters and digits,
// words joined by hyphens.
func idFromName(name string) string {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(base) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
			continue
		}
		hyphen = true
	}
	if b.Len() == 0 {
		return "new-source"
	}
	return b.String()
}

// other is a source already in the sources folder.
type other struct {
	name   string          // "documents/NAME.txt"
	sha256 string          // of its text
	lines  map[string]bool // its lines, spaces folded
}

// otherSources reads the texts and references of the sources in fsys.
// What cannot be read, or is larger than max bytes, is passed over; the
// build reports it.
func otherSources(fsys fs.FS, max int64) (others []other, refs []string) {
	entries, _ := fs.ReadDir(fsys, DocumentsDir)
	refLine := regexp.MustCompile(`(?m)^ref:\s*"?(S\d+)"?\s*(#.*)?$`)
	for _, e := range entries {
		name := path.Join(DocumentsDir, e.Name())
		data, err := readFile(fsys, name, max)
		if err != nil {
			continue
		}
		switch path.Ext(e.Name()) {
		case ".txt":
			sum := sha256.Sum256(data)
			o := other{name: name, sha256: hex.EncodeToString(sum[:]), lines: map[string]bool{}}
			for _, l := range strings.Split(string(data), "\n") {
				if t := fold(l); t != "" {
					o.lines[t] = true
				}
			}
			others = append(others, o)
		case ".yaml":
			if m := refLine.FindSubmatch(data); m != nil {
				refs = append(refs, string(m[1]))
			}
		}
	}
	return others, refs
}

// fold is a line as cleaning reads it (normalize): trimmed, its runs of
// blanks folded into one space. A rule proposed with it matches the line;
// one folded otherwise (an em space as a space, say) would match nothing.
func fold(line string) string { return normalize(line) }

// nextRef returns the reference after the highest of refs: "S1" for none.
func nextRef(refs []string) string {
	n := 0
	for _, r := range refs {
		if v, err := strconv.Atoi(strings.TrimPrefix(r, "S")); err == nil && v > n {
			n = v
		}
	}
	return fmt.Sprintf("S%d", n+1)
}

// detectLayout tells a text whose lines are paragraphs ("lines", as web
// captures are) from one whose lines break mid-sentence ("wrapped", as
// text taken from a PDF is): in a wrapped text, a third or more of the
// long lines followed by another end without a sentence's punctuation,
// and the next starts in lower case; in a web capture, next to none do.
func detectLayout(lines []string) string {
	broken, counted := 0, 0
	for i := 0; i+1 < len(lines); i++ {
		a, b := strings.TrimSpace(lines[i]), strings.TrimSpace(lines[i+1])
		if utf8.RuneCountInString(a) < 40 || b == "" {
			continue
		}
		counted++
		last, _ := utf8.DecodeLastRuneInString(a)
		first, _ := utf8.DecodeRuneInString(b)
		if !strings.ContainsRune(".!?:;\"”»)", last) && unicode.IsLower(first) {
			broken++
		}
	}
	if counted >= 3 && broken*3 >= counted {
		return "wrapped"
	}
	return "lines"
}
