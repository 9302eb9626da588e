package pdf

import (
	"math"
	"testing"

	"dossier/internal/fonts"
)

func TestMeasurer(t *testing.T) {
	t.Parallel()
	ms, err := Measurer()
	if err != nil {
		t.Fatal(err)
	}
	if w := ms.Width("", 9, false); w != 0 {
		t.Errorf("empty string is %g wide", w)
	}
	r, b := ms.Width("Criminal Police", 10, false), ms.Width("Criminal Police", 10, true)
	if r <= 40 || r >= 100 || b <= r {
		t.Errorf("Criminal Police at 10 pt: regular %.2f, bold %.2f", r, b)
	}
	if w2 := ms.Width("Criminal Police", 20, false); w2 != 2*r {
		t.Errorf("width does not scale with size: %.2f at 20 pt, %.2f at 10", w2, r)
	}
	// Cyrillic and a rune beyond the preloaded table are measured too.
	if w := ms.Width("Лукашенко", 10, false); w <= 0 {
		t.Errorf("Cyrillic measured %g", w)
	}
	if w := ms.Width("→", 10, false); w <= 0 {
		t.Errorf("arrow measured %g", w)
	}
	if w := ms.Width("\U0001F600", 10, false); w <= 0 {
		t.Errorf("rune beyond the table measured %g", w)
	}
}

func TestTypo(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`listed under "MIA structure"`, "listed under “MIA structure”"},
		{`the "amber fever" ("classic")`, "the “amber fever” (“classic”)"},
		{"the country's 'quasi-mafia' state", "the country’s ‘quasi-mafia’ state"},
		{"2019 - 2021, open-source", "2019 – 2021, open-source"},
		{"S1 ¶12 · B2", "S1 ¶12 · B2"},
	}
	for _, tt := range tests {
		if got := typo(tt.in); got != tt.want {
			t.Errorf("typo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFontKeyNamesTheFaces checks that each style names, as fontKey, the
// face of the briefing it is set in (as fonts.Face.Key names it), and
// that each of those faces is named by a style.
func TestFontKeyNamesTheFaces(t *testing.T) {
	t.Parallel()
	faces := map[string]bool{}
	for _, f := range fonts.Faces() {
		faces[f.Key()] = true
	}
	named := map[string]bool{}
	for _, mono := range []bool{false, true} {
		for _, bold := range []bool{false, true} {
			for _, italic := range []bool{false, true} {
				st := textStyle{mono: mono, bold: bold, italic: italic}
				k := st.fontKey()
				if want := (fonts.Face{Family: st.family(), Style: st.fontStyle()}).Key(); k != want || !faces[k] {
					t.Errorf("%+v: fontKey %q, want %q, a face of the briefing", st, k, want)
				}
				named[k] = true
			}
		}
	}
	if len(named) != len(faces) {
		t.Errorf("the styles name %d faces, the briefing has %d", len(named), len(faces))
	}
}

// TestHasSubstitute: the range hasSubstitute checks before its lookup
// holds every substitute, so that clean replaces each of them.
func TestHasSubstitute(t *testing.T) {
	for r, sub := range substitutes {
		if !hasSubstitute(r) {
			t.Errorf("hasSubstitute(%U) = false", r)
		}
		if got := clean("a" + string(r) + "b"); got != "a"+sub+"b" {
			t.Errorf("clean(a%Ub) = %q, want %q", r, got, "a"+sub+"b")
		}
	}
	for _, r := range "aЖ–—…\u00a0\u2006\u2061\ufefe" {
		if hasSubstitute(r) {
			t.Errorf("hasSubstitute(%U) = true", r)
		}
	}
}

// TestMeasureSumsGlyphs: a text is as wide as its characters measured one
// by one, in each style, whether they come from the table of ASCII widths
// or of the others (a fallback face's among them), and a byte that is
// not UTF-8 is measured as U+FFFD.
func TestMeasureSumsGlyphs(t *testing.T) {
	t.Parallel()
	s := newTestDoc(t)
	text := "Minsk — Минск, 明斯克 (S1 ¶2) \xff end"
	for _, st := range []textStyle{{size: 9}, {size: 9, bold: true}, {size: 11, italic: true}, {size: 8, mono: true}} {
		for range 2 { // measured, then from the tables
			sum := 0.0
			for _, r := range text {
				sum += s.measure(st, string(r))
			}
			if got := s.measure(st, text); math.Abs(got-sum) > 1e-9 {
				t.Errorf("%+v: %q is %.6f wide, its characters %.6f", st, text, got, sum)
			}
		}
	}
	if r, b := s.measure(textStyle{size: 9}, "Minsk"), s.measure(textStyle{size: 9, bold: true}, "Minsk"); r >= b {
		t.Errorf("bold %.3f is no wider than regular %.3f: the styles share a table", b, r)
	}
}
