package pdf

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"dossier/internal/link"
	"dossier/internal/source"
)

// raggedIn renders the dossier in the sources folder dir as the build
// does, and returns the last pass's doc: s.ragged counts the justified
// lines of its briefing, not the last of their paragraphs, that were
// drawn ragged (see justify), and s.raggedParas holds their paragraphs.
func raggedIn(t *testing.T, dir string) *doc {
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
	return s
}

// TestRaggedLines: in the briefings of the repository and of the dossiers
// under testdata, no paragraph has a line drawn ragged, short of the
// column's edge, where other breaks would justify every line: each such
// paragraph is broken again with no line allowed ragged (strictFit), and
// must fail. A line is drawn ragged only where justifying it would take
// gaps between words that text extraction reads as a column's edge
// (maxGap). go test -v shows how many there are.
func TestRaggedLines(t *testing.T) {
	if testing.Short() {
		t.Skip("renders three briefings")
	}
	t.Parallel()
	for _, dir := range []string{"../../../sources", "../../../testdata/fictional", "../../../testdata/scripts"} {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			s := raggedIn(t, dir)
			t.Logf("%s: %d ragged lines, in %d paragraphs", dir, s.ragged, len(s.raggedParas))
			s.strictFit, s.hyphenate = true, true
			for _, p := range s.raggedParas {
				if lines, ok := s.fitLines(p.runs, p.width); ok {
					var b strings.Builder
					for _, ln := range lines {
						b.WriteString("\n\t" + lineText(ln))
					}
					t.Errorf("a paragraph at %.1f mm has a line drawn ragged, where these breaks justify every line:%s", p.width, b.String())
				}
			}
		})
	}
}
