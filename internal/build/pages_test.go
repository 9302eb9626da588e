package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dossier/internal/export"
)

// TestPagesKept: after a note's edit, a build with the cache keeps the
// pages of the sources and entities as the last build made them, without
// rendering them, and its outputs are those of a build from nothing, byte
// for byte. It keeps none when anything else changed, when the layouts
// are not the built-in ones, or when a kept page's file no longer holds
// what the last build wrote.
func TestPagesKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src, lay := filepath.Join(dir, "sources"), filepath.Join(dir, "layouts")
	if err := os.CopyFS(src, os.DirFS("../../testdata/fictional")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(lay, os.DirFS("../../layouts")); err != nil {
		t.Fatal(err)
	}
	cached, fresh := filepath.Join(dir, "cached"), filepath.Join(dir, "fresh")
	build := func(out string, keep bool) *Result {
		t.Helper()
		res, err := Run(Options{Sources: os.DirFS(src), SourcesName: "sources", SourcesDir: src,
			Layouts: os.DirFS(lay), Out: out, Built: built, Cache: keep})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	appendTo := func(name, text string) {
		t.Helper()
		f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
	}
	// check builds with the cache and from nothing, and compares them; it
	// returns the pages the cached build kept without rendering them.
	check := func(what string) int {
		t.Helper()
		res := build(cached, true)
		build(fresh, false)
		if diff := sameOutputs(t, cached, fresh); diff != "" {
			t.Fatalf("after %s, the build that kept pages differs from one from nothing: %s", what, diff)
		}
		return res.Spared
	}
	note := filepath.Join(src, "notes", "10-about.md")
	if n := check("the first build"); n != 0 {
		t.Fatalf("the first build kept %d pages", n)
	}

	// A note's edit that mentions an entity and cites a paragraph keeps
	// every source's and entity's page, the lists of them, and the data
	// exports but the edition's record.
	appendTo(note, "\nThe [[vmpo]] again ([[S:vmpo-annual-review#4]]).\n")
	entities, _ := filepath.Glob(filepath.Join(cached, "site", "entities", "*.html"))
	docs, _ := filepath.Glob(filepath.Join(cached, "site", "sources", "*.html"))
	lists, _ := filepath.Glob(filepath.Join(cached, "site", "entities*.html"))
	more, _ := filepath.Glob(filepath.Join(cached, "site", "sources-*.html"))
	lists = append(lists, more...)
	exports := len(export.Files())
	if got, want := check("a note's edit"), len(entities)+len(docs)+len(lists)+exports; got != want || len(entities) == 0 || len(docs) == 0 || len(lists) == 0 {
		t.Errorf("after a note's edit, %d pages kept, want %d (the sources' and the entities', the %d lists of them and the %d exports)", got, want, len(lists), exports)
	}

	// A kept page whose file was changed since is rendered again.
	page := docs[0]
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte(strings.Replace(string(data), "<main", "<main data-edited", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	appendTo(note, "\nMore.\n")
	if got, want := check("a page edited in the output, and a note"), len(entities)+len(docs)+len(lists)+exports-1; got != want {
		t.Errorf("with a kept page edited in the output, %d pages kept, want %d", got, want)
	}

	// A note added: every page's menu counts the notes.
	if err := os.WriteFile(filepath.Join(src, "notes", "20-more.md"), []byte("# More\n\nSee [[S:vmpo-annual-review#4]].\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n := check("a note added"); n != 0 {
		t.Errorf("after a note was added, %d pages kept", n)
	}

	// Anything but a note changed: nothing is kept.
	appendTo(filepath.Join(src, "dossier.yaml"), "\n# a comment\n")
	if n := check("the settings' edit"); n != 0 {
		t.Errorf("after the settings changed, %d pages kept", n)
	}

	// Layouts of one's own: nothing is kept, whatever changed.
	appendTo(filepath.Join(lay, "base.html"), "\n{{/* a comment */}}\n")
	check("the layouts' edit")
	appendTo(note, "\nAgain.\n")
	if n := check("a note's edit with other layouts"); n != 0 {
		t.Errorf("with layouts other than the built-in ones, %d pages kept", n)
	}
}
