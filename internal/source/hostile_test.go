package source

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// minimal is a sources folder that loads, to which each case below adds
// or changes one file.
const minimal = settings + "-- documents/x.yaml --\n" + "META" + "-- documents/x.txt --\nSome text.\n"

func minimalFS(t *testing.T) fstest.MapFS {
	t.Helper()
	return fixture(t, strings.Replace(minimal, "META", meta("x", ""), 1), nil)
}

func link(target string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
}

// TestHostileInput checks that links out of the sources, control
// characters, other encodings, and oversized files and lines are refused
// with file:line and a message that quotes no more than a short excerpt.
func TestHostileInput(t *testing.T) {
	const shadow = "root:*:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\nbin:*:20228:0:99999:7:::\nsys:*:20228:0:99999:7:::\nsync:*:20228:0:99999:7:::\ngames:*:20228:0:99999:7:::\nman:*:20228:0:99999:7:::\nlp:*:20228:0:99999:7:::\n"
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		limits Limits
		want   string // a line of the error, as a prefix
		not    string // text the error must not hold
	}{
		{"linked text", func(m fstest.MapFS) { m["documents/x.txt"] = link("/etc/passwd") },
			Limits{}, `documents/x.txt: is a symbolic link (it points to /etc/passwd)`, ""},
		{"linked metadata", func(m fstest.MapFS) { m["documents/x.yaml"] = link("../../secret.yaml") },
			Limits{}, `documents/x.yaml: is a symbolic link`, ""},
		{"linked settings", func(m fstest.MapFS) { m["dossier.yaml"] = link("/etc/shadow") },
			Limits{}, `dossier.yaml: is a symbolic link`, ""},
		{"linked note", func(m fstest.MapFS) { m["notes/10-a.md"] = link("/etc/hostname") },
			Limits{}, `notes/10-a.md: is a symbolic link`, ""},
		{"linked entity file", func(m fstest.MapFS) { m["entities/a.yaml"] = link("/etc/passwd") },
			Limits{}, `entities/a.yaml: is a symbolic link`, ""},
		{"linked folder", func(m fstest.MapFS) {
			m["notes"] = link("elsewhere")
			m["elsewhere/10-a.md"] = &fstest.MapFile{Data: []byte("# A\n")}
		}, Limits{}, `notes/10-a.md: is a symbolic link (the folder notes points to elsewhere)`, ""},
		{"settings from another file", func(m fstest.MapFS) {
			m["dossier.yaml"] = &fstest.MapFile{Data: []byte("title: T\ncutoff: 2026-01-31\n" + shadow)}
		},
			Limits{}, `dossier.yaml: 3 more problems like these`, "lp:*"},
		{"long unknown key", func(m fstest.MapFS) {
			m["dossier.yaml"] = &fstest.MapFile{Data: []byte("title: T\ncutoff: 2026-01-31\n" + strings.Repeat("k", 500) + ": 1\n")}
		}, Limits{}, `dossier.yaml:3: unknown key "kkkk`, strings.Repeat("k", 41)},
		{"NUL in settings", func(m fstest.MapFS) {
			m["dossier.yaml"] = &fstest.MapFile{Data: []byte("title: T\ncutoff: 2026-01-31\nsubtitle: a\x00b\n")}
		},
			Limits{}, `dossier.yaml:3: holds a NUL byte`, ""},
		{"UTF-16 metadata", func(m fstest.MapFS) { m["documents/x.yaml"] = &fstest.MapFile{Data: utf16le(meta("x", ""))} },
			Limits{}, `documents/x.yaml:1: is UTF-16`, ""},
		{"UTF-16 without a mark", func(m fstest.MapFS) { m["documents/x.yaml"] = &fstest.MapFile{Data: utf16le(meta("x", ""))[2:]} },
			Limits{}, `documents/x.yaml:1: holds NUL bytes throughout`, ""},
		{"escape in a text", func(m fstest.MapFS) { setText(m, "Some text.\nMore \x1b[31mred\n") },
			Limits{}, `documents/x.txt:2: holds the control character U+001B`, ""},
		{"escape in a note", func(m fstest.MapFS) { m["notes/10-a.md"] = &fstest.MapFile{Data: []byte("# A\n\nx\x07y\n")} },
			Limits{}, `notes/10-a.md:3: holds the control character U+0007`, ""},
		{"file too large", func(m fstest.MapFS) { setText(m, strings.Repeat("Some text.\n", 200)) },
			Limits{FileSize: 1000}, `documents/x.txt: is 2200 bytes, more than the 1000`, ""},
		{"line too long", func(m fstest.MapFS) { setText(m, "Some text.\n"+strings.Repeat("word ", 100)+"\n") },
			Limits{LineLength: 100}, `documents/x.txt:2: a line of 500 bytes, more than the 100 a line may have: a verbatim text stays as captured, so if it is right, raise the limit with --max-line-length`, ""},
		{"note line too long", func(m fstest.MapFS) {
			m["notes/10-a.md"] = &fstest.MapFile{Data: []byte("# A\n\n```\n" + strings.Repeat("x", 300) + "\n```\n")}
		}, Limits{LineLength: 100}, `notes/10-a.md:4: a line of 300 bytes, more than the 100 a line may have: break it`, ""},
		{"control character in a file name", func(m fstest.MapFS) { m["notes/10-a\nb.md"] = &fstest.MapFile{Data: []byte("# A\n")} },
			Limits{}, `"notes/10-a\nb.md": file name gives the id`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := minimalFS(t)
			tt.change(m)
			_, err := Load(m, Options{Limits: tt.limits})
			if err == nil {
				t.Fatalf("loaded; want %s", tt.want)
			}
			found := false
			for _, line := range strings.Split(err.Error(), "\n") {
				if strings.HasPrefix(line, tt.want) {
					found = true
				}
			}
			if !found {
				t.Errorf("error:\n%v\nwant a line starting %q", err, tt.want)
			}
			if tt.not != "" && strings.Contains(err.Error(), tt.not) {
				t.Errorf("error quotes %q:\n%v", tt.not, err)
			}
		})
	}
}

// setText replaces the text of documents/x.txt and its recorded digest.
func setText(m fstest.MapFS, text string) {
	old := m["documents/x.yaml"].Data
	m2 := fixtureDigest(string(old), m["documents/x.txt"].Data, []byte(text))
	m["documents/x.txt"] = &fstest.MapFile{Data: []byte(text)}
	m["documents/x.yaml"] = &fstest.MapFile{Data: []byte(m2)}
}

func utf16le(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// TestTolerantInput checks what is accepted as it is meant: a byte-order
// mark, CRLF and lone CR line ends.
func TestTolerantInput(t *testing.T) {
	tests := []struct {
		name      string
		note      string
		wantTitle string
	}{
		{"BOM", "\uFEFF# About this\n\nText.\n", "About this"},
		{"lone CR", "# About this\r\rText.\r", "About this"},
		{"CRLF", "# About this\r\n\r\nText.\r\n", "About this"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := minimalFS(t)
			m["notes/10-a.md"] = &fstest.MapFile{Data: []byte(tt.note)}
			m["dossier.yaml"] = &fstest.MapFile{Data: []byte("\uFEFFtitle: T\r\rcutoff: 2026-01-31\r")}
			d, err := Load(m, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Notes[0].Title; got != tt.wantTitle {
				t.Errorf("title %q, want %q", got, tt.wantTitle)
			}
		})
	}
	t.Run("lone CR in a text", func(t *testing.T) {
		m := minimalFS(t)
		setText(m, "First paragraph.\r\rSecond paragraph.\r")
		d, err := Load(m, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if n := d.Documents[0].Paragraphs(); n != 2 {
			t.Errorf("%d paragraphs, want 2", n)
		}
	})
}

// fixtureDigest returns the metadata meta with the digest of old replaced
// by that of text.
func fixtureDigest(meta string, old, text []byte) string {
	o, n := sha256.Sum256(old), sha256.Sum256(text)
	return strings.ReplaceAll(meta, hex.EncodeToString(o[:]), hex.EncodeToString(n[:]))
}

// TestEntityLimit checks that the entity count is bounded.
func TestEntityLimit(t *testing.T) {
	m := minimalFS(t)
	var b strings.Builder
	for i := range 4 {
		fmt.Fprintf(&b, "- id: e%d\n  name: E%d\n  kind: place\n", i, i)
	}
	m["entities/a.yaml"] = &fstest.MapFile{Data: []byte(b.String())}
	_, err := Load(m, Options{Limits: Limits{Entities: 3}})
	if err == nil || !strings.Contains(err.Error(), "entities/a.yaml:10: more than 3 entities") {
		t.Errorf("error %v, want entities/a.yaml:10: more than 3 entities", err)
	}
	if _, err := Load(m, Options{Limits: Limits{Entities: 4}}); err != nil {
		t.Errorf("4 entities under a limit of 4: %v", err)
	}
}

// TestNotePolicy checks that a note's remote image and raw HTML are
// reported at their line, and that a remote link and a local image are
// not.
func TestNotePolicy(t *testing.T) {
	tests := []struct {
		name, note, want string
	}{
		{"remote image", "# A\n\nSee ![x](http://127.0.0.1:8765/track.png) here.\n", `notes/10-a.md:3: the image "http://127.0.0.1:8765/track.png" is on the network`},
		{"protocol-relative image", "# A\n\nText.\n\n![x](//example.org/t.png)\n", `notes/10-a.md:5: the image "//example.org/t.png" is on the network`},
		{"data image", "# A\n\n![x](data:image/png;base64,AAAA)\n", `notes/10-a.md:3: the image "data:image/png;base64,AAAA" is on the network`},
		{"inline HTML", "# A\n\nSome <b>bold</b> text.\n", `notes/10-a.md:3: raw HTML "<b>" is not published`},
		{"HTML block", "# A\n\nText.\n\n<div>\nhidden\n</div>\n", `notes/10-a.md:5: a block of raw HTML is not published`},
		{"long address", "# A\n\nSee [x](https://example.org/" + strings.Repeat("a", 3000) + ").\n", `notes/10-a.md:3: a link address of 3020 bytes`},
		{"deep list", "# A\n\n" + deepList(12), `notes/10-a.md:11: lists and quotes nested 9 deep, more than 8`},
		{"list 8 deep", "# A\n\n" + deepList(8), ""},
		{"remote link", "# A\n\nSee [the site](https://example.org/).\n", ""},
		{"escaped HTML", "# A\n\nSome \\<b> text.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := minimalFS(t)
			m["notes/10-a.md"] = &fstest.MapFile{Data: []byte(tt.note)}
			_, err := Load(m, Options{})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Errorf("error %v\nwant %s", err, tt.want)
			}
		})
	}
}

// deepList is a list nested n deep.
func deepList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}
