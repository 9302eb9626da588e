package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"dossier/internal/diag"
)

// TestCheck runs dossier check on the fictional dossier, which is sound,
// and on a copy with two mistakes, in text and as JSON.
func TestCheck(t *testing.T) {
	t.Parallel()
	noEnv := func(string) string { return "" }
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--sources", fictional.sources}, &stdout, &stderr, noEnv); code != 0 || !strings.HasPrefix(stdout.String(), "ok: ") {
		t.Fatalf("check of the fictional dossier = %d:\n%s%s", code, stdout.String(), stderr.String())
	}

	src := filepath.Join(t.TempDir(), "sources")
	if err := os.CopyFS(src, os.DirFS(fictional.sources)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(src, "entities", "units.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), "to: vmpo\n", "to: vmop\n", 1)
	broken = strings.Replace(broken, "quote: The Cybercrime Unit includes a Digital Forensics Laboratory", "quote: The Cybercrime Unit includes a Digital Forensic Laboratory", 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	lineOf := func(s string) int { return 1 + strings.Count(broken[:strings.Index(broken, s)], "\n") }

	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"check", "--sources", src}, &stdout, &stderr, noEnv); code != 1 {
		t.Fatalf("check of a broken copy = %d, want 1", code)
	}
	for _, want := range []string{
		file + ":" + strconv.Itoa(lineOf("to: vmop")-1) + `: national-police part-of unknown entity "vmop"; did you mean "vmpo"?`,
		`(the source has "Forensics")`,
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("check printed:\n%s\nwant %q", stdout.String(), want)
		}
	}
	if !strings.Contains(stderr.String(), "2 problems") {
		t.Errorf("check's summary: %q", stderr.String())
	}

	stdout.Reset()
	if code := run([]string{"check", "--sources", src, "--json"}, &stdout, &stderr, noEnv); code != 1 {
		t.Fatalf("check --json of a broken copy = %d, want 1", code)
	}
	var got []diag.Entry
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("check --json printed no JSON array: %v\n%s", err, stdout.String())
	}
	if len(got) != 2 || got[0].File != file || got[0].Line == 0 || got[1].Line != lineOf("Digital Forensic Laboratory") {
		t.Errorf("check --json = %+v", got)
	}
}

// TestBuildErrorsAsCheck breaks a copy of the fictional dossier in the
// load stage and in the resolve stage: dossier build prints each problem
// as dossier check does, file:line: what is wrong on a line of its own
// (the first no different from the others), then the stage and the count.
func TestBuildErrorsAsCheck(t *testing.T) {
	t.Parallel()
	noEnv := func(string) string { return "" }
	tests := []struct {
		stage, file string
		edits       []string // old, new
		problems    int
	}{
		{"load", "documents/kestrel-institute-brief.yaml", []string{"reliability: C", "reliability: Q", "credibility: ", "credibility: 9 #"}, 2},
		{"resolve", "entities/units.yaml", []string{"to: vmpo\n", "to: vmop\n"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.stage, func(t *testing.T) {
			t.Parallel()
			src := fictionalSources(t)
			file := filepath.Join(src, filepath.FromSlash(tt.file))
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			broken := string(data)
			for i := 0; i < len(tt.edits); i += 2 {
				if !strings.Contains(broken, tt.edits[i]) {
					t.Fatalf("fixture: no %q in %s", tt.edits[i], tt.file)
				}
				broken = strings.Replace(broken, tt.edits[i], tt.edits[i+1], 1)
			}
			if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
				t.Fatal(err)
			}
			var checked, stdout, stderr bytes.Buffer
			if code := run([]string{"check", "--sources", src}, &checked, io.Discard, noEnv); code != 1 || strings.Count(checked.String(), "\n") != tt.problems {
				t.Fatalf("check = %d, printed:\n%s\nwant 1 and %d problems", code, checked.String(), tt.problems)
			}
			out := filepath.Join(t.TempDir(), "build")
			if code := run([]string{"build", "--sources", src, "--out", out}, &stdout, &stderr, noEnv); code != 1 {
				t.Fatalf("build of broken sources = %d, want 1", code)
			}
			want := checked.String() + fmt.Sprintf("dossier build: %s: %s\n", tt.stage, count(tt.problems, "problem", "problems"))
			if got := stderr.String(); got != want {
				t.Errorf("build printed:\n%s\nwant:\n%s", got, want)
			}
			if !strings.HasPrefix(stderr.String(), file+":") {
				t.Errorf("build's first line does not start with %s:", file)
			}
		})
	}
}

// TestCheckWarnings runs dossier check on testdata/scripts, whose one
// line of Arabic script the briefing cannot print: a warning, in text
// and in JSON, that does not fail the check.
func TestCheckWarnings(t *testing.T) {
	t.Parallel()
	noEnv := func(string) string { return "" }
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--sources", scripts.sources}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("check = %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	want := scripts.sources + "/notes/10-about.md:13: warning: the briefing cannot print U+062D"
	if !strings.Contains(stdout.String(), want) || !strings.Contains(stdout.String(), ", 1 warning; nothing written") {
		t.Errorf("check printed:\n%s\nwant %q and the count", stdout.String(), want)
	}
	stdout.Reset()
	if code := run([]string{"check", "--sources", scripts.sources, "--json"}, &stdout, &stderr, noEnv); code != 0 {
		t.Fatalf("check --json = %d", code)
	}
	var got []diag.Entry
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("check --json printed no JSON array: %v\n%s", err, stdout.String())
	}
	if len(got) != 1 || !got[0].Warning || got[0].Line != 13 {
		t.Errorf("check --json = %+v", got)
	}
	stdout.Reset()
	if code := run([]string{"check", "--sources", scripts.sources, "--strict"}, &stdout, &stderr, noEnv); code != 1 {
		t.Fatalf("check --strict = %d, want 1", code)
	}
	if want := scripts.sources + "/notes/10-about.md:13: the briefing cannot print U+062D"; !strings.Contains(stdout.String(), want) || !strings.Contains(stdout.String(), "(an error under --strict)") {
		t.Errorf("check --strict printed:\n%s", stdout.String())
	}
}
