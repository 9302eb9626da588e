package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// TestBackground checks which block quotes become background passages,
// what they render to, and how many CountBackground finds.
func TestBackground(t *testing.T) {
	md := New()
	tests := []struct {
		name, in string
		count    int
		want     []string // in the HTML
		not      []string // not in the HTML
	}{
		{"marker alone on its line", "> [!background]\n> Kyiv is a capital.\n", 1,
			[]string{`<div class="background" role="note"><span class="badge badge-background">background</span>`, "<p>Kyiv is a capital.</p>", "</div>"},
			[]string{"[!background]", "<blockquote>"}},
		{"any case, several paragraphs", "> [!Background]\n> One.\n>\n> Two.\n\nSourced.\n", 1,
			[]string{"<p>One.</p>\n<p>Two.</p>\n</div>\n<p>Sourced.</p>"}, []string{"Background]"}},
		{"references inside", "> [!background]\n> The capital of [[ukraine]].\n", 1,
			[]string{"<p>The capital of ukraine.</p>"}, nil},
		{"marker only", "> [!background]\n", 1, []string{`badge-background`}, []string{"<p>"}},
		{"a plain quote", "> Kyiv is a capital.\n", 0, []string{"<blockquote>"}, []string{"background"}},
		{"marker not alone", "> [!background] Kyiv.\n", 0, []string{"<blockquote>"}, []string{`class="background"`}},
		{"another alert", "> [!note]\n> Kyiv.\n", 0, []string{"<blockquote>"}, []string{`class="background"`}},
		{"two passages", "> [!background]\n> A.\n\nB.\n\n> [!background]\n> C.\n", 2, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.in)
			doc := Parse(md, src)
			if n := CountBackground(doc); n != tt.count {
				t.Errorf("CountBackground = %d, want %d", n, tt.count)
			}
			var buf bytes.Buffer
			if err := md.Renderer().Render(&buf, src, doc); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, buf.String())
				}
			}
			for _, w := range tt.not {
				if strings.Contains(buf.String(), w) {
					t.Errorf("output has %q:\n%s", w, buf.String())
				}
			}
		})
	}
}

// TestCountRef checks that [[count:…]] is a count, not an entity, and is
// written as its number, in words up to twenty, without a link.
func TestCountRef(t *testing.T) {
	refs := FindRefs("has [[count:background]] passages")
	if len(refs) != 1 || !refs[0].IsCount() || refs[0].Count != "background" || refs[0].EntityID != "" || refs[0].IsSource() {
		t.Fatalf("FindRefs = %+v, want one count of background", refs)
	}
	refs[0].Value = 7
	if got := refs[0].Display(); got != "seven" {
		t.Errorf("Display = %q, want seven", got)
	}
	md := New(WithLinker(func(r *Ref) (string, error) { return "x.html", nil }))
	src := []byte("It has [[count:background]] passages.")
	doc := Parse(md, src)
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.Contains(got, "It has no passages.") || strings.Contains(got, "<a") {
		t.Errorf("rendered %q, want the number without a link", got)
	}
}
