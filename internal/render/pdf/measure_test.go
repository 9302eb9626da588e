package pdf

import "testing"

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
