package source

import (
	"errors"
	"strings"
	"testing"

	"dossier/internal/diag"
)

// TestLoadErrors checks that each kind of bad input fails with the file,
// the line and a message saying what was expected.
func TestLoadErrors(t *testing.T) {
	const doc = "-- documents/x.txt --\nSome text.\n"
	tests := []struct {
		name    string
		archive string
		want    string // a line of the error, exactly or as a prefix
	}{
		{
			name:    "settings: no cut-off",
			archive: "-- dossier.yaml --\ntitle: T\n-- documents/x.yaml --\n" + meta("x", "") + doc,
			want:    "dossier.yaml: cutoff is missing",
		},
		{
			name:    "settings: bad page size",
			archive: "-- dossier.yaml --\ntitle: T\ncutoff: 2026-01-31\npage_size: A5\n-- documents/x.yaml --\n" + meta("x", "") + doc,
			want:    `dossier.yaml:3: page_size "A5": want A4 or Letter`,
		},
		{
			name:    "settings: bad date",
			archive: "-- dossier.yaml --\ntitle: T\ncutoff: 31.01.2026\n-- documents/x.yaml --\n" + meta("x", "") + doc,
			want:    `dossier.yaml:2: cutoff: date "31.01.2026" is not of the form YYYY-MM-DD`,
		},
		{
			name:    "settings: unknown key",
			archive: "-- dossier.yaml --\ntitle: T\ncutoff: 2026-01-31\nmarkng: x\n-- documents/x.yaml --\n" + meta("x", "") + doc,
			want:    `dossier.yaml:3: unknown key "markng"; did you mean "marking"?`,
		},
		{
			name:    "entities: a key of a nested list misspelt",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "") + doc + "-- entities/e.yaml --\n- id: e\n  name: E\n  kind: agency\n  claims:\n    - text: E.\n      cite: []\n",
			want:    `entities/e.yaml:6: unknown key "cite"; did you mean "cites"?`,
		},
		{
			name:    "metadata: malformed YAML",
			archive: settings + "-- documents/x.yaml --\nid: x\ntitle: [unclosed\n" + doc,
			want:    "documents/x.yaml:",
		},
		{
			name:    "metadata: bad grade letter",
			archive: settings + "-- documents/x.yaml --\n" + strings.Replace(meta("x", ""), "reliability: B", "reliability: G", 1) + doc,
			want:    `documents/x.yaml:11: grade reliability "G": want a letter A`,
		},
		{
			name:    "metadata: bad credibility",
			archive: settings + "-- documents/x.yaml --\n" + strings.Replace(meta("x", ""), "credibility: 2", "credibility: 7", 1) + doc,
			want:    "documents/x.yaml:12: grade credibility 7: want 1",
		},
		{
			name:    "metadata: unknown publisher kind",
			archive: settings + "-- documents/x.yaml --\n" + strings.Replace(meta("x", ""), "official", "blog", 1) + doc,
			want:    `documents/x.yaml:5: publisher_kind "blog": want one of official, ngo-research, media-advocacy`,
		},
		{
			name:    "metadata: bad id",
			archive: settings + "-- documents/x.yaml --\n" + meta("X_1", "") + doc,
			want:    `documents/x.yaml:1: id "X_1": use lower-case letters`,
		},
		{
			name:    "metadata: missing title",
			archive: settings + "-- documents/x.yaml --\n" + strings.Replace(meta("x", ""), "title: A test document\n", "", 1) + doc,
			want:    "documents/x.yaml: title is missing",
		},
		{
			name:    "text edited after it was recorded",
			archive: settings + "-- documents/x.yaml --\n" + strings.Replace(meta("x", ""), "SHA", strings.Repeat("0", 64), 1) + doc,
			want:    "documents/x.txt: text is not the verbatim text its metadata records",
		},
		{
			name:    "text without metadata",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "") + doc + "-- documents/y.txt --\nText.\n",
			want:    "documents/y.txt: no metadata beside it",
		},
		{
			name:    "metadata without text",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "") + doc + "-- documents/y.yaml --\n" + meta("y", ""),
			want:    "documents/y.yaml: no text beside it",
		},
		{
			name:    "duplicate id",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "") + doc + "-- documents/y.yaml --\n" + meta("x", "") + "-- documents/y.txt --\nOther.\n",
			want:    `documents/y.yaml: id "x" is already used by documents/x.yaml`,
		},
		{
			name:    "a drop rule that matches nothing",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "cleaning:\n  drop:\n    - line: Tell me more\n      why: banner\n") + doc,
			want:    `documents/x.yaml:16: cleaning rule matched nothing in documents/x.txt: no line reads "Tell me more"`,
		},
		{
			name:    "a block whose end is not found",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "cleaning:\n  drop:\n    - from: Some\n      to: Nowhere\n      why: banner\n") + doc,
			want:    `documents/x.yaml:17: cleaning rule matched nothing in documents/x.txt: no line after the one starting with "Some" starts with "Nowhere"`,
		},
		{
			name:    "a drop pattern that matches no line whole",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "cleaning:\n  drop:\n    - pattern: 'Some'\n      why: banner\n") + doc,
			want:    `documents/x.yaml:16: cleaning rule matched nothing in documents/x.txt: no line matches the pattern "Some" as a whole`,
		},
		{
			name:    "a drop pattern that is no regular expression",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "cleaning:\n  drop:\n    - why: page numbers\n      pattern: 'Page (\\d+'\n") + doc,
			want:    "documents/x.yaml:17: drop pattern \"Page (\\\\d+\" is not a regular expression (RE2 syntax): missing closing ): `Page (\\d+`",
		},
		{
			name:    "a drop rule with both line and pattern",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "cleaning:\n  drop:\n    - line: Some text.\n      pattern: Some.*\n      why: banner\n") + doc,
			want:    "documents/x.yaml:16: drop rule needs exactly one of line (a whole line), pattern",
		},
		{
			name:    "to without from",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "cleaning:\n  drop:\n    - line: Some text.\n      to: Nowhere\n      why: banner\n") + doc,
			want:    "documents/x.yaml:17: to ends a block that from starts: give from too",
		},
		{
			name:    "a drop rule without a reason",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "cleaning:\n  drop:\n    - line: Some text.\n") + doc,
			want:    "documents/x.yaml:16: drop rule needs why",
		},
		{
			name:    "Cyrillic text with no language declared",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "") + "-- documents/x.txt --\nSome text.\n\nМатериал доступен на русском языке\n",
			want:    "documents/x.txt:3: text in Cyrillic script, but other_languages",
		},
		{
			name:    "note without a title",
			archive: settings + "-- documents/x.yaml --\n" + meta("x", "") + doc + "-- notes/10-about.md --\nNo heading here.\n",
			want:    "notes/10-about.md:1: a note starts with a level-1 heading",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fixture(t, tt.archive, nil), Options{})
			if err == nil {
				t.Fatalf("Load succeeded; want an error with %q", tt.want)
			}
			var de *diag.Error
			if !errors.As(err, &de) {
				t.Errorf("error %T does not unwrap to *diag.Error", err)
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(line, tt.want) {
					return
				}
			}
			t.Errorf("error:\n%v\nwant a line starting %q", err, tt.want)
		})
	}
}

func TestLoadNamesPaths(t *testing.T) {
	_, err := Load(fixture(t, "-- dossier.yaml --\ntitle: T\n", nil), Options{Name: "my/sources"})
	if err == nil || !strings.Contains(err.Error(), "my/sources/dossier.yaml: cutoff is missing") {
		t.Errorf("got %v; want paths prefixed with the sources name", err)
	}
}
