// Package build is the last stage of the pipeline and the one that runs the
// others: it loads the sources, resolves citations and cross-references,
// renders the site and the briefing into a staging directory, and swaps the
// result into the output directory only when every stage has succeeded. A
// failed build leaves the previous output as it was, even when it fails
// while swapping, and no output directory where there was none; a build
// killed midway leaves what the next build needs to put the previous
// output back before it starts. Nothing is written outside
// the output directory: every output name is checked to stay inside it.
package build

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"dossier/internal/cache"
	"dossier/internal/diag"
	"dossier/internal/export"
	"dossier/internal/figure"
	"dossier/internal/highlight"
	"dossier/internal/link"
	"dossier/internal/model"
	"dossier/internal/output"
	htmlrender "dossier/internal/render/html"
	pdfrender "dossier/internal/render/pdf"
	"dossier/internal/source"
	"dossier/internal/wording"
)

// The outputs a build writes inside the output directory.
const (
	SiteDir  = "site"
	PDFFile  = "briefing.pdf"
	stageDir = ".staging"
	oldDir   = ".previous"
	trashDir = ".discard"
)

// Options configures Run. Sources and Layouts are read through fs.FS so that
// tests can build from memory; Out is a real directory.
type Options struct {
	Sources     fs.FS         // the sources directory
	SourcesName string        // how to name it in messages, e.g. "sources"
	Layouts     fs.FS         // templates and stylesheet
	Out         string        // output directory; created if missing
	Built       time.Time     // the build time recorded in the outputs
	Verbose     bool          // report what cleaning dropped, and each output
	Log         io.Writer     // where progress and the verbose report go; nil for none
	BaseURL     string        // where the site is published; overrides base_url of the settings when set
	Limits      source.Limits // bounds on what is read; zero for the defaults
	// Previous is the previous edition's build folder or archive, whose
	// data the build compares with this one's for a "Changes since" section;
	// it overrides previous in the settings. "" for none.
	Previous string
	// SourcesDir is the sources folder on disk, against which previous in
	// the settings is read; "" reads it against the working directory.
	SourcesDir string
	// Cache keeps a cache in Out/.cache (package cache): a build whose
	// inputs and outputs are as the last build left them does nothing,
	// and a build reuses what earlier builds made of unchanged inputs.
	Cache bool
	// BuiltNow says that Built is the clock's time, not one fixed by
	// SOURCE_DATE_EPOCH: a build that would change nothing else keeps the
	// outputs, and the time, of the build that made them.
	BuiltNow bool
	// Strict makes a warning (a character the briefing cannot print) an
	// error: the build fails and writes nothing.
	Strict bool
}

// Result tells what a build produced.
type Result struct {
	Dossier *model.Dossier // nil when UpToDate
	Files   []string       // the outputs, relative to Out, sorted
	// Unchanged counts the Files the last build into Out wrote with the
	// same bytes, which this one kept as they were (see stage.link).
	Unchanged int
	// Spared counts the pages of Unchanged kept without being rendered
	// again, as their inputs had not changed (see pageKeeper).
	Spared int
	// Warnings are the problems that did not stop the build, also
	// written to Options.Log as they came.
	Warnings []diag.Entry
	// UpToDate says that the outputs were those of the same inputs
	// already (see Options.Cache), and the build wrote nothing; Warnings
	// are then those of the build that wrote them.
	UpToDate bool
	// The dossier's title and how many sources and notes it has.
	Title          string
	Sources, Notes int
}

// Run builds the dossier. Errors name the stage that failed and, for
// problems in the sources, the file and line.
func Run(opts Options) (_ *Result, err error) {
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	// The output folder is locked for the whole build, so that two builds
	// into it run one after the other and its outputs are one build's.
	unlock, err := Lock(opts.Out, logw)
	if err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	defer unlock()
	// A failed build leaves the output folder as it was. One that held
	// nothing but the lock when the build took it (a folder the lock
	// made, say) is left empty again, without the cache the build may
	// have started; the lock then removes a folder it made.
	if onlyLock(opts.Out) {
		defer func() {
			if err != nil {
				removeAll(filepath.Join(opts.Out, cache.Dir))
			}
		}()
	}
	in := digestAll(opts)
	inputs := in.all // for the build id and the fingerprint
	var fp string
	var store *cache.Cache // nil without opts.Cache: it keeps nothing
	var last *stamp        // the record of the last build into opts.Out, read once; nil without opts.Cache
	var program [sha256.Size]byte
	if opts.Cache {
		program, err = cache.ProgramDigest()
		if err != nil {
			return nil, fmt.Errorf("cache: reading the program: %w", err)
		}
		store = cache.Open(filepath.Join(opts.Out, cache.Dir), program)
		fp = fingerprint(opts, inputs, program)
		last, _ = readStamp(opts.Out)
		if upToDate(opts.Out, fp, last) {
			// The outputs have the problems the warnings of the build
			// that made them tell of: under Strict, they fail this one.
			if opts.Strict && len(last.Warnings) > 0 {
				return nil, fmt.Errorf("strict: %w", Strict(last.Warnings))
			}
			res := &Result{Files: slices.Sorted(maps.Keys(last.Outputs)), UpToDate: true, Title: last.Title, Sources: last.Sources, Notes: last.Notes, Warnings: last.Warnings}
			for _, w := range last.Warnings {
				fmt.Fprintln(logw, w)
			}
			if opts.Verbose {
				// What cleaning dropped is reported as ever.
				if _, err := load(opts, in, Kept{}, false); err != nil {
					return nil, err
				}
				fmt.Fprintf(logw, "%s is up to date: nothing has changed since the build that wrote it\n", opts.Out)
			}
			return res, nil
		}
	}
	var k Kept
	ks, ms := openKnown(store, knownKind), openKnown(store, resolvedKind) // nil without the cache
	if store != nil {
		k = Kept{Docs: ks, Resolved: ms}
	}
	d, err := load(opts, in, k, true)
	if err != nil {
		return nil, err
	}
	// What loading and resolving made is kept now, not when the build is
	// done, so that its bytes are not held while the outputs are rendered.
	ks.save()
	ms.save()
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	hl.Keep(store)
	p, err := Prepare(d, opts.Layouts, hl)
	if err != nil {
		return nil, err
	}
	// Each file goes into the staging folder as it is rendered, so that
	// memory holds a few pages at a time, not the site; the staged
	// outputs are swapped in only when every one is written.
	st, err := writer{rename: os.Rename}.begin(opts.Out)
	if err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	defer st.abort()
	if err := st.keepUnchanged(); err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	var keeper *pageKeeper
	if opts.Cache {
		st.trust(last)
		if keeper, err = newPageKeeper(opts, d, in, program, last, st, store); err != nil {
			return nil, fmt.Errorf("cache: %w", err)
		}
		if keeper != nil {
			p.keep, p.parts = keeper.keep, keeper
		}
		runs, err := newRunStore(store, opts, d, in, program)
		if err != nil {
			return nil, fmt.Errorf("cache: %w", err)
		}
		p.runs = runs
	}
	warnings, err := p.render(st)
	if err != nil {
		return nil, err
	}
	if opts.Strict && len(warnings) > 0 {
		return nil, fmt.Errorf("strict: %w", Strict(warnings))
	}
	for _, w := range warnings {
		fmt.Fprintln(logw, w)
	}
	// The outputs are about to change: the record of the last build goes
	// first, so that a build cut short is never taken for it.
	if err := forgetStamp(opts.Out); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	if err := st.commit(); err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	res := &Result{Dossier: d, Files: st.Names(), Unchanged: st.kept, Spared: st.spared, Warnings: warnings, Title: d.Settings.Title, Sources: len(d.Documents), Notes: len(d.Notes)}
	if opts.Cache {
		// What this build did not use, no build of the same inputs will;
		// but one that kept pages without rendering them did not use
		// what they show, and keeps everything.
		kinds := []string{runsKind, knownKind, resolvedKind} // each run's record, the documents and what resolving found were read or written
		if keeper != nil {
			kinds = append(kinds, partsKind) // and every part of a page
		}
		if st.spared == 0 {
			kinds = append(kinds, highlight.CacheKind)
		}
		if err := store.Prune(kinds...); err != nil {
			fmt.Fprintf(logw, "dossier: %v\n", err)
		}
		var pages map[string]string
		if keeper != nil {
			pages = keeper.keys
		}
		if err := saveStamp(opts.Out, fp, res, st.sums, st.sigs, pages, previousPath(d, opts)); err != nil {
			fmt.Fprintf(logw, "dossier: the build is done, but recording it for the next one failed (the next build will build again): %v\n", err)
		}
	}
	if opts.Verbose {
		for _, f := range res.Files {
			fmt.Fprintf(logw, "wrote %s\n", filepath.Join(opts.Out, f))
		}
	}
	return res, nil
}

// onlyLock reports whether the output folder out holds nothing but the
// lock file.
func onlyLock(out string) bool {
	entries, err := os.ReadDir(out)
	return err == nil && len(entries) == 1 && entries[0].Name() == lockFile
}

// Load runs the stages every output needs: it loads the sources of opts,
// applies its base URL and resolves the dossier. With opts.Verbose it
// reports what cleaning dropped to opts.Log.
func Load(opts Options) (*model.Dossier, error) {
	return load(opts, digestAll(opts), Kept{}, false)
}

// Kept is what loading and resolving keep across builds, or across a
// process's loads (LoadSite): what loading made of each document, and
// what resolving found in it. A nil field keeps nothing.
type Kept struct {
	Docs     source.Known
	Resolved link.Known
}

// load is Load with the digest of the inputs of opts already made, and
// what earlier builds kept. With render, the dossier is to be rendered:
// the briefing's faces and hyphenation patterns are read (pdfrender.Warm)
// on another core while it is resolved, which keeps one busy for most of
// its time.
func load(opts Options, in inputDigests, k Kept, render bool) (*model.Dossier, error) {
	inputs := in.all
	lo := source.Options{Name: opts.SourcesName, Built: opts.Built, Limits: opts.Limits}
	if k.Docs != nil {
		lo.Known = k.Docs
		lo.Digest = func(name string) ([sha256.Size]byte, bool) { sum, ok := in.files[name]; return sum, ok }
	}
	d, err := source.Load(opts.Sources, lo)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if opts.BaseURL != "" {
		u, err := model.ParseBaseURL(opts.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("base URL: %w", err)
		}
		d.Settings.BaseURL = u
	}
	if opts.Verbose && opts.Log != nil {
		ReportDropped(opts.Log, d, opts.SourcesName)
	}
	if render {
		go pdfrender.Warm(d.Settings.Language)
	}
	d.BuildID = buildID(opts, inputs)
	if err := link.ResolveWith(d, link.Options{Known: k.Resolved}); err != nil {
		return nil, fmt.Errorf("resolve: %w", err)
	}
	if err := compare(d, opts); err != nil {
		return nil, err
	}
	return d, nil
}

// compare gives d the changes since the previous edition, when opts or the
// settings name one.
func compare(d *model.Dossier, opts Options) error {
	prev := previousPath(d, opts)
	if prev == "" {
		return nil
	}
	old, err := export.ReadEdition(prev)
	if err != nil {
		if opts.Previous == "" {
			return fmt.Errorf("previous edition: %w", diag.Errorf(d.Settings.Path, d.Settings.PreviousLine, "previous: %w", err))
		}
		return fmt.Errorf("previous edition: %w", err)
	}
	now := export.EditionOf(d)
	d.Changes = &model.Changes{Since: old.Name()}
	for _, g := range export.Diff(old, now).Groups() {
		d.Changes.Groups = append(d.Changes.Groups, model.ChangeGroup{Title: g.Title, Lines: g.Lines})
	}
	for _, r := range export.ChangedCitations(old, d) {
		d.Warnings = append(d.Warnings, diag.Entry{File: r.File, Line: r.Line, Warning: true,
			Message: fmt.Sprintf("[[S:%s#%d]]: %s ¶%d reads otherwise than in %s, and may no longer say what this refers to (renumbered, or recaptured or cleaned otherwise); it now reads %s",
				r.Doc.ID, r.Block.Number, r.Doc.Ref, r.Block.Number, old.Name(), strconv.Quote(source.Excerpt(r.Block.Text)))})
	}
	return nil
}

// previousPath is the previous edition opts or the settings of d name,
// "" for none.
func previousPath(d *model.Dossier, opts Options) string {
	if opts.Previous == "" && d.Settings.Previous != "" {
		return filepath.Join(opts.SourcesDir, filepath.FromSlash(d.Settings.Previous))
	}
	return opts.Previous
}

// Render runs the render stages for d and returns every output file in
// memory, named relative to the output directory, and the warnings of the
// briefing (see Prepared.PDF).
func Render(d *model.Dossier, layouts fs.FS) (*output.Mem, []diag.Entry, error) {
	p, err := Prepare(d, layouts, nil)
	if err != nil {
		return nil, nil, err
	}
	files := &output.Mem{}
	warnings, err := p.render(files)
	if err != nil {
		return nil, nil, err
	}
	return files, warnings, nil
}

// render writes every output of p through files: the site, the briefing
// and the build id, and returns the briefing's warnings. The briefing is
// laid out, drawn and written on a goroutine of its own while the site is
// rendered, since neither waits for the other: files is written from both,
// one write at a time unless it is a streamer, which takes writes side by
// side. Into a staging folder (a streamer), the briefing is written as
// fpdf makes it, so that it is never whole in memory.
func (p *Prepared) render(files output.Writer) ([]diag.Entry, error) {
	if _, ok := files.(streamer); !ok {
		files = &lockedWriter{w: files}
	}
	type pdfResult struct {
		warnings []diag.Entry
		err      error
	}
	pdfc := make(chan pdfResult, 1)
	go func() {
		// The briefing is written as soon as it is made, while the site
		// may still be rendering, and its pages are let go.
		b, warnings, err := p.briefing(context.Background())
		if err == nil {
			if err = writeBriefing(files, b); err != nil {
				err = fmt.Errorf("render pdf: %w", err)
			}
		}
		pdfc <- pdfResult{warnings, err}
	}()
	siteErr := p.Site(files)
	pdf := <-pdfc // wait even when the site failed: no render outlives the build
	if siteErr != nil {
		return nil, siteErr
	}
	if pdf.err != nil {
		return nil, pdf.err
	}
	if p.d.BuildID != "" {
		if err := files.WriteFile(SiteDir+"/"+BuildIDFile, []byte(p.d.BuildID+"\n")); err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
	}
	return pdf.warnings, nil
}

// Prepared is a resolved dossier with what both renderers share: its
// figures, laid out once, the wording of the layouts, and the highlighter.
// Site and PDF may be called in either order, and concurrently.
type Prepared struct {
	d       *model.Dossier
	layouts fs.FS
	hl      *highlight.Highlighter
	figs    *figure.Set
	words   *wording.Set
	keep    func(name string) bool // htmlrender.Options.Keep, and export.Write's keep; nil keeps no file
	parts   htmlrender.PartStore   // htmlrender.Options.Parts; nil keeps no part
	runs    pdfrender.RunStore     // pdfrender.Options.Runs; nil keeps no run of pages
}

// Prepare lays out the figures of d and loads the wording of layouts. hl
// is the highlighter to use, nil for a new one; a long-lived one (as
// dossier serve keeps) lexes each distinct code block once across builds.
func Prepare(d *model.Dossier, layouts fs.FS, hl *highlight.Highlighter) (*Prepared, error) {
	if hl == nil {
		var err error
		if hl, err = highlight.New(highlight.DefaultStyle); err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
	}
	// Every figure (organisation charts, route diagram) is laid out once,
	// its text measured in the fonts the briefing embeds, to fit the
	// briefing's pages; both renderers draw that one layout.
	m, err := pdfrender.Measurer()
	if err != nil {
		return nil, fmt.Errorf("lay out figures: %w", err)
	}
	figs, err := figure.Layout(d, pdfrender.FigureOptions(d.Settings, m))
	if err != nil {
		return nil, fmt.Errorf("lay out figures: %w", err)
	}
	// The wording both outputs share, from the layouts.
	words, err := wording.Load(layouts, d)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return &Prepared{d: d, layouts: layouts, hl: hl, figs: figs, words: words}, nil
}

// Dossier returns the dossier p renders.
func (p *Prepared) Dossier() *model.Dossier { return p.d }

// Site renders the site into files, under SiteDir, with the dossier's
// data exports (package export) beside its pages.
func (p *Prepared) Site(files output.Writer) error {
	var data []htmlrender.DataFile
	for _, f := range export.Files() {
		data = append(data, htmlrender.DataFile{Name: f.Name, Label: f.Label, Format: f.Format})
	}
	if err := htmlrender.Render(p.d, files, htmlrender.Options{Layouts: p.layouts, Highlighter: p.hl, Figures: p.figs, Wording: p.words, Data: data, Keep: p.keep, Parts: p.parts}); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	if err := export.Write(files, p.d, p.keep); err != nil {
		return err
	}
	return nil
}

// PDF renders the briefing. With it come warnings (diag.Entry.Warning),
// one for each line of the sources holding characters the briefing cannot
// print (a script without an embedded face or that needs shaping, an
// emoji), which it shows as U+FFFD.
func (p *Prepared) PDF() (pdf []byte, warnings []diag.Entry, err error) {
	return p.PDFContext(context.Background())
}

// PDFContext is PDF that stops when ctx is done (see
// pdfrender.SettleContext) and then returns ctx's error.
func (p *Prepared) PDFContext(ctx context.Context) (pdf []byte, warnings []diag.Entry, err error) {
	b, warnings, err := p.briefing(ctx)
	if err != nil {
		return nil, nil, err
	}
	if pdf, err = b.Bytes(); err != nil {
		return nil, nil, fmt.Errorf("render pdf: %w", err)
	}
	return pdf, warnings, nil
}

// briefing lays out and draws the briefing, for PDF or writeBriefing to
// write, with its warnings (see PDF), unless ctx is done first.
func (p *Prepared) briefing(ctx context.Context) (b *pdfrender.Briefing, warnings []diag.Entry, err error) {
	opts := pdfrender.Options{Highlighter: p.hl, Figures: p.figs, Wording: p.words, Runs: p.runs,
		Unprintable: func(list []pdfrender.Unprintable) { warnings = unprintableWarnings(p.d, list) }}
	if b, err = pdfrender.SettleContext(ctx, p.d, opts); err != nil {
		return nil, nil, fmt.Errorf("render pdf: %w", err)
	}
	// The warnings of the stages before come first.
	return b, append(slices.Clone(p.d.Warnings), warnings...), nil
}

// streamer is an output.Writer that can also take a file as it is made
// (the staging folder: see stage.Create), and whose writes are safe for
// concurrent use.
type streamer interface {
	output.Writer
	Create(name string) (io.WriteCloser, error)
}

// lockedWriter is an output.Writer that takes one write at a time.
type lockedWriter struct {
	mu sync.Mutex
	w  output.Writer
}

func (l *lockedWriter) WriteFile(name string, data []byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.WriteFile(name, data)
}

// writeBriefing writes b as PDFFile through files: streamed, when files
// can take it so, or whole.
func writeBriefing(files output.Writer, b *pdfrender.Briefing) error {
	s, ok := files.(streamer)
	if !ok {
		data, err := b.Bytes()
		if err != nil {
			return err
		}
		return files.WriteFile(PDFFile, data)
	}
	w, err := s.Create(PDFFile)
	if err != nil {
		return err
	}
	if _, err := b.WriteTo(w); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// ReportDropped writes, for every document, each piece of text that
// cleaning dropped: where, what, and by which rule. sources names the
// sources folder as the user gave it, so that each place reads
// sources/documents/NAME.txt:LINE.
func ReportDropped(w io.Writer, d *model.Dossier, sources string) {
	for _, doc := range d.Documents {
		for _, dr := range doc.Dropped {
			lines := fmt.Sprint(dr.Line)
			if dr.EndLine > dr.Line {
				lines = fmt.Sprintf("%d-%d", dr.Line, dr.EndLine)
			}
			fmt.Fprintf(w, "%s:%s: dropped %q (rule %s: %s)\n", path.Join(filepath.ToSlash(sources), doc.TextPath), lines, dr.Text, dr.Rule, dr.Why)
		}
	}
}

// write puts files into out: first into a staging directory inside out,
// then each top-level output (site/, briefing.pdf) is swapped in, the
// previous one set aside in oldDir. If a swap fails, the swaps done are
// undone, so that out holds the previous output again; the previous output
// is removed only when every new one is in place. A build killed while
// swapping leaves oldDir behind, and the next write first puts what it
// holds back; files other than the outputs (an archive, say) are left
// alone. Run does the same with files written as they are rendered
// (writer.begin, stage.commit).
func write(out string, files *output.Mem) error {
	return writer{rename: os.Rename}.write(out, files)
}

// writer holds the file system call that swaps outputs in, so that tests
// can make it fail midway.
type writer struct {
	rename func(oldpath, newpath string) error
}

func (w writer) write(out string, files *output.Mem) error {
	st, err := w.begin(out)
	if err != nil {
		return err
	}
	defer st.abort()
	for _, name := range files.Names() {
		if err := st.WriteFile(name, files.Files[name]); err != nil {
			return err
		}
	}
	return st.commit()
}

// stage is an output.Writer into the staging directory of an output
// directory, whose outputs commit swaps in. Its writes and keep are safe
// for concurrent use (pages are kept from the site's workers while the
// pages rendered are written); commit and abort are not.
type stage struct {
	mu     sync.Mutex
	w      writer
	out    string
	dir    string             // the staging directory
	prev   *prevTree          // out, whose previous files are linked rather than written again (see link); nil for none
	buf    []byte             // link's buffer for reading a previous file
	kept   int                // the files linked from the previous build
	spared int                // of them, those kept without being made again (see keep)
	names  map[string]bool    // the files written
	sums   map[string]string  // their SHA-256, hex, by name
	sigs   map[string]fileSig // their signatures, as staged
	tops   map[string]bool    // their top-level outputs
	last   *stamp             // the record of the previous build, whose files' signatures keep and link trust (see trust); nil for none
}

// begin prepares out for a build: it puts back what an interrupted build
// set aside, clears the build's leftovers and makes an empty staging
// directory, which the files of the build are written into.
func (w writer) begin(out string) (*stage, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	dir := filepath.Join(out, stageDir)
	old := filepath.Join(out, oldDir)
	trash := filepath.Join(out, trashDir)
	// The build's own folders are never followed: a link in their place
	// (which no build makes) could have the build move or delete files
	// outside out.
	for _, d := range []string{dir, old, trash} {
		if fi, err := os.Lstat(d); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("%s is not a folder a build made (it is a %s): the build keeps its work there; remove it, after checking it holds nothing you need", diag.Quote(d), kind(fi.Mode()))
		}
	}
	if err := removeAll(trash); err != nil {
		return nil, fmt.Errorf("clearing leftovers of an earlier build: %w", err)
	}
	if err := w.restore(out, old, trash); err != nil {
		return nil, fmt.Errorf("putting back the output an interrupted build set aside in %s: %w", old, err)
	}
	for _, d := range []string{dir, old, trash} {
		if err := removeAll(d); err != nil {
			return nil, fmt.Errorf("clearing leftovers of an earlier build: %w", err)
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	return &stage{w: w, out: out, dir: dir, names: map[string]bool{}, sums: map[string]string{}, sigs: map[string]fileSig{}, tops: map[string]bool{}}, nil
}

// WriteFile writes data into the staging directory under name, which must
// stay inside it, be none of the build's own folders, and not be written
// twice.
func (s *stage) WriteFile(name string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.claim(name)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	s.sums[name] = hex.EncodeToString(sum[:])
	if linked, err := s.link(name, data, s.sums[name]); linked || err != nil {
		return err
	}
	sig, err := writeStaged(p, data)
	if err == nil {
		s.sigs[name] = sig
	}
	return err
}

// writeStaged writes data to a new file p, as os.WriteFile does, and
// returns the file's signature.
func writeStaged(p string, data []byte) (fileSig, error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fileSig{}, err
	}
	_, err = f.Write(data)
	var sig fileSig
	if err == nil {
		sig, err = statSig(f)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return sig, err
}

// statSig returns the signature of the open file f.
func statSig(f *os.File) (fileSig, error) {
	fi, err := f.Stat()
	if err != nil {
		return fileSig{}, err
	}
	sig, _ := sigOf(fi)
	return sig, nil
}

// trust has s take a file of the previous build that the record last
// gives the digest of, and whose signature is the one recorded and
// trusted (see fileSig), to hold what the record says without reading it.
// Call it before writing into s.
func (s *stage) trust(last *stamp) { s.last = last }

// trustedSig returns the signature of the previous build's file name
// when the record of that build has it hold sum (hex), and that
// signature may be trusted; nil otherwise.
func (s *stage) trustedSig(name, sum string) *fileSig {
	if s.last == nil || sum == "" || s.last.Outputs[name] != sum {
		return nil
	}
	sig, ok := s.last.Files[name]
	if !ok || !trusted(sig, s.last.recorded) {
		return nil
	}
	return &sig
}

// keepUnchanged has the stage link each file the previous build wrote
// with the same bytes (see link) rather than write it again.
func (s *stage) keepUnchanged() error {
	p, err := openPrevTree(s.out)
	s.prev = p
	return err
}

// link puts the previous build's file name into the staging directory as
// a hard link when it holds data already, and reports whether it did.
// Creating a file costs far more than linking one (0.3 ms against 0.01 ms
// on the machine of docs/BENCHMARKS.md, some 0.5 s for the site of a
// thousand sources), and a page that did not change keeps its
// modification time, so that servers' caches and rsync see it unchanged.
// s.mu is held.
func (s *stage) link(name string, data []byte, sum string) (bool, error) {
	sig, kept, err := s.linkIf(name, int64(len(data)), s.trustedSig(name, sum), func(r io.Reader) bool {
		if s.buf == nil {
			s.buf = make([]byte, 32<<10)
		}
		return sameBytes(r, data, s.buf)
	})
	if kept {
		s.kept++
		s.sigs[name] = sig
	}
	return kept, err
}

// keep puts the last build's file name into the staging directory as it
// is, without its being made again, when it still holds what that build
// wrote: its SHA-256, sum (hex), as the build's record gives it. It
// reports whether it did; a file it does not keep is left to be written.
func (s *stage) keep(name, sum string) bool {
	s.mu.Lock()
	if s.prev == nil || sum == "" || s.names[name] {
		s.mu.Unlock()
		return false
	}
	if _, err := s.claim(name); err != nil {
		s.mu.Unlock()
		return false // WriteFile reports it
	}
	s.mu.Unlock()
	// The name is claimed, so nothing else writes it: linking the file
	// and hashing it, the bulk of keeping it, go without the lock, and
	// the site's workers keep their pages side by side.
	sig, kept, err := s.linkIf(name, -1, s.trustedSig(name, sum), func(r io.Reader) bool {
		h := sha256.New()
		_, err := io.Copy(h, r)
		return err == nil && hex.EncodeToString(h.Sum(nil)) == sum
	})
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case kept:
		s.kept++
		s.sums[name] = sum
		s.sigs[name] = sig
		s.spared++
	case err == nil:
		delete(s.names, name) // to be written
	}
	// A link left staged stays claimed: writing the file then fails,
	// rather than write through the link into the previous output.
	return kept
}

// linkIf links the previous build's file name, a regular file of size
// bytes (-1 for any), into the staging directory, and keeps the link,
// returning its signature, when the file holds what it should: when its
// signature is want (nil for none: see stage.trust), or else when same
// says so, reading it. The file is checked once linked, so that what is
// staged is what was checked, and read through s.prev, which no link
// leads out of. A link that cannot be removed again is an error: writing
// the file would write through it. It touches no state of s but the
// staged file name, which its caller has claimed, and s.prev, which is
// safe for concurrent use.
func (s *stage) linkIf(name string, size int64, want *fileSig, same func(io.Reader) bool) (fileSig, bool, error) {
	if s.prev == nil {
		return fileSig{}, false, nil
	}
	rel := filepath.FromSlash(name)
	if want == nil {
		// The file is about to be read: nothing else is linked.
		if n, regular, err := s.prev.lstat(rel); err != nil || !regular || size >= 0 && n != size {
			return fileSig{}, false, nil
		}
	}
	staged := filepath.Join(stageDir, rel)
	if err := s.prev.link(rel, staged); err != nil {
		return fileSig{}, false, nil // another owner's file, say: written instead
	}
	// The staging directory is the build's own, and the link's name in it
	// is a file of its own (a link to a link is not followed).
	if fi, err := os.Lstat(filepath.Join(s.dir, rel)); err == nil {
		if sig, ok := sigOf(fi); ok && (size < 0 || sig.Size == size) {
			if want != nil && sig == *want {
				return sig, true, nil
			}
			if f, err := s.prev.open(staged); err == nil {
				ok := same(f)
				f.Close()
				if ok {
					return sig, true, nil
				}
			}
		}
	}
	if err := s.prev.remove(staged); err != nil {
		return fileSig{}, false, err
	}
	return fileSig{}, false, nil
}

// sameBytes reports whether r holds data and nothing more, reading it
// into buf.
func sameBytes(r io.Reader, data, buf []byte) bool {
	for {
		n, err := io.ReadFull(r, buf[:min(len(buf), len(data)+1)])
		if n > len(data) || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
		if err != nil {
			return len(data) == 0 && (err == io.EOF || err == io.ErrUnexpectedEOF)
		}
	}
}

// claim checks name as WriteFile does, records it as written, makes its
// folder and returns its path in the staging directory.
func (s *stage) claim(name string) (string, error) {
	if err := output.CheckName(name); err != nil {
		return "", err
	}
	switch top := topLevel(name); top {
	case stageDir, oldDir, trashDir, cache.Dir:
		return "", fmt.Errorf("output name %q: %s is the build's own", name, top)
	default:
		s.tops[top] = true
	}
	if s.names[name] {
		return "", fmt.Errorf("output %s written twice", name)
	}
	s.names[name] = true
	p := filepath.Join(s.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	return p, nil
}

// Create opens name in the staging directory for a file written as it is
// made, with the checks of WriteFile; its digest is taken as it is written
// and recorded when it is closed.
func (s *stage) Create(name string) (io.WriteCloser, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.claim(name)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return &stagedFile{f: f, h: sha256.New(), done: func(sum []byte, sig fileSig) {
		s.mu.Lock()
		s.sums[name] = hex.EncodeToString(sum)
		s.sigs[name] = sig
		s.mu.Unlock()
	}}, nil
}

// stagedFile is a file of the staging directory being written (see
// stage.Create). Its digest is recorded when it is closed, unless a write
// failed: a build that fails leaves it unrecorded, and the staging
// directory is removed.
type stagedFile struct {
	f      *os.File
	h      hash.Hash
	done   func(sum []byte, sig fileSig)
	failed bool
}

func (w *stagedFile) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.h.Write(p[:n])
	w.failed = w.failed || err != nil
	return n, err
}

func (w *stagedFile) Close() error {
	sig, err := statSig(w.f)
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if !w.failed {
		w.done(w.h.Sum(nil), sig)
	}
	return nil
}

// Names returns the names of the files written, sorted.
func (s *stage) Names() []string { return slices.Sorted(maps.Keys(s.names)) }

// abort removes the staging directory and what it holds; after commit,
// only the empty directory is left to remove.
func (s *stage) abort() {
	if s.prev != nil {
		s.prev.close()
	}
	removeAll(s.dir)
}

// commit swaps each staged top-level output into out.
func (s *stage) commit() error {
	w, out, old, trash := s.w, s.out, filepath.Join(s.out, oldDir), filepath.Join(s.out, trashDir)
	if err := os.Mkdir(old, 0o755); err != nil {
		return err
	}
	var done []string
	for _, top := range slices.Sorted(maps.Keys(s.tops)) {
		if err := w.swap(filepath.Join(s.dir, top), filepath.Join(out, top), filepath.Join(old, top)); err != nil {
			if uerr := w.undo(out, s.dir, old, done); uerr != nil {
				return fmt.Errorf("%w; undoing the swaps failed too, the previous output is in %s: %v", err, old, uerr)
			}
			removeAll(old)
			return err
		}
		done = append(done, top)
	}
	// Every output is in place. oldDir is renamed before it is removed,
	// so that a build killed while removing it leaves nothing to restore.
	if err := w.rename(old, trash); err != nil {
		if err := removeAll(old); err != nil {
			return fmt.Errorf("the new output is in place, but removing the previous one from %s failed: %w", old, err)
		}
	}
	if err := removeAll(trash); err != nil {
		return fmt.Errorf("the new output is in place, but removing the previous one from %s failed: %w", trash, err)
	}
	return nil
}

// removeAll removes dir and what it holds, as os.RemoveAll does (a link
// is removed, never followed); a folder inside it that is read-only (as
// a previous output copied from read-only media may be) is made writable
// first, since it is the build's own to remove.
func removeAll(dir string) error {
	err := os.RemoveAll(dir)
	if err == nil {
		return nil
	}
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, werr error) error {
		if werr == nil && e.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	return os.RemoveAll(dir)
}

// kind names the kind of file mode m is, for a message.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symbolic link"
	case m.IsRegular():
		return "file"
	}
	return "special file"
}

// swap moves next to dst, keeping what was at dst in keep until the move
// succeeded; on failure it puts the previous output back.
func (w writer) swap(next, dst, keep string) error {
	hadOld := true
	if err := w.rename(dst, keep); errors.Is(err, fs.ErrNotExist) {
		hadOld = false
	} else if err != nil {
		return err
	}
	if err := w.rename(next, dst); err != nil {
		if hadOld {
			if rerr := w.rename(keep, dst); rerr != nil {
				return fmt.Errorf("%w (and restoring the previous %s failed: %v)", err, dst, rerr)
			}
		}
		return err
	}
	return nil
}

// undo takes the outputs in done out of out, last first, back into stage,
// and puts the previous ones kept in old back in their place.
func (w writer) undo(out, stage, old string, done []string) error {
	for _, top := range slices.Backward(done) {
		if err := w.rename(filepath.Join(out, top), filepath.Join(stage, top)); err != nil {
			return err
		}
		if err := w.rename(filepath.Join(old, top), filepath.Join(out, top)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// restore puts back what a build killed while swapping left in old: the
// previous outputs it had set aside, each replacing (into trash) whatever
// the killed build had already put in its place.
func (w writer) restore(out, old, trash string) error {
	entries, err := os.ReadDir(old)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	for _, e := range entries {
		dst := filepath.Join(out, e.Name())
		if _, err := os.Lstat(dst); err == nil {
			if err := os.MkdirAll(trash, 0o755); err != nil {
				return err
			}
			if err := w.rename(dst, filepath.Join(trash, e.Name())); err != nil {
				return err
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if err := w.rename(filepath.Join(old, e.Name()), dst); err != nil {
			return err
		}
	}
	return nil
}

func topLevel(name string) string {
	top, _, _ := strings.Cut(name, "/")
	return top
}
