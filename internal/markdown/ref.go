package markdown

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"dossier/internal/model"
)

// KindRef is the node kind of a cross-reference.
var KindRef = ast.NewNodeKind("Ref")

// Ref is a cross-reference written [[target]] or [[target|label]]. The
// target is an entity id ("port-authority") or a source paragraph
// ("S:annual-report#12", or "S:annual-report" for the whole source).
// The parser fills the written fields; the resolve stage (package link) fills
// Entity, or Doc and Block, and reports targets that do not exist.
type Ref struct {
	ast.BaseInline

	Target string // as written, e.g. "S:interpol-minsk#12"
	Label  string // the text after "|", or ""
	Offset int    // byte offset of "[[" in the source, for messages
	End    int    // byte offset just after "]]" in the source

	// Parsed from Target:
	Source    string // document id, for a source reference
	Paragraph int    // paragraph number, or 0 for the whole source
	EntityID  string // entity id, for an entity reference
	Count     string // what a count counts ([[count:background]]), for a count

	// Filled in by the resolve stage:
	Entity *model.Entity
	Doc    *model.Document
	Block  *model.Block
	Value  int // for a count: the number counted
}

// Counts lists what [[count:…]] can count: "background", the background
// passages of the dossier's notes and descriptions.
var Counts = []string{"background"}

// Kind implements ast.Node.
func (r *Ref) Kind() ast.NodeKind { return KindRef }

// Dump implements ast.Node.
func (r *Ref) Dump(src []byte, level int) {
	ast.DumpHelper(r, src, level, map[string]string{"Target": r.Target, "Label": r.Label}, nil)
}

// Display returns what a reader sees for the reference: the label if one was
// written, otherwise the entity's name, the citation of a paragraph with
// its source's grade, "S1 ¶12 · B2", as a claim's citation prints
// (model.Document.Tag), or the source's reference, "S1", which prose uses
// as the source's name ("S1 says", "S1's figures"). Before resolution it
// is the target as written.
func (r *Ref) Display() string {
	switch {
	case r.Label != "":
		return r.Label
	case r.IsCount():
		return model.NumberWords(r.Value) // in words, as the wording's {{number}}
	case r.Entity != nil:
		return r.Entity.Name
	case r.Doc != nil && r.Block != nil && r.Block.Number > 0:
		return r.Doc.Tag(r.Block)
	case r.Doc != nil:
		return r.Doc.Ref
	}
	return r.Target
}

// IsSource reports whether the reference points at a source.
func (r *Ref) IsSource() bool { return r.Source != "" }

// IsCount reports whether the reference is a count, which the build
// writes as a number and links nowhere.
func (r *Ref) IsCount() bool { return r.Count != "" }

// refParser parses [[…]].
type refParser struct{}

func (refParser) Trigger() []byte { return []byte{'['} }

func (refParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	end := bytes.Index(line, []byte("]]"))
	if end < 0 {
		return nil
	}
	r := newRef(string(line[2:end]), seg.Start)
	if r == nil {
		return nil
	}
	block.Advance(end + 2)
	return r
}

// FindRefs returns the cross-references written in s, plain text that is
// not Markdown (a claim, a relation's note, a grade's reason), in order,
// read as the Markdown parser reads them. Offset and End index into s.
func FindRefs(s string) []*Ref {
	var refs []*Ref
	for i := 0; ; {
		start := strings.Index(s[i:], "[[")
		if start < 0 {
			return refs
		}
		start += i
		end := strings.Index(s[start+2:], "]]")
		if end < 0 {
			return refs
		}
		end += start + 2
		if r := newRef(s[start+2:end], start); r != nil {
			refs = append(refs, r)
			i = end + 2
			continue
		}
		i = start + 1
	}
}

// newRef parses the inside of [[…]] found at offset, or returns nil when
// it is not a reference.
func newRef(inner string, offset int) *Ref {
	if inner == "" || strings.ContainsAny(inner, "[]\n") {
		return nil
	}
	target, label, _ := strings.Cut(inner, "|")
	r := &Ref{Target: strings.TrimSpace(target), Label: strings.TrimSpace(label), Offset: offset, End: offset + len(inner) + 4}
	if src, ok := strings.CutPrefix(r.Target, "S:"); ok {
		id, para, hasPara := strings.Cut(src, "#")
		r.Source = id
		if hasPara {
			n, err := strconv.Atoi(para)
			if err != nil || n < 1 {
				n = -1 // reported by the resolve stage
			}
			r.Paragraph = n
		}
	} else if what, ok := strings.CutPrefix(r.Target, "count:"); ok {
		r.Count = what
	} else {
		r.EntityID = r.Target
	}
	return r
}

// Linker gives the address of a resolved reference on the page being
// rendered: a relative URL for HTML.
type Linker func(r *Ref) (href string, err error)

// WithLinker makes the HTML renderer write references as links whose
// addresses come from l. Without it a reference is rendered as its text.
func WithLinker(l Linker) Option {
	return func(c *config) { c.linker = l }
}

// refExtension adds the parser and the HTML renderer for references.
type refExtension struct{ linker Linker }

func (e refExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(refParser{}, 199)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(refRenderer(e), 100)))
}

type refRenderer struct{ linker Linker }

func (r refRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRef, r.render)
}

func (r refRenderer) render(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	ref := n.(*Ref)
	label := util.EscapeHTML([]byte(ref.Display()))
	if r.linker == nil || ref.IsCount() {
		_, _ = w.Write(label)
		return ast.WalkSkipChildren, nil
	}
	href, err := r.linker(ref)
	if err != nil {
		return ast.WalkStop, fmt.Errorf("reference [[%s]]: %w", ref.Target, err)
	}
	class, title := "ref-entity", ""
	if ref.IsSource() {
		class = "ref-source"
		// What "S1" is, on hovering, as a claim's citation gives it.
		if ref.Doc != nil && ref.Doc.Title != "" {
			title = fmt.Sprintf(` title="%s"`, util.EscapeHTML([]byte(ref.Doc.Title)))
		}
	}
	fmt.Fprintf(w, `<a class="%s" href="%s"%s>`, class, util.EscapeHTML([]byte(href)), title)
	_, _ = w.Write(label)
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}
