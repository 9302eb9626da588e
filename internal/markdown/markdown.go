// Package markdown holds the one goldmark configuration of the project.
//
// The load stage parses analyst prose with it; the HTML renderer renders the
// resulting AST with it; the PDF renderer walks the same AST. Keeping the
// parser options in one place means the two outputs can never disagree about
// what a piece of Markdown is.
package markdown

import (
	"bytes"
	stdhtml "html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"dossier/internal/highlight"
	"dossier/internal/slug"
)

// Option configures New.
type Option func(*config)

type config struct {
	hl     *highlight.Highlighter
	linker Linker
	images ImageLinker
}

// WithHighlighter makes the HTML renderer colour fenced code blocks with h.
// Without it they are rendered as plain <pre><code>.
func WithHighlighter(h *highlight.Highlighter) Option {
	return func(c *config) { c.hl = h }
}

// New returns the project's goldmark configuration: CommonMark with GitHub
// tables, strikethrough, autolinks and task lists, footnotes, typographic
// quotes, heading ids that keep non-Latin letters, cross-references
// written [[entity-id]] or [[S:source-id#12]] (see Ref), counts written
// [[count:background]], and background passages, block quotes that start
// with the line [!background] (see Background).
func New(opts ...Option) goldmark.Markdown {
	var c config
	for _, o := range opts {
		o(&c)
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer, refExtension{linker: c.linker}, backgroundExtension{}, imageExtension{linker: c.images}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(
			html.WithXHTML(),
			renderer.WithNodeRenderers(util.Prioritized(&codeRenderer{hl: c.hl}, 100)),
		),
	)
}

// Parse parses src with md, giving headings ids from the slug package that
// are unique within the document. The returned AST refers into src.
//
// The AST is then only read, and may be rendered by several goroutines at
// once (the site's page and the briefing's chapter): goldmark's
// FencedCodeBlock.Language keeps what it reads the first time it is
// called, a write, so Parse calls it on every fenced block here.
func Parse(md goldmark.Markdown, src []byte) ast.Node {
	ids := &headingIDs{}
	ctx := parser.NewContext(parser.WithIDs(ids))
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering {
			f.Language(src)
		}
		return ast.WalkContinue, nil
	})
	return doc
}

// headingIDs implements parser.IDs with slug.Set.
type headingIDs struct{ set slug.Set }

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(h.set.Unique("", string(value)))
}

func (h *headingIDs) Put(value []byte) { h.set.Reserve(string(value)) }

// CodeText returns the text of a code block node (fenced or indented).
func CodeText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

// CodeLanguage returns the info-string language of a fenced code block, or
// "" for an indented block or a fence without one.
func CodeLanguage(n ast.Node, src []byte) string {
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		return string(f.Language(src))
	}
	return ""
}

// codeRenderer renders code blocks through the highlighter.
type codeRenderer struct {
	hl *highlight.Highlighter
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
	reg.Register(ast.KindCodeBlock, r.render)
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	code := CodeText(n, src)
	lang := CodeLanguage(n, src)
	if r.hl != nil {
		out, err := r.hl.HTML(lang, code)
		if err != nil {
			return ast.WalkStop, err
		}
		_, _ = w.WriteString(out)
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString("<pre><code>")
	_, _ = w.Write(util.EscapeHTML([]byte(code)))
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// PlainText returns the text of n and its descendants without markup, as
// a heading or a link label reads. Blocks (paragraphs, list items,
// headings, quotes) are parted by one space, so that the sentences of two
// paragraphs do not run together; nothing is added before the first or
// after the last.
func PlainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	parted := false // a block has ended since the last text was written
	write := func(s []byte) {
		if len(s) == 0 {
			return
		}
		if parted && b.Len() > 0 && b.Bytes()[b.Len()-1] != ' ' && s[0] != ' ' {
			b.WriteByte(' ')
		}
		parted = false
		b.Write(s)
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock {
				parted = true
			}
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			write(t.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				write([]byte{' '})
			}
		case *ast.String:
			// Typographer output is an HTML entity ("&rsquo;").
			write([]byte(stdhtml.UnescapeString(string(t.Value))))
		case *Ref:
			write([]byte(t.Display()))
		case *ast.CodeSpan:
			for g := t.FirstChild(); g != nil; g = g.NextSibling() {
				if s, ok := g.(*ast.Text); ok {
					write(s.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
