package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"dossier/internal/build"
	"dossier/internal/diag"
	"dossier/internal/output"
)

// checkCmd runs every stage of a build, the briefing included, and writes
// nothing: it reports every problem, or that there is none.
func checkCmd(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fl := flag.NewFlagSet("dossier check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sources := fl.String("sources", "sources", "read the sources from `DIR`")
	limits := limitFlags(fl)
	layouts := fl.String("layouts", "", "use the templates, stylesheet and wording in `DIR` instead of the built-in ones")
	asJSON := fl.Bool("json", false, "print the problems as a JSON array of {file, line, message}, for editors")
	strict := fl.Bool("strict", false, "count a warning (a character the briefing cannot print, a reference to a paragraph that reads otherwise than in the previous edition) as a problem")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	lfs, built, err := inputs(*sources, *layouts, getenv)
	if err != nil {
		return err
	}
	d, err := build.Load(build.Options{Sources: os.DirFS(*sources), SourcesName: *sources, SourcesDir: *sources, Layouts: lfs, Built: built, Limits: *limits})
	var warnings []diag.Entry
	if err == nil {
		var p *build.Prepared
		if p, err = build.Prepare(d, lfs, nil); err == nil {
			if err = p.Site(&output.Mem{}); err == nil {
				_, warnings, err = p.PDF()
			}
		}
	}
	if *strict && len(warnings) > 0 {
		err = errors.Join(err, build.Strict(warnings))
		warnings = nil
	}
	problems := diag.Entries(err)
	nErrors := len(problems)
	problems = append(problems, warnings...)
	if *asJSON {
		if problems == nil {
			problems = []diag.Entry{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(problems); err != nil {
			return err
		}
	} else {
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
	}
	if nErrors > 0 {
		if !*asJSON {
			fmt.Fprintf(stderr, "dossier check: %s\n", count(nErrors, "problem", "problems"))
		}
		return errReported
	}
	if !*asJSON {
		warned := ""
		if len(warnings) > 0 {
			warned = ", " + count(len(warnings), "warning", "warnings")
		}
		fmt.Fprintf(stdout, "ok: %q, %s, %s, %s%s; nothing written\n", d.Settings.Title, count(len(d.Documents), "source", "sources"), count(len(d.Notes), "note", "notes"), count(len(d.Entities), "entity", "entities"), warned)
	}
	return nil
}

// count is n with the noun after it, one or many as n says.
func count(n int, one, many string) string { return fmt.Sprintf("%d %s", n, plural(n, one, many)) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
