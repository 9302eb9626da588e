package pdf

import (
	"context"
	"os"
	"testing"
	"time"

	"dossier/internal/link"
	"dossier/internal/source"
)

// raggedIn renders the dossier in the sources folder dir and returns how
// many justified lines of its briefing, not the last of their paragraphs,
// were drawn ragged: too loose to justify without gaps that text
// extraction reads as a column's edge (see justify and maxGap).
func raggedIn(t *testing.T, dir string) int {
	t.Helper()
	d, err := source.Load(os.DirFS(dir), source.Options{Name: dir, Built: time.Unix(1700000000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if err := link.Resolve(d); err != nil {
		t.Fatal(err)
	}
	s, err := settle(context.Background(), d, optionsFor(t, d), (*doc).chapters)
	if err != nil {
		t.Fatal(err)
	}
	return s.ragged
}

// TestRaggedLines counts the justified lines left ragged in the briefings
// of the repository and of the dossiers under testdata (go test -v shows
// the counts).
func TestRaggedLines(t *testing.T) {
	if testing.Short() {
		t.Skip("renders three briefings")
	}
	t.Parallel()
	for _, dir := range []string{"../../../sources", "../../../testdata/fictional", "../../../testdata/scripts"} {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			t.Logf("%s: %d ragged lines", dir, raggedIn(t, dir))
		})
	}
}
