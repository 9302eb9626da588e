package source

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PDFText writes to w the text of a PDF, read from r as the XHTML that
// pdftotext -bbox-layout -enc UTF-8 writes of it (pages of flows of
// blocks of lines of words, each with its box): each line as pdftotext's
// default mode writes it, its words apart by a space (none where their
// boxes touch, as where a word's bold part meets its plain one), a blank
// line after each block, and a form feed at each page's end. As in
// pdftotext's default mode, a line whose last word ends in a hyphen (or a
// soft one) before another line of its flow loses it and is joined to that
// line, across the end of a block too. Unlike it, which sets no blank line
// between the blocks of a flow, it keeps apart what the PDF sets apart: a
// title from its byline, a heading from its paragraph, and each of a
// list's one-line paragraphs. A line in a right-to-left script is written
// in the order the layout gives its words, which pdftotext's default mode
// reorders.
//
// It returns how many control characters (but tab) it wrote as U+FFFD:
// pdftotext gives one for a glyph whose font does not say what it is, and
// a source may hold none; a byte that is not UTF-8 is written as U+FFFD
// too. An error w returns is returned as it is.
func PDFText(w io.Writer, r io.Reader) (replaced int, err error) {
	br := bufio.NewReader(r)
	// The XHTML's head holds the document's metadata (its title, its
	// author), no part of its text, whose control characters are not the
	// text's to count: skip to the pages. pdftotext writes "<doc>" on a
	// line of its own, and escapes a "<" in the metadata.
	for {
		line, err := br.ReadSlice('\n')
		if string(line) == "<doc>\n" {
			break
		}
		if errors.Is(err, io.EOF) {
			return 0, errors.New("no <doc> in the layout pdftotext gave")
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return 0, err
		}
	}
	text := &xmlText{r: br}
	d := xml.NewDecoder(io.MultiReader(strings.NewReader("<doc>"), text))
	p := &pdfWriter{w: w}
	for p.err == nil {
		tok, err := d.Token()
		if err != nil {
			return text.replaced, fmt.Errorf("reading the layout pdftotext gave: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "line":
				p.line(attrBox(t.Attr))
			case "word":
				var s string
				if err := d.DecodeElement(&s, &t); err != nil {
					return text.replaced, fmt.Errorf("reading the layout pdftotext gave: %w", err)
				}
				// A character reference (&#10;) may give what
				// xmlText replaced.
				s = strings.Map(func(r rune) rune {
					if r != '\t' && unicode.IsControl(r) {
						text.replaced++
						return utf8.RuneError
					}
					return r
				}, s)
				p.word(s, attrBox(t.Attr))
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "line":
				p.endLine()
			case "block":
				p.endBlock()
			case "flow":
				p.endFlow()
			case "page":
				p.endPage()
			case "doc":
				return text.replaced, p.err
			}
		}
	}
	return text.replaced, p.err
}

// A box is where a line or a word stands on its page, in points from the
// page's top left corner.
type box struct{ xMin, yMin, xMax, yMax float64 }

// attrBox is the box the attributes of a <line> or a <word> give; a
// coordinate missing or not a number is 0.
func attrBox(attrs []xml.Attr) box {
	var b box
	for _, a := range attrs {
		f, err := strconv.ParseFloat(a.Value, 64)
		if err != nil {
			continue
		}
		switch a.Name.Local {
		case "xMin":
			b.xMin = f
		case "yMin":
			b.yMin = f
		case "xMax":
			b.xMax = f
		case "yMax":
			b.yMax = f
		}
	}
	return b
}

// Between two words of a line, pdftotext's default mode writes a space
// where the gap is 0.03 of the font size or more, which is touchGap of
// the first word's height (some 1.1 to 1.3 times the font size); the
// words it keeps apart with less between them differ in font, as a word's
// bold start and its plain end do. In a line of one-letter words (a
// heading with its letters spaced out, a leader's dots), a space is a gap
// wideGap times the narrowest or wider, or wideMax of the height (about
// 0.4 of the font size) or wider.
const (
	touchGap = 0.025
	wideGap  = 1.3
	wideMax  = 0.3
)

// pdfWriter writes the text of a PDF from its layout, a line at a time.
// A finished line is held until what follows it is known: the next line
// of its flow, onto which a hyphen at its end joins it, or the flow's end.
type pdfWriter struct {
	w   io.Writer
	err error // the first error w returned; nothing is written after it

	lineBox box       // the box of the line being read
	words   []pdfWord // its words so far

	held    string // the line read before it, not yet written
	holding bool   // whether held is one
	gap     bool   // whether a block ended after held
}

// A pdfWord is a word of a line and its box.
type pdfWord struct {
	text string
	box  box
}

// write writes s, unless w failed before.
func (p *pdfWriter) write(s string) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, s)
	}
}

// line starts a line in box b.
func (p *pdfWriter) line(b box) {
	p.lineBox = b
	p.words = p.words[:0]
}

// word adds a word in box b to the line.
func (p *pdfWriter) word(s string, b box) { p.words = append(p.words, pdfWord{s, b}) }

// lineText is the text of the line: its words, with a space between two
// of them unless their boxes stand closer than a space would set them
// (see touchGap); words without boxes are all a space apart.
func (p *pdfWriter) lineText() string {
	height := 0.0 // of its first word, across the line
	if len(p.words) > 0 {
		b := p.words[0].box
		height = b.yMax - b.yMin
		if l := p.lineBox; l.yMax-l.yMin > l.xMax-l.xMin {
			height = b.xMax - b.xMin // the line runs down or up
		}
	}
	space := touchGap * height
	narrowest, letters := math.Inf(1), len(p.words) > 1
	for i, w := range p.words {
		letters = letters && utf8.RuneCountInString(w.text) == 1
		if i > 0 {
			narrowest = min(narrowest, gap(p.words[i-1].box, w.box))
		}
	}
	if letters && narrowest > 0 {
		space = min(wideGap*narrowest, wideMax*height)
	}
	var b strings.Builder
	for i, w := range p.words {
		if i > 0 && gap(p.words[i-1].box, w.box) >= space {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// gap is the gap between the boxes a and b of two words of a line,
// whichever way the line runs; less than 0 where they overlap.
func gap(a, b box) float64 {
	return max(b.xMin-a.xMax, a.xMin-b.xMax, b.yMin-a.yMax, a.yMin-b.yMax)
}

// endLine ends the line: the one held before it is followed by it, in
// the same flow, and is written; it is held in turn.
func (p *pdfWriter) endLine() {
	p.flush(true)
	p.held, p.holding, p.gap = p.lineText(), true, false
}

// endBlock ends a block: a blank line follows its last line, unless a
// hyphen joins that line to the next.
func (p *pdfWriter) endBlock() { p.gap = true }

// endFlow ends a flow: its last line is followed by no other of its flow.
func (p *pdfWriter) endFlow() { p.flush(false) }

// endPage ends a page with a form feed.
func (p *pdfWriter) endPage() {
	p.flush(false)
	p.write("\f")
}

// flush writes the held line, if any: without its end and the hyphen
// before it when a hyphen ends its last word and more follows in its flow
// (more), else with its end and, after a block's last line, a blank line.
// A hyphen that stands alone, a dash, is kept, which pdftotext does not.
func (p *pdfWriter) flush(more bool) {
	if !p.holding {
		return
	}
	p.holding = false
	if r, size := utf8.DecodeLastRuneInString(p.held); more && (r == '-' || r == '\u00AD') && !strings.HasSuffix(p.held[:len(p.held)-size], " ") {
		p.write(p.held[:len(p.held)-size])
		return
	}
	p.write(p.held + "\n")
	if p.gap {
		p.write("\n")
	}
}

// xmlText reads r with each control character but tab and line feed,
// and each byte that is not UTF-8, written as U+FFFD, which XML allows
// where it does not allow them; replaced counts the control characters.
type xmlText struct {
	r        io.Reader
	replaced int
	in       []byte // read from r and not yet passed on: a rune cut short
	out      []byte // to be passed on
	err      error  // the error r returned
}

func (x *xmlText) Read(p []byte) (int, error) {
	for len(x.out) == 0 {
		if x.err != nil {
			return 0, x.err
		}
		buf := make([]byte, len(x.in)+4096)
		copy(buf, x.in)
		n, err := x.r.Read(buf[len(x.in):])
		buf, x.err = buf[:len(x.in)+n], err
		// Keep a rune the read cut short for the next, unless none comes.
		end := len(buf)
		if err == nil {
			for i := max(0, end-utf8.UTFMax+1); i < end; i++ {
				if !utf8.FullRune(buf[i:]) {
					end = i
					break
				}
			}
		}
		x.out = x.out[:0]
		for s := buf[:end]; len(s) > 0; {
			r, size := utf8.DecodeRune(s)
			if r != '\t' && r != '\n' && unicode.IsControl(r) {
				r = utf8.RuneError
				x.replaced++
			}
			x.out = utf8.AppendRune(x.out, r)
			s = s[size:]
		}
		x.in = buf[end:]
	}
	n := copy(p, x.out)
	x.out = x.out[n:]
	return n, nil
}
