package pdf

import (
	"iter"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"dossier/internal/hyphen"
)

// boxSize is the side of a task-list box as a share of the font size.
const boxSize = 0.72

// breakLines breaks runs into lines at most width wide. Lines break at spaces;
// a word wider than a whole line is broken inside, preferably after one of
// breakAfter, so that nothing ever runs into the margin. Justified text
// (s.hyphenate) has the breaks of each paragraph chosen together (see
// fitLines); other text, and a paragraph with a word wider than a line,
// is broken greedily (greedyLines).
func (s *doc) breakLines(runs []run, width float64) []line {
	if s.hyphenate {
		if lines, ok := s.fitLines(runs, width); ok {
			return lines
		}
	}
	return s.greedyLines(runs, width)
}

// greedyLines breaks runs into lines as breakLines does, filling each line
// in turn (first fit). In justified text a word is hyphenated only where
// the line before it would otherwise be loose.
func (s *doc) greedyLines(runs []run, width float64) []line {
	var (
		lines    []line
		cur      line
		space    frag // the space before the word being gathered, if hasSpace
		hasSpace bool
		word     []frag // reused from word to word
		wordW    float64
		hasWord  bool
	)
	// newLine starts a line with room for as many frags as the last one
	// had, so that its frags are seldom moved as they are added.
	newLine := func() line {
		n := 16
		if k := len(lines); k > 0 {
			n = len(lines[k-1].frags) + 4
		}
		return line{frags: make([]frag, 0, n)}
	}
	flushWord := func() {
		if !hasWord {
			return
		}
		sp := 0.0
		if hasSpace && len(cur.frags) > 0 {
			sp = space.w
		}
		if room := width - cur.w - sp; wordW > width+eps && len(cur.frags) > 0 && room > width/4 {
			// A word longer than a line (an address, a digest) starts
			// where the line has room rather than leaving a gap, if its
			// first character fits there.
			if chunks := s.splitWord(word, room, width); chunks[0].w <= room+eps {
				if hasSpace {
					cur.frags = append(cur.frags, space)
					cur.glue++
				}
				cur.frags = append(cur.frags, chunks[0].frags...)
				cur.w += sp + chunks[0].w
				for _, c := range chunks[1:] {
					lines = append(lines, cur)
					cur = c
				}
				word, wordW, hasWord, hasSpace = word[:0], 0, false, false
				return
			}
		}
		if len(cur.frags) > 0 && cur.w+sp+wordW > width+eps && s.hyphenate && len(word) == 1 && !twoHyphenated(lines) && loose(cur, width, 0.3) {
			// A capitalised word (a name) is hyphenated only where the
			// line would otherwise be left ragged.
			if pre, post, ok := s.hyphenSplit(word[0], width-cur.w-sp, loose(cur, width, looseStretch)); ok {
				if hasSpace {
					cur.frags = append(cur.frags, space)
					cur.w += sp
					cur.glue++
				}
				cur.frags = append(cur.frags, pre)
				cur.w += pre.w
				cur.hyph = true
				lines = append(lines, cur)
				cur, sp = newLine(), 0
				word, wordW = append(word[:0], post), post.w
			}
		}
		if len(cur.frags) > 0 && cur.w+sp+wordW > width+eps {
			lines = append(lines, cur)
			cur, sp = newLine(), 0
		}
		for len(cur.frags) == 0 && wordW > width+eps && len(word) == 1 {
			// A word wider than the column (a narrow table cell) breaks
			// where it may be hyphenated before it breaks anywhere.
			pre, post, ok := s.hyphenSplit(word[0], width, false)
			if !ok {
				break
			}
			lines = append(lines, line{frags: []frag{pre}, w: pre.w, hyph: true})
			word, wordW = append(word[:0], post), post.w
		}
		if len(cur.frags) == 0 && wordW > width+eps {
			chunks := s.splitWord(word, width, width)
			for _, c := range chunks[:len(chunks)-1] {
				lines = append(lines, c)
			}
			cur = chunks[len(chunks)-1]
		} else {
			if sp > 0 {
				cur.frags = append(cur.frags, space)
				cur.w += sp
				cur.glue++
			}
			cur.frags = append(cur.frags, word...)
			cur.w += wordW
		}
		word, wordW, hasWord, hasSpace = word[:0], 0, false, false
	}
	for kind, fr := range s.tokens(runs) {
		switch kind {
		case hardBreak:
			flushWord()
			cur.last = true
			lines = append(lines, cur)
			cur, hasSpace = newLine(), false
		case wordSpace:
			flushWord()
			space, hasSpace = fr, true
		case wordPart:
			word = append(word, fr)
			wordW += fr.w
			hasWord = true
		}
	}
	flushWord()
	cur.last = true
	if len(cur.frags) > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// token is what tokens cuts runs into.
type token int

const (
	hardBreak token = iota // a run that breaks the line
	wordSpace              // a space between words, one for a run of spaces
	wordPart               // a word, or the part of one set in one run
)

// tokens cuts runs into what the line breakers set, in order: hard
// breaks, the spaces between words (one for a run of spaces, in the style
// of the run it starts in) and words, a word cut where the run it spans
// changes. Each comes with its frag (none for a hard break): its text
// cleaned, a citation's spaces unbreakable (see glueCitations), and
// measured.
func (s *doc) tokens(runs []run) iter.Seq2[token, frag] {
	return func(yield func(token, frag) bool) {
		for ri := range runs {
			r := &runs[ri]
			src := int32(ri)
			if r.brk {
				if !yield(hardBreak, frag{}) {
					return
				}
				continue
			}
			text := glueCitations(s.clean(r.text))
			for text != "" {
				i := strings.IndexByte(text, ' ')
				if i == 0 {
					n := len(text) - len(strings.TrimLeft(text, " "))
					if !yield(wordSpace, frag{run: r, text: " ", w: s.measure(r.st, " "), space: true, src: src}) {
						return
					}
					text = text[n:]
					continue
				}
				if i < 0 {
					i = len(text)
				}
				wt := strings.ReplaceAll(text[:i], glue, " ")
				if !yield(wordPart, frag{run: r, text: wt, w: s.measure(r.st, wt), src: src}) {
					return
				}
				text = text[i:]
			}
		}
	}
}

// citationRe matches a citation as the briefing prints it: "S1 ¶12 · B2",
// "S4 ¶2–3", "S1 · B2".
var citationRe = regexp.MustCompile(`S\d+(?: ¶\d+(?:[–-]\d+)?)?(?: · [A-F][1-6])?`)

// glue stands in for a space that must not break a line, between the
// layout's reading of a run and its words.
const glue = "\uE000"

// glueCitations makes the spaces inside citations unbreakable: a citation
// is never split between lines.
func glueCitations(text string) string {
	if !strings.Contains(text, "S") || !strings.ContainsAny(text, "¶·") {
		return text
	}
	return citationRe.ReplaceAllStringFunc(text, func(m string) string {
		return strings.ReplaceAll(m, " ", glue)
	})
}

// twoHyphenated reports whether the last two lines both end in a hyphen:
// a third in a row is not allowed.
func twoHyphenated(lines []line) bool {
	n := len(lines)
	return n >= 2 && lines[n-1].hyph && lines[n-2].hyph
}

// loose reports whether ln, justified to width, would stretch its spaces
// to more than about a third of an em: the line is worth hyphenating the
// next word into.
func loose(ln line, width, ems float64) bool {
	return (width-ln.w)/float64(max(ln.glue, 1)) > ems*ln.typeSize()
}

// typeSize is the size of the largest type on ln, in millimetres: what its
// ems are measured in.
func (ln line) typeSize() float64 {
	size := 0.0
	for _, f := range ln.frags {
		size = max(size, f.st.sizeMM())
	}
	return size
}

// looseStretch is the most, in ems of the largest type on a line, that
// justifying widens a space where breaks can keep every line of the
// paragraph within it; a line that needs more is loose.
const looseStretch = 0.6

// maxGap is the widest gap between the words of a justified line, in ems
// of its first word (a badge aside), where breaks that keep every space
// within looseStretch cannot be found. Text extraction (pdftotext, and
// the viewers built on poppler) takes a gap of an em or more for the edge
// of a column and reads the words on either side as separate lines: in
// 9.5 pt text a line of words alone splits from spaces stretched by
// 0.74 em, and a line that starts with an 8 pt citation from 0.59 em.
const maxGap = 0.95

// gapFits reports whether spaces at most space wide (mm), widened by
// extra, leave gaps within maxGap of a line whose first word is set in
// type first mm high: 0.69 em of stretch in a line of text, and none
// beyond looseStretch where a citation starts it.
func gapFits(first, space, extra float64) bool {
	return space+extra <= maxGap*first+eps
}

// Hyphenation limits beyond the patterns' own.
const minHyphenWord = 6 // letters in the shortest word that is hyphenated

// The least letters of a name (a capitalised word) before and after its
// hyphen: a name broken after two letters ("Be-larus") reads badly.
const (
	minNameHead = 4
	minNameTail = 3
)

// hyphenSplit splits the word fr at the last place where it may be
// hyphenated that leaves its first part, with the hyphen, at most room
// wide. A word is hyphenated by the patterns of its script (Cyrillic ones
// by the Russian patterns, Latin ones by those of the dossier's language)
// only if it is in body text, not code or mono, and is lower-case letters:
// no digits, acronyms, URLs or citations, and a capitalised word (a name)
// only with names set, minNameHead letters at least before the hyphen and
// minNameTail after. A compound that has its own hyphen breaks only after
// it.
func (s *doc) hyphenSplit(fr frag, room float64, names bool) (pre, post frag, ok bool) {
	cuts, hyphens, _ := s.hyphenPoints(nil, fr, names)
	for i := len(cuts) - 1; i >= 0; i-- {
		head := fr.text[:cuts[i]] + hyphens
		w := s.measure(fr.st, head)
		if w > room+eps {
			continue
		}
		pre, post = fr, fr
		pre.text, pre.w = head, w
		post.text = fr.text[cuts[i]:]
		post.w = s.measure(fr.st, post.text)
		return pre, post, true
	}
	return
}

// hyphenPoints appends to cuts the places where hyphenSplit may break the
// word fr, in order, as byte offsets in fr.text after which it breaks.
// mark is what the first part then ends with: "-", or nothing for a
// compound, which breaks after its own hyphen. name reports a capitalised
// word.
func (s *doc) hyphenPoints(cuts []int, fr frag, names bool) (_ []int, mark string, name bool) {
	if fr.code || fr.st.mono || fr.check != 0 || fr.url != "" {
		return cuts, "", false
	}
	t := fr.text
	start := strings.IndexFunc(t, unicode.IsLetter)
	if start < 0 {
		return cuts, "", false
	}
	end := strings.LastIndexFunc(t, unicode.IsLetter)
	_, sz := utf8.DecodeRuneInString(t[end:])
	end += sz
	lead, core, trail := t[:start], t[start:end], t[end:]
	if strings.ContainsFunc(lead, notInWord) || strings.ContainsFunc(trail, notInWord) {
		return cuts, "", false
	}
	if strings.Contains(core, "-") {
		n := len(cuts)
		for i, r := range core {
			if r == '-' && i > 0 && i < len(core)-1 {
				cuts = append(cuts, start+i+1)
			} else if r != '-' && !unicode.IsLetter(r) {
				return cuts[:n], "", false
			}
		}
		return cuts, "", false
	}
	first, size := utf8.DecodeRuneInString(core)
	name = unicode.IsUpper(first)
	if (name && !names) || utf8.RuneCountInString(core) < minHyphenWord {
		return cuts, "", false
	}
	for _, r := range core[size:] {
		if !unicode.IsLetter(r) || unicode.IsUpper(r) {
			return cuts, "", false
		}
	}
	if !unicode.IsLetter(first) {
		return cuts, "", false
	}
	var h *hyphen.Hyphenator // none for other scripts (Hebrew, Chinese…)
	switch {
	case unicode.Is(unicode.Latin, first):
		h = s.latinHyph
	case unicode.Is(unicode.Cyrillic, first):
		h = s.cyrillicHyph
	}
	if h == nil {
		return cuts, "", false
	}
	points := h.Points(core)
	if len(points) == 0 {
		return cuts, "", false
	}
	runes := utf8.RuneCountInString(core)
	p, k := 0, 0 // the rune p starts at byte k of core
	for _, pt := range points {
		for p < pt {
			_, sz := utf8.DecodeRuneInString(core[k:])
			k += sz
			p++
		}
		if name && (pt < minNameHead || runes-pt < minNameTail) {
			continue // a name keeps more of itself together: "Bela-rus", not "Be-larus"
		}
		cuts = append(cuts, start+k)
	}
	return cuts, "-", name
}

// notInWord reports whether r may not stand before or after the letters
// of a word that is hyphenated: a letter, a digit, a slash or an at sign
// (a word with digits, a URL, an address).
func notInWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' || r == '@'
}

// hyphenators returns the hyphenation patterns for the dossier's language
// (Latin script) and for Cyrillic text.
func hyphenators(lang string) (latin, cyrillic *hyphen.Hyphenator) {
	if lang == "" {
		lang = "en"
	}
	latin = hyphen.For(lang)
	if strings.HasPrefix(strings.ToLower(lang), "ru") {
		latin = hyphen.For("en")
	}
	return latin, hyphen.For("ru")
}

// splitWord breaks a word that is wider than width into lines, the first
// at most first wide, after one of breakAfter if there is one in the second
// half of a line, otherwise between any two characters.
func (s *doc) splitWord(word []frag, first, width float64) []line {
	type glyph struct {
		f int // index of the frag
		r rune
		w float64
	}
	var gs []glyph
	for i, fr := range word {
		for _, r := range fr.text {
			gs = append(gs, glyph{i, r, s.measure(fr.st, string(r))})
		}
	}
	build := func(part []glyph) line {
		var ln line
		for k, g := range part {
			if k == 0 || part[k-1].f != g.f {
				fr := word[g.f]
				fr.text, fr.w = "", 0
				ln.frags = append(ln.frags, fr)
			}
			last := &ln.frags[len(ln.frags)-1]
			last.text += string(g.r)
			last.w += g.w
			ln.w += g.w
		}
		return ln
	}
	var lines []line
	for lw := first; len(gs) > 0; lw = width {
		w, n, brk := 0.0, 0, -1
		for n < len(gs) && (n == 0 || w+gs[n].w <= lw+eps) {
			w += gs[n].w
			if strings.ContainsRune(breakAfter, gs[n].r) && w > lw/2 {
				brk = n + 1
			}
			n++
		}
		if n < len(gs) && brk > 0 {
			n = brk
		}
		lines = append(lines, build(gs[:n]))
		gs = gs[n:]
	}
	return lines
}

// drawLine draws ln with its top at top, in a column from x0 width wide,
// in lines lh high, and returns the baseline.
func (s *doc) drawLine(ln line, x0, top, width, lh float64, align alignment) float64 {
	maxSize := ln.typeSize()
	baseline := top + lh/2 + 0.34*maxSize
	x, extra := x0, 0.0
	switch align {
	case alignCenter:
		x += (width - ln.w) / 2
	case alignRight:
		x += width - ln.w
	case alignJustify:
		if !ln.last && ln.glue > 0 {
			var ok bool
			if extra, ok = justify(ln, width, maxSize); !ok {
				extra = 0 // too loose (or too tight) to justify: drawn as it is
				if !s.dry {
					s.ragged++
				}
			}
		}
	}
	if s.dry {
		// Only where the names of entities are drawn matters: see
		// drawPiece, and pieces for which spaces are drawn.
		for _, fr := range ln.frags {
			if fr.entity != "" && fr.check == 0 && !(fr.space && extra != 0) {
				s.seen(fr.entity)
			}
		}
		return baseline
	}
	// A link is one annotation per line, over all its words and the
	// spaces between them: an annotation per word would repeat a long
	// address for every word of a long label.
	var span linkSpan
	for _, p := range visualOrder(s.pieces.pieces(ln.frags, extra != 0)) {
		w := p.w
		if p.space {
			if p.code { // a space inside a code span keeps its background
				s.setFill(codeBack)
				size := p.st.sizeMM()
				s.f.Rect(x-0.3, baseline-0.82*size, p.w+extra+0.6, 1.08*size, "F")
			}
			w += extra
		} else {
			s.drawPiece(p, x, top, baseline, lh)
		}
		if p.link != span.link || p.url != span.url {
			s.drawLink(span, top, lh)
			span = linkSpan{link: p.link, url: p.url, x0: x}
		}
		if !p.space { // a link ends at its last word, not at a space
			span.x1 = x + p.w
		}
		x += w
	}
	s.drawLink(span, top, lh)
	return baseline
}

// lineGaps returns the size, in mm, of the first word of ln (a badge
// aside) and the width of its widest space, which maxGap bounds.
func lineGaps(ln line) (first, space float64) {
	for _, fr := range ln.frags {
		switch {
		case fr.space:
			space = max(space, fr.w)
		case first == 0 && fr.badge == "":
			first = fr.st.sizeMM()
		}
	}
	return first, space
}

// justify returns how much drawLine widens each space of ln, a line of a
// justified paragraph but its last, set in type of size at most (in mm),
// to fill width, or narrows it (a negative extra). It reports false when
// the line cannot be justified: its spaces would stretch by more than
// looseStretch ems and leave gaps wider than maxGap (which total fit
// chooses only where no breaks keep within looseStretch), or shrink by
// more than fitShrink of their width.
func justify(ln line, width, size float64) (extra float64, ok bool) {
	extra = (width - ln.w) / float64(ln.glue)
	if extra > looseStretch*size {
		first, space := lineGaps(ln)
		return extra, gapFits(first, space, extra)
	}
	if extra < 0 {
		spaces := 0.0
		for _, fr := range ln.frags {
			if fr.space {
				spaces += fr.w
			}
		}
		if ln.w-width > fitShrink*spaces+eps {
			return 0, false
		}
	}
	return extra, true
}

// pieceBuf holds what pieces makes, for the next line to reuse: a line's
// pieces are drawn and let go before the next line is drawn.
type pieceBuf struct {
	out   []frag
	first []int // the first frag of each piece
}

// pieces merges neighbouring frags set alike, so that a line is drawn with
// few text operations. Spaces are merged in too unless they are stretched
// or shrunk. The pieces it returns are b's, valid until its next call.
func (b *pieceBuf) pieces(frags []frag, keepSpaces bool) []frag {
	out, first := b.out[:0], b.first[:0]
	for i, fr := range frags {
		if fr.space && keepSpaces {
			out = append(out, fr)
			first = append(first, i)
			continue
		}
		if n := len(out); n > 0 && !out[n-1].space && sameLook(out[n-1].run, fr.run) {
			out[n-1].w += fr.w
			continue
		}
		fr.space = false
		out = append(out, fr)
		first = append(first, i)
	}
	// A piece's text is its frags' texts, joined once.
	for k := range out {
		end := len(frags)
		if k+1 < len(out) {
			end = first[k+1]
		}
		if end-first[k] < 2 {
			continue
		}
		n := 0
		for _, fr := range frags[first[k]:end] {
			n += len(fr.text)
		}
		var text strings.Builder
		text.Grow(n)
		for _, fr := range frags[first[k]:end] {
			text.WriteString(fr.text)
		}
		out[k].text = text.String()
	}
	b.out, b.first = out, first
	return out
}

// sameLook reports whether two runs are drawn alike.
func sameLook(a, b *run) bool {
	if a == b {
		return true
	}
	return a.st == b.st && a.link == b.link && a.url == b.url && a.code == b.code && a.entity == b.entity && a.badge == b.badge
}

// drawPiece draws one piece of a line at x.
func (s *doc) drawPiece(p frag, x, top, baseline, lh float64) {
	size := p.st.sizeMM()
	if p.code {
		s.setFill(codeBack)
		s.f.Rect(x-0.3, baseline-0.82*size, p.w+0.6, 1.08*size, "F")
	}
	if p.check != 0 {
		b := size * boxSize
		bx, by := x, baseline-b
		s.setDraw(p.st.color)
		s.f.SetLineWidth(0.25)
		s.f.Rect(bx, by, b, b, "D")
		if p.check == 2 {
			s.f.SetLineWidth(0.35)
			s.f.Line(bx+0.2*b, by+0.55*b, bx+0.42*b, by+0.8*b)
			s.f.Line(bx+0.42*b, by+0.8*b, bx+0.85*b, by+0.2*b)
		}
		return
	}
	if p.entity != "" {
		s.seen(p.entity)
	}
	if p.badge != "" {
		s.drawBadge(p, x, baseline)
	}
	if strings.TrimSpace(p.text) != "" || p.code {
		s.show(p.st, x, baseline-p.st.rise*ptToMM, p.text)
	}
	if p.st.strike {
		s.setDraw(p.st.color)
		s.f.SetLineWidth(0.06 * size)
		y := baseline - 0.3*size
		s.f.Line(x, y, x+p.w, y)
	}
}

// linkSpan is the part of a line, from x0 to x1, that links to an
// internal destination (link) or an address (url).
type linkSpan struct {
	link   dest
	url    string
	x0, x1 float64
}

// drawLink adds the annotation of sp, if it links anywhere and has width.
func (s *doc) drawLink(sp linkSpan, top, lh float64) {
	switch {
	case sp.x1 <= sp.x0:
	case sp.link != nil:
		s.f.LinkToDest(sp.x0, top, sp.x1-sp.x0, lh, sp.link)
	case sp.url != "":
		s.f.LinkString(sp.x0, top, sp.x1-sp.x0, lh, sp.url)
	}
}

// flow sets runs as a paragraph in the current column, breaking pages
// between lines. It never leaves a paragraph's first line alone at the
// bottom of a page, nor (for paragraphs of four lines or more) its last line
// alone at the top of the next.
func (s *doc) flow(runs []run, lh float64, align alignment) {
	width := s.right - s.left
	s.hyphenate = align == alignJustify
	lines := s.layout(runs, width)
	s.hyphenate = false
	var rebreak func(j int) (int, bool)
	if align == alignJustify {
		// A page or column that would end in a hyphenated word, with no
		// line to spare overleaf: the paragraph is broken again with no
		// hyphen there, if that leaves no more lines ragged.
		rebreak = func(j int) (int, bool) {
			s.hyphenate, s.unhyphen = true, j+1
			again := s.breakLines(runs, width)
			s.hyphenate, s.unhyphen = false, 0
			if j >= len(again)-1 || again[j].hyph || raggedCount(again, width) > raggedCount(lines, width) {
				return 0, false
			}
			lines = again
			return len(lines), true
		}
	}
	s.placeLines(len(lines), lh, func(i int) bool { return lines[i].hyph }, rebreak, func(i int, top float64) float64 {
		return s.drawLine(lines[i], s.left, top, width, lh, align)
	})
	if align == alignJustify && !s.dry {
		s.noteRagged(runs, lines, width)
	}
}

// raggedCount returns how many of lines, broken to width, drawLine draws
// ragged (see justify).
func raggedCount(lines []line, width float64) int {
	n := 0
	for _, ln := range lines {
		if ln.last || ln.glue == 0 {
			continue
		}
		if _, ok := justify(ln, width, ln.typeSize()); !ok {
			n++
		}
	}
	return n
}

// placeLines places n lines lh high, drawing each with draw, with the page
// breaks that flow describes. hyphenated, if not nil, tells which lines
// end in a hyphen: a page or column does not end in one when a line
// more on the next keeps two lines on each side. Where it cannot (the
// paragraph's first two lines at the foot), rebreak, if not nil, is asked
// to break the lines again so that line j does not end in a hyphen, and
// returns how many there are then; it reports false if it cannot.
func (s *doc) placeLines(n int, lh float64, hyphenated func(i int) bool, rebreak func(j int) (int, bool), draw func(i int, top float64) float64) {
	switch {
	case n == 1: // a line under a heading, such as a subtitle: keep what follows too
		s.keepWith(lh + keepLines)
	case n <= 3:
		s.keepWith(float64(n) * lh)
	default:
		s.keepWith(2 * lh)
	}
	tail := s.tail
	s.tail = 0
	for i := 0; i < n; {
		rest := n - i
		k := min(int((s.room()+eps)/lh), rest)
		if k == rest && tail > 0 && s.room()-float64(k)*lh < tail-eps && n > 1 {
			// The lines fit, what follows them not: their last two go
			// with it, or all of them when that would leave one behind.
			k = rest - 2
			if k < 2 && i == 0 {
				k = 0
			} else if k < 2 {
				k = rest // a page's worth already drawn above: leave it
			}
		}
		if k < rest { // the page breaks inside: two lines at least on each side
			if rest-k == 1 {
				k--
			}
			if k > 2 && hyphenated != nil && hyphenated(i+k-1) {
				k-- // "investiga-" at the foot, "tions" overleaf
			}
			if k < 2 || (i == 0 && n <= 3) {
				k = 0
			}
			if k >= 2 && i == 0 && rebreak != nil && hyphenated(k-1) {
				// "investiga-" at the foot, "tions" overleaf, and no line
				// to spare: the paragraph broken again, once.
				m, ok := rebreak(k - 1)
				rebreak = nil
				if ok {
					n = m
					continue
				}
			}
		}
		if k == 0 {
			if !s.atTop {
				s.breakPage()
				continue
			}
			k = max(1, min(rest, int((s.room()+eps)/lh))) // a page too short for two lines
		}
		for j := i; j < i+k; j++ {
			s.beginLine(s.y)
			base := draw(j, s.y)
			s.drawMarkers(base)
			s.advance(lh)
		}
		i += k
		if i < n {
			s.breakPage()
		}
	}
}

// textWidth returns the width of runs set on one line, and the width of
// their widest word: the most and the least a table column needs.
func (s *doc) textWidth(runs []run) (natural, widest float64) {
	lineW, wordW := 0.0, 0.0
	for _, r := range runs {
		if r.brk {
			natural = max(natural, lineW)
			widest = max(widest, wordW)
			lineW, wordW = 0, 0
			continue
		}
		for _, c := range s.clean(r.text) {
			w := s.measure(r.st, string(c))
			lineW += w
			if c == ' ' {
				widest = max(widest, wordW)
				wordW = 0
				continue
			}
			wordW += w
		}
	}
	return max(natural, lineW), max(widest, wordW)
}

// raggedPara is a justified paragraph with a line drawn ragged: its runs
// and the width they were broken to.
type raggedPara struct {
	runs  []run
	width float64
}

// noteRagged records, for tests, the paragraph of runs broken into lines
// at width when drawLine will draw one of its lines but the last ragged.
func (s *doc) noteRagged(runs []run, lines []line, width float64) {
	if raggedCount(lines, width) > 0 {
		s.raggedParas = append(s.raggedParas, raggedPara{runs, width})
	}
}
