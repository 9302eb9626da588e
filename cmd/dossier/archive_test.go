package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
// dossier's build, named by the cut-off date and the edition of its
// settings.
func archiveTop(t *testing.T) string {
	t.Helper()
	settings := fictional.load(t).Settings
	if settings.Edition != "2" {
		t.Fatalf("fixture: the fictional dossier is edition %q, want 2", settings.Edition)
	}
	return "dossier-" + settings.Cutoff.String() + "-edition-2"
}

func TestArchiveName(t *testing.T) {
	tests := []struct{ edition, want string }{
		{"", "dossier-2026-10-01"},
		{"2", "dossier-2026-10-01-edition-2"},
		{"2b", "dossier-2026-10-01-edition-2b"},
		{"Second (revised)", "dossier-2026-10-01-edition-second-revised"},
		{"../../etc/x", "dossier-2026-10-01-edition-etc-x"},
		{"3/\x00\n.tar.gz", "dossier-2026-10-01-edition-3-tar-gz"},
		{"Второе", "dossier-2026-10-01-edition-второе"},
		{"—", "dossier-2026-10-01-edition-e28094"},
		{strings.Repeat("9", 100), "dossier-2026-10-01-edition-" + strings.Repeat("9", 32)},
	}
	for _, tt := range tests {
		if got := archiveName("2026-10-01", tt.edition); got != tt.want {
			t.Errorf("archiveName(%q) = %q, want %q", tt.edition, got, tt.want)
		}
	}
}

// TestArchiveEditions archives two editions with one cut-off date: each
// has an archive of its own. An archive of the same name that holds
// something else (without an edition, a later build) is kept, and the
// command fails saying which file and what to do; an identical one is
// left as it is; --force replaces it.
func TestArchiveEditions(t *testing.T) {
	t.Parallel()
	out := fictional.copy(t)
	src := fictionalSources(t)
	settings := filepath.Join(src, "dossier.yaml")
	data, err := os.ReadFile(settings)
	if err != nil {
		t.Fatal(err)
	}
	setEdition := func(line string) {
		t.Helper()
		edited := strings.Replace(string(data), "edition: \"2\"\n", line, 1)
		if edited == string(data) && line != "edition: \"2\"\n" {
			t.Fatal("fixture: no edition line in the settings")
		}
		if err := os.WriteFile(settings, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	noEnv := func(string) string { return "" }
	archive := func(extra ...string) (code int, stdout, stderr string) {
		t.Helper()
		var o, e bytes.Buffer
		code = run(append([]string{"archive", "--sources", src, "--out", out}, extra...), &o, &e, noEnv)
		return code, o.String(), e.String()
	}
	read := func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cutoff := fictional.load(t).Settings.Cutoff.String()
	first, second, bare := "dossier-"+cutoff+"-edition-1.tar.gz", "dossier-"+cutoff+"-edition-2.tar.gz", "dossier-"+cutoff+".tar.gz"

	setEdition("edition: \"1\"\n")
	if code, stdout, stderr := archive(); code != 0 || stdout != "wrote "+filepath.Join(out, first)+"\n" {
		t.Fatalf("archive of edition 1 = %d: %s%s", code, stdout, stderr)
	}
	edition1 := read(first)
	setEdition("edition: \"2\"\n")
	if code, stdout, stderr := archive(); code != 0 || stdout != "wrote "+filepath.Join(out, second)+"\n" {
		t.Fatalf("archive of edition 2 = %d: %s%s", code, stdout, stderr)
	}
	if !bytes.Equal(read(first), edition1) {
		t.Error("archiving edition 2 changed edition 1's archive")
	}

	// Without an edition, the name is the cut-off date's alone.
	setEdition("")
	if code, stdout, stderr := archive(); code != 0 || stdout != "wrote "+filepath.Join(out, bare)+"\n" {
		t.Fatalf("archive without an edition = %d: %s%s", code, stdout, stderr)
	}
	before := read(bare)
	// The same build again: the same bytes, left as they are.
	if code, stdout, stderr := archive(); code != 0 || !strings.Contains(stdout, filepath.Join(out, bare)+" is there already, the same to the byte") {
		t.Errorf("archive of the same build again = %d: %s%s", code, stdout, stderr)
	}
	// A later build (its briefing written later) makes another archive
	// under the same name: refused, the archive there kept.
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(out, "briefing.pdf"), later, later); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := archive()
	if code != 1 || stdout != "" {
		t.Errorf("archive over another archive = %d, printed %q; want 1 and nothing", code, stdout)
	}
	for _, want := range []string{
		"dossier: archive: " + filepath.Join(out, bare) + " exists already and holds another archive than this build's",
		"nothing was written",
		"number this edition with edition: in " + settings,
		"dossier archive --force",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("archive over another archive printed:\n%s\nwant %q", stderr, want)
		}
	}
	if !bytes.Equal(read(bare), before) {
		t.Error("the archive there was changed")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(out, ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
	// --force replaces it, with flags after the others as anywhere.
	if code, stdout, stderr := archive("--force"); code != 0 || !strings.HasPrefix(stdout, "wrote ") {
		t.Errorf("archive --force = %d: %s%s", code, stdout, stderr)
	}
	if bytes.Equal(read(bare), before) {
		t.Error("archive --force left the archive there as it was")
	}
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
