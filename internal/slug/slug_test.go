package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"National Police", "national-police"},
		{"MIA structure:", "mia-structure"},
		{"  CRIMINAL JUSTICE AND SECURITY ", "criminal-justice-and-security"},
		{"Материал доступен на русском языке", "материал-доступен-на-русском-языке"},
		{"Special “ALMAZ” Antiterrorism Unit", "special-almaz-antiterrorism-unit"},
		{"24-hour Command Centre", "24-hour-command-centre"},
		{"Café", "café"},
		{"—", "section"},
		{"", "section"},
	}
	for _, tt := range tests {
		if got := Make(tt.in); got != tt.want {
			t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSetUnique(t *testing.T) {
	var s Set
	s.Reserve("h-top")
	got := []string{
		s.Unique("h-", "Drugs"),
		s.Unique("h-", "drugs"),
		s.Unique("h-", "DRUGS!"),
		s.Unique("h-", "Top"),
	}
	want := []string{"h-drugs", "h-drugs-2", "h-drugs-3", "h-top-2"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Unique #%d = %q, want %q", i, got[i], want[i])
		}
	}
}
