package build

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestPrevTree checks what linkIf relies on: the previous output's files
// are found, linked, read and removed by names relative to it, and no
// name leads out of it through a symbolic link, in a folder or in the
// file's own place.
func TestPrevTree(t *testing.T) {
	t.Parallel()
	out, outside := t.TempDir(), t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(out, "site", "sources", "a.html"), "page a")
	write(filepath.Join(outside, "b.html"), "not the build's")
	if err := os.MkdirAll(filepath.Join(out, stageDir, "site", "sources"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		filepath.Join(out, "site", "sources", "s.html"): filepath.Join(outside, "b.html"),
		filepath.Join(out, "site", "away"):              outside,
	} {
		if err := os.Symlink(target, link); err != nil {
			t.Skip("no symbolic links here:", err)
		}
	}
	p, err := openPrevTree(out)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()

	a, staged := filepath.Join("site", "sources", "a.html"), filepath.Join(stageDir, "site", "sources", "a.html")
	if n, regular, err := p.lstat(a); err != nil || !regular || n != int64(len("page a")) {
		t.Errorf("lstat(%s) = %d, %v, %v; want 6, true, nil", a, n, regular, err)
	}
	if err := p.link(a, staged); err != nil {
		t.Fatalf("link: %v", err)
	}
	f, err := p.open(staged)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil || string(data) != "page a" {
		t.Errorf("the link reads %q, %v; want %q", data, err, "page a")
	}
	if err := p.remove(staged); err != nil {
		t.Errorf("remove: %v", err)
	}
	if _, _, err := p.lstat(staged); err == nil {
		t.Errorf("%s is still there once removed", staged)
	}
	if _, err := os.Stat(filepath.Join(out, a)); err != nil {
		t.Errorf("removing the link removed the file: %v", err)
	}

	// A symbolic link in a file's place is not a regular file, and is
	// not read through.
	s := filepath.Join("site", "sources", "s.html")
	if _, regular, err := p.lstat(s); err != nil || regular {
		t.Errorf("lstat(%s) = regular %v, %v; want a file that is not regular", s, regular, err)
	}
	if f, err := p.open(s); err == nil {
		data, _ := io.ReadAll(f)
		f.Close()
		t.Errorf("open(%s) read %q, outside the output", s, data)
	}
	// A folder that leads outside is refused.
	away := filepath.Join("site", "away", "b.html")
	if _, _, err := p.lstat(away); err == nil {
		t.Errorf("lstat(%s) found a file outside the output", away)
	}
	if err := p.link(away, filepath.Join(stageDir, "site", "b.html")); err == nil {
		t.Errorf("link(%s) linked a file outside the output", away)
	}
	if f, err := p.open(away); err == nil {
		f.Close()
		t.Errorf("open(%s) opened a file outside the output", away)
	}
}
