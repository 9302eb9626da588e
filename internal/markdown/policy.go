package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// Problem is something in analyst Markdown the outputs will not publish
// as written: where it is (a line of the source, from 1) and what is
// wrong.
type Problem struct {
	Line    int
	Message string
}

// MaxURL is the longest link address Check accepts, in bytes: more than
// browsers and servers commonly take, and short enough that a PDF that
// repeats it once per line of its label stays small.
const MaxURL = 2048

// MaxDepth is how deep lists and block quotes may nest in analyst
// Markdown: deeper, the PDF's indents would walk off the page.
const MaxDepth = 8

// nests reports whether n is a list or a block quote: what MaxDepth
// counts.
func nests(n ast.Node) bool { return n.Kind() == ast.KindList || n.Kind() == ast.KindBlockquote }

// Check walks doc, parsed from src, for what the site and the briefing
// refuse: an image or link target that loads from the network when the
// page is opened (an image with a remote address: the outputs load
// nothing from the network), and raw HTML, which neither output passes
// through, a link address longer than MaxURL, and lists or quotes nested
// deeper than MaxDepth. Links to remote pages
// are fine: a reader follows them.
func Check(doc ast.Node, src []byte) []Problem {
	var out []Problem
	depth := 0 // the lists and quotes the walk is in, counted as it goes: linear however deep they nest
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if nests(n) {
				depth--
			}
			return ast.WalkContinue, nil
		}
		if nests(n) {
			depth++
			// Reported once, where the nesting first goes too deep.
			if depth == MaxDepth+1 {
				out = append(out, Problem{lineOf(n, src), fmt.Sprintf("lists and quotes nested %d deep, more than %d: a page has no room for them; flatten the list", depth, MaxDepth)})
			}
		}
		switch x := n.(type) {
		case *ast.Image:
			if dest := string(x.Destination); remote(dest) {
				out = append(out, Problem{lineOf(n, src), fmt.Sprintf("the image %q is on the network: the site and the briefing load nothing from the network; save it in the sources folder and give its path, as ![text](images/name.png) from a note", excerpt(dest))})
			}
		case *ast.Link:
			if len(x.Destination) > MaxURL {
				out = append(out, Problem{lineOf(n, src), fmt.Sprintf("a link address of %d bytes, more than the %d an address may have: link to a shorter address", len(x.Destination), MaxURL)})
			}
		case *ast.AutoLink:
			if u := x.URL(src); len(u) > MaxURL {
				out = append(out, Problem{lineOf(n, src), fmt.Sprintf("a link address of %d bytes, more than the %d an address may have: link to a shorter address", len(u), MaxURL)})
			}
		case *ast.RawHTML:
			out = append(out, Problem{lineOf(n, src), fmt.Sprintf("raw HTML %q is not published: write it in Markdown (a backslash before < shows it as text)", excerpt(segmentsText(x, src)))})
		case *ast.HTMLBlock:
			out = append(out, Problem{lineOf(n, src), "a block of raw HTML is not published: write it in Markdown, or indent it four spaces to show it as code"})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// remote reports whether dest names something outside the dossier: an
// address with a scheme (http:, data:, file: …) or a host (//host/…).
func remote(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexAny(dest, ":/?#")
	return i > 0 && dest[i] == ':'
}

func segmentsText(n *ast.RawHTML, src []byte) string {
	var b strings.Builder
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

func excerpt(s string) string {
	const n = 40
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// lineOf returns the line, from 1, where n starts in src: the first
// position any of its own or its descendants' segments record, or that
// of its closest block ancestor.
func lineOf(n ast.Node, src []byte) int {
	if off := offset(n); off >= 0 {
		return bytes.Count(src[:min(off, len(src))], []byte("\n")) + 1
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return bytes.Count(src[:p.Lines().At(0).Start], []byte("\n")) + 1
		}
	}
	return 0
}

func offset(n ast.Node) int {
	switch x := n.(type) {
	case *ast.Text:
		return x.Segment.Start
	case *ast.RawHTML:
		if x.Segments.Len() > 0 {
			return x.Segments.At(0).Start
		}
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := offset(c); off >= 0 {
			return off
		}
	}
	return -1
}

// ImageRef is an image Markdown shows from a file: its address as written
// and the line it is on.
type ImageRef struct {
	Dest string
	Line int
}

// LocalImages returns the images in doc, parsed from src, whose address
// names a file (not a remote address, which Check reports), in order.
func LocalImages(doc ast.Node, src []byte) []ImageRef {
	var out []ImageRef
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering && !remote(string(img.Destination)) {
			out = append(out, ImageRef{Dest: string(img.Destination), Line: lineOf(n, src)})
		}
		return ast.WalkContinue, nil
	})
	return out
}
