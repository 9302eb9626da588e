package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"dossier/internal/highlight"
)

func TestRender(t *testing.T) {
	h, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		t.Fatal(err)
	}
	md := New(WithHighlighter(h))
	tests := []struct {
		name, in string
		want     []string
	}{
		{"cyrillic heading id", "# Материал доступен\n", []string{`<h1 id="материал-доступен">`}},
		{"duplicate ids", "## Drugs\n\n## Drugs\n", []string{`id="drugs"`, `id="drugs-2"`}},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{"<table>", "<td>1</td>"}},
		{"highlighted fence", "```yaml\nid: x\n```\n", []string{`class="hl-`, "id"}},
		{"plain fence", "```\n<b>\n```\n", []string{"&lt;b&gt;"}},
		{"typographer", `"quoted"`, []string{"&ldquo;quoted&rdquo;"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.in)
			doc := Parse(md, src)
			var buf bytes.Buffer
			if err := md.Renderer().Render(&buf, src, doc); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, buf.String())
				}
			}
		})
	}
}

func TestRefParse(t *testing.T) {
	tests := []struct {
		in                      string
		target, label, src, ent string
		para                    int
		text                    string // rendered without a linker
	}{
		{"See [[ncb-minsk]].", "ncb-minsk", "", "", "ncb-minsk", 0, "See ncb-minsk."},
		{"See [[ncb-minsk|the bureau]].", "ncb-minsk", "the bureau", "", "ncb-minsk", 0, "See the bureau."},
		{"As [[S:interpol-minsk#12]] says.", "S:interpol-minsk#12", "", "interpol-minsk", "", 12, "As S:interpol-minsk#12 says."},
		{"[[S:interpol-minsk]]", "S:interpol-minsk", "", "interpol-minsk", "", 0, "S:interpol-minsk"},
		{"[[S:x#twelve]]", "S:x#twelve", "", "x", "", -1, "S:x#twelve"},
	}
	md := New()
	for _, tt := range tests {
		src := []byte(tt.in)
		doc := Parse(md, src)
		var refs []*Ref
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if r, ok := n.(*Ref); ok && entering {
				refs = append(refs, r)
			}
			return ast.WalkContinue, nil
		})
		if len(refs) != 1 {
			t.Errorf("%q: %d refs, want 1", tt.in, len(refs))
			continue
		}
		r := refs[0]
		if r.Target != tt.target || r.Label != tt.label || r.Source != tt.src || r.EntityID != tt.ent || r.Paragraph != tt.para {
			t.Errorf("%q: got %+v", tt.in, r)
		}
		if !bytes.Equal(src[r.Offset:r.Offset+2], []byte("[[")) {
			t.Errorf("%q: offset %d does not point at [[", tt.in, r.Offset)
		}
		var buf bytes.Buffer
		if err := md.Renderer().Render(&buf, src, doc); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tt.text) {
			t.Errorf("%q rendered %q, want %q in it", tt.in, buf.String(), tt.text)
		}
	}
	// Ordinary links and single brackets are left alone.
	for _, in := range []string{"[a](b.html)", "[x] and [[unclosed", "`[[code]]`"} {
		doc := Parse(md, []byte(in))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if _, ok := n.(*Ref); ok {
				t.Errorf("%q: parsed a reference", in)
			}
			return ast.WalkContinue, nil
		})
	}
}

func TestRefLinker(t *testing.T) {
	md := New(WithLinker(func(r *Ref) (string, error) { return "entities/" + r.EntityID + ".html", nil }))
	src := []byte("See [[ncb-minsk|the <NCB>]].")
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, Parse(md, src)); err != nil {
		t.Fatal(err)
	}
	want := `<a class="ref-entity" href="entities/ncb-minsk.html">the &lt;NCB&gt;</a>`
	if !strings.Contains(buf.String(), want) {
		t.Errorf("got %s\nwant %s", buf.String(), want)
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		md, want string
	}{
		{"# The NCB's *desks*", "The NCB’s desks"},
		{"See [[ncb-minsk|the bureau]] and `code`.", "See the bureau and code."},
		{"Line one\nline two", "Line one line two"},
		{`"Quoted" -- dash`, "“Quoted” – dash"},
		// Blocks are parted by one space, and only between them.
		{"One body.\n\nAccording to S5, two.", "One body. According to S5, two."},
		{"# Heading\n\nText.", "Heading Text."},
		{"Begins:\n\n- one\n- two\n\nEnds.", "Begins: one two Ends."},
		{"Loose:\n\n- one\n\n- two", "Loose: one two"},
		{"> [!background]\n> Quoted.\n\nAfter.", "Quoted. After."},
		{"A line\nbreaks.\n\nNext.", "A line breaks. Next."},
		{"Hard  \nbreak.\n\nNext.", "Hard break. Next."},
		{"`code`\n\n*em*", "code em"},
		{"", ""},
	}
	md := New()
	for _, tt := range tests {
		src := []byte(tt.md)
		doc := Parse(md, src)
		if got := PlainText(doc, src); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.md, got, tt.want)
		}
	}
}
