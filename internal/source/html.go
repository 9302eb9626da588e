package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// Page is the text of a web page saved as HTML, as dossier new source
// takes it: a line a block (a paragraph, a heading, a list item with its
// bullet, a table's row with its cells between " | "), blocks apart by a
// blank line, as a capture copied from a browser has it; and what the page
// says of itself, for the analyst to check against the text.
type Page struct {
	Text []byte
	// Title is the page's <title>; URL its canonical address (<link
	// rel="canonical">, or og:url); Published the date its metadata
	// gives (article:published_time, or a <meta name="date">), as written.
	// Each is "" when the page does not say.
	Title, URL, Published string
	// Headings are the page's headings h1 to h3, in order, levels 1 to 3.
	Headings []PageHeading
	// Furniture are the lines of the parts the page marks as no part of
	// its text: its <nav> and <aside>, and the <header> and <footer> of
	// the page (not of an article or section), in order, each with the
	// element that holds it.
	Furniture []PageLine
}

// PageLine is a line of a page's text and the element it came from.
type PageLine struct {
	Text, Element string
}

// PageHeading is a heading of a page and its level.
type PageHeading struct {
	Text  string
	Level int
}

// IsHTML reports whether data, a file named name, is a web page: its name
// ends in .html or .htm, or it opens with a doctype or an <html> tag.
func IsHTML(name string, data []byte) bool {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".html") || strings.HasSuffix(lower, ".htm") {
		return true
	}
	head := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(data[:min(len(data), 512)], []byte("\uFEFF"))))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// ReadPage takes the text of a web page from data, decoded in the encoding
// the page declares (or, failing that, the one its bytes suggest).
func ReadPage(data []byte) (*Page, error) {
	r, err := charset.NewReader(bytes.NewReader(data), "text/html")
	if err != nil {
		return nil, fmt.Errorf("reading its encoding: %w", err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		return nil, err
	}
	w := &pageWriter{page: &Page{}}
	w.walk(doc)
	w.end()
	w.page.Text = []byte(strings.TrimSpace(w.text.String()) + "\n")
	return w.page, nil
}

// pageWriter turns a parsed page into lines of text.
type pageWriter struct {
	page   *Page
	text   strings.Builder
	line   strings.Builder // the block being written
	pre    int             // inside this many <pre>
	cell   bool            // a cell of the row was written
	leadIn bool            // the last line written ends with a colon
	bullet bool            // a list item started, and its first line is not written yet
	// furniture is the element of the page's furniture (see
	// Page.Furniture) the walk is in, "" for none; content counts the
	// <article>, <main> and <section> elements it is in.
	furniture string
	content   int
}

// skipped are the elements whose content is no text of the page.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true, atom.Canvas: true,
	atom.Select: true, atom.Textarea: true, atom.Button: true, atom.Input: true,
}

// blocks are the elements that start and end a line of text.
var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Footer: true, atom.Nav: true, atom.Aside: true, atom.Main: true, atom.Blockquote: true,
	atom.Ul: true, atom.Ol: true, atom.Li: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Table: true, atom.Tr: true, atom.Figure: true, atom.Figcaption: true, atom.Address: true,
	atom.Form: true, atom.Fieldset: true, atom.Details: true, atom.Summary: true, atom.Pre: true,
	atom.Hr: true, atom.Caption: true, atom.Body: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

func (w *pageWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.write(n.Data)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c)
		}
		return
	default:
		return
	}
	if skipped[n.DataAtom] || hidden(n) {
		return
	}
	switch n.DataAtom {
	case atom.Head:
		w.head(n)
		return
	case atom.Br:
		w.end()
		return
	case atom.Td, atom.Th:
		if w.cell {
			w.line.WriteString(" | ")
		}
		w.cell = true
	}
	if blocks[n.DataAtom] {
		w.end()
	}
	if n.DataAtom == atom.Li {
		w.bullet = true // before the item's first line, whatever element holds it
	}
	if n.DataAtom == atom.Pre {
		w.pre++
	}
	was := w.furniture
	switch n.DataAtom {
	case atom.Article, atom.Main, atom.Section:
		w.content++
		defer func() { w.content-- }()
	case atom.Nav, atom.Aside:
		if w.furniture == "" {
			w.furniture = n.Data
		}
	case atom.Header, atom.Footer:
		if w.furniture == "" && w.content == 0 {
			w.furniture = n.Data
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if n.DataAtom == atom.Pre {
		w.end() // its last line, as it is
		w.pre--
	}
	if level := headingLevel(n.DataAtom); level > 0 {
		if t := normalize(w.line.String()); t != "" {
			w.page.Headings = append(w.page.Headings, PageHeading{Text: t, Level: level})
		}
	}
	if blocks[n.DataAtom] {
		w.end()
	}
	w.furniture = was
}

// write adds text to the block being written: its runs of white space
// folded into one space, but inside <pre>, where lines are kept.
func (w *pageWriter) write(s string) {
	if w.pre > 0 {
		for i, l := range strings.Split(s, "\n") {
			if i > 0 {
				w.end()
			}
			w.line.WriteString(l)
		}
		return
	}
	if strings.TrimSpace(s) == "" {
		if w.line.Len() > 0 {
			w.line.WriteByte(' ')
		}
		return
	}
	if s[0] == ' ' || s[0] == '\n' || s[0] == '\t' || s[0] == '\r' {
		w.line.WriteByte(' ')
	}
	w.line.WriteString(strings.Join(strings.Fields(s), " "))
	if last, _ := utf8.DecodeLastRuneInString(s); last == ' ' || last == '\n' || last == '\t' || last == '\r' {
		w.line.WriteByte(' ')
	}
}

// end ends the block being written: its line, after a blank one, but for
// a list's first item under the line that leads into it ("include:"),
// which cleaning would otherwise take for a heading, a label standing
// alone.
func (w *pageWriter) end() {
	w.cell = false
	t := strings.Join(strings.Fields(w.line.String()), " ")
	if w.pre > 0 {
		t = strings.TrimRight(w.line.String(), " \t")
	}
	w.line.Reset()
	if strings.TrimSpace(t) == "" {
		return
	}
	if w.bullet {
		t, w.bullet = "• "+t, false
	}
	if w.text.Len() > 0 && !(w.leadIn && strings.HasPrefix(t, "• ")) {
		w.text.WriteByte('\n')
	}
	w.text.WriteString(t)
	w.text.WriteByte('\n')
	w.leadIn = strings.HasSuffix(t, ":")
	if w.furniture != "" {
		w.page.Furniture = append(w.page.Furniture, PageLine{Text: t, Element: w.furniture})
	}
}

// head takes what the page says of itself from its <head>.
func (w *pageWriter) head(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Title:
			var b strings.Builder
			for t := c.FirstChild; t != nil; t = t.NextSibling {
				if t.Type == html.TextNode {
					b.WriteString(t.Data)
				}
			}
			w.page.Title = strings.Join(strings.Fields(b.String()), " ")
		case atom.Link:
			if strings.EqualFold(attr(c, "rel"), "canonical") && w.page.URL == "" {
				w.page.URL = attr(c, "href")
			}
		case atom.Meta:
			key := strings.ToLower(attr(c, "property") + attr(c, "name"))
			switch key {
			case "og:url":
				if w.page.URL == "" {
					w.page.URL = attr(c, "content")
				}
			case "article:published_time", "date", "dc.date", "citation_publication_date":
				if w.page.Published == "" {
					w.page.Published = attr(c, "content")
				}
			}
		}
	}
}

// hidden reports whether the page hides n from its readers.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// attr returns the value of n's attribute key, "" for none.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// headingLevel is the level of a heading element h1 to h3 (h4 to h6 are
// 3), 0 for another element.
func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3, atom.H4, atom.H5, atom.H6:
		return 3
	}
	return 0
}
