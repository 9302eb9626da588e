package pdf

import (
	"bytes"
	"testing"

	"dossier/internal/model"
)

// renderPlain renders d as Render did before passes shared their lines and
// drew on dry canvases: every pass drawn with fpdf, every line broken anew.
func renderPlain(t *testing.T, d *model.Dossier, opts Options) []byte {
	t.Helper()
	figs, err := layoutFigures(d)
	if err != nil {
		t.Fatal(err)
	}
	var p plan
	for i := 0; i < maxPasses; i++ {
		s, err := pass(t.Context(), d, opts, p, figs, (*doc).chapters, false, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := s.result()
		if i > 0 && got.equal(p) {
			var buf bytes.Buffer
			if err := s.f.Output(&buf); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
		p = got
	}
	t.Fatal("the plain passes did not settle")
	return nil
}

// TestPassesShareLines checks that the briefing is the same, byte for
// byte, whether its passes draw on fpdf and break every line themselves
// or draw dry and share their lines (see lineCache), the sources' lines broken by a prefetch worker beside
// them (with -race, a check of the two).
func TestPassesShareLines(t *testing.T) {
	t.Parallel()
	d := withEntities(t, testDossier(t))
	opts := optionsFor(t, d)
	s, err := settleWith(t.Context(), d, opts, (*doc).chapters, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := s.f.Output(&got); err != nil {
		t.Fatal(err)
	}
	want := renderPlain(t, d, opts)
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("the passes wrote %d bytes, the plain passes %d, and they differ", got.Len(), len(want))
	}
}

// TestPrefetchIsUsed checks that the lines prefetch breaks are those the
// passes ask for: the source texts' paragraphs and list items.
func TestPrefetchIsUsed(t *testing.T) {
	t.Parallel()
	d := testDossier(t)
	d.Settings.PageSize = model.Letter // a width that is not a round number
	opts := optionsFor(t, d)
	lc := newLineCache()
	w, err := newDoc(d, opts, plan{}, nil, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := prefetcher{c: lc, w: w}
	for _, src := range d.Documents {
		p.source(src, func() bool { return false })
	}
	n := len(lc.entries)
	if n == 0 {
		t.Fatal("prefetch broke no lines")
	}
	if _, err := pass(t.Context(), d, opts, plan{}, nil, (*doc).chapters, true, lc, nil); err != nil {
		t.Fatal(err)
	}
	unused := 0
	for _, e := range lc.entries {
		if e.prefetched && !e.used {
			unused++
		}
	}
	if unused > 0 {
		t.Errorf("%d of the %d paragraphs prefetch broke were not asked for", unused, n)
	}
}

// TestWriteToIsBytes checks that a briefing streamed as fpdf makes it
// (Briefing.WriteTo, which the build uses) has the bytes of one held whole
// (Briefing.Bytes, which Render uses), written in pieces: a generated
// briefing of more than a megabyte, which fpdf writes out a megabyte at a
// time.
func TestWriteToIsBytes(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("renders a briefing of 80 sources twice")
	}
	d := scaleDossier(t, 80)
	opts := optionsFor(t, d)
	a, err := Settle(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	want, err := a.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	b, err := Settle(d, opts)
	if err != nil {
		t.Fatal(err)
	}
	w := &pieceWriter{}
	n, err := b.WriteTo(w)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.buf.Bytes(); !bytes.Equal(got, want) || n != int64(len(want)) {
		t.Fatalf("WriteTo wrote %d bytes (reported %d), Bytes gave %d, and they differ", len(got), n, len(want))
	}
	if w.writes < 2 {
		t.Errorf("WriteTo wrote %d bytes in %d call(s): it did not stream", len(want), w.writes)
	}
}

// pieceWriter counts the writes it is given.
type pieceWriter struct {
	buf    bytes.Buffer
	writes int
}

func (w *pieceWriter) Write(p []byte) (int, error) {
	w.writes++
	return w.buf.Write(p)
}

// TestPredict checks that the plan the first pass hands on, moved by the
// pages the contents will take (doc.predict), is the plan the second pass
// learns: that is what lets the second pass be drawn and be the last. The
// generated dossier's contents take more than the one page the first pass
// gives them, and no more than the two they may (with more sources, their
// texts leave the contents, which take one page again).
func TestPredict(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("lays out a briefing of 40 sources twice")
	}
	d := scaleDossier(t, 40)
	opts := optionsFor(t, d)
	figs, err := layoutFigures(d)
	if err != nil {
		t.Fatal(err)
	}
	first, err := pass(t.Context(), d, opts, plan{}, figs, (*doc).chapters, true, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	learned := first.result()
	predicted := first.predict(learned)
	if predicted.tocPages == learned.tocPages {
		t.Fatalf("the contents take %d page(s) in the first pass and in the prediction: the dossier does not test a prediction", learned.tocPages)
	}
	second, err := pass(t.Context(), d, opts, learned, figs, (*doc).chapters, true, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := second.result(); !predicted.equal(got) {
		t.Errorf("predicted %d contents pages and %d in all; the second pass took %d and %d, or moved a heading elsewhere",
			predicted.tocPages, predicted.pages, got.tocPages, got.pages)
	}
}
