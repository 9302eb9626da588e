package pdf

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ptToMM converts a size in points to millimetres, the document's unit.
const ptToMM = 25.4 / 72

// rgb is a colour.
type rgb struct{ r, g, b uint8 }

// The palette.
var (
	ink       = rgb{0x1c, 0x1c, 0x1c} // body text
	muted     = rgb{0x5f, 0x63, 0x68} // secondary text: labels, paragraph numbers
	faint     = rgb{0x8a, 0x8f, 0x96} // running header and footer
	linkInk   = rgb{0x1a, 0x4f, 0x9c} // links
	ruleInk   = rgb{0xc4, 0xc8, 0xcd} // thin rules
	darkRule  = rgb{0x40, 0x44, 0x48} // table top and bottom rules
	codeBack  = rgb{0xf4, 0xf5, 0xf7} // code blocks and code spans
	headBack  = rgb{0xe6, 0xe9, 0xed} // table header rows
	quoteBar  = rgb{0xc9, 0xcf, 0xd6} // block quote bars
	accent    = rgb{0x22, 0x3a, 0x5e} // chapter titles
	white     = rgb{0xff, 0xff, 0xff}
	pureBlack = rgb{0x00, 0x00, 0x00}
)

// textStyle is how a piece of text is set.
type textStyle struct {
	mono, bold, italic bool
	size               float64 // in points
	color              rgb
	rise               float64 // raise above the baseline, in points (superscripts)
	strike             bool
}

// family is the fpdf font family of the style.
func (st textStyle) family() string {
	if st.mono {
		return fontMono
	}
	return fontSans
}

// fontStyle is the fpdf style string: "", "B", "I" or "BI".
func (st textStyle) fontStyle() string {
	switch {
	case st.bold && st.italic:
		return "BI"
	case st.bold:
		return "B"
	case st.italic:
		return "I"
	}
	return ""
}

// fontKey names the face of the style as fonts.Face.Key does: its family
// and style. It is looked up in fontKeys, made once, so that naming a face
// (measure does, for every piece of text) makes no string.
func (st textStyle) fontKey() string {
	return fontKeys[b2i(st.mono)][b2i(st.bold)][b2i(st.italic)]
}

// fontKeys holds fontKey's answers, by whether the style is mono, bold
// and italic.
var fontKeys = func() (keys [2][2][2]string) {
	for _, mono := range []bool{false, true} {
		for _, bold := range []bool{false, true} {
			for _, italic := range []bool{false, true} {
				st := textStyle{mono: mono, bold: bold, italic: italic}
				keys[b2i(mono)][b2i(bold)][b2i(italic)] = st.family() + st.fontStyle()
			}
		}
	}
	return keys
}()

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sizeMM is the font size in millimetres.
func (st textStyle) sizeMM() float64 { return st.size * ptToMM }

// run is a piece of inline content in one style: the unit the markdown
// walker and the chapter writers hand to the line breaker.
type run struct {
	text   string
	st     textStyle
	link   dest   // internal link, nil for none
	url    string // external link, "" for none
	code   bool   // set on a light background (code spans)
	brk    bool   // a hard line break; text is ignored
	check  int    // drawn as a task-list box instead of text: 1 open, 2 ticked (markers only)
	entity string // id of the entity this text names, recorded for the index where it is drawn
	badge  badge  // drawn as a badge of this kind (see drawBadge); "" for plain text
}

// frag is a run cut at spaces: a word, part of a word, or a space. It
// points to the run it was cut from, which it shares with the other frags
// of that run, and has its own text.
type frag struct {
	*run
	text  string
	w     float64
	space bool
	src   int32 // which of the runs laid out it was cut from (see lineEntry)
}

// line is one laid-out line.
type line struct {
	frags []frag
	w     float64 // natural width
	glue  int     // number of spaces, for justification
	last  bool    // last line of a paragraph or before a hard break: never justified
	hyph  bool    // ends in a hyphen the line breaker added
}

// alignment is how lines sit between the margins.
type alignment int

const (
	alignLeft alignment = iota
	alignCenter
	alignRight
	alignJustify
)

// substitutes stand in for characters the Go fonts lack but web pages
// often carry: hyphens that are not U+002D, thin and zero-width spaces.
var substitutes = map[rune]string{
	'\u2010': "-", '\u2011': "-", '\u2012': "–",
	'\u2007': " ", '\u2008': " ", '\u2009': " ", '\u200a': " ", '\u202f': "\u00a0", '\u205f': " ",
	'\u200b': "", '\u200c': "", '\u200d': "", '\u2060': "", '\ufeff': "",
}

// clean makes text safe for fpdf and the fonts: tabs and line breaks
// become spaces, control characters go, a few characters the fonts lack
// are replaced (see substitutes), and characters beyond the Basic
// Multilingual Plane (which fpdf cannot encode) become U+FFFD. Text with
// combining marks is composed (NFC) first: fpdf cannot place a mark on
// its letter, but the fonts have most letters with their marks composed.
func clean(s string) string {
	for _, r := range s {
		if r >= 0x300 && unicode.Is(unicode.Mn, r) {
			s = norm.NFC.String(s)
			break
		}
	}
	ok := true
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r < 0xa0) || r > 0xffff || r == utf8.RuneError || hasSubstitute(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if sub, ok := substitutes[r]; ok {
			b.WriteString(sub)
			continue
		}
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			// drop C0 and C1 controls
		case r > 0xffff || r == utf8.RuneError:
			b.WriteRune('\ufffd')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hasSubstitute reports whether clean replaces r. Every substitute lies
// between U+2007 and U+2060, or is U+FEFF: most text is checked without a
// lookup.
func hasSubstitute(r rune) bool {
	if r < '\u2007' || (r > '\u2060' && r != '\ufeff') {
		return false
	}
	_, ok := substitutes[r]
	return ok
}

// expandTabs replaces each tab with spaces up to the next multiple of
// width, counting columns from col; it returns the new text and column.
// fpdf drops tab characters, so code must never reach it with one.
func expandTabs(s string, col, width int) (string, int) {
	if !strings.ContainsRune(s, '\t') {
		return s, col + utf8.RuneCountInString(s)
	}
	var b strings.Builder
	for _, r := range s {
		if r == '\t' {
			n := width - col%width
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String(), col
}

// unescapeMarkdown resolves backslash escapes and entity references in the
// text of a goldmark Text node, as goldmark's HTML writer does.
func unescapeMarkdown(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			b.WriteByte(s[i+1])
			i++
			continue
		}
		if c == '&' {
			if end := strings.IndexByte(s[i:], ';'); end > 1 && end < 40 {
				ent := s[i : i+end+1]
				if u := html.UnescapeString(ent); u != ent {
					b.WriteString(u)
					i += end
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c < 0x80 && unicode.IsPunct(rune(c)) || strings.IndexByte("$+<=>^`|~", c) >= 0
}

// breakAfter lists the characters after which a word too long for a line
// (a URL, a digest) is preferably broken.
const breakAfter = "/-_.?&=#,;:"

// plainOf returns the text of runs, as a bookmark or a table of contents
// entry shows it.
func plainOf(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		if r.brk {
			b.WriteByte(' ')
			continue
		}
		b.WriteString(r.text)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// shorten cuts s to at most n characters, ending it with an ellipsis when
// it was cut.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := strings.TrimRight(string(r[:n-1]), " ")
	return cut + "…"
}

// typo sets text the build writes (analyst prose, wording, labels) as a
// typesetter would: straight double and single quotes become curly ones,
// opening after a space or an opening bracket and closing elsewhere (an
// apostrophe is a closing single quote), and a hyphen standing alone
// between spaces becomes an en dash. Verbatim source text and code never
// pass through it.
func typo(s string) string {
	if !strings.ContainsAny(s, `"'`) && !strings.Contains(s, " - ") {
		return s
	}
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		opening := i == 0 || unicode.IsSpace(rs[i-1]) || strings.ContainsRune("([{‘“—–/", rs[i-1])
		switch {
		case r == '"' && opening:
			b.WriteRune('“')
		case r == '"':
			b.WriteRune('”')
		case r == '\'' && opening:
			b.WriteRune('‘')
		case r == '\'':
			b.WriteRune('’')
		case r == '-' && i > 0 && i+1 < len(rs) && rs[i-1] == ' ' && rs[i+1] == ' ':
			b.WriteRune('–')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unbroken returns s with its spaces unbreakable, so that a short label
// ("S1 ¶12") is never parted at the end of a line.
func unbroken(s string) string { return strings.ReplaceAll(s, " ", "\u00a0") }
