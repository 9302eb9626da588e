package wording

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"text/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// Dir is the folder of the layouts that holds the snippets.
const Dir = "text"

// Ext is the file name extension of a snippet.
const Ext = ".md"

// Data is what a snippet is executed with.
type Data struct {
	// Subject is the name of the entity the dossier is about, as running
	// text names it; "the subject" when the settings name none.
	Subject string
	// Refs are the references of the sources, in order ("S1", "S2" …);
	// Sources is their number.
	Refs    []string
	Sources int
	// Markets, ActorTypes and ResilienceAreas count the parts of the
	// Global Organized Crime Index's framework.
	Markets, ActorTypes, ResilienceAreas int
	// Background is the number of background passages in the notes and
	// descriptions (model.Dossier.Background).
	Background int
	// Agencies is the number of agencies and units the dossier profiles,
	// in a chapter of their own when there are any.
	Agencies int
	// Attested are the sources a figure's structure is attested in, with
	// their dates: set only when a snippet is executed for one figure or
	// profile (Set.Attested); empty when the snippets are loaded.
	Attested []Attestation
	// Shows is what that figure draws, as the snippet names it:
	// "structure", or "cooperation" for a cooperation chart.
	Shows string
}

// Attestation is a source a figure or profile rests on, as its caption
// names it.
type Attestation struct {
	Ref       string // "S1"
	Date      string // "2017 or later", "2019-05-02"; "" when the source has none
	Estimated bool   // Date is estimated from the source's own evidence
}

// DataOf returns the data of d that snippets are executed with.
func DataOf(d *model.Dossier) Data {
	data := Data{
		Subject:         d.SubjectName(),
		Sources:         len(d.Documents),
		Markets:         len(model.MarketIDs),
		ActorTypes:      len(model.ActorTypeIDs),
		ResilienceAreas: len(model.ResilienceIDs),
		Background:      d.Background,
		Shows:           "structure",
	}
	for _, doc := range d.Documents {
		data.Refs = append(data.Refs, doc.Ref)
	}
	for _, e := range d.Entities {
		if e.Kind == model.Agency || e.Kind == model.Unit {
			data.Agencies++
		}
	}
	return data
}

// Snippet is one piece of wording, executed and parsed.
type Snippet struct {
	Name   string   // "markets/intro"
	Path   string   // where it was read, relative to the layouts: "text/markets/intro.md"
	Source []byte   // the Markdown, executed; Doc refers into it
	Doc    ast.Node // the parsed Markdown, an *ast.Document
}

// Set is the wording of one build: every snippet of the layouts, by name.
// It is only read after Load, and safe for use by several goroutines.
type Set struct {
	snippets map[string]*Snippet
	data     Data
	md       goldmark.Markdown
	tmpl     map[string]*template.Template // by snippet name, to execute again for one figure
}

// AttestedSnippet is the snippet that says what date the structure a chart
// or profile shows is attested for.
const AttestedSnippet = "charts/attested"

// Attested executes the snippet AttestedSnippet for the documents docs, the
// sources a figure or profile rests on, and returns its words without
// Markdown: "Structure as attested in S1 (2017 or later, estimated)."
func (s *Set) Attested(docs []*model.Document, shows string) (string, error) {
	if s == nil {
		return "", errors.New("no wording loaded")
	}
	t := s.tmpl[AttestedSnippet]
	if t == nil {
		_, err := s.Get(AttestedSnippet)
		return "", err
	}
	data := s.data
	data.Shows = cmp.Or(shows, "structure")
	for _, doc := range docs {
		data.Attested = append(data.Attested, Attestation{Ref: doc.Ref, Date: doc.DateShort(), Estimated: doc.Dated != nil})
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return "", trimTemplate(err)
	}
	sn := &Snippet{Name: AttestedSnippet, Source: bytes.TrimSpace(buf.Bytes())}
	sn.Doc = markdown.Parse(s.md, sn.Source)
	return sn.Text(), nil
}

// Load reads every snippet under Dir in layouts, executes it with the data
// of d and parses the result as Markdown. An error names the file, and the
// line for a template that does not parse or execute.
func Load(layouts fs.FS, d *model.Dossier) (*Set, error) {
	if _, err := fs.Stat(layouts, Dir); err != nil {
		return nil, fmt.Errorf("layouts: no %s/ folder: it holds the wording the site and the briefing share; copy it from the built-in layouts: %w", Dir, err)
	}
	data := DataOf(d)
	md := markdown.New()
	s := &Set{snippets: map[string]*Snippet{}, data: data, md: md, tmpl: map[string]*template.Template{}}
	err := fs.WalkDir(layouts, Dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || !strings.HasSuffix(p, Ext) {
			return nil
		}
		sn, t, err := load(layouts, p, data, md)
		if err != nil {
			return err
		}
		s.snippets[sn.Name] = sn
		s.tmpl[sn.Name] = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	return s, nil
}

// Digest returns a digest of what the snippets say in this build: each
// one's name and executed text, and the data they were executed with,
// which Attested executes one with again. Two sets with one digest print
// the same words. Some of the data comes from the notes (Background): a
// part of the briefing that reads nothing else of them still reads it.
func (s *Set) Digest() [sha256.Size]byte {
	h := sha256.New()
	fmt.Fprintf(h, "%+v\x00", s.data)
	for _, name := range slices.Sorted(maps.Keys(s.snippets)) {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(s.snippets[name].Source))
		h.Write(s.snippets[name].Source)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// load executes and parses the snippet at p.
func load(layouts fs.FS, p string, data Data, md goldmark.Markdown) (*Snippet, *template.Template, error) {
	src, err := fs.ReadFile(layouts, p)
	if err != nil {
		return nil, nil, err
	}
	// The template's name is its path, so that text/template's messages
	// read "text/markets/intro.md:3: …".
	t, err := template.New(p).Funcs(funcs()).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, nil, trimTemplate(err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return nil, nil, trimTemplate(err)
	}
	out := bytes.TrimSpace(buf.Bytes())
	if len(out) == 0 {
		return nil, nil, fmt.Errorf("%s: the snippet is empty; write the words it stands for", p)
	}
	name := strings.TrimSuffix(strings.TrimPrefix(p, Dir+"/"), Ext)
	doc := markdown.Parse(md, out)
	if hasRef(doc) {
		return nil, nil, fmt.Errorf("%s: a snippet cannot hold a [[reference]]: it is wording around the data, and what a dossier says belongs in its sources", p)
	}
	return &Snippet{Name: name, Path: p, Source: out, Doc: doc}, t, nil
}

// hasRef reports whether doc holds a cross-reference ([[id]], [[S:id]]),
// which nothing resolves in a snippet.
func hasRef(doc ast.Node) bool {
	found := false
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if _, ok := n.(*markdown.Ref); ok && entering {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// trimTemplate drops text/template's "template: " prefix, which names the
// package rather than the input.
func trimTemplate(err error) error {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "template: "); ok {
		return errors.New(rest)
	}
	return err
}

// Get returns the snippet name ("markets/intro"). A snippet missing from
// the layouts is an error naming the file that should hold it.
func (s *Set) Get(name string) (*Snippet, error) {
	if s == nil {
		return nil, errors.New("no wording loaded")
	}
	sn := s.snippets[name]
	if sn == nil {
		return nil, fmt.Errorf("layouts: %s: no such snippet; the site and the briefing need it", path.Join(Dir, name+Ext))
	}
	return sn, nil
}

// Snippets returns every snippet of the set, sorted by name.
func (s *Set) Snippets() []*Snippet {
	out := make([]*Snippet, 0, len(s.snippets))
	for _, name := range slices.Sorted(maps.Keys(s.snippets)) {
		out = append(out, s.snippets[name])
	}
	return out
}

// Inline returns the one paragraph a snippet used inside a line of other
// text (a caption, a heading, a key) must consist of.
func (sn *Snippet) Inline() (*ast.Paragraph, error) {
	p, ok := sn.Doc.FirstChild().(*ast.Paragraph)
	if !ok || p.NextSibling() != nil {
		return nil, fmt.Errorf("layouts: %s: the snippet is used inside a line (a heading, caption or key) and must be a single paragraph", sn.Path)
	}
	return p, nil
}

// Text returns the words of a snippet without their Markdown: for a
// heading, a label, a file's metadata.
func (sn *Snippet) Text() string {
	var b strings.Builder
	_ = ast.Walk(sn.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if _, ok := n.(*ast.Paragraph); ok && n.NextSibling() != nil {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(sn.Source))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// Typographer output is an HTML entity ("&rsquo;").
			b.WriteString(html.UnescapeString(string(n.Value)))
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					b.Write(t.Segment.Value(sn.Source))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// funcs are the functions a snippet may call besides text/template's own.
func funcs() template.FuncMap {
	return template.FuncMap{
		"plural":  plural,
		"number":  number,
		"capital": model.Capital, // {{capital .Subject}} gives "The subject" when none is set
		"first":   func(ss []string) string { return at(ss, 0) },
		"last":    func(ss []string) string { return at(ss, len(ss)-1) },
	}
}

// plural picks one or many by n: {{plural .Sources "source" "sources"}}.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// number spells n out as running text does (model.NumberWords).
func number(n int) string { return model.NumberWords(n) }

// at returns ss[i], or "" when i is out of range.
func at(ss []string, i int) string {
	if i < 0 || i >= len(ss) {
		return ""
	}
	return ss[i]
}
