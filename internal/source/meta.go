package source

import (
	"golang.org/x/text/encoding"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// metaFile is the shape of documents/NAME.yaml.
type metaFile struct {
	ID            at[string]    `yaml:"id"`
	Ref           at[string]    `yaml:"ref"`
	Title         at[string]    `yaml:"title"`
	Publisher     at[string]    `yaml:"publisher"`
	PublisherKind at[string]    `yaml:"publisher_kind"`
	Language      at[string]    `yaml:"language"`
	Languages     at[[]string]  `yaml:"other_languages"`
	Author        at[string]    `yaml:"author"`
	Published     publishedFile `yaml:"published"`
	Repeats       []repeatFile  `yaml:"repeats"`
	URL           at[string]    `yaml:"url"`
	Captured      at[string]    `yaml:"captured"`
	Description   at[string]    `yaml:"description"`
	OriginFile    at[string]    `yaml:"origin_file"`
	Encoding      at[string]    `yaml:"encoding"`
	SHA256        at[string]    `yaml:"sha256"`
	Grade         gradeFile     `yaml:"grade"`
	Cleaning      cleaningFile  `yaml:"cleaning"`
}

type gradeFile struct {
	Reliability at[string] `yaml:"reliability"`
	Credibility at[int]    `yaml:"credibility"`
	Reason      at[string] `yaml:"reason"`
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	langPattern = regexp.MustCompile(`^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$`)
	hexPattern  = regexp.MustCompile(`^[0-9a-f]{64}$`)
	refPattern  = regexp.MustCompile(`^S([1-9][0-9]{0,5})$`)
)

// parseRef checks a source's reference, "S" and a number from 1 without
// leading zeros, and returns the number; 0 if it is not one.
func parseRef(s string) int {
	m := refPattern.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// parsedMeta is a document's parsed metadata: the document without its text,
// its cleaning rules, and where its reference is declared.
type parsedMeta struct {
	doc     *model.Document
	rules   *rules
	enc     encoding.Encoding // the text's declared encoding; nil for UTF-8
	origin  at[string]        // origin_file as written, for the check against the file's name
	ref     int               // the number of doc.Ref; 0 when missing or malformed
	refLine int               // line of ref: in the metadata file; 0 when missing
	idLine  int               // line of id:, to point at when ref: is missing
}

func validLang(s string) bool { return langPattern.MatchString(s) }

// maybe turns a metadata value into a model.Maybe: absent, empty and the
// word "unknown" all mean unknown.
func maybe(a at[string]) model.Maybe {
	v := strings.TrimSpace(a.V)
	if strings.EqualFold(v, model.Unknown) {
		return ""
	}
	return model.Maybe(v)
}

// parseMeta validates a document's metadata and returns the document
// without its text, plus its cleaning rules and its reference. A missing
// reference is not reported here: the caller, which sees every document,
// suggests the next free one.
func parseMeta(file string, data []byte) (*parsedMeta, error) {
	var mf metaFile
	if err := decodeYAML(file, data, &mf); err != nil {
		return nil, err
	}
	src := newDataFile(file, data)
	var errs diag.List
	required := func(a at[string], key, what string) string {
		v := strings.TrimSpace(a.V)
		switch {
		case v != "":
		case a.Set:
			errs.Add(diag.Errorf(file, a.Line, "%s is empty: give %s", key, what))
		default:
			errs.Add(diag.Errorf(file, a.Line, "%s is missing: %s", key, what))
		}
		return v
	}
	doc := &model.Document{
		ID:         required(mf.ID, "id", "a short stable id such as interpol-minsk"),
		Title:      required(mf.Title, "title", "the document's title as it gives it"),
		Publisher:  required(mf.Publisher, "publisher", "who published it"),
		Language:   required(mf.Language, "language", "the main language, such as en"),
		Author:     maybe(mf.Author),
		URL:        maybe(mf.URL),
		Captured:   required(mf.Captured, "captured", "how the text was captured, such as web page"),
		OriginFile: required(mf.OriginFile, "origin_file", "the file name the text was delivered under"),
		SHA256:     strings.ToLower(required(mf.SHA256, "sha256", "the SHA-256 of the verbatim text (sha256sum prints it)")),
		Meta:       provenanceRecord(data),

		DescriptionWritten: src.written(mf.Description),
	}
	m := &parsedMeta{doc: doc, idLine: mf.ID.Line, origin: mf.OriginFile}
	if mf.Encoding.Set {
		enc, err := lookupEncoding(mf.Encoding.V)
		if err != nil {
			errs.Add(diag.Errorf(file, mf.Encoding.Line, "%w", err))
		}
		m.enc = enc
		doc.Encoding = strings.TrimSpace(mf.Encoding.V)
	}
	if ref := strings.TrimSpace(mf.Ref.V); mf.Ref.Set {
		m.refLine = mf.Ref.Line
		if m.ref = parseRef(ref); m.ref == 0 {
			errs.Add(diag.Errorf(file, mf.Ref.Line, "ref %q: a source's reference is S and a number from 1, such as S1, written once and never changed", mf.Ref.V))
		} else {
			doc.Ref = ref
		}
	}
	if doc.ID != "" && !idPattern.MatchString(doc.ID) {
		errs.Add(diag.Errorf(file, mf.ID.Line, "id %q: use lower-case letters, digits and single hyphens", doc.ID))
	}
	if doc.Language != "" && !validLang(doc.Language) {
		errs.Add(diag.Errorf(file, mf.Language.Line, "language %q is not a language tag such as en or ru", doc.Language))
	}
	for _, l := range mf.Languages.V {
		if !validLang(l) {
			errs.Add(diag.Errorf(file, mf.Languages.Line, "other_languages: %q is not a language tag such as ru", l))
		}
	}
	doc.Languages = mf.Languages.V
	if doc.SHA256 != "" && !hexPattern.MatchString(doc.SHA256) {
		errs.Add(diag.Errorf(file, mf.SHA256.Line, "sha256 %q is not 64 hexadecimal digits", mf.SHA256.V))
	}

	kind := model.PublisherKind(strings.TrimSpace(mf.PublisherKind.V))
	if !slices.Contains(model.PublisherKinds, kind) {
		errs.Add(diag.Errorf(file, mf.PublisherKind.Line, "publisher_kind %q: want one of %s", mf.PublisherKind.V, kindList()))
	}
	doc.PublisherKind = kind

	errs.Add(parsePublished(src, mf.Published, doc))
	errs.Add(parseRepeats(file, mf.Repeats, doc))

	g, err := parseGrade(src, mf.Grade)
	errs.Add(err)
	doc.Grade = g

	m.rules, err = parseRules(file, mf.Cleaning)
	errs.Add(err)
	return m, errs.Err()
}

func kindList() string {
	var s []string
	for _, k := range model.PublisherKinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func parseGrade(src *dataFile, gf gradeFile) (model.Grade, error) {
	file := src.name
	if !gf.Reliability.Set && !gf.Credibility.Set && !gf.Reason.Set {
		return model.Grade{}, diag.Errorf(file, 0, "grade is missing: reliability (A-F), credibility (1-6) and a reason")
	}
	a := gf.Reliability // a line to point at when a key is missing
	for _, l := range []int{gf.Credibility.Line, gf.Reason.Line} {
		if a.Line == 0 || (l > 0 && l < a.Line) {
			a.Line = l
		}
	}
	var errs diag.List
	var g model.Grade
	rel := strings.ToUpper(strings.TrimSpace(gf.Reliability.V))
	if len(rel) != 1 || rel[0] < 'A' || rel[0] > 'F' {
		line := gf.Reliability.Line
		if line == 0 {
			line = a.Line
		}
		errs.Add(diag.Errorf(file, line, "grade reliability %q: want a letter A (completely reliable) to F (cannot be judged)", gf.Reliability.V))
	} else {
		g.Reliability = rel[0]
	}
	if c := gf.Credibility.V; c < 1 || c > 6 {
		line := gf.Credibility.Line
		if line == 0 {
			line = a.Line
		}
		errs.Add(diag.Errorf(file, line, "grade credibility %d: want 1 (confirmed) to 6 (cannot be judged)", c))
	} else {
		g.Credibility = c
	}
	g.ReasonWritten = src.written(gf.Reason)
	if g.ReasonWritten.Text == "" {
		line := gf.Reason.Line
		if line == 0 {
			line = a.Line
		}
		errs.Add(diag.Errorf(file, line, "grade reason is missing: one line on why the source earns this grade"))
	}
	return g, errs.Err()
}
