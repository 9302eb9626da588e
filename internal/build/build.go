// Package build is the last stage of the pipeline and the one that runs the
// others: it loads the sources, resolves citations and cross-references,
// renders the site and the briefing into a staging directory, and swaps the result into the output directory only
// when every stage has succeeded. A failed build leaves the previous output
// as it was.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"dossier/internal/highlight"
	"dossier/internal/link"
	"dossier/internal/model"
	"dossier/internal/output"
	htmlrender "dossier/internal/render/html"
	pdfrender "dossier/internal/render/pdf"
	"dossier/internal/source"
)

// The outputs a build writes inside the output directory.
const (
	SiteDir  = "site"
	PDFFile  = "briefing.pdf"
	stageDir = ".staging"
	oldDir   = ".previous"
)

// Options configures Run. Sources and Layouts are read through fs.FS so that
// tests can build from memory; Out is a real directory.
type Options struct {
	Sources     fs.FS     // the sources directory
	SourcesName string    // how to name it in messages, e.g. "sources"
	Layouts     fs.FS     // templates and stylesheet
	Out         string    // output directory; created if missing
	Built       time.Time // the build time recorded in the outputs
	Verbose     bool      // report what cleaning dropped, and each output
	Log         io.Writer // where progress and the verbose report go; nil for none
}

// Result tells what a build produced.
type Result struct {
	Dossier *model.Dossier
	Files   []string // files written, relative to Out, sorted
}

// Run builds the dossier. Errors name the stage that failed and, for
// problems in the sources, the file and line.
func Run(opts Options) (*Result, error) {
	logw := opts.Log
	if logw == nil {
		logw = io.Discard
	}
	d, err := source.Load(opts.Sources, source.Options{Name: opts.SourcesName, Built: opts.Built})
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	if opts.Verbose {
		ReportDropped(logw, d)
	}
	if err := link.Resolve(d); err != nil {
		return nil, fmt.Errorf("resolve: %w", err)
	}
	files, err := Render(d, opts.Layouts)
	if err != nil {
		return nil, err
	}
	if err := write(opts.Out, files); err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	res := &Result{Dossier: d, Files: files.Names()}
	if opts.Verbose {
		for _, f := range res.Files {
			fmt.Fprintf(logw, "wrote %s\n", filepath.Join(opts.Out, f))
		}
	}
	return res, nil
}

// Render runs the render stages for d and returns every output file in
// memory, named relative to the output directory.
func Render(d *model.Dossier, layouts fs.FS) (*output.Mem, error) {
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	files := &output.Mem{}
	if err := htmlrender.Render(d, files, htmlrender.Options{Layouts: layouts, Highlighter: hl}); err != nil {
		return nil, fmt.Errorf("render html: %w", err)
	}
	var pdf bytes.Buffer
	if err := pdfrender.Render(&pdf, d, pdfrender.Options{Highlighter: hl}); err != nil {
		return nil, fmt.Errorf("render pdf: %w", err)
	}
	if err := files.WriteFile(PDFFile, pdf.Bytes()); err != nil {
		return nil, fmt.Errorf("render pdf: %w", err)
	}
	return files, nil
}

// ReportDropped writes, for every document, each piece of text that
// cleaning dropped: where, what, and by which rule.
func ReportDropped(w io.Writer, d *model.Dossier) {
	for _, doc := range d.Documents {
		for _, dr := range doc.Dropped {
			lines := fmt.Sprint(dr.Line)
			if dr.EndLine > dr.Line {
				lines = fmt.Sprintf("%d-%d", dr.Line, dr.EndLine)
			}
			fmt.Fprintf(w, "%s:%s: dropped %q (rule %s: %s)\n", doc.TextPath, lines, dr.Text, dr.Rule, dr.Why)
		}
	}
}

// write puts files into out: first into a staging directory inside out,
// then each top-level output is swapped in. The previous output is removed
// only after the new one is in place.
func write(out string, files *output.Mem) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	stage := filepath.Join(out, stageDir)
	old := filepath.Join(out, oldDir)
	for _, dir := range []string{stage, old} {
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("clearing leftovers of an earlier build: %w", err)
		}
	}
	defer os.RemoveAll(stage)
	tops := map[string]bool{}
	for _, name := range files.Names() {
		if err := output.CheckName(name); err != nil {
			return err
		}
		p := filepath.Join(stage, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files.Files[name], 0o644); err != nil {
			return err
		}
		tops[topLevel(name)] = true
	}
	if err := os.MkdirAll(old, 0o755); err != nil {
		return err
	}
	defer os.RemoveAll(old)
	for _, top := range slices.Sorted(maps.Keys(tops)) {
		if err := swap(filepath.Join(stage, top), filepath.Join(out, top), filepath.Join(old, top)); err != nil {
			return err
		}
	}
	return nil
}

// swap moves next to dst, keeping what was at dst in keep until the move
// succeeded; on failure it puts the previous output back.
func swap(next, dst, keep string) error {
	hadOld := true
	if err := os.Rename(dst, keep); errors.Is(err, fs.ErrNotExist) {
		hadOld = false
	} else if err != nil {
		return err
	}
	if err := os.Rename(next, dst); err != nil {
		if hadOld {
			if rerr := os.Rename(keep, dst); rerr != nil {
				return fmt.Errorf("%w (and restoring the previous %s failed: %v)", err, dst, rerr)
			}
		}
		return err
	}
	return nil
}

func topLevel(name string) string {
	top, _, _ := strings.Cut(name, "/")
	return top
}
