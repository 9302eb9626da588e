package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/model"
)

// TestRemovals groups what cleaning removed by rule and reason, as the
// annex lists it: one entry for the page numbers a pattern dropped, not
// one per page.
func TestRemovals(t *testing.T) {
	page := func(line, n int) model.Drop {
		return model.Drop{Line: line, EndLine: line, Text: fmt.Sprint(n), Rule: "drop", Why: "page numbers"}
	}
	blank := func(from, to int) model.Drop {
		return model.Drop{Line: from, EndLine: to, Text: "(lines of whitespace)", Rule: "whitespace", Why: "page layout residue", Blank: true}
	}
	tests := []struct {
		name  string
		drops []model.Drop
		want  []string // "where · rule: why | texts (distinct)"
	}{
		{
			name:  "one line, one block",
			drops: []model.Drop{{Line: 4, EndLine: 4, Text: "Back to Europe", Rule: "drop", Why: "navigation"}, {Line: 90, EndLine: 100, Text: "Yellow Notices … All", Rule: "drop", Why: "widget"}},
			want:  []string{"Line 4 · drop: navigation | Back to Europe (1)", "Lines 90–100 · drop: widget | Yellow Notices … All (1)"},
		},
		{
			name:  "whitespace, three times: one entry, no text",
			drops: []model.Drop{blank(2, 4), blank(6, 8), blank(10, 41)},
			want:  []string{"Lines 2–4, 6–8 and 10–41 (38 lines) · whitespace: page layout residue |  (0)"},
		},
		{
			name:  "forty page numbers and a running head between them",
			drops: append([]model.Drop{page(6, 2), {Line: 7, EndLine: 7, Text: "Annual review", Rule: "drop", Why: "running head"}, {Line: 50, EndLine: 50, Text: "Annual review", Rule: "drop", Why: "running head"}}, pages(40)...),
			want: []string{
				"Lines 6, 52, 98, 144 and 37 more (41 lines) · drop: page numbers | 2, 3, 4 (41)",
				"Lines 7 and 50 (2 lines) · drop: running head | Annual review (1)",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range removals(tt.drops) {
				got = append(got, fmt.Sprintf("%s · %s: %s | %s (%d)", r.where(), r.rule, r.why, strings.Join(r.texts, ", "), r.distinct))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("removals (-want +got):\n%s", diff)
			}
		})
	}
}

// pages are the drops of page numbers 3 to n+2, one every 46 lines from
// line 52.
func pages(n int) []model.Drop {
	var out []model.Drop
	for i := range n {
		out = append(out, model.Drop{Line: 52 + 46*i, EndLine: 52 + 46*i, Text: fmt.Sprint(i + 3), Rule: "drop", Why: "page numbers"})
	}
	return out
}
