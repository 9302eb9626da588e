// Command dossier builds a PDF briefing and cross-linked HTML pages from a
// folder of source texts.
//
// Usage:
//
//	dossier build [--sources DIR] [--out DIR] [--layouts DIR] [--base-url URL] [--verbose]
//	dossier check [--sources DIR] [--layouts DIR] [--json]
//	dossier serve [--sources DIR] [--layouts DIR] [--port N] [--bind ADDR]
//	dossier new source [--sources DIR] FILE
//	dossier paragraphs [--sources DIR] [ID ...]
//	dossier archive [--sources DIR] [--out DIR] [--format tar.gz|zip] [--force]
//	dossier verify ARCHIVE
//	dossier diff [--json] OLD NEW
//	dossier version
//
// archive writes the site and the briefing built in DIR into one file,
// DIR/dossier-<cut-off date>-edition-<edition>.tar.gz (or .zip; without
// -edition-… when the settings number no edition), with a SHA256SUMS
// manifest inside; it never replaces an archive that holds something
// else, unless given --force. verify checks every file of such an archive
// against it and exits with status 1, naming each file, if anything was
// changed, added or removed.
//
// The build time recorded in the outputs is SOURCE_DATE_EPOCH when that is
// set (seconds since 1970, UTC), so that two builds of the same sources are
// byte-identical; otherwise it is the current time.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"dossier"
	"dossier/internal/build"
	"dossier/internal/diag"
	"dossier/internal/link"
	"dossier/internal/model"
	"dossier/internal/source"
)

const usage = `dossier turns a folder of source texts into a PDF briefing and HTML pages.

Usage:
  dossier build [flags]            read the sources, write DIR/site/ and DIR/briefing.pdf
  dossier check [flags]            run every stage and write nothing: report every problem in the
                                   sources, as file:line: what is wrong (--json for editors)
  dossier serve [flags]            build into memory and serve the site on localhost; rebuild and
                                   reload the open pages whenever the sources or layouts change
  dossier new dossier [flags]      start a sources folder: its settings to fill in, its folders
  dossier new layouts [flags]      write the built-in layouts out, to change and use with --layouts
  dossier new source [flags] FILE...
                                   add each FILE to the sources: copy it byte for byte (a PDF:
                                   its text), start its metadata, propose cleaning rules, print
                                   its paragraphs
  dossier paragraphs [flags] [ID]  print the cleaned, numbered text of the sources (or of those
                                   named, by id or as S1), to find the paragraph and the exact
                                   words to quote; with --find WORDS, only the paragraphs a
                                   quote of WORDS points at
  dossier archive [flags]          write DIR/site/ and DIR/briefing.pdf, with a SHA256SUMS
                                   manifest, into DIR/dossier-<cut-off date>-edition-<N>.tar.gz
                                   (or .zip); an archive there that differs is kept
  dossier verify ARCHIVE           check every file in ARCHIVE against its SHA256SUMS
  dossier diff OLD NEW             what changed from one edition to the next: sources, claims,
                                   judgements, entities and relations (OLD, NEW: builds or archives)
  dossier version                  print the version of dossier and the revision it was built from

Run 'dossier COMMAND -h' for the flags.
`

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	if os.Getenv("GOGC") == "" && (len(os.Args) < 2 || os.Args[1] != "serve") {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// memoryLimit is the soft limit the garbage collector keeps the process
// under unless GOMEMLIMIT says otherwise. By default it lets the heap grow
// to twice what is live before collecting, and a build's live memory
// peaks as the briefing is closed: at 5,000 sources a build peaked at 1 GB
// where 500 MB were live. Near the limit the collector runs more often
// instead (docs/BENCHMARKS.md, "Eighth round"); smaller dossiers never
// reach it, and a larger one only makes the collector work harder: the
// limit is soft.
const memoryLimit = 800 << 20

// gcPercent is the collector's GOGC for a command that runs once and
// exits (every command but serve), unless GOGC says otherwise: the heap
// may grow to three times what is live, not twice, before it is
// collected. A build allocates fifteen to twenty-five times what it keeps
// live (at 1,000 sources, 1.06 GB against 40–75 MB), so the default
// collected it 42 times, and 200 does 19 times: the build from nothing
// takes 0.93× the time and peaks at 285 MiB instead of 200
// (docs/BENCHMARKS.md, "Tenth round").
// memoryLimit still bounds it: at 5,000 sources both peak at 830 MiB.
// serve, which lives on between rebuilds, keeps Go's default.
const gcPercent = 200

// errUsage marks an error in the command line, reported with exit code 2.
var errUsage = errors.New("usage")

// errReported marks a failure the command has already reported: exit
// code 1, nothing more printed.
var errReported = errors.New("reported")

func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "build":
		err = buildCmd(args[1:], stdout, stderr, getenv)
	case "check":
		err = checkCmd(args[1:], stdout, stderr, getenv)
	case "diff":
		err = diffCmd(args[1:], stdout, stderr)
	case "new":
		err = newCmd(args[1:], stdout, stderr)
	case "serve":
		err = serveCmd(args[1:], stdout, stderr, getenv)
	case "paragraphs":
		err = paragraphsCmd(args[1:], stdout, stderr)
	case "archive":
		err = archiveCmd(args[1:], stdout, stderr, getenv)
	case "verify":
		err = verifyCmd(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, version())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "dossier: unknown command %q", args[0])
		fmt.Fprintf(stderr, "%s\n\n%s", diag.DidYouMean(diag.Closest(args[0], commands)), usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errReported):
		return 1
	}
	report(stderr, args[0], err)
	return 1
}

// report prints the error a command failed with. The problems it holds
// in source files come each on a line of its own, as file:line: what is
// wrong, as dossier check prints them, for editors and CI annotations to
// read, and then the stage that failed and how many there are, such as
// "dossier build: load: 3 problems"; an error in no file is printed as
// "dossier: what is wrong".
func report(w io.Writer, command string, err error) {
	problems := diag.Entries(err)
	if !slices.ContainsFunc(problems, func(e diag.Entry) bool { return e.File != "" }) {
		fmt.Fprintf(w, "dossier: %s\n", printable(err.Error()))
		return
	}
	for _, p := range problems {
		fmt.Fprintln(w, printable(p.String()))
	}
	summary := count(len(problems), "problem", "problems")
	if stage := diag.Stage(err); stage != "" {
		summary = printable(stage) + ": " + summary
	}
	fmt.Fprintf(w, "dossier %s: %s\n", command, summary)
}

func buildCmd(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fl := flag.NewFlagSet("dossier build", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sources := fl.String("sources", "sources", "read the sources from `DIR`")
	out := fl.String("out", "build", "write the outputs into `DIR`")
	layouts := fl.String("layouts", "", "use the templates and stylesheet in `DIR` instead of the built-in ones")
	verbose := fl.Bool("verbose", false, "list what cleaning dropped from each source, and every file written")
	baseURL := fl.String("base-url", "", "the address the site is published at, as `URL`, for sitemap.xml and the 404 page (overrides base_url in dossier.yaml)")
	previous := fl.String("previous", "", "compare with the previous edition, a build folder or archive at `PATH`, for a \"Changes since\" section (overrides previous in dossier.yaml)")
	noCache := fl.Bool("no-cache", false, "build everything afresh, neither reading nor writing the cache in the output folder (OUT/.cache)")
	strict := fl.Bool("strict", false, "fail, writing nothing, on a warning (a character the briefing cannot print, a reference to a paragraph that reads otherwise than in the previous edition)")
	limits := limitFlags(fl)
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	lfs, built, err := inputs(*sources, *layouts, getenv)
	if err != nil {
		return err
	}
	res, err := build.Run(build.Options{
		Sources:     os.DirFS(*sources),
		SourcesName: *sources,
		Layouts:     lfs,
		Out:         *out,
		Built:       built,
		Verbose:     *verbose,
		Log:         stderr,
		BaseURL:     *baseURL,
		Previous:    *previous,
		SourcesDir:  *sources,
		Limits:      *limits,
		Cache:       !*noCache,
		BuiltNow:    getenv("SOURCE_DATE_EPOCH") == "",
		Strict:      *strict,
	})
	if err != nil {
		return err
	}
	if res.UpToDate {
		fmt.Fprintf(stdout, "%q is up to date in %s: nothing has changed since it was built (dossier build --no-cache builds it again)\n", res.Title, *out)
		return nil
	}
	// Those who publish with rsync, or check what a server will serve
	// anew, learn how many files changed.
	kept := ""
	if res.Unchanged > 0 {
		kept = fmt.Sprintf(" (%d unchanged)", res.Unchanged)
	}
	fmt.Fprintf(stdout, "built %q: %s, %s, %s in %s%s\n",
		res.Title, count(res.Sources, "source", "sources"), count(res.Notes, "note", "notes"), count(len(res.Files), "file", "files"), *out, kept)
	return nil
}

func paragraphsCmd(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("dossier paragraphs", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sources := fl.String("sources", "sources", "read the sources from `DIR`")
	find := fl.String("find", "", "print only the paragraphs that hold `WORDS`, as a claim's quote is found: line breaks, hyphens, spaces and typographic quotes aside")
	limits := limitFlags(fl)
	ids, err := parseArgs(fl, args)
	if err != nil {
		return err
	}
	if err := checkSources(*sources); err != nil {
		return err
	}
	d, err := source.Load(os.DirFS(*sources), source.Options{Name: *sources, Limits: *limits})
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	want := map[string]bool{}
	for _, name := range ids {
		doc, err := sourceNamed(d, name)
		if err != nil {
			return err
		}
		want[doc.ID] = true
	}
	if *find != "" {
		if strings.IndexFunc(*find, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			return fmt.Errorf("--find %q: give the words to look for", *find)
		}
		return findQuote(stdout, d, want, *find)
	}
	for _, doc := range d.Documents {
		if len(want) > 0 && !want[doc.ID] {
			continue
		}
		// What is printed comes from the sources: escaped, it cannot
		// drive the terminal.
		fmt.Fprintf(stdout, "%s  %s  %s  (%s)\n", doc.Ref, doc.ID, printable(doc.Title), diag.Quote(filepath.Join(*sources, filepath.FromSlash(doc.TextPath))))
		for _, b := range doc.Blocks {
			if b.Number == 0 {
				fmt.Fprintf(stdout, "\n  %s %s\n", strings.Repeat("#", b.Level+1), printable(b.Text))
				continue
			}
			fmt.Fprintf(stdout, "  %-5s %s\n", b.Label(), printable(b.Text))
		}
		fmt.Fprintln(stdout)
	}
	return nil
}

// sourceNamed returns the source of d that name names: by its id
// (annual-report), or by its reference as the outputs print it (S1, s1).
// For a name that names none, the error gives the nearest ids and
// references, or else lists them.
func sourceNamed(d *model.Dossier, name string) (*model.Document, error) {
	if doc := d.Document(name); doc != nil {
		return doc, nil
	}
	var names []string
	for _, doc := range d.Documents {
		if strings.EqualFold(doc.Ref, name) {
			return doc, nil
		}
		names = append(names, doc.Ref, doc.ID)
	}
	hint := diag.DidYouMean(diag.Closest(name, names))
	if hint == "" {
		hint = "; " + sourceList(d)
	}
	return nil, fmt.Errorf("no source with id or reference %q%s", name, hint)
}

// maxListed is the most sources a message lists by name.
const maxListed = 10

// sourceList names the sources of d, each by reference and id, at most
// maxListed of them, for a message.
func sourceList(d *model.Dossier) string {
	if len(d.Documents) == 0 {
		return "the dossier has no sources yet (dossier new source FILE adds one)"
	}
	var list []string
	for i, doc := range d.Documents {
		if i == maxListed {
			list = append(list, fmt.Sprintf("and %d more", len(d.Documents)-maxListed))
			break
		}
		list = append(list, doc.Ref+" "+doc.ID)
	}
	return "the sources are " + strings.Join(list, ", ")
}

// findQuote prints the paragraphs of the sources (those in want, or all)
// that a claim quoting words would be tied to, by source, and says where
// the words are too few to point at one paragraph of a source.
func findQuote(w io.Writer, d *model.Dossier, want map[string]bool, words string) error {
	n := 0
	for _, doc := range d.Documents {
		if len(want) > 0 && !want[doc.ID] {
			continue
		}
		found := link.Find(doc, words)
		if len(found) == 0 {
			continue
		}
		n += len(found)
		for _, b := range found {
			fmt.Fprintf(w, "%s %-5s %s  %s\n", doc.Ref, b.Label(), doc.ID, printable(b.Text))
		}
		if len(found) > 1 {
			fmt.Fprintf(w, "  (in %d paragraphs of %s: a quote from it must have more words, to point at one)\n", len(found), doc.Ref)
		}
	}
	if n == 0 {
		fmt.Fprintf(w, "no paragraph holds %q\n", words)
	}
	return nil
}

// commands are the commands run knows, for suggestions.
var commands = []string{"build", "check", "serve", "new", "diff", "paragraphs", "archive", "verify", "version", "help"}

// checkSources checks that dir is a sources folder, and says what to do
// when it is not.
func checkSources(dir string) error {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		wd, _ := os.Getwd()
		return fmt.Errorf("sources: there is no folder %s in %s: run dossier in the folder that holds sources/, or name it with --sources DIR (dossier new dossier starts one)", dir, wd)
	case err != nil:
		return fmt.Errorf("sources: %w", err)
	case !fi.IsDir():
		return fmt.Errorf("sources: %s is a file; --sources names the folder that holds %s", dir, source.SettingsFile)
	}
	if _, err := os.Stat(filepath.Join(dir, source.SettingsFile)); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("sources: %s has no %s, so it is not a sources folder: run dossier in the folder that holds sources/, or name the right one with --sources DIR", dir, source.SettingsFile)
	}
	return nil
}

// version describes this binary: the module's version and the revision
// of the source it was built from, as the Go toolchain recorded them.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dossier (no build information)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when string
	modified := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var notes []string
	if rev != "" {
		n := "revision " + rev[:min(12, len(rev))]
		if when != "" {
			n += " of " + when
		}
		if modified {
			n += ", with local changes"
		}
		notes = append(notes, n)
	}
	notes = append(notes, "built with "+info.GoVersion)
	return "dossier " + v + " (" + strings.Join(notes, "; ") + ")"
}

// inputs checks the sources folder and returns the layouts (those in
// layouts, or the built-in ones when it is "") and the build time.
func inputs(sources, layouts string, getenv func(string) string) (fs.FS, time.Time, error) {
	if err := checkSources(sources); err != nil {
		return nil, time.Time{}, err
	}
	lfs, err := layoutsFS(layouts)
	if err != nil {
		return nil, time.Time{}, err
	}
	built, err := buildTime(getenv)
	if err != nil {
		return nil, time.Time{}, err
	}
	return lfs, built, nil
}

// layoutsFS returns the layouts in dir, or the built-in ones when dir is "".
func layoutsFS(dir string) (fs.FS, error) {
	if dir == "" {
		return fs.Sub(dossier.Layouts, "layouts")
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	return os.DirFS(dir), nil
}

// buildTime returns SOURCE_DATE_EPOCH as a time, or now when it is unset.
func buildTime(getenv func(string) string) (time.Time, error) {
	s := getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Now().UTC(), nil
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil || sec < 0 {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a whole number of seconds since 1970-01-01 UTC", s)
	}
	return time.Unix(sec, 0).UTC(), nil
}
