// Package diag provides the error type every stage uses to point at the
// place in the sources that caused a failure.
//
// An *Error prints as "file:line: cause" (or "file: cause" when the line is
// unknown), so editors and terminals can jump to it, and it unwraps to the
// cause so callers can still use errors.Is and errors.As.
package diag

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is an error tied to a position in a source file.
type Error struct {
	File string // path as the user knows it, e.g. "sources/dossier.yaml"
	Line int    // 1-based; 0 when the whole file is meant
	Err  error  // the cause
}

// Errorf returns an *Error for file and line whose cause is built from
// format and args as fmt.Errorf would (so %w wraps).
func Errorf(file string, line int, format string, args ...any) error {
	return &Error{File: file, Line: line, Err: fmt.Errorf(format, args...)}
}

// Wrap returns err tied to file and line. A nil err gives nil, and an err
// that already carries a position is returned unchanged so that the
// innermost, most precise position wins.
func Wrap(file string, line int, err error) error {
	if err == nil {
		return nil
	}
	var de *Error
	if errors.As(err, &de) {
		return err
	}
	return &Error{File: file, Line: line, Err: err}
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", Quote(e.File), e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", Quote(e.File), e.Err)
}

// Quote returns s as it may be printed in a message: as it is when it is
// printable text, in Go quotes with its control characters escaped
// otherwise, so that a file name cannot forge lines of the output or send
// escape sequences to a terminal.
func Quote(s string) string {
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			return strconv.Quote(s)
		}
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// List collects several errors so that one run can report every problem in
// the sources, not just the first. Its zero value is ready to use.
type List struct {
	errs []error
}

// Add appends err unless it is nil.
func (l *List) Add(err error) {
	if err != nil {
		l.errs = append(l.errs, err)
	}
}

// Err returns nil when nothing was added, the single error when one was,
// and otherwise an error joining all of them, one per line.
func (l *List) Err() error {
	switch len(l.errs) {
	case 0:
		return nil
	case 1:
		return l.errs[0]
	}
	return errors.Join(l.errs...)
}

// Entry is one problem out of an error tree, as tools read it.
type Entry struct {
	File    string `json:"file,omitempty"` // "" when the problem is in no file
	Line    int    `json:"line,omitempty"` // 0 when the whole file is meant
	Message string `json:"message"`
	// Warning is set for a problem that does not stop a build: the
	// outputs are written, but something in them is not as the sources
	// say (a character the briefing cannot print).
	Warning bool `json:"warning,omitempty"`
}

// String formats e as an *Error prints: "file:line: message", with
// "warning: " before the message of a warning.
func (e Entry) String() string {
	msg := e.Message
	if e.Warning {
		msg = "warning: " + msg
	}
	switch {
	case e.File == "":
		return msg
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", Quote(e.File), e.Line, msg)
	}
	return fmt.Sprintf("%s: %s", Quote(e.File), msg)
}

// Entries flattens err into its problems, in order: each *Error it holds,
// through errors.Join and %w wrapping, with its position; an error that
// holds none is one Entry without a file. A nil err has none.
func Entries(err error) []Entry {
	if err == nil {
		return nil
	}
	var de *Error
	switch x := err.(type) {
	case interface{ Unwrap() []error }:
		var out []Entry
		for _, e := range x.Unwrap() {
			out = append(out, Entries(e)...)
		}
		return out
	case *Error:
		de = x
	default:
		if !errors.As(err, &de) {
			return []Entry{{Message: err.Error()}}
		}
		// A stage's wrapper around a position ("load: file:line: …"):
		// what it holds is the problem. A joined list inside a wrapper
		// is flattened too.
		if inner := errors.Unwrap(err); inner != nil {
			return Entries(inner)
		}
	}
	return []Entry{{File: de.File, Line: de.Line, Message: de.Err.Error()}}
}

// Stage returns what the wrappers around the problems of err say before
// them, which Entries leaves out: "load" for an err made as
// fmt.Errorf("load: %w", problems), "previous edition" for one made as
// fmt.Errorf("previous edition: %w", diag.Errorf(…)), the stage of a
// build that failed. It is "" when err is itself a problem or a list of
// them, and stops at a wrapper that adds words after what it wraps.
func Stage(err error) string {
	var parts []string
	for err != nil {
		if _, ok := err.(*Error); ok {
			break
		}
		if _, ok := err.(interface{ Unwrap() []error }); ok {
			break
		}
		inner := errors.Unwrap(err)
		if inner == nil {
			break
		}
		prefix, ok := strings.CutSuffix(err.Error(), inner.Error())
		if !ok {
			break
		}
		if prefix = strings.TrimSuffix(prefix, ": "); prefix != "" {
			parts = append(parts, prefix)
		}
		err = inner
	}
	return strings.Join(parts, ": ")
}
