package corpus

import (
	"bytes"
	"testing"
	"time"

	"dossier/internal/link"
	"dossier/internal/source"
)

// TestCorpusIsAValidDossier loads and resolves a small corpus: every quote
// is found, every reference resolves, and each entity is mentioned.
func TestCorpusIsAValidDossier(t *testing.T) {
	c := New(30)
	d, err := source.Load(c.FS(), source.Options{Name: "sources", Built: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	if len(d.Documents) != 30 || len(d.Entities) != 15 || len(d.Notes) != 3 {
		t.Errorf("got %d documents, %d entities, %d notes; want 30, 15, 3", len(d.Documents), len(d.Entities), len(d.Notes))
	}
	code := 0
	for _, n := range d.Notes {
		if bytes.Contains(n.Source, []byte("```go")) {
			code++
		}
	}
	if code == 0 {
		t.Error("no note has a Go code block")
	}
}

func TestCorpusIsDeterministic(t *testing.T) {
	a, b := New(25), New(25)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	for name, data := range a.Markdown() {
		if !bytes.Equal(data, b.Markdown()[name]) {
			t.Errorf("markdown %s differs between two runs", name)
		}
	}
}
