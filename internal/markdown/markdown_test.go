package markdown

import (
	"bytes"
	"strings"
	"testing"

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
