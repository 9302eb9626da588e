package markdown

import (
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// ImageLinker gives the address, on the page being rendered, of the
// image Markdown writes as dest, and its size in pixels.
type ImageLinker func(dest string) (src string, width, height int, err error)

// WithImages makes the HTML renderer write images with addresses from l
// (the files the site holds) instead of the addresses as written.
func WithImages(l ImageLinker) Option {
	return func(c *config) { c.images = l }
}

// imageExtension adds the HTML renderer of images, when there is a
// linker.
type imageExtension struct{ linker ImageLinker }

func (e imageExtension) Extend(m goldmark.Markdown) {
	if e.linker != nil {
		m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(imageRenderer(e), 100)))
	}
}

type imageRenderer struct{ linker ImageLinker }

func (r imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, r.render)
}

// render writes the image with its alternative text, its size (so that
// the page does not jump as it loads; the stylesheet scales it down to
// the column) and its title.
func (r imageRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	img := n.(*ast.Image)
	href, width, height, err := r.linker(string(img.Destination))
	if err != nil {
		return ast.WalkStop, fmt.Errorf("image %q: %w", excerpt(string(img.Destination)), err)
	}
	fmt.Fprintf(w, `<img src="%s" alt="%s" width="%d" height="%d"`, util.EscapeHTML([]byte(href)), util.EscapeHTML([]byte(PlainText(img, src))), width, height)
	if len(img.Title) > 0 {
		fmt.Fprintf(w, ` title="%s"`, util.EscapeHTML(img.Title))
	}
	_, _ = w.WriteString(" />")
	return ast.WalkSkipChildren, nil
}
