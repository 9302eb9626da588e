package model

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"dossier/internal/diag"
)

// Dossier is everything one build renders.
type Dossier struct {
	Settings  Settings
	Documents []*Document // primary sources, in the order of their references: S2 before S10
	Notes     []*Note     // analyst-written prose, in file-name order
	Entities  []*Entity   // agencies, units, people, places, instruments, terms; in data order
	Built     time.Time   // build time in UTC: SOURCE_DATE_EPOCH when set
	// BuildID names one build: a digest of its inputs and build time,
	// recorded in the site and the briefing so that an archive can tell
	// that both come from the same build. Empty when not set.
	BuildID string

	// Markets is the crime-market summary; nil when the sources have no
	// markets file.
	Markets *MarketSummary

	// Charts are the charts the sources declare (charts.yaml), in file
	// order; nil when there is no such file.
	Charts []*ChartDecl

	// Assessment is the bottom line, key judgements, information gaps
	// and implications (judgements.yaml); nil when there is no such file.
	Assessment *Assessment

	// Subject is the entity the dossier is about (Settings.Subject), filled
	// in by the resolve stage; nil when the settings name none.
	Subject *Entity

	// Background is the number of background passages (the analyst's own
	// knowledge, resting on no source) in the notes and the entities'
	// descriptions, counted by the resolve stage.
	Background int

	// Changes is what changed since the previous edition, when the build
	// was given it (build.Options.Previous, or previous in the settings);
	// nil otherwise.
	Changes *Changes

	// Cited are the references to numbered paragraphs ([[S:id#12]]) in
	// the analyst's prose, in the order the resolve stage met them.
	Cited []ParagraphRef

	// Warnings are problems that do not stop a build, found before the
	// renderers run (see build's comparison with the previous edition).
	Warnings []diag.Entry

	// Chars are the characters from U+0590 on (beyond Latin, Greek,
	// Cyrillic and Armenian: other scripts, symbols, emoji) that the files
	// of the sources hold, each with the first places it is on (at most
	// MaxCharPlaces), in file order, so that a stage that cannot show one
	// can say where it is. Filled in by the load stage.
	Chars map[rune][]SourceLine
}

// MaxCharPlaces is the most places Dossier.Chars keeps for a character.
const MaxCharPlaces = 3

// ParagraphRef is a reference to a numbered paragraph, where the analyst
// wrote it.
type ParagraphRef struct {
	SourceLine
	Doc   *Document
	Block *Block
}

// SourceLine is a line of a file of the sources, named as in messages.
type SourceLine struct {
	File string
	Line int
}

// Changes is what changed in the dossier's data since an earlier edition,
// as a reader sees it.
type Changes struct {
	Since  string        // the earlier edition, as it names itself: "edition 1 of 2026-09-01"
	Groups []ChangeGroup // by kind; empty when nothing changed
}

// ChangeGroup is one kind of change: a title ("Sources") and a line for
// each change, "+ " added, "- " removed, "~ " changed.
type ChangeGroup struct {
	Title string
	Lines []string
}

// SubjectName returns the name of the entity the dossier is about, as
// running text names it, or "the subject" when the settings name none.
func (d *Dossier) SubjectName() string {
	if d.Subject == nil {
		return "the subject"
	}
	return d.Subject.Name
}

// Document returns the document with the given id, or nil.
func (d *Dossier) Document(id string) *Document {
	for _, doc := range d.Documents {
		if doc.ID == id {
			return doc
		}
	}
	return nil
}

// Entity returns the entity with the given id, or nil.
func (d *Dossier) Entity(id string) *Entity {
	for _, e := range d.Entities {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// Settings are the dossier-wide choices made in sources/dossier.yaml.
type Settings struct {
	Title    string
	Subtitle string
	// Author is who prepared the briefing (a person, a team, an
	// organisation), as the settings give it; "" when they do not.
	Author   string
	Marking  string   // handling marking, e.g. "TLP:CLEAR"
	Cutoff   Date     // information cut-off date
	PageSize PageSize // paper size of the PDF briefing
	Language string   // BCP 47 tag of the analyst text, e.g. "en"
	BaseURL  string   // where the site is published, ending in "/"; "" when not given (no sitemap then)
	Path     string   // where the settings were read from, for messages

	// Subject is the id of the entity the dossier is about (a country,
	// region or body), as written; "" when not given. SubjectLine is its
	// line in Path.
	Subject     string
	SubjectLine int

	// Edition numbers this issue of the briefing ("2"), and EditionDate
	// dates it; both are empty when the settings give none.
	Edition     string
	EditionDate Date

	// Previous names the previous edition's build folder or archive, as
	// written (relative to the sources folder); "" for none. PreviousLine is
	// its line in Path.
	Previous     string
	PreviousLine int
}

// PageSize names a paper size.
type PageSize string

// The paper sizes the PDF renderer supports.
const (
	A4     PageSize = "A4"
	Letter PageSize = "Letter"
)

// Public reports whether a handling marking lets the dossier be published
// to anyone, and so be indexed by search engines: only TLP:CLEAR does (in
// any case, spaces aside). Every other marking restricts who may read it
// (TLP:GREEN to a community, TLP:AMBER and TLP:RED further), and so does a
// marking that is not a TLP label or is empty: a site that cannot tell
// stays out of the indexes.
func Public(marking string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(marking), ""), "TLP:CLEAR")
}

// ParseBaseURL checks the address a site is published at: absolute,
// http or https, without query or fragment. It returns it ending in "/",
// so that page names can be appended.
func ParseBaseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil:
		return "", fmt.Errorf("%q is not a web address: %w", s, err)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return "", fmt.Errorf("%q is not an absolute http or https address such as https://example.org/dossier/", s)
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return "", fmt.Errorf("%q has a query, fragment or user name; give the folder the site is published in", s)
	}
	out := u.String()
	if !strings.HasSuffix(out, "/") {
		out += "/"
	}
	return out, nil
}

// Date is a calendar date without time of day or zone. A date a source
// gives to the month or the year only has Day, or Month and Day, zero
// (see ParseWrittenDate); every other date is whole.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a whole date written as YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		if isoShape.MatchString(s) {
			return Date{}, fmt.Errorf("date %q is of the form YYYY-MM-DD, but is not a day of the calendar", s)
		}
		return Date{}, fmt.Errorf("date %q is not of the form YYYY-MM-DD", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// isoShape matches what has the shape of an ISO date, day of the calendar
// or not: 2025-02-30, 2025-13.
var isoShape = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$`)

// writtenDates are the forms ParseWrittenDate reads, each with the parts
// it gives.
var writtenDates = []struct {
	layout string
	parts  int // 1 year, 2 month, 3 day
}{
	{time.DateOnly, 3}, {"2006-01", 2}, {"2006", 1},
	{"2 January 2006", 3}, {"January 2, 2006", 3}, {"January 2006", 2},
}

// ParseWrittenDate parses a date as a source's metadata gives it: to the
// day, the month or the year, as YYYY-MM-DD, YYYY-MM or YYYY, or written
// out as "2 January 2006", "January 2, 2006" or "January 2006". The parts
// not given are zero. A date of the right shape that is not on the
// calendar (2025-02-30) is an error that says so.
func ParseWrittenDate(s string) (Date, error) {
	s = strings.Join(strings.Fields(s), " ")
	for _, f := range writtenDates {
		t, err := time.Parse(f.layout, s)
		if err != nil {
			continue
		}
		d := Date{Year: t.Year()}
		if f.parts >= 2 {
			d.Month = t.Month()
		}
		if f.parts == 3 {
			d.Day = t.Day()
		}
		return d, nil
	}
	if isoShape.MatchString(s) {
		return Date{}, fmt.Errorf("%q is not a day of the calendar", s)
	}
	return Date{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, or YYYY-MM or YYYY for a text dated to the month or the year", s)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as ISO 8601 does: YYYY-MM-DD, or YYYY-MM or YYYY for a
// date given to the month or the year.
func (d Date) String() string {
	switch {
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Long formats d for reading: "24 November 2026", "November 2026", "2026".
func (d Date) Long() string {
	switch {
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
}

// Parts returns the parts d gives, year first: one, two or three numbers,
// as CSL's date-parts holds them.
func (d Date) Parts() []int {
	switch {
	case d.Month == 0:
		return []int{d.Year}
	case d.Day == 0:
		return []int{d.Year, int(d.Month)}
	}
	return []int{d.Year, int(d.Month), d.Day}
}

// After reports whether all of d falls after e, a whole date: the first
// day of a date given to the month or the year is after e.
func (d Date) After(e Date) bool {
	first := d
	first.Month, first.Day = max(first.Month, 1), max(first.Day, 1)
	if first.Year != e.Year {
		return first.Year > e.Year
	}
	if first.Month != e.Month {
		return first.Month > e.Month
	}
	return first.Day > e.Day
}

// Maybe is a field of a source's metadata that the source may not state
// (its author, date, address). The empty Maybe is not stated; it prints as
// NotStated, so that no renderer can show a blank or a guess.
type Maybe string

// NotStated is what every output shows for a metadata field the source
// does not state.
const NotStated = "not stated in the source"

// Unknown is the text shown for a value nothing gives, such as a route's
// end a source does not name.
const Unknown = "unknown"

// Known reports whether the value is known.
func (m Maybe) Known() bool { return m != "" }

// String returns the value, or NotStated.
func (m Maybe) String() string {
	if m == "" {
		return NotStated
	}
	return string(m)
}
