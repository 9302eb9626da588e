package pdf

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/go-pdf/fpdf"

	"dossier/internal/figure"
	"dossier/internal/fonts"
	"dossier/internal/highlight"
	"dossier/internal/model"
	"dossier/internal/wording"
)

// Options configures Render.
type Options struct {
	Highlighter *highlight.Highlighter // colours code blocks in notes; required
	// Figures are the organisation charts and the route diagram, laid out
	// by package figure with FigureOptions (the build shares them with the
	// HTML renderer, so that both draw one layout); nil lays them out in
	// the same way first.
	Figures *figure.Set
	// Wording is the text of chapter introductions, captions and keys,
	// shared with the site (see package wording); required.
	Wording *wording.Set
	// Unprintable, when set, is called once, before Render returns, with
	// every character the briefing has but cannot print (see
	// Unprintable), in order; it is not called when there is none. Such a
	// character is drawn as U+FFFD.
	Unprintable func([]Unprintable)
	// Runs, when set, keeps the runs of pages that read nothing of the
	// notes (the annexes) across builds: a build copies a run from the
	// record an earlier one stored rather than lay it out and draw it
	// again. It must give back a record only to a build whose inputs, but
	// for the texts of the notes, are those of the build that stored it
	// (see RunStore). Records are stored when the briefing is written
	// (Briefing.Bytes, Briefing.WriteTo).
	Runs RunStore
}

// Unprintable is a character the briefing cannot print, and why: no
// embedded face has it, its script needs shaping fpdf cannot do, or fpdf
// cannot encode it (fonts.Lacks).
type Unprintable struct {
	Char rune
	Why  string
}

// maxPasses bounds the passes Render makes for the page numbers of the
// contents to settle. Two or three are enough: the contents are drawn with a
// number column of fixed width, so a change in the numbers never changes
// their length.
const maxPasses = 6

// Render writes the briefing for d to w. It returns an error naming the
// part that failed (the cover, the contents, a note, a source) if fpdf
// fails or a code block cannot be highlighted; nothing is written to w
// then. Render only reads d.
func Render(w io.Writer, d *model.Dossier, opts Options) error {
	return render(w, d, opts, (*doc).chapters)
}

// render is Render with the list of chapter writers as a parameter, so that
// tests can add a failing one.
func render(w io.Writer, d *model.Dossier, opts Options, chapters func(*doc) []chapter) error {
	b, err := settleBriefing(context.Background(), d, opts, chapters)
	if err != nil {
		return err
	}
	data, err := b.Bytes() // all of it, or nothing written
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	return nil
}

// Briefing is a briefing laid out and drawn (see Settle), which writing
// only closes: fpdf then writes the objects that end the document.
type Briefing struct {
	f    *fpdf.Fpdf
	runs *runs // the runs drawn, to store once the document is written
}

// Settle lays out and draws the briefing for d, for Bytes or WriteTo to
// write. It reports what cannot be printed to opts.Unprintable, and fails
// as Render does.
func Settle(d *model.Dossier, opts Options) (*Briefing, error) {
	return SettleContext(context.Background(), d, opts)
}

// Warm reads, once per process, what every briefing in lang (BCP 47, ""
// for English) reads first: the faces, as the PDF embeds and measures
// them, and the hyphenation patterns. It is for a build that has a core to
// spare before the briefing is laid out (while the sources are resolved),
// so that the briefing finds them read; without it, the briefing reads
// them itself.
func Warm(lang string) {
	for _, f := range fonts.Faces() {
		parsedFace(f)
	}
	fonts.Sans()
	hyphenators(lang)
}

// SettleContext is Settle that stops when ctx is done, between one part of
// the briefing (a note, a source, the index) and the next, and returns
// ctx's error: dossier serve stops rendering a briefing that a newer build
// has made out of date.
func SettleContext(ctx context.Context, d *model.Dossier, opts Options) (*Briefing, error) {
	return settleBriefing(ctx, d, opts, (*doc).chapters)
}

// settleBriefing is SettleContext with the list of chapter writers as a
// parameter.
func settleBriefing(ctx context.Context, d *model.Dossier, opts Options, chapters func(*doc) []chapter) (*Briefing, error) {
	s, err := settle(ctx, d, opts, chapters)
	if err != nil {
		return nil, err
	}
	s.lines = nil // the passes are over: let their lines go before fpdf writes
	if opts.Unprintable != nil && len(s.missing) > 0 {
		var list []Unprintable
		for _, r := range slices.Sorted(maps.Keys(s.missing)) {
			list = append(list, Unprintable{Char: r, Why: fonts.Lacks(r)})
		}
		opts.Unprintable(list)
	}
	f, ok := s.f.(*fpdf.Fpdf)
	if !ok {
		return nil, errors.New("the pass written out was a dry one")
	}
	return &Briefing{f: f, runs: s.runs}, nil
}

// Bytes closes the briefing and returns it: the bytes fpdf made, not a
// copy. On an error, it returns none.
func (b *Briefing) Bytes() ([]byte, error) {
	// fpdf keeps what it has even when closing the document fails: close
	// it first, and check.
	b.f.Close()
	if err := b.f.Error(); err != nil {
		return nil, fmt.Errorf("writing the PDF: %w", err)
	}
	b.runs.keep()
	return b.f.Bytes(), nil
}

// WriteTo closes the briefing, writing it to w as fpdf makes it, so that
// the whole document is never in memory at once (the compressed pages
// are). On an error, w may hold part of the briefing: write it where a
// failed build leaves nothing (see package build).
func (b *Briefing) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	if err := b.f.OutputStream(cw); err != nil {
		return cw.n, fmt.Errorf("writing the PDF: %w", err)
	}
	b.runs.keep()
	return cw.n, nil
}

// countWriter counts what it passes on to w.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// settle makes passes until two agree on where every heading lands and
// returns the last, ready to be written out.
//
// Only that last pass needs to draw: the passes before it draw on a
// dryCanvas, which only keeps what layout reads back, and all passes share
// their line breaks (lineCache). A pass is drawn for real when the one
// before it predicts that it is the last (see predictsFixed); if a dry pass
// turns out to be the last, it is made again for real. Either way the pass
// written out is the one the plain sequence of passes would write, and
// its bytes are the same. Meanwhile, other cores break the lines of the
// sources' texts for them (lineCache.prefetch).
func settle(ctx context.Context, d *model.Dossier, opts Options, chapters func(*doc) []chapter) (*doc, error) {
	return settleWith(ctx, d, opts, chapters, prefetchMin)
}

// settleWith is settle with the least number of paragraphs for which the
// sources' lines are prefetched, so that tests can have them prefetched
// in a small dossier.
func settleWith(ctx context.Context, d *model.Dossier, opts Options, chapters func(*doc) []chapter, minPrefetch int) (*doc, error) {
	if d == nil {
		return nil, errors.New("no dossier to render")
	}
	if opts.Highlighter == nil {
		return nil, errors.New("no highlighter in the options")
	}
	if err := checkWording(opts.Wording); err != nil {
		return nil, err
	}
	figs := opts.Figures
	if figs == nil {
		var err error
		if figs, err = layoutFigures(d); err != nil {
			return nil, err
		}
	}
	lc := newLineCache()
	rs := &runs{store: opts.Runs}
	if rs.store != nil {
		sum := opts.Wording.Digest()
		rs.words = hex.EncodeToString(sum[:])
	}
	if rs.lookup(runSources) == nil {
		// The sources' texts will be laid out, not copied: have their
		// lines broken on the other cores.
		stop := lc.prefetch(d, minPrefetch, func() (*doc, error) { return newDoc(d, opts, plan{}, figs, true, nil) })
		defer stop()
	}
	var (
		p    plan
		last *doc
	)
	for i := 0; i < maxPasses; i++ {
		real := i > 0 && last.predictsFixed(p)
		s, err := pass(ctx, d, opts, p, figs, chapters, !real, lc, rs)
		if err != nil {
			return nil, err
		}
		got := s.result()
		if i > 0 && got.equal(p) {
			if real {
				return s, nil
			}
			// A dry pass confirmed the plan: draw it.
			if s, err = pass(ctx, d, opts, p, figs, chapters, false, lc, rs); err != nil {
				return nil, err
			}
			if !s.result().equal(p) {
				return nil, errors.New("the pass written out laid the document out unlike the dry pass before it")
			}
			return s, nil
		}
		if i == 0 {
			got = s.predict(got)
		}
		p, last = got, s
	}
	return nil, fmt.Errorf("the page numbers of the contents did not settle after %d passes", maxPasses)
}

// predict returns the plan the pass after s will probably learn, given p,
// which s learned: the first pass has no entries to list in the contents,
// so it gives them the pages of an empty list, and every page after them
// moves by the pages the list will take instead. With that plan, the
// second pass is likely the last, and is drawn (see predictsFixed); if it
// is not, the passes go on from what it learned.
func (s *doc) predict(p plan) plan {
	n := s.tocHeight(p.entries, s.listed(p.entries))
	shift := n - p.tocPages
	if shift == 0 || p.tocPages == 0 {
		return p
	}
	end := s.tocStart + p.tocPages // the first page after the contents
	q := plan{entries: slices.Clone(p.entries), tocPages: n, pages: p.pages + shift, balance: p.balance}
	for i := range q.entries {
		if q.entries[i].Page >= end {
			q.entries[i].Page += shift
		}
	}
	return q
}

// predictsFixed reports whether a pass with plan p, which s learned, will
// probably learn p again: the contents it lists will take the pages that
// s gave them, so nothing after them moves. It is only a guess, used to
// draw that pass for real; settle checks it.
func (s *doc) predictsFixed(p plan) bool {
	return p.tocPages > 0 && s.tocHeight(p.entries, s.listed(p.entries)) == p.tocPages
}

// pass lays out the whole briefing once, with what the previous pass
// learned, and checks fpdf's sticky error after every part, and ctx before
// each. A dry pass draws nothing (see dryCanvas).
//
// A run of chapters (chapter.run) whose record rs has is copied from it
// instead (replayRun), when it starts from the state it was recorded in; in
// the pass written out, each run drawn is recorded for rs's store.
func pass(ctx context.Context, d *model.Dossier, opts Options, p plan, figs *figure.Set, chapters func(*doc) []chapter, dry bool, lc *lineCache, rs *runs) (*doc, error) {
	s, err := newDoc(d, opts, p, figs, dry, lc)
	if err != nil {
		return nil, err
	}
	s.runs = rs
	if rs != nil && !dry {
		rs.made = nil // recorded by a pass drawn before, not written out
	}
	s.noteAnchors()
	cs := chapters(s)
	for i := 0; i < len(cs); i++ {
		c := cs[i]
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if c.run != "" && (i == 0 || cs[i-1].run != c.run) {
			end := i + 1 // the chapter after the run
			for end < len(cs) && cs[end].run == c.run {
				end++
			}
			// A run starts on a page of its own (chapterStart): what
			// waits to be drawn goes before it, and columns end.
			s.keepWith(0)
			s.endColumns()
			name := c.run
			if c.runKey != nil {
				name += "/" + c.runKey()
			}
			r := rs.lookup(name)
			if r == nil && dry && c.runKey != nil {
				r = rs.lookup(dryRun(name))
			}
			if r != nil && s.replayRun(r) {
				s.inAnnex = cs[end-1].annex
				if err := s.f.Error(); err != nil {
					return nil, fmt.Errorf("%s, copied from the last build: %w", c.name, err)
				}
				i = end - 1
				continue
			}
			s.startRun(name, c.runKey != nil)
		}
		s.inAnnex = c.annex
		if err := c.write(); err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		if err := s.f.Error(); err != nil {
			return nil, fmt.Errorf("%s: %w", c.name, err)
		}
		if i+1 == len(cs) || cs[i+1].run != c.run {
			s.endRun()
		}
	}
	s.endBody() // before the last page's footer, which closing draws
	return s, nil
}
