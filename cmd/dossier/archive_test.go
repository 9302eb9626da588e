package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestArchiveUsage(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		args []string
		code int
		out  string // in stdout or stderr
	}{
		{[]string{"help"}, 0, "dossier verify ARCHIVE"},
		{[]string{"archive", "--format", "rar"}, 2, `archive format "rar": want tar.gz or zip`},
		{[]string{"archive", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"archive", "--out", empty}, 1, "dossier: no build output to archive in " + empty + " (run dossier build first)"},
		{[]string{"verify"}, 2, "usage: dossier verify ARCHIVE"},
		{[]string{"verify", "a", "b"}, 2, "usage: dossier verify ARCHIVE"},
		{[]string{"verify", filepath.Join(empty, "none.tar.gz")}, 1, "dossier: open " + filepath.Join(empty, "none.tar.gz")},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr, func(string) string { return "" })
		if code != tt.code || !strings.Contains(stdout.String()+stderr.String(), tt.out) {
			t.Errorf("run(%q) = %d, output:\n%s%s\nwant %d and %q", tt.args, code, stdout.String(), stderr.String(), tt.code, tt.out)
		}
	}
}

// archiveTop is the top directory of the archive of the fictional
// dossier's build, named by the cut-off date of its settings.
func archiveTop(t *testing.T) string {
	t.Helper()
	return "dossier-" + fictional.load(t).Settings.Cutoff.String()
}

// TestArchive builds the fictional dossier, archives it, verifies the
// archive with dossier verify and, after extracting it with the system tar,
// with coreutils sha256sum; then tampers with it and expects verify to fail
// naming each file.
func TestArchive(t *testing.T) {
	t.Parallel()
	needTools(t, "tar", "sha256sum")
	out := fictional.copy(t)
	built := hashTree(t, out)
	top := archiveTop(t)
	archive := filepath.Join(out, top+".tar.gz")

	stdout, stderr, code := runDossier(t, "archive", "--sources", fictional.sources, "--out", out)
	if code != 0 || !strings.Contains(stdout, "wrote "+archive) {
		t.Fatalf("dossier archive exited %d:\n%s%s\nwant it to write %s", code, stdout, stderr, archive)
	}
	first, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(out, ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}

	stdout, stderr, code = runDossier(t, "verify", archive)
	if want := fmt.Sprintf("ok: %d files verified\n", files(built)); code != 0 || stdout != want {
		t.Errorf("dossier verify exited %d, printed %q%s; want %q", code, stdout, stderr, want)
	}

	// Archiving the same build again gives the same bytes.
	if _, stderr, code := runDossier(t, "archive", "--sources", fictional.sources, "--out", out); code != 0 {
		t.Fatalf("second dossier archive exited %d: %s", code, stderr)
	}
	if second, err := os.ReadFile(archive); err != nil || !bytes.Equal(first, second) {
		t.Errorf("two archives of one build differ (%v)", err)
	}

	// An archivist without dossier: tar and sha256sum.
	dir := t.TempDir()
	tool(t, "tar", "-xzf", archive, "-C", dir)
	sha256sumCheck(t, filepath.Join(dir, top), true)
	extracted := hashTree(t, filepath.Join(dir, top))
	delete(extracted, "SHA256SUMS")
	if diff := cmp.Diff(built, extracted); diff != "" {
		t.Errorf("the extracted archive differs from the build (-built +extracted):\n%s", diff)
	}

	// Tamper: change one file, remove another, add a third; pack again.
	changed, removed, added := "site/index.html", "briefing.pdf", "site/extra.html"
	page := filepath.Join(dir, top, filepath.FromSlash(changed))
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, bytes.Replace(data, []byte("<title>"), []byte("<title>Edited "), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, top, removed)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, top, filepath.FromSlash(added)), []byte("<p>new</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	sha256sumCheck(t, filepath.Join(dir, top), false)
	tampered := filepath.Join(t.TempDir(), "tampered.tar.gz")
	tool(t, "tar", "-czf", tampered, "-C", dir, top)
	stdout, stderr, code = runDossier(t, "verify", tampered)
	if code != 1 {
		t.Errorf("dossier verify of a tampered archive exited %d; want 1", code)
	}
	for _, want := range []string{
		"dossier: " + tampered + ": 3 problems",
		changed + ": changed",
		removed + ": missing",
		added + ": added",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("dossier verify stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stdout, "ok:") {
		t.Errorf("dossier verify printed %q for a tampered archive", stdout)
	}
}

// sha256sumCheck runs sha256sum -c SHA256SUMS in dir, wanting it to pass or
// to fail.
func sha256sumCheck(t *testing.T, dir string, pass bool) {
	t.Helper()
	cmd := exec.Command("sha256sum", "--check", "--strict", "SHA256SUMS")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if (err == nil) != pass {
		t.Errorf("sha256sum -c SHA256SUMS in %s: %v; want it to pass: %v\n%s", dir, err, pass, out)
	}
}

// TestArchiveZip archives one build as a zip and verifies it.
func TestArchiveZip(t *testing.T) {
	t.Parallel()
	out := fictional.copy(t)
	n := files(hashTree(t, out))
	stdout, stderr, code := runDossier(t, "archive", "--sources", fictional.sources, "--out", out, "--format", "zip")
	archive := filepath.Join(out, archiveTop(t)+".zip")
	if code != 0 || !strings.Contains(stdout, archive) {
		t.Fatalf("dossier archive --format zip exited %d:\n%s%s\nwant it to write %s", code, stdout, stderr, archive)
	}
	stdout, stderr, code = runDossier(t, "verify", archive)
	if want := fmt.Sprintf("ok: %d files verified\n", n); code != 0 || stdout != want {
		t.Errorf("dossier verify exited %d, printed %q%s; want %q", code, stdout, stderr, want)
	}
	// A rebuild replaces site/ and briefing.pdf, and leaves the archive.
	if _, stderr, code := runDossier(t, "build", "--sources", fictional.sources, "--out", out); code != 0 {
		t.Fatalf("rebuild exited %d: %s", code, stderr)
	}
	if _, err := os.Stat(archive); err != nil {
		t.Errorf("the archive did not survive a rebuild: %v", err)
	}
}
