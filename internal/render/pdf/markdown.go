package pdf

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// note is what the Markdown walker knows about the note it is drawing.
type note struct {
	*model.Note
	title     *ast.Heading // the heading used as chapter title; not drawn again
	footnotes map[int]dest // internal link of each footnote, by index
	pictures  bool         // images the note loaded are drawn as blocks after the paragraph, not as text
}

// noteAnchors records the heading ids of every note, so that links to
// them are made only when the heading exists.
func (s *doc) noteAnchors() {
	for _, n := range s.d.Notes {
		if n.Doc == nil {
			continue
		}
		_ = ast.Walk(n.Doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := c.(*ast.Heading); ok && entering {
				if id, ok := h.AttributeString("id"); ok {
					if b, ok := id.([]byte); ok {
						s.anchorSet[n.ID+"#"+string(b)] = true
					}
				}
			}
			return ast.WalkContinue, nil
		})
	}
}

// headingAnchor returns the internal link to heading h of note n, or nil.
func (s *doc) headingAnchor(n *model.Note, h *ast.Heading) dest {
	id, ok := h.AttributeString("id")
	if !ok {
		return nil
	}
	b, ok := id.([]byte)
	if !ok {
		return nil
	}
	return s.anchorLink(n.ID + "#" + string(b))
}

// noteChapter draws an analyst note as a chapter. Its first level-1
// heading is the chapter title; without one the note's title or id is.
func (s *doc) noteChapter(n *model.Note) error {
	c := &note{Note: n, footnotes: make(map[int]dest)}
	if n.Doc == nil {
		return fmt.Errorf("note %s has not been parsed", n.ID)
	}
	for ch := n.Doc.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if h, ok := ch.(*ast.Heading); ok && h.Level == 1 {
			c.title = h
			break
		}
	}
	title := n.Title
	var links []dest
	if c.title != nil {
		title = plainOf(s.inlines(c.title, headingStyle(0), c))
		if l := s.headingAnchor(n, c.title); l != nil {
			links = append(links, l)
		}
	}
	if title == "" {
		title = n.ID
	}
	s.chapterStart(title, links...)
	return s.blocks(n.Doc, c)
}

// base is the style of running text where the pen is: muted in a quote.
func (s *doc) base() textStyle {
	st := body
	if len(s.quoteBars) > 0 {
		st.color = muted
	}
	return st
}

// blocks draws the block children of parent.
func (s *doc) blocks(parent ast.Node, c *note) error {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if err := s.block(n, c); err != nil {
			return err
		}
	}
	return nil
}

// block draws one block node.
func (s *doc) block(n ast.Node, c *note) error {
	src := c.Source
	switch n := n.(type) {
	case *ast.Heading:
		if n == c.title {
			return nil
		}
		level := min(max(n.Level-1, 1), 3)
		var links []dest
		if l := s.headingAnchor(c.Note, n); l != nil {
			links = append(links, l)
		}
		s.heading(level, s.inlines(n, headingStyle(level), c), s.keepHeight(n.NextSibling(), c), links...)
	case *ast.Paragraph:
		c.pictures = true
		runs := s.inlines(n, s.base(), c)
		c.pictures = false
		if strings.TrimSpace(plainOf(runs)) != "" {
			if h := s.introHeight(runs, n.NextSibling(), c); h > 0 {
				s.ensure(h)
			}
			s.paragraph(runs)
		}
		return s.drawPictures(n, c)
	case *ast.TextBlock:
		c.pictures = true
		runs := s.inlines(n, s.base(), c)
		c.pictures = false
		if strings.TrimSpace(plainOf(runs)) != "" {
			s.space(paraGap)
			s.flow(runs, bodyLH, alignJustify)
		}
		return s.drawPictures(n, c)
	case *ast.List:
		return s.list(n, c)
	case *ast.Blockquote:
		s.space(paraGap)
		s.keepWith(0) // a heading waiting for the quote is set outside it
		s.quoteBars = append(s.quoteBars, s.left+1.2)
		s.left += 6
		s.noGap = true
		err := s.blocks(n, c)
		s.left -= 6 // by difference, not saved and restored: a column break moves the column
		s.quoteBars = s.quoteBars[:len(s.quoteBars)-1]
		s.after = 3.5
		return err
	case *markdown.Background:
		return s.background(n, c)
	case *ast.ThematicBreak:
		s.rule()
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return s.codeBlock(markdown.CodeLanguage(n, src), markdown.CodeText(n, src))
	case *ast.HTMLBlock:
		// Raw HTML has no meaning on paper; the HTML pages show it.
	case *east.Table:
		s.mdTable(n, c)
	case *east.FootnoteList:
		return s.footnotes(n, c)
	default:
		return s.blocks(n, c)
	}
	return nil
}

// drawPictures draws the images of the paragraph n, each as a block.
func (s *doc) drawPictures(n ast.Node, c *note) error {
	imgs, alts := s.pictures(n, c)
	for i, img := range imgs {
		if err := s.picture(img, alts[i]); err != nil {
			return err
		}
	}
	return nil
}

// background draws a background passage like a quote, a rule at its
// left and the text in grey, its first paragraph opened by the background
// badge (see evidence.go).
func (s *doc) background(n *markdown.Background, c *note) error {
	s.space(paraGap)
	s.keepWith(0) // a heading waiting for the passage is set outside it
	s.quoteBars = append(s.quoteBars, s.left+1.2)
	s.left += 6
	s.noGap = true
	if n.FirstChild() == nil || n.FirstChild().Kind() != ast.KindParagraph {
		s.paragraph([]run{badgeRun(backgroundBadge, string(backgroundBadge))})
	}
	var err error
	for ch := n.FirstChild(); ch != nil && err == nil; ch = ch.NextSibling() {
		if p, ok := ch.(*ast.Paragraph); ok && ch == n.FirstChild() {
			runs := append([]run{badgeRun(backgroundBadge, string(backgroundBadge)), {text: " ", st: s.base()}}, s.inlines(p, s.base(), c)...)
			s.paragraph(runs)
			continue
		}
		err = s.block(ch, c)
	}
	s.left -= 6
	s.quoteBars = s.quoteBars[:len(s.quoteBars)-1]
	s.after = 3.5
	return err
}

// introHeight is the height of a short paragraph that introduces what
// follows (it ends with a colon) together with the start of what follows,
// which it is kept with; 0 when runs are no such paragraph.
func (s *doc) introHeight(runs []run, next ast.Node, c *note) float64 {
	if len(runs) == 0 || !strings.HasSuffix(strings.TrimSpace(runs[len(runs)-1].text), ":") {
		return 0
	}
	h := s.startHeight(next, c)
	if h == 0 {
		return 0
	}
	lines := len(s.layout(runs, s.right-s.left))
	if lines > 4 {
		return 0
	}
	return paraGap + float64(lines)*bodyLH + h
}

// keepHeight is the height of the start of n, which the heading before it
// is kept with.
func (s *doc) keepHeight(n ast.Node, c *note) float64 {
	if p, ok := n.(*ast.Paragraph); ok {
		runs := s.inlines(p, s.base(), c)
		if h := s.introHeight(runs, p.NextSibling(), c); h > 0 {
			return h
		}
		return paraGap + float64(min(len(s.layout(runs, s.right-s.left)), 2))*bodyLH
	}
	if h, ok := n.(*ast.Heading); ok {
		level := min(max(h.Level-1, 1), 3)
		return s.headingHeight(level, s.inlines(h, headingStyle(level), c)) + s.keepHeight(h.NextSibling(), c)
	}
	if h := s.startHeight(n, c); h > 0 {
		return h
	}
	return keepLines
}

// startHeight is the least height of n that must stay with the paragraph
// that introduces it: a short code block whole, the first rows of a table,
// the first item of a list. It is 0 for anything else.
func (s *doc) startHeight(n ast.Node, c *note) float64 {
	switch n := n.(type) {
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		code := strings.TrimRight(markdown.CodeText(n, c.Source), "\n")
		return 3 + float64(min(strings.Count(code, "\n")+1, shortCode))*codeLH + 2*codePad
	case *east.Table:
		return 3.5 + 3*(tableSize*ptToMM*1.4+2*cellPadY)
	case *ast.List:
		return paraGap + 2*bodyLH
	}
	return 0
}

// bullets are the list bullets by depth.
var bullets = []string{"•", "–", "◦"}

// list draws a bullet or ordered list, nested lists indented below their
// item. A task-list item shows its box instead of a bullet.
func (s *doc) list(l *ast.List, c *note) error {
	depth := 0
	for p := l.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*ast.List); ok {
			depth++
		}
	}
	st := s.base()
	indent := 5.5
	num := l.Start
	if l.IsOrdered() {
		last := fmt.Sprintf("%d%c", num+l.ChildCount()-1, l.Marker)
		indent = max(indent, s.measure(st, last)+2.2)
	}
	gap := 1.2
	if !l.IsTight {
		gap = paraGap
	}
	if depth > 0 {
		s.space(gap) // a nested list sits as close to its item as the items to each other
	} else {
		s.space(paraGap)
	}
	s.noGap = true
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		s.space(gap)
		label := bullets[depth%len(bullets)]
		if l.IsOrdered() {
			label = fmt.Sprintf("%d%c", num, l.Marker)
			num++
		}
		mst := st
		if !l.IsOrdered() {
			mst.color = muted
		}
		m := marker{text: label, st: mst, right: s.left + indent - 2, check: taskBox(item)}
		if m.check != 0 {
			m.st = st
			m.right = s.left + indent - 1.4
		}
		s.markers = append(s.markers, m)
		s.left += indent
		s.noGap = true
		err := s.blocks(item, c)
		s.left -= indent
		if err != nil {
			return err
		}
		s.after = gap
	}
	s.after = paraGap
	return nil
}

// taskBox returns the box a task-list item starts with: 0 for none, 1 for
// an open one, 2 for a ticked one. The box is drawn where the bullet would be.
func taskBox(item ast.Node) int {
	if b := item.FirstChild(); b != nil {
		if box, ok := b.FirstChild().(*east.TaskCheckBox); ok {
			if box.IsChecked {
				return 2
			}
			return 1
		}
	}
	return 0
}

// mdTable draws a GFM table.
func (s *doc) mdTable(n *east.Table, c *note) {
	var t table
	st := textStyle{size: tableSize, color: ink}
	row := func(r ast.Node, st textStyle) []cell {
		var cells []cell
		for k := r.FirstChild(); k != nil; k = k.NextSibling() {
			tc, ok := k.(*east.TableCell)
			if !ok {
				continue
			}
			a := alignLeft
			switch tc.Alignment {
			case east.AlignCenter:
				a = alignCenter
			case east.AlignRight:
				a = alignRight
			}
			cells = append(cells, cell{runs: s.inlines(tc, st, c), align: a})
		}
		return cells
	}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		switch r.(type) {
		case *east.TableHeader:
			hst := st
			hst.bold = true
			t.head = row(r, hst)
		case *east.TableRow:
			t.rows = append(t.rows, row(r, st))
		}
	}
	s.drawTable(t)
}

// footnotes draws the notes of a note at its end, under a short rule.
func (s *doc) footnotes(n *east.FootnoteList, c *note) error {
	s.space(6)
	s.ensure(bodyLH * 2)
	s.beginLine(s.y)
	s.setDraw(ruleInk)
	s.f.SetLineWidth(0.3)
	s.f.Line(s.left, s.y, s.left+40, s.y)
	s.after = 2
	for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
		f, ok := fn.(*east.Footnote)
		if !ok {
			continue
		}
		s.space(1.5)
		s.markers = append(s.markers, marker{text: fmt.Sprintf("%d.", f.Index), st: s.base(), right: s.left + 5})
		s.pendingLinks = append(s.pendingLinks, s.footnoteLink(c, f.Index))
		s.left += 7
		s.noGap = true
		err := s.blocks(f, c)
		s.left -= 7
		if err != nil {
			return err
		}
	}
	return nil
}

// footnoteLink returns the internal link to footnote i of note c.
func (s *doc) footnoteLink(c *note, i int) dest {
	l, ok := c.footnotes[i]
	if !ok {
		l = s.dests.intern(newDest("footnote/" + c.ID + "/" + strconv.Itoa(i)))
		c.footnotes[i] = l
	}
	return l
}

// inlines turns the inline children of n into runs, starting from style st.
func (s *doc) inlines(n ast.Node, st textStyle, c *note) []run {
	var out []run
	src := c.Source
	var walk func(n ast.Node, st textStyle, link dest, url string)
	walk = func(n ast.Node, st textStyle, link dest, url string) {
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			switch t := ch.(type) {
			case *ast.Text:
				v := string(t.Segment.Value(src))
				if !t.IsRaw() {
					v = unescapeMarkdown(v)
				}
				out = append(out, run{text: v, st: st, link: link, url: url})
				switch {
				case t.HardLineBreak():
					out = append(out, run{brk: true, st: st})
				case t.SoftLineBreak():
					out = append(out, run{text: " ", st: st, link: link, url: url})
				}
			case *ast.String:
				// Typographer output is an HTML entity ("&ldquo;").
				out = append(out, run{text: html.UnescapeString(string(t.Value)), st: st, link: link, url: url})
			case *ast.CodeSpan:
				cst := st
				cst.mono, cst.bold, cst.italic = true, false, false
				cst.size = st.size * 0.9
				out = append(out, run{text: codeSpanText(t, src), st: cst, link: link, url: url, code: true})
			case *ast.Emphasis:
				est := st
				if t.Level >= 2 {
					est.bold = true
				} else {
					est.italic = true
				}
				walk(t, est, link, url)
			case *ast.Link:
				l, u := s.linkTarget(string(t.Destination), c)
				lst := st
				if l != nil || u != "" {
					lst.color = linkInk
				}
				walk(t, lst, l, u)
			case *ast.AutoLink:
				u := string(t.URL(src))
				if t.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
					u = "mailto:" + u
				}
				lst := st
				lst.color = linkInk
				out = append(out, run{text: string(t.Label(src)), st: lst, url: u})
			case *ast.Image:
				if c.pictures && c.Images[string(t.Destination)] != nil {
					continue // drawn after the paragraph: see drawPictures
				}
				ist := st
				ist.italic, ist.color = true, muted
				alt := plainOf(s.inlines(t, st, c))
				out = append(out, run{text: "[image: " + alt + "]", st: ist, link: link, url: url})
			case *ast.RawHTML:
				// Inline HTML has no meaning on paper.
			case *east.Strikethrough:
				sst := st
				sst.strike = true
				walk(t, sst, link, url)
			case *east.TaskCheckBox:
				// Drawn by list as the item's marker.
			case *east.FootnoteLink:
				fst := st
				fst.size, fst.rise, fst.color = st.size*0.7, st.size*0.38, linkInk
				out = append(out, run{text: fmt.Sprint(t.Index), st: fst, link: s.footnoteLink(c, t.Index)})
			case *east.FootnoteBacklink:
				// The PDF viewer's back button does this.
			case *markdown.Ref:
				label, l := s.ref(t)
				rst := st
				if l != nil {
					rst.color = linkInk
				}
				r := run{text: label, st: rst, link: l}
				if t.Entity != nil && names(t.Entity, label) {
					r.entity = t.Entity.ID
				}
				out = append(out, r)
			default:
				walk(ch, st, link, url)
			}
		}
	}
	walk(n, st, nil, "")
	return out
}

// codeSpanText is the text of a code span.
func codeSpanText(n *ast.CodeSpan, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
		case *ast.String:
			b.Write(t.Value)
		}
	}
	return b.String()
}

// linkTarget resolves a Markdown link destination: a heading of the same
// note ("#id") becomes an internal link, an absolute URL an external one.
// A relative address means nothing on paper and gives no link.
func (s *doc) linkTarget(addr string, c *note) (dest, string) {
	if id, ok := strings.CutPrefix(addr, "#"); ok {
		return s.anchorLink(c.ID + "#" + id), ""
	}
	for _, scheme := range []string{"http://", "https://", "mailto:", "ftp://"} {
		if strings.HasPrefix(strings.ToLower(addr), scheme) {
			return nil, addr
		}
	}
	return nil, ""
}

// ref resolves a cross-reference: the text to show and the internal link
// to the entity's profile, the source's chapter or one of its paragraphs.
func (s *doc) ref(r *markdown.Ref) (string, dest) {
	if r.Entity != nil {
		return r.Display(), s.entityLink(r.Entity.ID)
	}
	d := r.Doc
	if d == nil && r.Source != "" {
		d = s.d.Document(r.Source)
	}
	if d == nil || s.d.Document(d.ID) == nil {
		return r.Display(), nil
	}
	b := r.Block
	if b == nil && r.Paragraph > 0 {
		b = d.Paragraph(r.Paragraph)
	}
	label := r.Label
	if b != nil && b.Number > 0 {
		if label == "" {
			label = d.Tag(b)
		}
		return label, s.paraLink(d.ID, b.Number)
	}
	if label == "" {
		label = d.Ref
	}
	return label, s.docLink(d.ID)
}
