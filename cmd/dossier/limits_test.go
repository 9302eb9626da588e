package main

import "testing"

// TestPrintable checks that text written to a terminal has its control
// characters escaped, line feeds and tabs apart.
func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, кириллица", "plain text, кириллица"},
		{"two\nlines\tand a tab", "two\nlines\tand a tab"},
		{"red \x1b[31malert", `red \x1b[31malert`},
		{"bell\x07 and CR\r", `bell\x07 and CR\x0d`},
		{"C1 \u0085 and bidi \u202e", `C1 \x85 and bidi \u202e`},
	}
	for _, tt := range tests {
		if got := printable(tt.in); got != tt.want {
			t.Errorf("printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
