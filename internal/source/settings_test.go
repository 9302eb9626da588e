package source

import "testing"

// TestSettingsAuthor reads the settings' author: as written, without the
// spaces around it, and none when the settings give none or an empty one
// (as dossier new dossier writes it).
func TestSettingsAuthor(t *testing.T) {
	for _, tc := range []struct {
		yaml, want string
	}{
		{"author: Northgate Analysis Unit\n", "Northgate Analysis Unit"},
		{"author: '  Ana Ruiz & team  '\n", "Ana Ruiz & team"},
		{"author: Команда аналитиков\n", "Команда аналитиков"},
		{"author: \"\"\n", ""},
		{"", ""},
	} {
		s, err := parseSettings("dossier.yaml", []byte("title: T\ncutoff: 2026-01-31\n"+tc.yaml))
		if err != nil {
			t.Errorf("%q: %v", tc.yaml, err)
			continue
		}
		if s.Author != tc.want {
			t.Errorf("%q: author %q, want %q", tc.yaml, s.Author, tc.want)
		}
	}
}
