package link

import (
	"fmt"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"dossier/internal/diag"
	"dossier/internal/markdown"
)

// A doubling is a name a reference prints next to words that already say
// part of it: "the UNESCO [[field-office]]" printing "the UNESCO UNESCO
// Field Office in Lima", or "[[unesco]]'s [[unesco-board]]" printing
// "UNESCO's UNESCO Executive Board".
type doubling struct {
	words  string // the words printed twice, as the name has them
	before bool   // they stand before the name; otherwise after it
	rest   string // the name without them: the label to write instead
}

// doubled reports whether the name printed at text[start:end] repeats the
// words next to it: the last words before it (a possessive "'s" after them
// counts as the same word) equal its first words, or the first words after
// it its last. Only white space may separate them: "UNESCO, the
// [[field-office]]" or "UNESCO ([[field-office]])" read as they should.
// Words compare without regard to case.
func doubled(text string, start, end int) (doubling, bool) {
	name := strings.Fields(text[start:end])
	if len(name) == 0 {
		return doubling{}, false
	}
	if pre := text[:start]; endsInSpace(pre) {
		prev := strings.Fields(pre)
		for k := min(len(name), len(prev)); k >= 1; k-- {
			got := append([]string(nil), prev[len(prev)-k:]...)
			got[0] = strings.TrimLeftFunc(got[0], unicode.IsPunct)
			got[k-1] = trimPossessive(got[k-1])
			if equalWords(got, name[:k]) {
				return doubling{words: strings.Join(name[:k], " "), before: true, rest: strings.Join(name[k:], " ")}, true
			}
		}
	}
	if post := text[end:]; startsInSpace(post) {
		next := strings.Fields(post)
		for k := min(len(name), len(next)); k >= 1; k-- {
			got := append([]string(nil), next[:k]...)
			got[k-1] = strings.TrimRightFunc(got[k-1], unicode.IsPunct)
			if equalWords(got, name[len(name)-k:]) {
				return doubling{words: strings.Join(name[len(name)-k:], " "), rest: strings.Join(name[:len(name)-k], " ")}, true
			}
		}
	}
	return doubling{}, false
}

func endsInSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

func startsInSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

// trimPossessive drops a possessive ending: "UNESCO's" is "UNESCO".
func trimPossessive(w string) string {
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if t, ok := strings.CutSuffix(w, suf); ok && t != "" {
			return t
		}
	}
	return w
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i], b[i]) {
			return false
		}
	}
	return true
}

// doubledError reports a doubling at the reference ref, written in file at
// line, and says how to write it.
func doubledError(file string, line int, ref *markdown.Ref, d doubling) error {
	shown := d.words + " " + ref.Display()
	if !d.before {
		shown = ref.Display() + " " + d.words
	}
	fix := "drop those words"
	if d.rest != "" {
		fix += fmt.Sprintf(", or write [[%s|%s]]", ref.Target, d.rest)
	}
	return diag.Errorf(file, line, "[[%s]] prints %q next to words that already say %q, which reads %q: %s",
		ref.Target, ref.Display(), d.words, shown, fix)
}

// printed is a piece of prose as a reader gets it, with where each entity
// reference's name stands in it.
type printed struct {
	text strings.Builder
	refs []printedRef
}

type printedRef struct {
	ref        *markdown.Ref
	start, end int
}

func (p *printed) write(s string) { p.text.WriteString(s) }

func (p *printed) writeRef(ref *markdown.Ref) {
	start := p.text.Len()
	p.text.WriteString(ref.Display())
	if ref.Entity != nil {
		p.refs = append(p.refs, printedRef{ref, start, p.text.Len()})
	}
}

// check reports every doubling in p; lineOf gives the line of a reference.
func (p *printed) check(file string, lineOf func(*markdown.Ref) int) error {
	var errs diag.List
	s := p.text.String()
	for _, r := range p.refs {
		if d, ok := doubled(s, r.start, r.end); ok {
			errs.Add(doubledError(file, lineOf(r.ref), r.ref, d))
		}
	}
	return errs.Err()
}

// proseDoubled reports the doubled names in a piece of resolved Markdown,
// a paragraph (or heading, or cell) at a time. file and line say where
// src starts.
func (r *resolver) proseDoubled(file string, line int, src []byte, doc ast.Node) error {
	var errs diag.List
	lineOf := func(ref *markdown.Ref) int { return line + strings.Count(string(src[:ref.Offset]), "\n") }
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || !hasInline(n) {
			return ast.WalkContinue, nil
		}
		var p printed
		inlines(&p, n, src)
		errs.Add(p.check(file, lineOf))
		return ast.WalkSkipChildren, nil
	})
	if err != nil {
		errs.Add(fmt.Errorf("%s: %w", file, err))
	}
	return errs.Err()
}

// hasInline reports whether a block's children are inlines (a paragraph,
// a heading, a table cell), not further blocks.
func hasInline(n ast.Node) bool {
	c := n.FirstChild()
	return c != nil && c.Type() == ast.TypeInline
}

// inlines writes the text the inline children of n print.
func inlines(p *printed, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *markdown.Ref:
			p.writeRef(c)
		case *ast.Text:
			p.write(string(c.Segment.Value(src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				p.write(" ")
			}
		case *ast.String:
			p.write(html.UnescapeString(string(c.Value))) // typographer output: "&rsquo;"
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink:
			p.write("\x00") // not prose: nothing doubles across it
		default:
			inlines(p, c, src)
		}
	}
}
