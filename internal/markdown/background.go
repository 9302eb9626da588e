package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindBackground is the node kind of a background passage.
var KindBackground = ast.NewNodeKind("Background")

// BackgroundMarker is how a background passage starts: a block quote whose
// first line is the marker alone, as in GitHub's alerts.
//
//	> [!background]
//	> A port city on the northern coast.
const BackgroundMarker = "[!background]"

// Background is a passage of the analyst's own knowledge that rests on no
// source of the dossier: a definition, a place description, a framework.
// Its children are the blocks of the quote, without the marker. Both
// renderers show it apart from sourced text, and the resolve stage counts
// it ([[count:background]]).
type Background struct {
	ast.BaseBlock
}

// Kind implements ast.Node.
func (b *Background) Kind() ast.NodeKind { return KindBackground }

// Dump implements ast.Node.
func (b *Background) Dump(src []byte, level int) { ast.DumpHelper(b, src, level, nil, nil) }

// CountBackground returns the number of background passages in doc.
func CountBackground(doc ast.Node) int {
	n := 0
	_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Kind() == KindBackground {
			n++
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return n
}

// backgroundTransformer turns a block quote that starts with
// BackgroundMarker into a Background.
type backgroundTransformer struct{}

func (backgroundTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering && isBackground(q, src) {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		p := q.FirstChild().(*ast.Paragraph)
		end := p.Lines().At(0).Stop
		for c := p.FirstChild(); c != nil; {
			next := c.NextSibling()
			if t, ok := c.(*ast.Text); !ok || t.Segment.Stop > end {
				break
			}
			p.RemoveChild(p, c)
			c = next
		}
		if p.ChildCount() == 0 {
			q.RemoveChild(q, p)
		} else {
			lines := p.Lines()
			rest := text.NewSegments()
			for i := 1; i < lines.Len(); i++ {
				rest.Append(lines.At(i))
			}
			p.SetLines(rest)
		}
		bg := &Background{}
		for c := q.FirstChild(); c != nil; {
			next := c.NextSibling()
			bg.AppendChild(bg, c)
			c = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, bg)
	}
}

// isBackground reports whether the first line of the quote's first
// paragraph is BackgroundMarker alone, in any case.
func isBackground(q *ast.Blockquote, src []byte) bool {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return false
	}
	seg := p.Lines().At(0)
	first := bytes.TrimSpace(seg.Value(src))
	return bytes.EqualFold(first, []byte(BackgroundMarker))
}

// backgroundExtension adds the transformer and the HTML renderer of
// background passages.
type backgroundExtension struct{}

func (backgroundExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(backgroundTransformer{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(backgroundRenderer{}, 100)))
}

type backgroundRenderer struct{}

func (backgroundRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindBackground, renderBackground)
}

// renderBackground writes a background passage as a note headed by its
// badge.
func renderBackground(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="background" role="note"><span class="badge badge-background">background</span>` + "\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}
