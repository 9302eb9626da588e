package fonts

import (
	"strings"
	"testing"
)

// TestPick checks which face each kind of character is set in, and what
// Lacks says of those none has.
func TestPick(t *testing.T) {
	tests := []struct {
		name          string
		r             rune
		family, style string
		want          string // family+style of the face; "" for none
		why           string // part of what Lacks says; "" when printable
	}{
		{"Latin", 'é', SansFamily, "", SansFamily, ""},
		{"Cyrillic bold", 'Ж', SansFamily, "B", SansFamily + "B", ""},
		{"Greek", 'λ', SansFamily, "I", SansFamily + "I", ""},
		{"Latin in code", 'é', MonoFamily, "", MonoFamily, ""},
		{"Hebrew", 'ש', SansFamily, "", HebrewFamily, ""},
		{"Hebrew bold", 'ש', SansFamily, "B", HebrewFamily + "B", ""},
		{"Hebrew bold italic", 'ש', SansFamily, "BI", HebrewFamily + "B", ""},
		{"Hebrew in code", 'ש', MonoFamily, "", HebrewFamily, ""},
		{"Chinese", '王', SansFamily, "", CJKFamily, ""},
		{"Chinese bold", '王', SansFamily, "B", CJKFamily, ""},
		{"Japanese kana", 'ひ', SansFamily, "", CJKFamily, ""},
		{"Korean", '한', SansFamily, "", CJKFamily, ""},
		{"greater or equal", '≥', SansFamily, "", MathFamily, ""},
		{"arrow", '→', SansFamily, "", MathFamily, ""},
		{"black circle", '●', SansFamily, "B", SymbolsFamily, ""},
		{"Arabic", 'ش', SansFamily, "", "", "Arabic script needs shaping"},
		{"Devanagari", 'क', SansFamily, "", "", "Devanagari script needs shaping"},
		{"emoji", '\U0001F600', SansFamily, "", "", "emoji"},
		{"Ethiopic", 'ሀ', SansFamily, "", "", "no embedded font has Ethiopic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := Pick(tt.r, tt.family, tt.style)
			got := ""
			if ok {
				got = f.Key()
				if len(f.TTF) == 0 {
					t.Errorf("Pick(%q) = %s without its font file", tt.r, got)
				}
			}
			if got != tt.want {
				t.Errorf("Pick(%q, %s, %q) = %q, want %q", tt.r, tt.family, tt.style, got, tt.want)
			}
			why := Lacks(tt.r)
			if tt.why == "" && why != "" || !strings.Contains(why, tt.why) {
				t.Errorf("Lacks(%q) = %q, want %q", tt.r, why, tt.why)
			}
		})
	}
}

// TestMetricsFallback: a chart measures a character of a fallback face
// in that face, not as the text face's missing glyph.
func TestMetricsFallback(t *testing.T) {
	m, err := Sans()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"王小明", "שלום", "≥"} {
		if w := m.Width(s, 10, false); w <= 0 {
			t.Errorf("Width(%q) = %v", s, w)
		}
	}
	// A CJK ideograph is about one em wide; Noto Sans's missing glyph is
	// narrower.
	if w := m.Width("王", 10, false); w < 8 || w > 11 {
		t.Errorf("Width(王) at 10 pt = %.2f, want about 10", w)
	}
}

// TestNamed: every face the briefing may embed is found by its family and
// style, and no other.
func TestNamed(t *testing.T) {
	t.Parallel()
	for _, f := range append(Faces(), Fallbacks()...) {
		got, ok := Named(f.Family, f.Style)
		if !ok || got.Key() != f.Key() || len(got.TTF) != len(f.TTF) {
			t.Errorf("Named(%q, %q) = %q, %v", f.Family, f.Style, got.Key(), ok)
		}
	}
	if f, ok := Named(SansFamily, "X"); ok {
		t.Errorf("Named(%q, \"X\") = %q; want none", SansFamily, f.Key())
	}
}
