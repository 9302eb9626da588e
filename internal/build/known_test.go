package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"dossier/internal/cache"
)

// TestKnownDocuments: a build with the cache keeps what loading made of
// each document, and the next takes it; a document whose metadata changed
// is loaded again, and the outputs are those of a build without the cache
// each time.
func TestKnownDocuments(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	src := filepath.Join(dir, "sources")
	if err := os.CopyFS(src, os.DirFS("../../testdata/fictional")); err != nil {
		t.Fatal(err)
	}
	layouts := os.DirFS("../../layouts")
	build := func(out string, keep bool) {
		t.Helper()
		if _, err := Run(Options{Sources: os.DirFS(src), SourcesName: "sources", Layouts: layouts, Out: out, Built: built, Cache: keep}); err != nil {
			t.Fatal(err)
		}
	}
	cached, fresh := filepath.Join(dir, "cached"), filepath.Join(dir, "fresh")
	build(cached, true)
	store := func() []byte {
		t.Helper()
		c := cache.Open(filepath.Join(cached, cache.Dir), mustProgram(t))
		data, ok := c.Get((&knownStore{c: c, kind: knownKind}).key())
		if !ok {
			t.Fatal("the cache keeps no documents")
		}
		return data
	}
	first := store()

	meta := filepath.Join(src, "documents", "vmpo-annual-review.yaml")
	data, err := os.ReadFile(meta)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(data, []byte("title: "), []byte("title: Edited, "), 1)
	if bytes.Equal(edited, data) {
		t.Fatal("no title: in the metadata")
	}
	if err := os.WriteFile(meta, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	build(cached, true)
	build(fresh, false)
	if diff := sameOutputs(t, cached, fresh); diff != "" {
		t.Fatalf("after a document's title changed, the build with the cache differs from one without: %s", diff)
	}
	if bytes.Equal(store(), first) {
		t.Error("the document edited was not kept again")
	}
}

// mustProgram returns the digest of the test binary, as Run keys its cache.
func mustProgram(t *testing.T) [32]byte {
	t.Helper()
	p, err := cache.ProgramDigest()
	if err != nil {
		t.Fatal(err)
	}
	return p
}
