package source

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/diag"
	"dossier/internal/model"
	"dossier/internal/slug"
)

// Rule describes one of the general cleaning rules, which apply to every
// document. Rules declared in a document's metadata come on top of them.
type Rule struct {
	Name string
	What string
}

// GeneralRules lists the cleaning rules that apply to every document, in the
// order they run. Their names appear in model.Drop.Rule and in --verbose.
var GeneralRules = []Rule{
	{"spaces", "no-break spaces and tabs become spaces; runs of spaces fold into one; lines are trimmed"},
	{"whitespace", "lines of nothing but whitespace are dropped; runs of blank lines separate blocks"},
	{"repeated-line", "a line that repeats the line just before it is dropped"},
	{"bullets", "lines starting with • become list items; a more deeply indented line continues the item, and so, in hard-wrapped texts, does a line right under it that starts in lower case where the item breaks mid-sentence"},
	{"label-headings", "in line-per-paragraph texts, a short line ending in a colon (\"Structure:\") is a heading"},
	{"caps-headings", "in hard-wrapped texts with caps_headings set, a line in capitals (\"TRADE\") is a heading"},
	{"rejoin", "in hard-wrapped texts, lines re-join into paragraphs, also across a blank line in mid-sentence; a hyphen at a line's end is kept and joined without a space, unless the text writes the word whole within a line and never with the hyphen, when it is a typesetter's and goes"},
	{"glued-sentences", "a sentence glued to the next without a space (\"markets.The\") is split into two paragraphs"},
	{"list-semicolons", "the semicolon that ends a list item is dropped"},
	{"numbering", "every paragraph and list item is numbered ¶1, ¶2, … and anchored p1, p2, …"},
}

// Declared rules, in the document's metadata under "cleaning:".
type cleaningFile struct {
	Layout       at[string]    `yaml:"layout"`
	CapsHeadings at[bool]      `yaml:"caps_headings"`
	Headings     []headingRule `yaml:"headings"`
	Drop         []dropRule    `yaml:"drop"`
	Split        []splitRule   `yaml:"split"`
	Lists        []listRule    `yaml:"lists"`
}

// headingRule: a line reading Text is a heading of the given level.
type headingRule struct {
	Text  at[string] `yaml:"text"`
	Level at[int]    `yaml:"level"`
	used  bool
}

// dropRule: drop a line reading Line, every line Pattern matches whole,
// or a line starting with From and everything after it (or the lines up
// to the one starting with To).
type dropRule struct {
	Line    at[string]     `yaml:"line"`
	Pattern at[string]     `yaml:"pattern"` // a regular expression (RE2 syntax)
	From    at[string]     `yaml:"from"`
	To      at[string]     `yaml:"to"` // with from: the block ends with the line starting so
	Why     at[string]     `yaml:"why"`
	re      *regexp.Regexp // Pattern, anchored at both ends of the line
	used    bool
	open    bool // a block was started by From and no line after it started with To
}

// splitRule: a paragraph starting with After, glued to what follows, is cut
// there; the first part becomes a heading (As "heading") or a paragraph.
type splitRule struct {
	After at[string] `yaml:"after"`
	As    at[string] `yaml:"as"`
	Level at[int]    `yaml:"level"`
	Why   at[string] `yaml:"why"`
	used  bool
}

// listRule: in a paragraph containing After, the text after it is a list
// whose items are glued together with Separator.
type listRule struct {
	After     at[string] `yaml:"after"`
	Separator at[string] `yaml:"separator"`
	Why       at[string] `yaml:"why"`
	used      bool
}

// rules are the cleaning rules of one document, validated.
type rules struct {
	file    string // the metadata file, for messages about rules
	wrapped bool
	// preview cleans a text whose languages are not declared yet (see
	// Propose): its blocks take no language of their own.
	preview      bool
	capsHeadings bool
	headings     []*headingRule
	drops        []*dropRule
	splits       []*splitRule
	lists        []*listRule
}

func parseRules(file string, cf cleaningFile) (*rules, error) {
	r := &rules{file: file, capsHeadings: cf.CapsHeadings.V}
	var errs diag.List
	switch strings.TrimSpace(cf.Layout.V) {
	case "", "lines":
	case "wrapped":
		r.wrapped = true
	default:
		errs.Add(diag.Errorf(file, cf.Layout.Line, "cleaning layout %q: want lines (a line per paragraph) or wrapped (lines broken mid-sentence)", cf.Layout.V))
	}
	if r.capsHeadings && !r.wrapped {
		errs.Add(diag.Errorf(file, cf.CapsHeadings.Line, "caps_headings applies to wrapped layout only"))
	}
	for i := range cf.Headings {
		h := &cf.Headings[i]
		h.Text.V = normalize(h.Text.V)
		if h.Text.V == "" {
			errs.Add(diag.Errorf(file, firstLine(h.Text.Line, h.Level.Line), "heading rule needs text"))
		}
		if !h.Level.Set {
			h.Level.V = 1
		} else if h.Level.V < 1 || h.Level.V > 3 {
			errs.Add(diag.Errorf(file, h.Level.Line, "heading level %d: want 1 to 3", h.Level.V))
		}
		r.headings = append(r.headings, h)
	}
	for i := range cf.Drop {
		d := &cf.Drop[i]
		d.Line.V, d.From.V, d.To.V = normalize(d.Line.V), normalize(d.From.V), normalize(d.To.V)
		line := firstLine(d.Line.Line, d.Pattern.Line, d.From.Line, d.To.Line, d.Why.Line)
		if n := btoi(d.Line.V != "") + btoi(d.Pattern.V != "") + btoi(d.From.V != ""); n != 1 {
			errs.Add(diag.Errorf(file, line, "drop rule needs exactly one of line (a whole line), pattern (a regular expression every line it matches whole is dropped by) or from (a line's start; it and the rest are dropped, or the lines up to to)"))
		}
		if d.Pattern.V != "" {
			// The pattern alone first, so that a mistake is reported in
			// the terms it was written in; then anchored to the line.
			if _, err := regexp.Compile(d.Pattern.V); err != nil {
				msg := err.Error()
				if se := (*syntax.Error)(nil); errors.As(err, &se) {
					msg = fmt.Sprintf("%s: `%s`", se.Code, se.Expr)
				}
				errs.Add(diag.Errorf(file, d.Pattern.Line, "drop pattern %q is not a regular expression (RE2 syntax): %s", d.Pattern.V, msg))
			} else {
				d.re = regexp.MustCompile(`^(?:` + d.Pattern.V + `)$`)
			}
		}
		if d.To.Set && d.From.V == "" {
			errs.Add(diag.Errorf(file, d.To.Line, "to ends a block that from starts: give from too"))
		}
		if strings.TrimSpace(d.Why.V) == "" {
			errs.Add(diag.Errorf(file, line, "drop rule needs why: nothing is dropped without a reason"))
		}
		r.drops = append(r.drops, d)
	}
	for i := range cf.Split {
		s := &cf.Split[i]
		s.After.V = normalize(s.After.V)
		line := firstLine(s.After.Line, s.As.Line, s.Why.Line)
		if s.After.V == "" {
			errs.Add(diag.Errorf(file, line, "split rule needs after: the text the cut comes after"))
		}
		switch s.As.V {
		case "", "paragraph":
		case "heading":
			if !s.Level.Set {
				s.Level.V = 1
			} else if s.Level.V < 1 || s.Level.V > 3 {
				errs.Add(diag.Errorf(file, s.Level.Line, "split level %d: want 1 to 3", s.Level.V))
			}
		default:
			errs.Add(diag.Errorf(file, s.As.Line, "split as %q: want heading or paragraph", s.As.V))
		}
		r.splits = append(r.splits, s)
	}
	for i := range cf.Lists {
		l := &cf.Lists[i]
		l.After.V = normalize(l.After.V)
		line := firstLine(l.After.Line, l.Separator.Line, l.Why.Line)
		if l.After.V == "" || l.Separator.V == "" {
			errs.Add(diag.Errorf(file, line, "list rule needs after (the lead-in text) and separator (what glues the items)"))
		}
		r.lists = append(r.lists, l)
	}
	return r, errs.Err()
}

// btoi is 1 for true, 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// firstLine returns the smallest non-zero line, or 0.
func firstLine(lines ...int) int {
	m := 0
	for _, l := range lines {
		if l > 0 && (m == 0 || l < m) {
			m = l
		}
	}
	return m
}

// srcLine is one line of a primary text.
type srcLine struct {
	n      int    // 1-based line number
	text   string // normalised
	indent int    // leading whitespace, in characters
	ws     bool   // not empty, but whitespace only
	gone   bool   // dropped
}

// isBlank reports whether r is one of the spaces the "spaces" rule folds:
// space, tab, no-break, figure, narrow no-break, thin and hair spaces.
func isBlank(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a':
		return true
	}
	return false
}

// normalize applies the "spaces" rule to one line: each run of blanks
// (isBlank) becomes one space, and the line is trimmed. Bytes that are not
// UTF-8 are kept as they are.
func normalize(s string) string {
	s = strings.TrimSuffix(s, "\r")
	fold := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c >= 0xc2 || c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			fold = true // a blank other than a lone space, perhaps
			break
		}
	}
	if !fold {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	blank := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isBlank(r) {
			if !blank {
				b.WriteByte(' ')
			}
			blank = true
		} else {
			b.WriteString(s[i : i+n])
			blank = false
		}
		i += n
	}
	return strings.TrimSpace(b.String())
}

func splitLines(text string) []srcLine {
	raw := strings.Split(text, "\n")
	lines := make([]srcLine, len(raw))
	for i, r := range raw {
		t := normalize(r)
		indent := 0
		for _, c := range r {
			if c != ' ' && c != '\t' && c != '\u00a0' {
				break
			}
			indent++
		}
		lines[i] = srcLine{n: i + 1, text: t, indent: indent, ws: t == "" && strings.TrimSuffix(r, "\r") != ""}
	}
	return lines
}

// cleaner holds the state of cleaning one document.
type cleaner struct {
	doc      *model.Document
	r        *rules
	textFile string
	lines    []srcLine
	blocks   []block
	words    map[string]bool // the words the text writes within its lines, lower-cased (see softHyphen)
}

// block is a model.Block under construction.
type block struct {
	kind  model.BlockKind
	level int
	text  string
	// joined, when not nil, is the text as lines are joined onto it
	// (join), text being stale until finish: a paragraph of many lines
	// is joined in time linear in its length.
	joined []byte
	line   int
	indent int // for list items: indent of the bullet
	open   bool
}

// join joins next onto the text of b: after a space or, with hyphens,
// after a word broken by a hyphen at the end of a hard-wrapped line,
// without one (see brokenWord).
func (b *block) join(next string, hyphens bool) {
	b.grow(next)
	if !hyphens || !brokenWord(b.joined) {
		b.joined = append(b.joined, ' ')
	}
	b.joined = append(b.joined, next...)
}

// grow makes b.joined hold the text of b, with room for next.
func (b *block) grow(next string) {
	if b.joined == nil {
		b.joined = append(make([]byte, 0, 2*(len(b.text)+len(next)+1)), b.text...)
	}
}

// joinWrapped joins next onto b as the next line of a hard-wrapped text
// (b.join with hyphens); a word broken across the two by a hyphen loses
// the hyphen when it is a soft one (see softHyphen).
func (c *cleaner) joinWrapped(b *block, next string) {
	b.grow(next)
	if brokenWord(b.joined) && c.softHyphen(b.joined, next) {
		b.joined = append(b.joined[:len(b.joined)-1], next...)
		return
	}
	b.join(next, true)
}

// softHyphen reports whether the hyphen that ends text, before next, only
// broke a word across lines, as a typesetter does ("informa-" "tion"):
// the text writes the word whole within a line somewhere ("information"),
// and never with the hyphen ("well-known" stays, as does a word the text
// gives no evidence for either way).
func (c *cleaner) softHyphen(text []byte, next string) bool {
	left := bytes.TrimSuffix(text, []byte("-"))
	i := len(left)
	for i > 0 {
		r, n := utf8.DecodeLastRune(left[:i])
		if !unicode.IsLetter(r) {
			break
		}
		i -= n
	}
	j := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) })
	if j < 0 {
		j = len(next)
	}
	head, tail := string(left[i:]), next[:j]
	if head == "" || tail == "" || !startsLower(tail) {
		return false
	}
	if c.words == nil {
		c.words = wordsWithin(c.lines)
	}
	whole := strings.ToLower(head + tail)
	return c.words[whole] && !c.words[strings.ToLower(head+"-"+tail)]
}

// wordsWithin returns the words of lines, lower-cased, leaving out the
// last word of each line, which a hyphen may have broken: runs of letters,
// with the hyphens inside them ("well-known").
func wordsWithin(lines []srcLine) map[string]bool {
	words := map[string]bool{}
	for _, l := range lines {
		if l.gone {
			continue
		}
		fields := strings.FieldsFunc(l.text, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		if len(fields) > 0 {
			fields = fields[:len(fields)-1]
		}
		for _, w := range fields {
			if w = strings.Trim(w, "-"); w != "" {
				words[strings.ToLower(w)] = true
			}
		}
	}
	return words
}

// tail returns the end of the text of b, joined so far: at least its last
// character.
func (b *block) tail() string {
	if b.joined == nil {
		return b.text
	}
	return string(b.joined[max(0, len(b.joined)-utf8.UTFMax):])
}

// finish makes the text joined onto b its text.
func (b *block) finish() {
	if b.joined != nil {
		b.text, b.joined = string(b.joined), nil
	}
}

// clean fills doc.Blocks and doc.Dropped from the verbatim text.
func clean(doc *model.Document, textFile, text string, r *rules) error {
	c := &cleaner{doc: doc, r: r, textFile: textFile, lines: splitLines(text)}
	c.drop()
	c.segment()
	if r.wrapped {
		c.rejoin()
	}
	c.splitGlued()
	c.applySplits()
	c.applyLists()
	if err := c.unused(); err != nil {
		return err
	}
	sort.SliceStable(doc.Dropped, func(i, j int) bool { return doc.Dropped[i].Line < doc.Dropped[j].Line })
	return c.finish()
}

func (c *cleaner) dropped(from, to int, rule, why string) {
	var parts []string
	for _, l := range c.lines[from-1 : to] {
		if l.text != "" {
			parts = append(parts, l.text)
		}
	}
	text := shorten(strings.Join(parts, " "), 120)
	if len(parts) > 1 && utf8.RuneCountInString(strings.Join(parts, " ")) > 120 {
		text = shorten(parts[0], 80) + " … " + shorten(parts[len(parts)-1], 40)
	}
	if text == "" {
		text = fmt.Sprintf("(%d lines of whitespace)", to-from+1)
		if to == from {
			text = "(a line of whitespace)"
		}
	}
	c.doc.Dropped = append(c.doc.Dropped, model.Drop{Line: from, EndLine: to, Text: text, Rule: rule, Why: why, Blank: len(parts) == 0})
}

// drop applies the declared drop rules, then the whitespace and
// repeated-line rules, and records what each removed.
func (c *cleaner) drop() {
	for i := range c.lines {
		l := &c.lines[i]
		if l.gone || l.text == "" {
			continue
		}
		for _, d := range c.r.drops {
			switch {
			case d.Line.V != "" && l.text == d.Line.V, d.re != nil && d.re.MatchString(l.text):
				l.gone, d.used = true, true
				c.dropped(l.n, l.n, "drop", d.Why.V)
			case d.From.V != "" && d.To.V != "" && strings.HasPrefix(l.text, d.From.V):
				// A block: from this line through the first line after
				// it that starts with To.
				j := i + 1
				for j < len(c.lines) && !strings.HasPrefix(c.lines[j].text, d.To.V) {
					j++
				}
				if j == len(c.lines) {
					d.open = true
					continue
				}
				d.used = true
				for k := i; k <= j; k++ {
					c.lines[k].gone = true
				}
				c.dropped(l.n, c.lines[j].n, "drop", d.Why.V)
			case d.From.V != "" && strings.HasPrefix(l.text, d.From.V):
				d.used = true
				for j := i; j < len(c.lines); j++ {
					c.lines[j].gone = true
				}
				end := len(c.lines)
				for end > l.n && c.lines[end-1].text == "" {
					end--
				}
				c.dropped(l.n, end, "drop", d.Why.V)
			}
			if l.gone {
				break
			}
		}
	}
	prev := ""
	for i := 0; i < len(c.lines); i++ {
		l := &c.lines[i]
		switch {
		case l.gone:
		case l.ws:
			j := i
			for j+1 < len(c.lines) && !c.lines[j+1].gone && c.lines[j+1].text == "" {
				j++
			}
			c.dropped(l.n, c.lines[j].n, "whitespace", "lines of nothing but whitespace (page layout residue)")
			i = j
		case l.text == "":
		case l.text == prev:
			l.gone = true
			c.dropped(l.n, l.n, "repeated-line", "repeats the line before it")
		default:
			prev = l.text
		}
	}
}

var bulletPrefix = regexp.MustCompile(`^[•●▪◦]\s*`)

// segment turns lines into headings, list items and paragraphs.
func (c *cleaner) segment() {
	for i, l := range c.lines {
		if l.gone || l.text == "" {
			c.close()
			continue
		}
		last := c.last()
		prevAdjacent := i > 0 && !c.lines[i-1].gone && c.lines[i-1].text != ""
		if m := bulletPrefix.FindString(l.text); m != "" {
			c.close()
			c.blocks = append(c.blocks, block{kind: model.ListItem, text: l.text[len(m):], line: l.n, indent: l.indent, open: true})
			continue
		}
		if last != nil && last.open && last.kind == model.ListItem && prevAdjacent && l.indent > last.indent {
			last.join(l.text, false)
			continue
		}
		// Text taken from a PDF does not indent an item's next lines: in
		// a hard-wrapped text, a line right under an item broken in
		// mid-sentence, starting in lower case, goes on with it.
		if c.r.wrapped && last != nil && last.open && last.kind == model.ListItem && prevAdjacent &&
			!endsSentence(last.tail()) && startsLower(l.text) {
			c.joinWrapped(last, l.text)
			continue
		}
		if level, text, ok := c.heading(l, i); ok {
			c.close()
			c.blocks = append(c.blocks, block{kind: model.Heading, level: level, text: text, line: l.n})
			continue
		}
		if c.r.wrapped && last != nil && last.open && last.kind == model.Paragraph && l.indent == 0 {
			c.joinWrapped(last, l.text)
			continue
		}
		c.close()
		c.blocks = append(c.blocks, block{kind: model.Paragraph, text: l.text, line: l.n, open: c.r.wrapped})
	}
	c.close()
}

func (c *cleaner) last() *block {
	if len(c.blocks) == 0 {
		return nil
	}
	return &c.blocks[len(c.blocks)-1]
}

func (c *cleaner) close() {
	if b := c.last(); b != nil {
		b.open = false
		b.finish()
	}
}

// heading reports whether line i is a heading, by a declared rule, the
// caps-headings rule or the label-headings rule.
func (c *cleaner) heading(l srcLine, i int) (level int, text string, ok bool) {
	for _, h := range c.r.headings {
		if l.text == h.Text.V || strings.TrimSuffix(l.text, ":") == h.Text.V {
			h.used = true
			return h.Level.V, h.Text.V, true
		}
	}
	if c.r.wrapped {
		if c.r.capsHeadings && isCaps(l.text) {
			return 1, l.text, true
		}
		return 0, "", false
	}
	if isLabel(l.text) && c.blankAfter(i) {
		return 2, strings.TrimSpace(strings.TrimSuffix(l.text, ":")), true
	}
	return 0, "", false
}

// blankAfter reports whether the kept line after i is blank or the end.
func (c *cleaner) blankAfter(i int) bool {
	for j := i + 1; j < len(c.lines); j++ {
		if !c.lines[j].gone {
			return c.lines[j].text == ""
		}
	}
	return true
}

// isCaps reports whether s is a line in capitals: letters all upper-case,
// at least three of them, nothing but letters, spaces and a few joiners.
func isCaps(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == ' ' || r == '&' || r == '-' || r == ',':
		default:
			return false
		}
	}
	return letters >= 3
}

// isLabel reports whether s is a short label ending in a colon.
func isLabel(s string) bool {
	if !strings.HasSuffix(s, ":") || utf8.RuneCountInString(s) > 40 {
		return false
	}
	body := strings.TrimSpace(strings.TrimSuffix(s, ":"))
	if body == "" || strings.ContainsAny(body, ".;:!?") {
		return false
	}
	return len(strings.Fields(body)) <= 5
}

// brokenWord reports whether a hard-wrapped line that ends text broke a
// word with a hyphen: it ends in one that is not a dash between spaces.
// The next line is then joined on without a space, keeping the hyphen.
func brokenWord(text []byte) bool {
	return bytes.HasSuffix(text, []byte("-")) && !bytes.HasSuffix(text, []byte(" -"))
}

// rejoin merges paragraphs split by a blank line in mid-sentence: the first
// ends without closing punctuation and the second starts in lower case.
func (c *cleaner) rejoin() {
	out := c.blocks[:0]
	for _, b := range c.blocks {
		if n := len(out); n > 0 && b.kind == model.Paragraph && out[n-1].kind == model.Paragraph &&
			!endsSentence(out[n-1].tail()) && startsLower(b.text) {
			c.joinWrapped(&out[n-1], b.text)
			continue
		}
		if n := len(out); n > 0 {
			out[n-1].finish()
		}
		out = append(out, b)
	}
	if n := len(out); n > 0 {
		out[n-1].finish()
	}
	c.blocks = out
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:;”\"’)", r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// gluedAt returns where the first sentence glued to the next ends in
// text: after the full stop, question or exclamation mark of a lower-case
// letter or a closing parenthesis that an upper-case letter and another
// letter follow ("markets.The"); -1 for none.
func gluedAt(text string) int {
	for i := 1; i+1 < len(text); i++ {
		if c := text[i]; c != '.' && c != '!' && c != '?' {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		if before != ')' && !unicode.IsLower(before) {
			continue
		}
		upper, n := utf8.DecodeRuneInString(text[i+1:])
		if !unicode.IsUpper(upper) {
			continue
		}
		if letter, _ := utf8.DecodeRuneInString(text[i+1+n:]); !unicode.IsLetter(letter) {
			continue
		}
		return i + 1
	}
	return -1
}

// splitGlued applies the glued-sentences rule.
func (c *cleaner) splitGlued() {
	var out []block
	for _, b := range c.blocks {
		if b.kind != model.Paragraph {
			out = append(out, b)
			continue
		}
		text := b.text
		for {
			cut := gluedAt(text)
			if cut < 0 {
				break
			}
			part := b
			part.text = text[:cut]
			out = append(out, part)
			text = text[cut:]
		}
		b.text = text
		out = append(out, b)
	}
	c.blocks = out
}

// applySplits applies the declared split rules.
func (c *cleaner) applySplits() {
	if len(c.r.splits) == 0 {
		return
	}
	// The longest text first, so that "Our work" does not cut "Our
	// workersThey…" before "Our workers" can.
	splits := slices.Clone(c.r.splits)
	slices.SortStableFunc(splits, func(a, b *splitRule) int { return len(b.After.V) - len(a.After.V) })
	var out []block
	for _, b := range c.blocks {
		for _, s := range splits {
			if b.kind != model.Paragraph || !strings.HasPrefix(b.text, s.After.V) || len(b.text) == len(s.After.V) || insideWord(b.text, len(s.After.V)) {
				continue
			}
			s.used = true
			head := block{kind: model.Paragraph, text: s.After.V, line: b.line}
			if s.As.V == "heading" {
				head.kind, head.level = model.Heading, s.Level.V
			}
			out = append(out, head)
			b.text = strings.TrimSpace(b.text[len(s.After.V):])
		}
		out = append(out, b)
	}
	c.blocks = out
}

// insideWord reports whether cutting text at i would cut a word or a
// number: the text goes on in lower case, or with a digit after a digit.
func insideWord(text string, i int) bool {
	last, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsLower(next) || unicode.IsDigit(last) && unicode.IsDigit(next)
}

// applyLists applies the declared list rules.
func (c *cleaner) applyLists() {
	var out []block
	for _, b := range c.blocks {
		var rule *listRule
		for _, l := range c.r.lists {
			if b.kind == model.Paragraph && strings.Contains(b.text, l.After.V) {
				rule = l
				break
			}
		}
		if rule == nil {
			out = append(out, b)
			continue
		}
		rule.used = true
		i := strings.Index(b.text, rule.After.V) + len(rule.After.V)
		lead := b
		lead.text = strings.TrimSpace(b.text[:i])
		out = append(out, lead)
		for _, item := range strings.Split(b.text[i:], rule.Separator.V) {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, block{kind: model.ListItem, text: item, line: b.line})
			}
		}
	}
	c.blocks = out
}

// unused reports declared rules that matched nothing: a rule that no longer
// fits its text is a mistake worth stopping for.
func (c *cleaner) unused() error {
	var errs diag.List
	stale := func(line int, format string, args ...any) {
		errs.Add(diag.Errorf(c.r.file, line, "cleaning rule matched nothing in %s: %s", c.textFile, fmt.Sprintf(format, args...)))
	}
	for _, h := range c.r.headings {
		if !h.used {
			stale(h.Text.Line, "no line reads %q", h.Text.V)
		}
	}
	for _, d := range c.r.drops {
		switch {
		case d.used:
		case d.Line.V != "":
			stale(d.Line.Line, "no line reads %q", d.Line.V)
		case d.re != nil:
			stale(d.Pattern.Line, "no line matches the pattern %q as a whole", d.Pattern.V)
		case d.open:
			stale(d.To.Line, "no line after the one starting with %q starts with %q", d.From.V, d.To.V)
		default:
			stale(d.From.Line, "no line starts with %q", d.From.V)
		}
	}
	for _, s := range c.r.splits {
		if !s.used {
			stale(s.After.Line, "no paragraph starts with %q glued to more text", s.After.V)
		}
	}
	for _, l := range c.r.lists {
		if !l.used {
			stale(l.After.Line, "no paragraph contains %q", l.After.V)
		}
	}
	return errs.Err()
}

// finish numbers the blocks, gives them anchors and languages, and stores
// them in the document.
func (c *cleaner) finish() error {
	var ids slug.Set
	n := 0
	var errs diag.List
	for _, b := range c.blocks {
		mb := model.Block{Kind: b.kind, Level: b.level, Text: b.text, Line: b.line}
		if b.kind == model.ListItem {
			mb.Text = strings.TrimSpace(strings.TrimSuffix(mb.Text, ";"))
		}
		if b.kind == model.Heading {
			mb.Anchor = ids.Unique("h-", b.text)
		} else {
			n++
			mb.Number = n
			mb.Anchor = fmt.Sprintf("p%d", n)
		}
		lang, err := c.language(mb.Text)
		if err != nil {
			errs.Add(diag.Errorf(c.textFile, b.line, "%w", err))
		}
		mb.Lang = lang
		c.doc.Blocks = append(c.doc.Blocks, mb)
	}
	return errs.Err()
}

// cyrillicLangs are the languages written in Cyrillic script that a
// document may declare.
var cyrillicLangs = []string{"ru", "be", "uk", "bg", "sr", "mk", "kk"}

// language returns the language of a block when it is written in another
// script than the document's main language: a block mostly in Cyrillic in an
// English document takes the Cyrillic language from other_languages.
func (c *cleaner) language(text string) (string, error) {
	if c.r.preview {
		return "", nil
	}
	cyr, lat := letters(text)
	mainCyr := isCyrillicLang(c.doc.Language)
	switch {
	case cyr > lat && !mainCyr:
		for _, l := range c.doc.Languages {
			if isCyrillicLang(l) {
				return l, nil
			}
		}
		return "", fmt.Errorf("text in Cyrillic script, but other_languages in %s names no language written in it (such as ru)", c.r.file)
	case lat > cyr && mainCyr:
		for _, l := range c.doc.Languages {
			if !isCyrillicLang(l) {
				return l, nil
			}
		}
	}
	return "", nil
}

// letters counts the letters of text in Cyrillic and in Latin script.
func letters(text string) (cyr, lat int) {
	for i := 0; i < len(text); i++ {
		// ASCII, most of any text, without a range table's search.
		if c := text[i]; c < utf8.RuneSelf {
			if 'a' <= c|0x20 && c|0x20 <= 'z' {
				lat++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n - 1
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
		case unicode.Is(unicode.Latin, r):
			lat++
		}
	}
	return cyr, lat
}

func isCyrillicLang(tag string) bool {
	base, _, _ := strings.Cut(tag, "-")
	for _, l := range cyrillicLangs {
		if base == l {
			return true
		}
	}
	return false
}

// shorten cuts s to at most n characters, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
