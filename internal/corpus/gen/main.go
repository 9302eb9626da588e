// Command gen writes a generated dossier (package corpus) for benchmarks:
//
//	go run ./internal/corpus/gen -n 1000 -out /tmp/corpus-1000
//
// writes the sources into OUT/sources and, with -hugo, the same texts as a
// Hugo site into OUT/hugo.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"dossier/internal/corpus"
)

func main() {
	n := flag.Int("n", 100, "the number of documents")
	out := flag.String("out", "", "the folder to write into (required)")
	hugo := flag.Bool("hugo", false, "also write the texts as a Hugo site into OUT/hugo")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out is required")
		os.Exit(2)
	}
	c := corpus.New(*n)
	if err := c.Write(filepath.Join(*out, "sources")); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *hugo {
		if err := c.WriteMarkdown(filepath.Join(*out, "hugo")); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}
