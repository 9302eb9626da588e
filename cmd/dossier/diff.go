package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"dossier/internal/export"
)

// diffCmd compares two editions of a dossier by their data.
func diffCmd(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("dossier diff", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print the changes as JSON")
	fl.Usage = func() {
		fmt.Fprint(stderr, `usage: dossier diff [--json] OLD NEW

Compares two editions of a dossier by their data: sources added, removed or
changed (their text, by digest, or their grade); claims added, removed or
reworded; judgements added, withdrawn or changed; entities and relations
added or removed. OLD and NEW are each a build folder (build/), its site
folder, an archive dossier archive wrote (.tar.gz or .zip), or the
edition.json file of one.

`)
		fl.PrintDefaults()
	}
	editions, err := parseArgs(fl, args)
	if err != nil {
		return err
	}
	if len(editions) != 2 {
		fl.Usage()
		return errUsage
	}
	old, err := export.ReadEdition(editions[0])
	if err != nil {
		return err
	}
	new, err := export.ReadEdition(editions[1])
	if err != nil {
		return err
	}
	c := export.Diff(old, new)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	}
	c.WriteText(stdout)
	return nil
}
