package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"dossier/internal/diag"
	"dossier/internal/markdown"
)

// Limits bound what Load accepts, so that a hostile or mistaken input
// fails fast with file:line instead of exhausting memory or time. A zero
// field takes its default.
type Limits struct {
	// FileSize is the largest file, in bytes, Load reads: a text, a note
	// or a data file. Default DefaultMaxFileSize.
	FileSize int64
	// LineLength is the longest line, in bytes, of a text, a note or a
	// data file. Default DefaultMaxLineLength.
	LineLength int
	// Entities is the most entities the sources may declare. Default
	// DefaultMaxEntities.
	Entities int
	// ImagePixels is the most pixels (width times height) a picture in a
	// note may have: a file of a few megabytes can declare a picture
	// whose pixels, decoded to print it, take gigabytes. Default
	// DefaultMaxImagePixels.
	ImagePixels int64
}

// The default limits: ample for any briefing, small enough that the
// build of the largest input stays well under a gigabyte of memory.
const (
	DefaultMaxFileSize   = 8 << 20
	DefaultMaxLineLength = 64 << 10
	DefaultMaxEntities   = 10000
	// DefaultMaxImagePixels is 25 megapixels: a photograph of 6,000 by
	// 4,000 pixels, several times what a printed page shows.
	DefaultMaxImagePixels = 25_000_000
)

// WithDefaults returns lim with each zero field set to its default: the
// limits Load applies.
func (lim Limits) WithDefaults() Limits {
	if lim.FileSize <= 0 {
		lim.FileSize = DefaultMaxFileSize
	}
	if lim.LineLength <= 0 {
		lim.LineLength = DefaultMaxLineLength
	}
	if lim.Entities <= 0 {
		lim.Entities = DefaultMaxEntities
	}
	if lim.ImagePixels <= 0 {
		lim.ImagePixels = DefaultMaxImagePixels
	}
	return lim
}

// errSymlink is what reading a symbolic link in the sources gives.
var errSymlink = errors.New("is a symbolic link")

// readFile reads name from fsys, refusing a symbolic link at name or at
// any folder on its way (a link could publish a file from outside the
// sources folder) and a file larger than max bytes. An fs.FS that cannot
// tell links (no fs.ReadLinkFS) is read as it is.
func readFile(fsys fs.FS, name string, max int64) ([]byte, error) {
	if err := noLinks(fsys, name); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if max > 0 {
		if fi, err := f.Stat(); err == nil && fi.Size() > max {
			return nil, fmt.Errorf("is %d bytes, more than the %d a file may have (raise the limit with --max-file-size if the file is right)", fi.Size(), max)
		}
	}
	var r io.Reader = f
	if max > 0 {
		r = io.LimitReader(f, max+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if max > 0 && int64(len(data)) > max {
		return nil, fmt.Errorf("is more than the %d bytes a file may have (raise the limit with --max-file-size if the file is right)", max)
	}
	return data, nil
}

// noLinks reports an error when name, or a folder on the way to it, is a
// symbolic link in fsys.
func noLinks(fsys fs.FS, name string) error {
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		return nil
	}
	p := ""
	for part := range strings.SplitSeq(name, "/") {
		p = path.Join(p, part)
		fi, err := fs.Lstat(fsys, p)
		if err != nil {
			return err
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			target, _ := fs.ReadLink(fsys, p)
			what := "it"
			if p != name {
				what = "the folder " + diag.Quote(p)
			}
			return fmt.Errorf("%w (%s points to %s): the sources folder holds its files themselves, so that nothing outside it is published; copy the file in instead of linking it",
				errSymlink, what, diag.Quote(Excerpt(target)))
		}
	}
	return nil
}

// Excerpt shortens s to at most 40 characters for a message, marking the
// cut with "…". It never quotes a file at length.
func Excerpt(s string) string {
	const n = 40
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for k := range s {
		if i == n {
			return s[:k] + "…"
		}
		i++
	}
	return s
}

// cleanInput prepares the text of a file for parsing: it drops the
// byte-order marks it starts with, turns CRLF and a lone CR into LF and a
// form feed into a space, and reports, with file:line, the first NUL or
// other control character (tab and line feed apart), a UTF-16 or UTF-32
// encoding, and the first line longer than maxLine bytes.
func cleanInput(data []byte, maxLine int) (string, int, error) {
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return "", 1, errors.New("is UTF-16 (it starts with a UTF-16 byte-order mark): save it as UTF-8")
	}
	for bytes.HasPrefix(data, []byte("\uFEFF")) { // a file saved twice by an editor may have two
		data = data[len("\uFEFF"):]
	}
	if bytes.IndexByte(data, '\f') >= 0 {
		// A form feed (a page break of a text taken from print) is a
		// space: the outputs have their own pages.
		data = bytes.ReplaceAll(data, []byte("\f"), []byte(" "))
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	s := string(data)
	line, start := 1, 0
	for i, r := range s {
		switch {
		case r == '\n':
			if maxLine > 0 && i-start > maxLine {
				return "", line, lineTooLong(i-start, maxLine)
			}
			line++
			start = i + 1
		case r == 0:
			if bytes.Count(data, []byte{0}) > len(data)/4 {
				return "", line, errors.New("holds NUL bytes throughout: it looks like UTF-16 or UTF-32; save it as UTF-8")
			}
			return "", line, errors.New("holds a NUL byte: remove it (a file of text holds none)")
		case r == '\t':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return "", line, fmt.Errorf("holds the control character %U: remove it", r)
		}
	}
	if maxLine > 0 && len(s)-start > maxLine {
		return "", line, lineTooLong(len(s)-start, maxLine)
	}
	return s, 0, nil
}

func lineTooLong(n, max int) error { return &longLineError{n, max} }

// longLineError is a line longer than a file's lines may be.
type longLineError struct{ n, max int }

func (e *longLineError) Error() string {
	return fmt.Sprintf("a line of %d bytes, more than the %d a line may have: break it (raise the limit with --max-line-length if it is right)", e.n, e.max)
}

// readData reads a file of the sources that is parsed as text (YAML or
// Markdown), cleaned by cleanInput. Every error is a diag error naming
// the file; it wraps fs.ErrNotExist when the file is missing.
func (l *loader) readData(name string) ([]byte, error) {
	file := l.path(name)
	data, err := readFile(l.fsys, name, l.limits.FileSize)
	if err != nil {
		return nil, diag.Errorf(file, 0, "%w", err)
	}
	s, line, err := cleanInput(data, l.limits.LineLength)
	if err != nil {
		return nil, diag.Errorf(file, line, "%w", err)
	}
	l.index(file, s)
	return []byte(s), nil
}

// checkProse reports what markdown.Check finds in the Markdown of a value
// of a data file, at the line of the file it is on.
func checkProse(file string, v proseField, doc ast.Node, src []byte) error {
	var errs diag.List
	for _, p := range markdown.Check(doc, src) {
		errs.Add(diag.Errorf(file, v.Line+max(p.Line, 1)-1, "%s", p.Message))
	}
	for _, img := range markdown.LocalImages(doc, src) {
		errs.Add(diag.Errorf(file, v.Line+max(img.Line, 1)-1, "the image %q: a picture is shown only from a note (notes/*.md); move it into one", Excerpt(img.Dest)))
	}
	return errs.Err()
}
