package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"dossier/internal/archive"
	"dossier/internal/build"
	"dossier/internal/source"
)

// archiveCmd writes the build output in --out into one archive file there.
func archiveCmd(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fl := flag.NewFlagSet("dossier archive", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sources := fl.String("sources", "sources", "read the cut-off date and the edition, which name the archive, from the settings in `DIR`")
	out := fl.String("out", "build", "archive the site and briefing built in `DIR`, and write the archive there")
	format := fl.String("format", string(archive.TarGz), "archive `FORMAT`: tar.gz or zip")
	force := fl.Bool("force", false, "replace an archive of the same name that holds something else (by default it is kept, and nothing is written)")
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
	// The archive is named by the cut-off date and the edition of the
	// settings: only they are read, so that a problem elsewhere in the
	// sources does not stop a build already made from being archived.
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
	top := archiveName(settings.Cutoff.String(), settings.Edition)
	dst := filepath.Join(*out, top+f.Ext())
	err = writeAtomic(dst, *force, func(w io.Writer) error {
		return archive.Write(w, os.DirFS(*out), archive.Options{
			Top:     top,
			Paths:   []string{build.SiteDir, build.PDFFile},
			ModTime: mtime,
			Format:  f,
		})
	})
	switch {
	case errors.Is(err, errSame):
		fmt.Fprintf(stdout, "%s is there already, the same to the byte: left as it was\n", dst)
		return nil
	case errors.Is(err, errDiffers):
		how := fmt.Sprintf("number this edition with edition: in %s, and it is archived under a name of its own", filepath.Join(*sources, source.SettingsFile))
		if settings.Edition != "" {
			how = fmt.Sprintf("if this is another edition, give it its own number (edition: in %s)", filepath.Join(*sources, source.SettingsFile))
		}
		return fmt.Errorf("archive: %s exists already and holds another archive than this build's (an earlier edition's, perhaps the one previous: points at): it is left as it was, and nothing was written. To keep it, move it away or %s; to replace it, run dossier archive --force", dst, how)
	case err != nil:
		return fmt.Errorf("archive: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", dst)
	return nil
}

// archiveName is the name of the archive of the edition of the settings,
// without its extension, and of the folder everything in it sits under:
// dossier-CUTOFF, or dossier-CUTOFF-edition-N when the settings number
// the edition, so that two editions with one cut-off date are archived
// side by side. The edition is written as a safe file name: its letters
// and digits, lower-cased, each run of other characters a hyphen, at most
// maxEditionName of them; one without letters or digits, in hex.
func archiveName(cutoff, edition string) string {
	name := "dossier-" + cutoff
	if edition == "" {
		return name
	}
	var b strings.Builder
	n := 0
	hyphen := false
	for _, r := range edition {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			hyphen = b.Len() > 0
			continue
		}
		if n == maxEditionName {
			break
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteRune(unicode.ToLower(r))
		n++
	}
	if b.Len() == 0 {
		b.WriteString(hex.EncodeToString([]byte(edition))[:min(2*maxEditionName, 2*len(edition))])
	}
	return name + "-edition-" + b.String()
}

// maxEditionName is the most letters and digits of an edition an
// archive's name holds.
const maxEditionName = 32

// errSame and errDiffers are what writeAtomic returns when it keeps the
// file that is there: it holds the same bytes, or other ones.
var (
	errSame    = errors.New("the file there holds the same bytes")
	errDiffers = errors.New("the file there holds other bytes")
)

// writeAtomic writes a file through write into a temporary file beside
// name and renames it to name only when everything was written, so that
// name is never seen half-written and a failure leaves it as it was. A
// file already at name is replaced only when replace is set: otherwise it
// is kept, and writeAtomic returns errSame when it holds what was written,
// errDiffers when it holds something else.
func writeAtomic(name string, replace bool, write func(io.Writer) error) (err error) {
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
	if !replace {
		same, err := sameContent(name, tmp.Name())
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case same:
			return errSame
		default:
			return errDiffers
		}
	}
	return os.Rename(tmp.Name(), name)
}

// sameContent reports whether the files a and b hold the same bytes; the
// error is a's when it cannot be read (fs.ErrNotExist when it is not
// there).
func sameContent(a, b string) (bool, error) {
	fa, err := os.Open(a)
	if err != nil {
		return false, err
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false, err
	}
	defer fb.Close()
	ia, err := fa.Stat()
	if err != nil {
		return false, err
	}
	if ib, err := fb.Stat(); err != nil || !ia.Mode().IsRegular() || ia.Size() != ib.Size() {
		return false, err
	}
	ra, rb := bufio.NewReaderSize(fa, 64<<10), bufio.NewReaderSize(fb, 64<<10)
	bufA, bufB := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, errA := io.ReadFull(ra, bufA)
		nb, errB := io.ReadFull(rb, bufB)
		if !bytes.Equal(bufA[:na], bufB[:nb]) {
			return false, nil
		}
		if errA == io.EOF || errA == io.ErrUnexpectedEOF {
			return errB == io.EOF || errB == io.ErrUnexpectedEOF, nil
		}
		if errA != nil {
			return false, errA
		}
		if errB != nil {
			return false, errB
		}
	}
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
