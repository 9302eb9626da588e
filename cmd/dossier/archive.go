package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"dossier/internal/archive"
	"dossier/internal/build"
	"dossier/internal/source"
)

// archiveCmd writes the build output in --out into one archive file there.
func archiveCmd(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fl := flag.NewFlagSet("dossier archive", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sources := fl.String("sources", "sources", "read the cut-off date, which names the archive, from the settings in `DIR`")
	out := fl.String("out", "build", "archive the site and briefing built in `DIR`, and write the archive there")
	format := fl.String("format", string(archive.TarGz), "archive `FORMAT`: tar.gz or zip")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	f, err := archive.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "dossier archive: %v\n", err)
		return errUsage
	}
	pdf, err := os.Stat(filepath.Join(*out, build.PDFFile))
	if err == nil {
		_, err = os.Stat(filepath.Join(*out, build.SiteDir))
	}
	if err != nil {
		return fmt.Errorf("no build output to archive in %s (run dossier build first): %w", *out, err)
	}
	if err := build.CheckComplete(*out); err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	// The archive is named by the cut-off date of the settings: only
	// they are read, so that a problem elsewhere in the sources does not
	// stop a build already made from being archived.
	if err := checkSources(*sources); err != nil {
		return err
	}
	settings, err := source.LoadSettings(os.DirFS(*sources), *sources)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	// Every entry carries the build time: SOURCE_DATE_EPOCH when set, as
	// for the build, or else the time the build wrote the briefing, so
	// that archiving one build twice gives the same bytes.
	mtime := pdf.ModTime()
	if getenv("SOURCE_DATE_EPOCH") != "" {
		if mtime, err = buildTime(getenv); err != nil {
			return err
		}
	}
	top := "dossier-" + settings.Cutoff.String()
	dst := filepath.Join(*out, top+f.Ext())
	err = writeAtomic(dst, func(w io.Writer) error {
		return archive.Write(w, os.DirFS(*out), archive.Options{
			Top:     top,
			Paths:   []string{build.SiteDir, build.PDFFile},
			ModTime: mtime,
			Format:  f,
		})
	})
	if err != nil {
		return fmt.Errorf("archive: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", dst)
	return nil
}

// writeAtomic writes a file through write into a temporary file beside
// name and renames it to name only when everything was written, so that
// name is never seen half-written and a failure leaves it as it was.
func writeAtomic(name string, write func(io.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}

// verifyCmd checks an archive against the manifest inside it.
func verifyCmd(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("dossier verify", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(stderr, "usage: dossier verify ARCHIVE\n\nChecks every file in a .tar.gz or .zip written by dossier archive against its SHA256SUMS.\n")
	}
	names, err := parseArgs(fl, args)
	if err != nil {
		return err
	}
	if len(names) != 1 {
		fl.Usage()
		return errUsage
	}
	res, err := archive.Verify(names[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ok: %d files verified\n", res.Files)
	return nil
}
