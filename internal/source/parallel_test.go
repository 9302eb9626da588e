package source

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/model"
	"dossier/internal/testutil"
)

// TestLoadParallelIsSerial loads sources in several scripts with one
// goroutine and with several: the documents and the places of their
// characters (Dossier.Chars, which keeps the first places found, in the
// order of the files) are the same. Not parallel: it sets GOMAXPROCS.
func TestLoadParallelIsSerial(t *testing.T) {
	archive := testutil.Settings
	for i := range 12 {
		id := fmt.Sprintf("doc-%02d", i+1)
		archive += "-- documents/" + id + ".yaml --\n" + testutil.MetaRef(id, fmt.Sprintf("S%d", i+1), "")
		// The same letters on a line of each document; more documents
		// than Chars keeps places for.
		archive += "-- documents/" + id + ".txt --\n" + strings.Repeat("A plain line.\n", i%3) + "שלום and 東京 in document " + id + ".\n"
	}
	fsys := testutil.Fixture(t, archive, nil)
	load := func(procs int) *model.Dossier {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		d, err := Load(fsys, Options{Name: "sources", Built: time.Unix(0, 0)})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	serial, parallel := load(1), load(4)
	if len(serial.Chars['ש']) == 0 {
		t.Fatal("no places of ש indexed")
	}
	if diff := cmp.Diff(serial.Chars, parallel.Chars); diff != "" {
		t.Errorf("Chars differ (-serial +parallel):\n%s", diff)
	}
	if len(serial.Documents) != len(parallel.Documents) {
		t.Fatalf("%d documents, then %d", len(serial.Documents), len(parallel.Documents))
	}
	for i, doc := range serial.Documents {
		if p := parallel.Documents[i]; p.ID != doc.ID || p.Paragraphs() != doc.Paragraphs() {
			t.Errorf("document %d: %s (%d paragraphs), then %s (%d)", i, doc.ID, doc.Paragraphs(), p.ID, p.Paragraphs())
		}
	}
}
