package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"
	"unicode/utf8"

	"dossier/internal/source"
)

// newCmd starts something new: a sources folder (dossier new dossier) or
// a source in one (dossier new source FILE).
func newCmd(args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) > 0 && args[0] == "source":
		return newSourceCmd(args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "dossier":
		return newDossierCmd(args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "layouts":
		return newLayoutsCmd(args[1:], stdout, stderr)
	}
	fmt.Fprintln(stderr, "usage: dossier new dossier [--sources DIR]\n       dossier new source [--sources DIR] FILE\n       dossier new layouts [--layouts DIR]")
	return errUsage
}

// newLayoutsCmd writes the built-in layouts out, to be changed and used
// with --layouts: dossier new layouts.
func newLayoutsCmd(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("dossier new layouts", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("layouts", "layouts", "write the layouts into `DIR`")
	fl.Usage = func() {
		fmt.Fprint(stderr, `usage: dossier new layouts [--layouts DIR]

Writes the built-in layouts (the site's templates and stylesheet, and the
wording both the site and the briefing use) into DIR, to change them and
build with --layouts DIR. DIR must not exist yet, or be empty.

`)
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	if err := emptyOrAbsent(*dir, "--layouts"); err != nil {
		return err
	}
	builtin, err := layoutsFS("")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	if err := os.CopyFS(*dir, builtin); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the built-in layouts into %s: change them, then build with --layouts %s\n", *dir, *dir)
	return nil
}

// emptyOrAbsent returns an error unless dir is absent or an empty folder;
// flag is the flag that names it.
func emptyOrAbsent(dir, flag string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("%s exists already and is not empty: name a new folder with %s DIR", dir, flag)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	return nil
}

// settingsSkeleton is the dossier.yaml dossier new dossier writes: the
// settings a build needs, the required ones left for the analyst.
const settingsSkeleton = `# Settings of the dossier, started by dossier new dossier. README.md, "Settings",
# explains every key. Fill in what is required; never invent a date.
title: ""                 # required: the briefing's title, on the cover and every page
subtitle: ""              # optional: a line under the title
author: ""                # optional: who prepared the briefing (you, your team or organisation)
marking: TLP:CLEAR        # the handling marking on every page
cutoff: ""                # required: the information cut-off date, YYYY-MM-DD
page_size: A4             # A4 or Letter
language: en              # the language of your own text (notes, descriptions), such as en or ru
`

// newDossierCmd starts a sources folder: dossier new dossier.
func newDossierCmd(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("dossier new dossier", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sources := fl.String("sources", "sources", "start the sources folder `DIR`")
	fl.Usage = func() {
		fmt.Fprint(stderr, `usage: dossier new dossier [--sources DIR]

Starts a dossier: writes DIR/dossier.yaml, its settings, for you to fill in,
and makes the folders a dossier keeps its sources, entities and notes in.
DIR must not exist yet, or be empty.

`)
		fl.PrintDefaults()
	}
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	dir := *sources
	if err := emptyOrAbsent(dir, "--sources"); err != nil {
		return err
	}
	for _, sub := range []string{source.DocumentsDir, source.EntitiesDir, source.NotesDir} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	settings := filepath.Join(dir, source.SettingsFile)
	if err := os.WriteFile(settings, []byte(settingsSkeleton), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "started a dossier in %s:\n", dir)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, row := range [][2]string{
		{settings, "its settings: fill in the title and the cut-off date"},
		{filepath.Join(dir, source.DocumentsDir) + string(filepath.Separator), "the primary texts, verbatim, each with its metadata"},
		{filepath.Join(dir, source.EntitiesDir) + string(filepath.Separator), "agencies, units, people, places, instruments and terms (YAML)"},
		{filepath.Join(dir, source.NotesDir) + string(filepath.Separator), "your notes in Markdown, each starting with a level-1 heading"},
	} {
		fmt.Fprintf(tw, "  %s\t%s\n", row[0], row[1])
	}
	tw.Flush()
	fl2 := sourcesFlag(dir)
	fmt.Fprintf(stdout, "\nNext: add a source with dossier new source%s FILE, fill in its metadata,\nthen run dossier check%s, and dossier build%s.\n", fl2, fl2, fl2)
	return nil
}

// sourcesFlag is the --sources flag that names dir for a command's
// default, "" for the default itself.
func sourcesFlag(dir string) string {
	if dir == "sources" {
		return ""
	}
	return " --sources " + dir
}

// newSourceCmd starts a new source: dossier new source FILE.
func newSourceCmd(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("dossier new source", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sources := fl.String("sources", "sources", "add the source to the sources in `DIR`")
	maxSize := fl.Int64("max-file-size", source.DefaultMaxFileSize, "refuse a FILE larger than `BYTES`, as a build would")
	maxLine := fl.Int("max-line-length", source.DefaultMaxLineLength, "refuse a FILE with a line longer than `BYTES`, as a build would")
	fl.Usage = func() {
		fmt.Fprint(stderr, `usage: dossier new source [--sources DIR] FILE...

Copies FILE into DIR/documents/ byte for byte, under its own name (a PDF: the
text pdftotext extracts from it, a blank line between the blocks it finds, as
NAME.txt), and writes its metadata beside it: the sha256, origin_file, the
next free reference, the layout its line breaks suggest, and the cleaning
rules its text seems to need (page furniture to drop, headings and lists to
split), commented out for you to confirm. Then it prints the text's numbered
paragraphs. Fill in the metadata the text supports before you build. Several
files are added one after the other, each with the next reference.

`)
		fl.PrintDefaults()
	}
	files, err := parseArgs(fl, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fl.Usage()
		return errUsage
	}
	if err := checkSources(*sources); err != nil {
		return err
	}
	lim := source.Limits{FileSize: *maxSize, LineLength: *maxLine}
	if len(files) == 1 {
		return addSource(files[0], *sources, lim, stdout)
	}
	// Several files are added one after the other, each taking the next
	// reference; one that cannot be added is reported, and the others are
	// added all the same.
	failed := 0
	for i, file := range files {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := addSource(file, *sources, lim, stdout); err != nil {
			fmt.Fprintf(stderr, "dossier: %v\n", err)
			failed++
		}
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "dossier new source: %d of %d files not added\n", failed, len(files))
		return errReported
	}
	return nil
}

// addSource adds file to the sources in dir, as dossier new source does
// for one file.
func addSource(file, dir string, lim source.Limits, stdout io.Writer) error {
	text, captured, page, err := readSource(file, lim.FileSize)
	if err != nil {
		return err
	}
	name := filepath.Base(file)
	base := strings.TrimSuffix(name, filepath.Ext(name))
	docs := filepath.Join(dir, source.DocumentsDir)
	txt, meta := filepath.Join(docs, base+".txt"), filepath.Join(docs, base+".yaml")
	for _, p := range []string{txt, meta} {
		if _, err := os.Stat(p); err == nil {
			return fmt.Errorf("%s exists already; a source is added once: give another text another file name (the one there keeps its text as captured; its metadata, %s, may be edited)", p, meta)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	var p *source.Proposal
	if page != nil {
		p, err = source.ProposePage(os.DirFS(dir), base+".txt", page, lim)
	} else {
		p, err = source.Propose(os.DirFS(dir), base+".txt", text, lim)
	}
	if err != nil {
		return err
	}
	if p.Preview.Paragraphs() == 0 {
		// A build would stop at it: cleaning left no paragraphs.
		if page == nil && captured != "" {
			return fmt.Errorf("%s has no text pdftotext can read: if it is a scan, run OCR on it first (ocrmypdf, say), then add the PDF it makes", file)
		}
		return fmt.Errorf("%s holds no text to cite: cleaning leaves no paragraph in it", file)
	}
	if err := os.MkdirAll(docs, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(txt, text, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(meta, []byte(skeleton(p, name, captured, page)), 0o644); err != nil {
		os.Remove(txt)
		return err
	}
	switch {
	case page != nil:
		fmt.Fprintf(stdout, "wrote %s (the text of the page %s, a line a block) and %s (its metadata, to complete)\n", txt, name, meta)
	case captured != "":
		fmt.Fprintf(stdout, "wrote %s (the text of %s, as pdftotext extracts it, a blank line between the blocks it finds) and %s (its metadata, to complete)\n", txt, name, meta)
	default:
		fmt.Fprintf(stdout, "wrote %s (the text, byte for byte) and %s (its metadata, to complete)\n", txt, meta)
	}
	if p.Like != "" {
		fmt.Fprintf(stdout, "%d of its lines stand in %s too: if it repeats that source, say so in its grade; a copy is no corroboration\n", p.Shared, filepath.Join(dir, filepath.FromSlash(p.Like)))
	}
	if n := dropped(p); n > 0 {
		fmt.Fprintf(stdout, "%d %s like page furniture; the metadata proposes dropping %s, commented out until you confirm:\n", n, plural(n, "line looks", "lines look"), plural(n, "it", "them"))
		for _, d := range p.Drops {
			if d.Pattern != "" {
				fmt.Fprintf(stdout, "  %s:%d: %q and %d more %s of its shape (%s)\n", txt, d.Line, d.Text, d.Lines-1, plural(d.Lines-1, "line", "lines"), d.Why)
				continue
			}
			if d.Lines > 1 {
				fmt.Fprintf(stdout, "  %s:%d: %q and %d more like it (%s)\n", txt, d.Line, d.Text, d.Lines-1, d.Why)
				continue
			}
			fmt.Fprintf(stdout, "  %s:%d: %q (%s)\n", txt, d.Line, d.Text, d.Why)
		}
	}
	if n := len(p.Splits); n > 0 {
		fmt.Fprintf(stdout, "%d %s glued to the paragraph after %s; the metadata proposes splitting %s, commented out until you confirm:\n", n, plural(n, "heading looks", "headings look"), plural(n, "it", "them"), plural(n, "it", "them"))
		for _, sp := range p.Splits {
			fmt.Fprintf(stdout, "  %s:%d: %q, then %q\n", txt, sp.Line, sp.After, sp.Next)
		}
	}
	if n := len(p.LoneHeadings); n > 0 {
		fmt.Fprintf(stdout, "%d %s like %s standing alone; the metadata proposes making %s, commented out until you confirm:\n", n, plural(n, "paragraph looks", "paragraphs look"), plural(n, "a heading", "headings"), plural(n, "it a heading", "them headings"))
		for _, h := range p.LoneHeadings {
			fmt.Fprintf(stdout, "  %s:%d: %q, then %q\n", txt, h.Line, h.After, h.Next)
		}
	}
	if n := len(p.Lists); n > 0 {
		fmt.Fprintf(stdout, "%d %s captured on one line; the metadata proposes splitting %s into items, commented out until you confirm:\n", n, plural(n, "list looks", "lists look"), plural(n, "it", "them"))
		for _, l := range p.Lists {
			fmt.Fprintf(stdout, "  %s:%d: %d items after %q\n", txt, l.Line, l.Items, l.After)
		}
	}
	how := fmt.Sprintf("layout %q", p.Layout)
	if p.CapsHeadings {
		how += " with caps_headings"
	}
	fmt.Fprintf(stdout, "\n%s  %s, cleaned by the general rules as %s:\n", p.Ref, p.ID, how)
	for _, b := range p.Preview.Blocks {
		if b.Number == 0 {
			fmt.Fprintf(stdout, "\n  %s %s\n", strings.Repeat("#", b.Level+1), b.Text)
			continue
		}
		fmt.Fprintf(stdout, "  %-5s %s\n", b.Label(), b.Text)
	}
	todo := "title, publisher, publisher_kind, captured and grade"
	if p.Script == "Cyrillic" {
		todo = "title, publisher, publisher_kind, language, captured and grade"
	}
	if captured != "" {
		todo = strings.Replace(todo, ", captured and", " and", 1)
	}
	if p.Encoding != "" {
		todo += ", check the encoding"
	}
	fmt.Fprintf(stdout, "\nNext: fill in %s in %s, confirm the cleaning rules, then run dossier check.\n", todo, meta)
	return nil
}

// pad pads a line of the skeleton to the column its comment starts at.
func pad(line string) string { return fmt.Sprintf("%-26s", line) }

// skeleton is the metadata dossier new source writes for a text delivered
// as name: what it can know filled in, the rest for the analyst.
func skeleton(p *source.Proposal, name, captured string, page *source.Page) string {
	var says source.Page // what a saved page says of itself; nothing for a text
	if page != nil {
		says = *page
	}
	var b strings.Builder
	fmt.Fprintf(&b, `# Metadata of %[1]s, started by dossier new source. Fill in what the text itself
# says and leave "unknown" what it does not; never invent a date, an author or an address.
# README.md, "Adding a source", explains every key.
%[2]s# short and stable: lower-case letters, digits, hyphens
%[3]s# its reference, the next free one; never changed once given
%[10]spublisher: ""             # required: who published it
publisher_kind: ""        # required: official | ngo-research | media-advocacy
%[7]s
author: unknown
%[12]s
%[11]s
%[9]s
description: ""           # one line on what the document is
origin_file: %[4]s
%[8]ssha256: %[5]s
grade:                    # required: the Admiralty grade, see README.md
  reliability: ""         # A completely reliable … E unreliable, F cannot be judged
  credibility: 0          # 1 confirmed … 5 improbable, 6 cannot be judged
  reason: ""              # one line on why
cleaning:
%[6]s# as the line breaks suggest: lines (web pages) or wrapped (PDF text)
`, name, pad("id: "+p.ID), pad("ref: "+p.Ref), strconv.Quote(name), p.SHA256, pad("  layout: "+p.Layout), language(p), encoding(p), capturedLine(captured), titleLine(says.Title), saysLine("url", says.URL), saysLine("published", says.Published))
	if p.CapsHeadings {
		fmt.Fprintf(&b, "%s# lines in capitals standing alone, such as %s, are headings\n", pad("  caps_headings: true"), strconv.Quote(p.Caps))
	}
	if len(p.Headings) > 0 {
		b.WriteString("  headings:               # the headings the page's HTML marks\n")
		for _, h := range p.Headings {
			fmt.Fprintf(&b, "    - text: %s\n      level: %d\n", strconv.Quote(h.Text), h.Level)
		}
	}
	if len(p.Splits) > 0 {
		b.WriteString("  # Headings that look glued to the paragraph after them. Uncomment the rules you\n")
		b.WriteString("  # confirm: each cuts the paragraph after its text and makes that a heading.\n")
		b.WriteString("  # split:\n")
		for _, sp := range p.Splits {
			fmt.Fprintf(&b, "  #   - after: %s   # line %d, then %s\n  #     as: heading\n  #     why: heading glued to the paragraph after it\n", strconv.Quote(sp.After), sp.Line, strconv.Quote(sp.Next))
		}
	}
	if len(p.LoneHeadings) > 0 {
		b.WriteString("  # Paragraphs that look like headings standing alone. Uncomment the rules you\n")
		b.WriteString("  # confirm, each with its level (1 to 3): the line becomes a heading, not a numbered\n")
		b.WriteString("  # paragraph.\n")
		b.WriteString("  # headings:\n")
		for _, h := range p.LoneHeadings {
			fmt.Fprintf(&b, "  #   - text: %s   # line %d, then %s\n  #     level: 1\n", strconv.Quote(h.After), h.Line, strconv.Quote(h.Next))
		}
	}
	if len(p.Lists) > 0 {
		b.WriteString("  # Lists that look captured on one line. Uncomment the rules you confirm: each\n")
		b.WriteString("  # makes an item of each piece between the separators after its lead-in.\n")
		b.WriteString("  # lists:\n")
		for _, l := range p.Lists {
			fmt.Fprintf(&b, "  #   - after: %s   # line %d, %d items\n  #     separator: %s\n  #     why: list captured on one line\n", strconv.Quote(l.After), l.Line, l.Items, strconv.Quote(l.Separator))
		}
	}
	if len(p.Drops) > 0 {
		b.WriteString("  # Lines that look like page furniture. Uncomment the rules you confirm: a rule\n")
		b.WriteString("  # that matches nothing stops the build, and each keeps its reason.\n")
		b.WriteString("  # drop:\n")
		for _, d := range p.Drops {
			if d.Pattern != "" {
				fmt.Fprintf(&b, "  #   - pattern: %s   # %d lines, such as line %d: %s\n  #     why: %s\n", singleQuoted(d.Pattern), d.Lines, d.Line, strconv.Quote(d.Text), strconv.Quote(d.Why))
				continue
			}
			where := fmt.Sprintf("line %d", d.Line)
			if d.Lines > 1 {
				where = fmt.Sprintf("%d lines, the first line %d", d.Lines, d.Line)
			}
			fmt.Fprintf(&b, "  #   - line: %s   # %s\n  #     why: %s\n", strconv.Quote(d.Text), where, strconv.Quote(d.Why))
		}
	}
	return b.String()
}

// dropped is the number of lines the drops p proposes cover.
func dropped(p *source.Proposal) int {
	n := 0
	for _, d := range p.Drops {
		n += max(d.Lines, 1)
	}
	return n
}

// singleQuoted is s as a YAML scalar in single quotes, in which a
// backslash is itself, as a regular expression wants it.
func singleQuoted(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// titleLine is the skeleton's title line, with a saved page's <title>
// beside it, when it has one, for the analyst to take the title from.
func titleLine(pageTitle string) string {
	line := pad(`title: ""`) + "# required: the document's title, as it gives it"
	if pageTitle != "" {
		line += "; the page's <title> reads " + strconv.Quote(pageTitle)
	}
	return line + "\n"
}

// saysLine is the skeleton's line for key ("url", "published"): unknown,
// with what a saved page's metadata says of it beside it when it says
// something, for the analyst to check against the text.
func saysLine(key, says string) string {
	line := key + ": unknown"
	if says != "" {
		line = pad(line) + "# the page's metadata says " + strconv.Quote(says) + ": check it, and put it here if it holds"
	}
	return line
}

// capturedLine is the skeleton's captured line: how the text was
// captured when new source knows it, for the analyst to say otherwise.
func capturedLine(captured string) string {
	if captured == "" {
		return pad(`captured: ""`) + `# required: how the text was captured, such as "web page (text capture)"`
	}
	return "captured: " + strconv.Quote(captured)
}

// readSource reads the file to add: a text as readCapture does; a PDF's
// text, as extractPDF takes it; or a saved web page's text (see
// source.ReadPage), with the page. For a PDF or a page, captured says how
// the text was taken.
func readSource(name string, max int64) (text []byte, captured string, page *source.Page, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, "", nil, err
	}
	head := make([]byte, 5)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if string(head[:n]) == "%PDF-" {
		text, captured, err := extractPDF(name, max)
		return text, captured, nil, err
	}
	// A saved page may hold far more markup (inline pictures, say) than
	// text: its text, not the file, is what the size limit is for.
	limit := max
	if source.IsHTML(name, nil) {
		limit = max * htmlPerText
	}
	data, err := readCapture(name, limit)
	if err != nil || !source.IsHTML(name, data) {
		return data, "", nil, err
	}
	if page, err = source.ReadPage(data); err != nil {
		return nil, "", nil, fmt.Errorf("%s: reading it as a web page: %w", name, err)
	}
	how := "web page saved as HTML, its text taken a line a block by dossier new source"
	var controls int
	if page.Text, controls = replaceControls(page.Text); controls > 0 {
		how += fmt.Sprintf("; %d control %s in its text written as U+FFFD", controls, plural(controls, "character", "characters"))
	}
	return page.Text, how, page, nil
}

// htmlPerText is how many times the size limit of a source a saved web
// page may be, its markup with its text.
const htmlPerText = 8

// pdftotextTimeout bounds how long extracting a PDF's text may take.
const pdftotextTimeout = 2 * time.Minute

// extractPDF returns the text of the PDF name, as source.PDFText takes
// it from the layout pdftotext (poppler) gives: the lines pdftotext's
// default mode writes, a blank line between the blocks it finds, a form
// feed at each page's end; and how it was captured, naming the tool and
// its version. A text over max bytes is refused, as a build would refuse
// it.
func extractPDF(name string, max int64) ([]byte, string, error) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, "", fmt.Errorf("%s is a PDF: new source reads its text with pdftotext, which is not installed (poppler-utils); install it, or add the text extracted otherwise", name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdftotextTimeout)
	defer cancel()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, tool, "-enc", "UTF-8", "-bbox-layout", name, "-")
	cmd.Stderr = &stderr
	layout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("%s: pdftotext could not read it: %v", name, err)
	}
	out := &cappedBuffer{max: max}
	n, err := source.PDFText(out, layout)
	if out.over {
		layout.Close() // pdftotext stops at its next write
	}
	io.Copy(io.Discard, layout) // what follows the pages, or, after an error, until pdftotext ends
	switch waitErr := cmd.Wait(); {
	case out.over:
		return nil, "", fmt.Errorf("the text of %s is more than the %d bytes a source may have (raise the limit with --max-file-size if the file is right)", name, max)
	case waitErr != nil:
		return nil, "", fmt.Errorf("%s: pdftotext could not read it: %v %s", name, waitErr, strings.TrimSpace(stderr.String()))
	case err != nil:
		return nil, "", fmt.Errorf("%s: %w", name, err)
	}
	var ver bytes.Buffer
	v := exec.CommandContext(ctx, tool, "-v")
	v.Stdout, v.Stderr = &ver, &ver
	v.Run() // pdftotext -v prints its version, then exits 0 or 99 by release
	how := "PDF, its text extracted with pdftotext"
	if first, _, _ := strings.Cut(ver.String(), "\n"); strings.HasPrefix(first, "pdftotext version ") {
		how += " " + strings.TrimPrefix(first, "pdftotext version ")
	}
	how += ", a blank line between the blocks it finds"
	if n > 0 {
		how += fmt.Sprintf("; %d control %s it gave for glyphs it could not map written as U+FFFD", n, plural(n, "character", "characters"))
	}
	return out.Bytes(), how, nil
}

// replaceControls returns text with each control character but line
// feed, tab and form feed replaced by U+FFFD, and how many it replaced:
// a saved web page may hold one, and a source may hold none.
func replaceControls(text []byte) ([]byte, int) {
	n := 0
	out := bytes.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && r != '\f' && unicode.IsControl(r) {
			n++
			return utf8.RuneError
		}
		return r
	}, text)
	return out, n
}

// cappedBuffer is a buffer that refuses to grow past max bytes. It is
// written through Write alone: a bytes.Buffer embedded would lend it
// ReadFrom and WriteString, which io.Copy and io.WriteString use instead,
// past the cap.
type cappedBuffer struct {
	buf  bytes.Buffer
	max  int64
	over bool
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if int64(b.buf.Len()+len(p)) > b.max {
		b.over = true
		return 0, errors.New("text too large")
	}
	return b.buf.Write(p)
}

// Bytes returns what was written.
func (b *cappedBuffer) Bytes() []byte { return b.buf.Bytes() }

// language is the skeleton's language line: the usual default for a text
// in Latin script; for one in Cyrillic, none, for the analyst to name,
// since the script alone does not tell one language written in it from another.
func language(p *source.Proposal) string {
	if p.Script == "Cyrillic" {
		return pad(`language: ""`) + "# required: the main language; the text is in Cyrillic script, such as ru, be or uk"
	}
	return pad("language: en") + "# the main language, such as en or ru"
}

// encoding is the skeleton's encoding line, for a text that is not UTF-8:
// the encoding its bytes suggest, to be checked; "" for UTF-8.
func encoding(p *source.Proposal) string {
	if p.Encoding == "" {
		return ""
	}
	return pad("encoding: "+p.Encoding) + "# guessed from its bytes: check it (README.md, \"Texts in other encodings\")\n"
}

// readCapture reads the file to add, refusing, as a build would, one
// larger than max bytes, which it reads no further than that.
func readCapture(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		size := "more than"
		if fi, err := f.Stat(); err == nil {
			size = fmt.Sprintf("%d bytes,", fi.Size())
		}
		return nil, fmt.Errorf("%s is %s more than the %d bytes a source may have (raise the limit with --max-file-size if the file is right)", name, size, max)
	}
	return data, nil
}
