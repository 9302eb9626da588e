package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dossier/internal/testutil"
)

// TestWorkFoldersAreNotFollowed puts a link in place of each of the
// build's work folders, pointing at a folder outside the output: the
// build refuses it, and neither the folder outside nor the output changes.
func TestWorkFoldersAreNotFollowed(t *testing.T) {
	for _, dir := range []string{stageDir, oldDir, trashDir} {
		t.Run(dir, func(t *testing.T) {
			out, _ := writePrevious(t)
			outside := filepath.Join(t.TempDir(), "outside")
			if err := os.MkdirAll(filepath.Join(outside, "site"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(outside, "site", "precious.txt"), []byte("keep me"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(outside, filepath.Join(out, dir)); err != nil {
				t.Fatal(err)
			}
			before, beforeOutside := tree(t, out), tree(t, outside)
			err := write(out, next())
			if err == nil || !strings.Contains(err.Error(), "symbolic link") {
				t.Errorf("write: %v, want an error naming the symbolic link", err)
			}
			sameTree(t, "output", before, tree(t, out))
			sameTree(t, "folder outside the output", beforeOutside, tree(t, outside))
		})
	}
}

// TestReadOnlyPreviousOutput builds over an output with a read-only
// folder: the build succeeds and leaves no work folder behind, so that
// the next build succeeds too.
func TestReadOnlyPreviousOutput(t *testing.T) {
	if runAsNobody(t) {
		return // root may remove files from a read-only folder
	}
	out, _ := writePrevious(t)
	ro := filepath.Join(out, "site", "sources")
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		filepath.WalkDir(out, func(p string, _ os.DirEntry, _ error) error { os.Chmod(p, 0o755); return nil })
	})
	for i := range 2 {
		if err := write(out, next()); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		for _, dir := range []string{stageDir, oldDir, trashDir} {
			if _, err := os.Lstat(filepath.Join(out, dir)); err == nil {
				t.Errorf("build %d left %s behind", i+1, dir)
			}
		}
	}
}

// TestLock takes the lock of an output folder twice: the second waits,
// saying which process holds it, until the first lets go. The first made
// the folder and removes it as it lets go, since nothing was written
// there: the second makes it again, and removes it in its turn.
func TestLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "build")
	unlock, err := Lock(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	var log testutil.SyncBuffer
	got := make(chan error)
	go func() {
		u, err := Lock(out, &log)
		if err == nil {
			u()
		}
		got <- err
	}()
	select {
	case err := <-got:
		t.Fatalf("second lock taken while the first is held (%v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	want := fmt.Sprintf("another build (process %d) is writing into %s", os.Getpid(), out)
	if !strings.Contains(log.String(), want) {
		t.Errorf("log %q, want it to say %q", log.String(), want)
	}
	unlock()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("second lock not taken after the first was released")
	}
	if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the locks left %s, which they made, behind (%v)", out, err)
	}
}

// TestCheckComplete checks that an output is one build's: the site and
// the briefing of one build pass; the briefing of another build (other
// sources) beside the site, or a site without its id, do not.
func TestCheckComplete(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if err := run(t, a, nil); err != nil {
		t.Fatal(err)
	}
	if err := run(t, b, map[string]string{"notes/10-about.md": "# About\n\nOther words, [[S:doc#1]].\n"}); err != nil {
		t.Fatal(err)
	}
	if err := CheckComplete(a); err != nil {
		t.Errorf("one build: %v", err)
	}
	pdf, err := os.ReadFile(filepath.Join(b, PDFFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(a, PDFFile), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CheckComplete(a); err == nil || !strings.Contains(err.Error(), "different builds") {
		t.Errorf("the briefing of another build: %v, want different builds", err)
	}
	os.Remove(filepath.Join(b, SiteDir, BuildIDFile))
	if err := CheckComplete(b); err == nil || !strings.Contains(err.Error(), "not written by a complete build") {
		t.Errorf("no build id: %v", err)
	}
}
