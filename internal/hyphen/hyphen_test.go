package hyphen

import "testing"

func TestHyphenate(t *testing.T) {
	tests := []struct {
		lang, word, want string
	}{
		{"en", "hyphenation", "hy-phen-ation"},
		{"en", "Computer", "Com-puter"},
		{"en", "developers", "de-vel-op-ers"},
		{"en", "associate", "as-so-ciate"},              // an exception
		{"en", "enforcement", "en-force-ment"},          //
		{"en", "organized", "or-ga-nized"},              //
		{"en", "cat", "cat"},                            // too short
		{"en", "into", "into"},                          // 2 before, 3 after: no room
		{"en-GB", "international", "in-ter-na-tional"},  // the tag's region is ignored
		{"ru", "преступность", "пре-ступ-ность"},        //
		{"ru", "организованной", "ор-га-ни-зо-ван-ной"}, //
	}
	for _, tt := range tests {
		h := For(tt.lang)
		if h == nil {
			t.Fatalf("no patterns for %s", tt.lang)
		}
		if got := h.Hyphenate(tt.word); got != tt.want {
			t.Errorf("%s: Hyphenate(%q) = %q, want %q", tt.lang, tt.word, got, tt.want)
		}
	}
	if For("xx") != nil {
		t.Error("For(xx) has patterns")
	}
}

func TestLimits(t *testing.T) {
	h := New(3, 3)
	h.AddPattern("a1b")
	h.AddPattern("b1c")
	h.AddPattern("c1d")
	if got := h.Hyphenate("abcdef"); got != "abc-def" {
		t.Errorf("Hyphenate(abcdef) with 3/3 = %q, want abc-def", got)
	}
}
