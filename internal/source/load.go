package source

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/sync/errgroup"

	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// Options configures Load.
type Options struct {
	// Name is how the sources directory is shown in messages, e.g.
	// "sources"; paths in errors read Name/documents/….yaml.
	Name string
	// Built is the build time to record in the dossier.
	Built time.Time
	// Limits bounds the size of what is read; the zero value takes the
	// defaults.
	Limits Limits
	// Known, when set, holds what earlier loads made of documents, by the
	// digests of their two files, and takes what this one makes (see
	// known.go). Digest gives those digests: of the files as the build
	// read them, by name in fsys. Both or neither.
	Known  Known
	Digest func(name string) ([sha256.Size]byte, bool)
}

// The files and folders Load reads inside the sources directory.
const (
	SettingsFile = "dossier.yaml"
	DocumentsDir = "documents"
	NotesDir     = "notes"
)

// LoadSettings reads only the settings of the sources in fsys
// (SettingsFile), for a command that needs no more than them; name is how
// to call fsys in messages, as in Options.
func LoadSettings(fsys fs.FS, name string) (model.Settings, error) {
	l := &loader{fsys: fsys, name: name, limits: Limits{}.WithDefaults()}
	return l.settings()
}

func (l *loader) settings() (model.Settings, error) {
	data, err := l.readData(SettingsFile)
	if err != nil {
		return model.Settings{}, err
	}
	return parseSettings(l.path(SettingsFile), data)
}

// Load reads the sources in fsys and returns the dossier they describe. It
// checks everything it can before giving up, so the error may report many
// problems, one per line, each as file:line: what is wrong.
func Load(fsys fs.FS, opts Options) (*model.Dossier, error) {
	l := &loader{fsys: fsys, name: opts.Name, limits: opts.Limits.WithDefaults(), chars: map[rune][]model.SourceLine{}}
	if opts.Known != nil && opts.Digest != nil {
		// A codec that cannot be made (gob refusing knownDoc's types)
		// leaves every document to be loaded.
		if c, err := newKnownCodec(); err == nil {
			l.known, l.digest, l.codec = opts.Known, opts.Digest, c
		}
	}
	d := &model.Dossier{Built: opts.Built.UTC(), Chars: l.chars}
	var errs diag.List

	var err error
	d.Settings, err = l.settings()
	errs.Add(err)

	d.Documents, err = l.documents()
	errs.Add(err)
	md := markdown.New()
	d.Notes, err = l.notes(md)
	errs.Add(err)
	d.Entities, err = l.entities(md)
	errs.Add(err)
	d.Markets, err = l.markets(subjectName(d))
	errs.Add(err)
	d.Charts, err = l.charts()
	errs.Add(err)
	d.Assessment, err = l.judgements(md)
	errs.Add(err)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return d, nil
}

type loader struct {
	fsys   fs.FS
	name   string
	limits Limits
	chars  map[rune][]model.SourceLine // see model.Dossier.Chars; nil to keep none
	known  Known                       // see Options.Known; nil for none
	codec  *knownCodec                 // what known holds is written with; nil without known
	digest func(name string) ([sha256.Size]byte, bool)
}

// index records in l.chars where the characters from U+0590 on are in
// text, the content of file.
func (l *loader) index(file, text string) {
	if l.chars == nil {
		return
	}
	line := 1
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			line++
			continue
		}
		// U+0590 is the first character whose UTF-8 starts with 0xD6.
		if c < 0xd6 || c >= 0x80 && c < 0xc0 {
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n - 1
		if r < 0x590 {
			continue
		}
		ps := l.chars[r]
		if len(ps) >= model.MaxCharPlaces || len(ps) > 0 && ps[len(ps)-1] == (model.SourceLine{File: file, Line: line}) {
			continue
		}
		l.chars[r] = append(ps, model.SourceLine{File: file, Line: line})
	}
}

// path returns the name of a file as shown to the user.
func (l *loader) path(name string) string {
	if l.name == "" {
		return name
	}
	return path.Join(l.name, name)
}

func (l *loader) documents() ([]*model.Document, error) {
	entries, err := fs.ReadDir(l.fsys, DocumentsDir)
	if err != nil {
		return nil, diag.Errorf(l.path(DocumentsDir), 0, "cannot list the primary documents: %w", err)
	}
	var errs diag.List
	texts := map[string]bool{}
	var metas []string
	for _, e := range entries {
		switch {
		case e.IsDir():
		case strings.HasSuffix(e.Name(), ".txt"):
			texts[strings.TrimSuffix(e.Name(), ".txt")] = true
		case strings.HasSuffix(e.Name(), ".yaml"):
			metas = append(metas, strings.TrimSuffix(e.Name(), ".yaml"))
		}
	}
	sort.Strings(metas)
	for base := range texts {
		if !contains(metas, base) {
			errs.Add(diag.Errorf(l.path(path.Join(DocumentsDir, base+".txt")), 0,
				"no metadata beside it: write %s.yaml with its id, title, publisher and grade", base))
		}
	}
	var loaded []*parsedMeta
	seen := map[string]string{} // id → metadata file
	results := l.eachDocument(metas, texts)
	for i := range metas {
		m, err := results[i].m, results[i].err
		if err != nil {
			errs.Add(err)
			continue
		}
		doc := m.doc
		if first, dup := seen[doc.ID]; dup {
			errs.Add(diag.Errorf(l.path(doc.MetaPath), 0, "id %q is already used by %s", doc.ID, first))
			continue
		}
		seen[doc.ID] = l.path(doc.MetaPath)
		loaded = append(loaded, m)
	}
	if len(metas) == 0 {
		errs.Add(diag.Errorf(l.path(DocumentsDir), 0, "no primary documents: add NAME.txt with NAME.yaml beside it (dossier new source FILE starts both)"))
	}
	errs.Add(l.checkRefs(loaded))
	if err := errs.Err(); err != nil {
		return nil, err
	}
	// Sources are in the order of their references, S2 before S10,
	// whatever their files are called.
	slices.SortFunc(loaded, func(a, b *parsedMeta) int { return a.ref - b.ref })
	docs := make([]*model.Document, len(loaded))
	for i, m := range loaded {
		docs[i] = m.doc
	}
	return docs, nil
}

// docResult is what loader.document returned for one document, and the
// places of characters it indexed (see loader.index).
type docResult struct {
	m     *parsedMeta
	err   error
	chars map[rune][]model.SourceLine
}

// eachDocument loads the documents named in metas, GOMAXPROCS at a time,
// and returns what each load returned, in the order of metas: the result
// is the same as loading them one after the other. A document's load
// reads its two files and cleans its text, and shares
// nothing with another's: each indexes its characters into a map of its
// own, and those are added to l.chars in the order of metas once all are
// loaded.
func (l *loader) eachDocument(metas []string, texts map[string]bool) []docResult {
	results := make([]docResult, len(metas))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, base := range metas {
		g.Go(func() error {
			dl := *l // the loader of this document, with its own index
			if l.chars != nil {
				dl.chars = map[rune][]model.SourceLine{}
			}
			m, err := dl.document(base, texts[base])
			results[i] = docResult{m, err, dl.chars}
			return nil
		})
	}
	g.Wait()
	for _, res := range results {
		l.addChars(res.chars)
	}
	return results
}

// addChars adds the places of characters one document indexed to l.chars,
// after those already there, as index would have, keeping at most
// model.MaxCharPlaces places per character. Each character's places are
// added on their own, so the order of the map does not matter.
func (l *loader) addChars(chars map[rune][]model.SourceLine) {
	if l.chars == nil {
		return
	}
	for r, places := range chars {
		ps := l.chars[r]
		for _, p := range places {
			if len(ps) >= model.MaxCharPlaces || len(ps) > 0 && ps[len(ps)-1] == p {
				continue
			}
			ps = append(ps, p)
		}
		l.chars[r] = ps
	}
}

// checkRefs reports two sources declaring one reference, and a source
// declaring none, with the next free reference to give it.
func (l *loader) checkRefs(loaded []*parsedMeta) error {
	var errs diag.List
	next := 1 // the next free reference number
	for _, m := range loaded {
		next = max(next, m.ref+1)
	}
	byRef := map[int]*parsedMeta{}
	for _, m := range loaded {
		if m.ref == 0 {
			continue
		}
		if first, dup := byRef[m.ref]; dup {
			errs.Add(diag.Errorf(l.path(m.doc.MetaPath), m.refLine, "ref %s is already the reference of %s (%s:%d); give this source the next free reference, S%d",
				m.doc.Ref, first.doc.ID, l.path(first.doc.MetaPath), first.refLine, next))
			next++
			continue
		}
		byRef[m.ref] = m
	}
	for _, m := range loaded {
		if m.ref == 0 {
			errs.Add(diag.Errorf(l.path(m.doc.MetaPath), m.idLine, "ref is missing: add ref: S%d, the next free reference; a source keeps its reference for good, so that text citing it stays right", next))
			next++
		}
	}
	return errs.Err()
}

func contains(list []string, s string) bool {
	i := sort.SearchStrings(list, s)
	return i < len(list) && list[i] == s
}

// document loads one primary document: metadata, verbatim text, cleaning.
func (l *loader) document(base string, hasText bool) (*parsedMeta, error) {
	metaPath := l.path(path.Join(DocumentsDir, base+".yaml"))
	textPath := l.path(path.Join(DocumentsDir, base+".txt"))
	if !hasText {
		return nil, diag.Errorf(metaPath, 0, "no text beside it: the verbatim text belongs in %s", textPath)
	}
	if m, ok := l.knownDocument(base); ok {
		return m, nil
	}
	m, sums, err := l.loadDocument(base, metaPath, textPath)
	if err == nil {
		l.keepDocument(base, sums, m)
	}
	return m, err
}

// loadDocument is document without Known: it reads, checks and cleans
// the document's files, and returns the digests of what it read of them,
// metadata then text.
func (l *loader) loadDocument(base, metaPath, textPath string) (_ *parsedMeta, sums [2][sha256.Size]byte, _ error) {
	data, err := l.readData(path.Join(DocumentsDir, base+".yaml"))
	if err != nil {
		return nil, sums, err
	}
	sums[0] = sha256.Sum256(data)
	m, err := parseMeta(metaPath, data)
	if err != nil {
		return nil, sums, err
	}
	doc, r := m.doc, m.rules
	// The outputs show where a document is kept relative to the sources
	// folder, however the build was invoked; messages use the path typed.
	doc.MetaPath, doc.TextPath = path.Join(DocumentsDir, base+".yaml"), path.Join(DocumentsDir, base+".txt")
	raw, err := readFile(l.fsys, path.Join(DocumentsDir, base+".txt"), l.limits.FileSize)
	if err != nil {
		return nil, sums, diag.Errorf(textPath, 0, "%w", err)
	}
	sums[1] = sha256.Sum256(raw)
	if sum := sums[1]; hex.EncodeToString(sum[:]) != doc.SHA256 {
		return nil, sums, diag.Errorf(textPath, 0,
			"text is not the verbatim text its metadata records (sha256 %s, recorded %s in %s); primary texts are never edited — clean with rules instead",
			hex.EncodeToString(sum[:]), doc.SHA256, metaPath)
	}
	// The text keeps the name it was delivered as: origin_file is its
	// name, or, for a text extracted from a delivered file (a PDF), that
	// file's, the same but for the extension.
	if o := strings.TrimSpace(m.origin.V); o != "" && strings.TrimSuffix(o, path.Ext(o)) != base {
		return nil, sums, diag.Errorf(metaPath, m.origin.Line,
			"origin_file %q is not the name of the text beside it, %s.txt, nor of a file it was extracted from (%s.pdf, say): a text is kept under the name it was delivered as, and origin_file records that name", o, base, base)
	}
	var text string
	switch {
	case m.enc != nil:
		if text, err = decode(raw, m.enc); err != nil {
			return nil, sums, diag.Errorf(textPath, 0, "cannot decode it as %s, as its metadata declares: %w", doc.Encoding, err)
		}
	case !utf8.Valid(raw):
		return nil, sums, diag.Errorf(textPath, invalidUTF8Line(raw),
			"not UTF-8; it looks like %[1]s: declare encoding: %[1]s in %[2]s (the text stays as it is; the build decodes it), or name the encoding it was saved in",
			guessEncoding(raw), metaPath)
	default:
		text = string(raw)
	}
	text, line, err := cleanInput([]byte(text), l.limits.LineLength)
	if long := (*longLineError)(nil); errors.As(err, &long) {
		// A verbatim text is not edited, and a line is not broken.
		return nil, sums, diag.Errorf(textPath, line, "a line of %d bytes, more than the %d a line may have: a verbatim text stays as captured, so if it is right, raise the limit with --max-line-length", long.n, long.max)
	} else if err != nil {
		return nil, sums, diag.Errorf(textPath, line, "%w", err)
	}
	l.index(textPath, text)
	doc.Lines = strings.Count(text, "\n") + 1
	if err := clean(doc, textPath, text, r); err != nil {
		return nil, sums, err
	}
	if doc.Paragraphs() == 0 {
		return nil, sums, diag.Errorf(textPath, 0, "cleaning left no paragraphs")
	}
	return m, sums, nil
}

func errorsIsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

func invalidUTF8Line(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return line
}

var notePrefix = regexp.MustCompile(`^[0-9]+-`)

// notes loads the analyst's Markdown notes, parsing each once.
func (l *loader) notes(md goldmark.Markdown) ([]*model.Note, error) {
	entries, err := fs.ReadDir(l.fsys, NotesDir)
	if errorsIsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.Errorf(l.path(NotesDir), 0, "%w", err)
	}
	var errs diag.List
	var notes []*model.Note
	seen := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		n, err := l.note(md, e.Name())
		if err != nil {
			errs.Add(err)
			continue
		}
		if first, dup := seen[n.ID]; dup {
			errs.Add(diag.Errorf(n.Path, 0, "note id %q is already used by %s", n.ID, first))
			continue
		}
		seen[n.ID] = n.Path
		notes = append(notes, n)
	}
	return notes, errs.Err()
}

func (l *loader) note(md goldmark.Markdown, name string) (*model.Note, error) {
	p := l.path(path.Join(NotesDir, name))
	if !utf8.ValidString(name) {
		return nil, diag.Errorf(p, 0, "the file name is not UTF-8: rename it")
	}
	raw, err := readFile(l.fsys, path.Join(NotesDir, name), l.limits.FileSize)
	if err != nil {
		return nil, diag.Errorf(p, 0, "%w", err)
	}
	if !utf8.Valid(raw) {
		return nil, diag.Errorf(p, invalidUTF8Line(raw), "not valid UTF-8")
	}
	clean, line, err := cleanInput(raw, l.limits.LineLength)
	if err != nil {
		return nil, diag.Errorf(p, line, "%w", err)
	}
	l.index(p, clean)
	src := []byte(clean)
	id := notePrefix.ReplaceAllString(strings.TrimSuffix(name, ".md"), "")
	if !idPattern.MatchString(id) {
		return nil, diag.Errorf(p, 0, "file name gives the id %q: use lower-case letters, digits and hyphens, after an optional NN- for ordering", id)
	}
	n := &model.Note{ID: id, Path: p, Source: src, Doc: markdown.Parse(md, src)}
	if probs := markdown.Check(n.Doc, src); len(probs) > 0 {
		var errs diag.List
		for _, pr := range probs {
			errs.Add(diag.Errorf(p, pr.Line, "%s", pr.Message))
		}
		return nil, errs.Err()
	}
	imgs, err := l.images(p, path.Join(NotesDir, name), n.Doc, src)
	if err != nil {
		return nil, err
	}
	n.Images = imgs
	if h := firstHeading(n.Doc); h != nil {
		n.Title = markdown.PlainText(h, src)
	} else {
		return nil, diag.Errorf(p, 1, "a note starts with a level-1 heading (# Title); none found")
	}
	return n, nil
}

func firstHeading(doc ast.Node) *ast.Heading {
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level == 1 {
			return h
		}
	}
	return nil
}
