package html

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/yuin/goldmark"

	"dossier/internal/figure"
	"dossier/internal/highlight"
	"dossier/internal/markdown"
	"dossier/internal/model"
	"dossier/internal/output"
	"dossier/internal/wording"
)

// The files Render reads from Options.Layouts.
const (
	// BaseLayout is the frame every page shares. It defines the template
	// "base", which calls the page kind's "main".
	BaseLayout = "base.html"
	// Stylesheet is copied to site/assets/style.HASH.css, followed by the
	// highlighter's CSS.
	Stylesheet = "style.css"
)

// SiteDir is the directory, inside the output root, that Render writes into.
const SiteDir = "site"

// The page kinds this package renders; each is a layout file named after it
// ("index.html") that defines the template "main".
const (
	KindIndex    = "index"
	KindSources  = "sources" // a page of the list of sources, when the overview cannot hold it
	KindSource   = "source"
	KindNote     = "note"
	KindEntities = "entities" // the index of entities, grouped by kind
	KindEntity   = "entity"
	// The crime-market summary, a page per market, and the pages of actor
	// types and resilience areas; written when the dossier has a summary.
	KindMarkets    = "markets"
	KindMarket     = "market"
	KindActors     = "actors"
	KindResilience = "resilience"
)

// Files of the site, relative to SiteDir.
const (
	indexPage = "index.html"
)

// Options configures Render.
type Options struct {
	Layouts     fs.FS                  // the layouts directory (templates + style.css); the build passes os.DirFS("layouts")
	Highlighter *highlight.Highlighter // colours code blocks; required
	// Figures are the organisation charts and the route diagram as
	// package figure laid them out for the briefing; the site draws the
	// same geometry as SVG: the charts on orgcharts.html, each agency or
	// unit page's chart with the entity highlighted, the route diagram on
	// the markets page. nil draws no figures.
	Figures *figure.Set
	// Wording is the text of introductions, captions and keys the site
	// shares with the briefing (see package wording), which layouts call
	// with .Wording and .WordingInline; nil loads it from Layouts.
	Wording *wording.Set
	// Data are the data files written beside the site (package export),
	// which the home page lists; nil for none.
	Data []DataFile
	// Workers is how many pages are rendered at once: GOMAXPROCS when 0,
	// one after the other when 1. The output is the same for any number.
	Workers int
	// PerPage bounds the lists of sources and of entities: the overview
	// lists up to PerPage sources, and more on pages of that many
	// (sources-1.html, …) that it links to; the index of entities lists
	// up to PerPage entities, and more on a page per kind
	// (entities-agency.html, …). 0 for 200.
	PerPage int
	// Keep, when set, is asked about each source's and entity's page, and
	// each page of the lists of sources and entities, by its name in the
	// output (site/sources/s1.html), before it is rendered: true says the
	// build has kept the page as its last build made it, and it is not
	// rendered again. Those pages show nothing of the notes in the
	// built-in layouts but how many there are.
	Keep func(name string) bool
	// Parts, when not nil, keeps parts of pages that read nothing of the
	// notes, rendered, across renders (see PartStore): the paragraphs of
	// the sources in the search index, most of it.
	Parts PartStore
}

// PartStore keeps parts of pages by name. Get returns what Put kept under
// name in a render whose Options.Keep kept the same pages: what such a
// render makes of a part that reads nothing of the notes. Put may fail to
// keep it, at the price of making it again. Both are called from several
// goroutines at once.
type PartStore interface {
	Get(name string) ([]byte, bool)
	Put(name string, data []byte)
}

// part returns the part name from opts.Parts, or makes it and keeps it
// there.
func (r *run) part(name string, make func() ([]byte, error)) ([]byte, error) {
	if r.opts.Parts != nil {
		if data, ok := r.opts.Parts.Get(name); ok {
			return data, nil
		}
	}
	data, err := make()
	if err == nil && r.opts.Parts != nil {
		r.opts.Parts.Put(name, data)
	}
	return data, err
}

// kept reports whether the page name is kept from the last build (see
// Options.Keep), and then lists it among the pages written.
func (r *run) kept(name string) bool {
	if r.opts.Keep == nil || !r.opts.Keep(path.Join(SiteDir, name)) {
		return false
	}
	r.pages = append(r.pages, name)
	return true
}

// DataFile is a file of data the build writes into the site, as the home
// page links it.
type DataFile struct {
	Name   string // relative to the site, e.g. "data/claims.json"
	Label  string // what it is, e.g. "The claims with their citations"
	Format string // e.g. "JSON"
}

// Render writes the site for d through w, every file under "site/" (e.g.
// "site/index.html"): the index, a page per document and per note, and
// site/assets/style.css. The layouts are parsed once per call; d is only
// read. Errors name the layout or the page that failed; files written
// before an error stay written, and the caller discards them.
func Render(d *model.Dossier, w output.Writer, opts Options) error {
	if opts.Layouts == nil {
		return errors.New("no layouts given")
	}
	if opts.Highlighter == nil {
		return errors.New("no highlighter given")
	}
	tmpl, err := parseLayouts(opts.Layouts)
	if err != nil {
		return err
	}
	if opts.Wording == nil {
		if opts.Wording, err = wording.Load(opts.Layouts, d); err != nil {
			return err
		}
	}
	r := &run{
		d:     d,
		w:     w,
		opts:  opts,
		tmpl:  tmpl,
		frame: newFrame(d, opts.Figures != nil && len(opts.Figures.Charts) > 0, len(d.Entities) > perPage(opts)),

		repeatedBy: repeatedBy(d.Documents),
		entityByID: make(map[string]*model.Entity, len(d.Entities)),
	}
	for _, e := range d.Entities {
		r.entityByID[e.ID] = e
	}
	r.md = markdown.New(markdown.WithHighlighter(opts.Highlighter), markdown.WithLinker(r.refTarget), markdown.WithImages(r.imageTarget))
	if err := r.wording(); err != nil {
		return err
	}
	if r.frame.Assessment, err = assessmentNav(d.Assessment, opts.Wording); err != nil {
		return err
	}
	if d.Changes != nil {
		sn, err := opts.Wording.Get("changes/heading")
		if err != nil {
			return err
		}
		r.frame.Assessment = append(r.frame.Assessment, navLink{Name: indexPage + "#changes", Label: sn.Text() + " " + d.Changes.Since})
	}
	return r.render()
}

// run is the state of one Render call.
type run struct {
	d     *model.Dossier
	w     output.Writer
	opts  Options
	tmpl  map[string]*template.Template // page kind → base layout with the kind's "main"
	md    goldmark.Markdown
	frame *frame
	here  string // the page whose prose is being rendered, for the links of references
	// images are those of the note being rendered, by address as written
	images map[string]*model.Image
	pages  []string // the pages written so far, for the sitemap
	css    []byte   // the stylesheet as written, for the pages that carry it inline

	repeatedBy map[*model.Document][]copyView // the passages that repeat each document
	entityByID map[string]*model.Entity       // every entity, for the links of chart boxes

	scratch *scratch // this goroutine's buffers for write
}

// scratch is what write reuses from page to page: the buffers of a page's
// content, and the size of the last page of each kind, which the buffer of
// the next one starts at, so that a page is not copied as it grows.
type scratch struct {
	main, toc bytes.Buffer
	size      map[string]int
}

func (r *run) render() error {
	if err := r.stylesheet(); err != nil {
		return err
	}
	if err := r.copyImages(); err != nil {
		return err
	}
	// The pages, in parallel, written in this order.
	jobs := []pageJob{(*run).index}
	jobs = append(jobs, r.sourceListJobs()...)
	for i, doc := range r.d.Documents {
		jobs = append(jobs, func(r *run) error { return r.source(i, doc) })
	}
	for i, n := range r.d.Notes {
		jobs = append(jobs, func(r *run) error { return r.note(i, n) })
	}
	jobs = append(jobs, (*run).orgcharts)
	jobs = append(jobs, r.entityJobs()...)
	jobs = append(jobs, (*run).markets)
	if err := r.parallel(jobs, r.opts.Workers); err != nil {
		return err
	}
	if err := r.search(); err != nil {
		return err
	}
	return r.serverFiles()
}

// parseLayouts parses the base layout once and, for every other *.html file
// in layouts, a copy of it with that file's templates: one set per page
// kind, keyed by the file name without ".html".
func parseLayouts(layouts fs.FS) (map[string]*template.Template, error) {
	base, err := template.New(BaseLayout).Funcs(funcs()).ParseFS(layouts, BaseLayout)
	if err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	if base.Lookup("base") == nil {
		return nil, fmt.Errorf("layouts: %s does not define the template \"base\"", BaseLayout)
	}
	names, err := fs.Glob(layouts, "*.html")
	if err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	sets := make(map[string]*template.Template)
	for _, name := range names {
		if name == BaseLayout {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			t, err = t.ParseFS(layouts, name)
		}
		if err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		if t.Lookup("main") == nil {
			return nil, fmt.Errorf("layouts: %s does not define the template \"main\"", name)
		}
		t.Funcs(template.FuncMap{"cached": newTemplateCache(t).fn})
		sets[strings.TrimSuffix(name, ".html")] = t
	}
	for _, kind := range []string{KindIndex, KindSources, KindSource, KindNote, KindEntities, KindEntity, KindMarkets, KindMarket, KindActors, KindResilience, KindSearch, KindNotFound, KindOrgcharts} {
		if sets[kind] == nil {
			return nil, fmt.Errorf("layouts: no %s.html for the %s page", kind, kind)
		}
	}
	return sets, nil
}

// funcs returns the functions the layouts may call.
func funcs() template.FuncMap {
	return template.FuncMap{
		"lines":     dropLines,
		"join":      strings.Join,
		"dict":      dict,
		"lower":     strings.ToLower,
		"capital":   model.Capital, // {{capital .Site.Subject}}
		"cssString": cssString,
		"langs":     languages,
		"others":    others,
		"datetime":  func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"longtime":  func(t time.Time) string { return t.UTC().Format("2 January 2006, 15:04 MST") },
		"isodate":   func(t time.Time) string { return t.UTC().Format(time.DateOnly) },
		"longdate":  func(t time.Time) string { return t.UTC().Format("2 January 2006") },
		// Bound to each set of layouts as it is made (templateCache).
		"cached": func(string, any, ...any) (template.HTML, error) { return "", errUnbound },
	}
}

// page is what a layout executes with: the page's own data and the frame
// shared by all pages.
type page struct {
	Name  string // file name relative to the site root, e.g. "sources/x.html"
	Kind  string // page kind, e.g. "source"
	Title string // the page's title, without the dossier's; "" for the index
	Site  *frame
	Pager *pager // previous, next and up; nil for none
	Data  any    // the kind's data: *indexData, *sourceData, *noteData
	Base  string // absolute base URL for links, for a page served at any depth; "" for relative links
	// Style is the stylesheet, for a page that carries it inline instead
	// of linking to it (the 404 page, which a server shows at any depth);
	// "" for a page that links to it.
	Style template.CSS

	// Set by write:
	Folder  string        // the folder of Name, "" at the site root: what a relative link depends on
	MenuKey string        // what the menu depends on (menuKey)
	Crumbs  []navLink     // the way from the overview down to this page, this page excluded
	TOC     []navLink     // the page's sections (its h2 headings), as fragments
	Main    template.HTML // the page kind's "main", executed once, with its sections listed
}

// tocMarker is what the "toc" template writes where a page wants the list
// of its sections; write replaces it.
const tocMarker = "<dossier-toc></dossier-toc>"

// Link returns the address of target, a file relative to the site root with
// an optional "#fragment", as written on this page.
//
// On a page with a Base (the 404 page, which a server shows at any depth),
// the address is absolute: the base URL followed by target.
func (p *page) Link(target string) string {
	if p.Base != "" {
		if strings.HasPrefix(target, "#") {
			return target
		}
		return p.Base + target
	}
	return relURL(p.Name, target)
}

// Current reports whether target names this page.
func (p *page) Current(target string) bool { return target == p.Name }

// frame is what every page shows around its content.
type frame struct {
	Title        string
	Subtitle     string
	Author       string // who prepared the briefing, "" when the settings do not say
	Subject      string // the name of the entity the dossier is about, or "the subject"
	Lang         string
	Marking      string
	MarkingClass string // CSS class for the marking's colours, e.g. "marking-tlp-clear"
	Public       bool   // the marking lets anyone read the site (model.Public), and search engines index it
	Cutoff       model.Date
	Edition      string     // the settings' edition, "" for none
	EditionDate  model.Date // its date; zero for none
	Built        time.Time
	Stylesheet   string // file name of the stylesheet relative to the site root; set when it is written
	Search       string // the search page
	Orgcharts    string // the page of organisation charts; "" when there are none
	Index        string // file name of the index
	// Notes and Sources are every note and source, in order, for the
	// lists of the overview; NoteIndex and SourceIndex are those lists,
	// which the menu of every page links to instead of listing them.
	Notes       []navLink
	Sources     []navLink
	NoteIndex   string
	SourceIndex string
	EntityIndex string    // file name of the index of entities; "" when there are none
	Entities    []navLink // the groups of that index
	Markets     string    // file name of the crime-market summary; "" when there is none
	MarketLinks []navLink // its sections and pages
	Assessment  []navLink // the sections of the assessment on the index page; none without one

	splitEntities bool                   // the index of entities is a page per kind
	wordSet       *wording.Set           // the wording, for its messages
	words         map[string]wordingHTML // the wording, rendered; set by run.wording
}

// navLink is an entry of the contents or the pager.
type navLink struct {
	Name  string // file name relative to the site root
	Ref   string // "S1" for a source; "" otherwise
	Label string
}

// pager links a page to its neighbours in reading order and to its parent.
type pager struct {
	Prev, Next *navLink
	Up         navLink
}

// newFrame returns the frame of d's pages; with splitEntities, the index
// of entities is split into a page per kind, which the menu links to.
func newFrame(d *model.Dossier, charts, splitEntities bool) *frame {
	f := &frame{
		Title:        d.Settings.Title,
		Subtitle:     d.Settings.Subtitle,
		Author:       d.Settings.Author,
		Subject:      d.SubjectName(),
		Lang:         d.Settings.Language,
		Marking:      d.Settings.Marking,
		MarkingClass: markingClass(d.Settings.Marking),
		Public:       model.Public(d.Settings.Marking),
		Cutoff:       d.Settings.Cutoff,
		Edition:      d.Settings.Edition,
		EditionDate:  d.Settings.EditionDate,
		Built:        d.Built,
		Search:       searchPage,
		Index:        indexPage,
		NoteIndex:    indexPage + "#notes",
		SourceIndex:  indexPage + "#sources",
	}
	if f.Lang == "" {
		f.Lang = "en"
	}
	for _, n := range d.Notes {
		f.Notes = append(f.Notes, navLink{Name: notePage(n), Label: noteTitle(n)})
	}
	for _, doc := range d.Documents {
		f.Sources = append(f.Sources, navLink{Name: sourcePage(doc), Ref: doc.Ref, Label: doc.Title})
	}
	if charts {
		f.Orgcharts = orgchartsPage
	}
	if len(d.Entities) > 0 {
		f.EntityIndex = entityIndex
	}
	for _, g := range entityGroups(d.Entities) {
		f.Entities = append(f.Entities, navLink{Name: kindTarget(g.Kind, splitEntities), Label: g.Kind.Label()})
	}
	f.splitEntities = splitEntities
	if d.Markets != nil {
		f.Markets = marketsPage
		f.MarketLinks = marketNav(d.Markets)
	}
	return f
}

// pager links the i-th of a series of pages to its neighbours and to the
// index.
func (r *run) pager(series []navLink, i int) *pager {
	p := &pager{Up: navLink{Name: indexPage, Label: "Overview"}}
	if i > 0 {
		p.Prev = &series[i-1]
	}
	if i+1 < len(series) {
		p.Next = &series[i+1]
	}
	return p
}

// sourcePage and notePage name the page of a document and of a note.
func sourcePage(doc *model.Document) string { return "sources/" + doc.ID + ".html" }
func notePage(n *model.Note) string         { return "notes/" + n.ID + ".html" }

func noteTitle(n *model.Note) string {
	if n.Title != "" {
		return n.Title
	}
	return n.ID
}

// markingClass gives the CSS class for a handling marking: "TLP:CLEAR"
// gives "marking-tlp-clear", "TLP:AMBER+STRICT" "marking-tlp-amber-strict".
func markingClass(m string) string {
	var b strings.Builder
	b.WriteString("marking")
	hyphen := true
	for _, c := range strings.ToLower(m) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if hyphen {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(c)
		} else {
			hyphen = true
		}
	}
	return b.String()
}

// write executes the layout of kind for p and writes the page.
func (r *run) write(kind string, p *page) error {
	t := r.tmpl[kind]
	if t == nil {
		return fmt.Errorf("%s: no layout for page kind %q", p.Name, kind)
	}
	if clean := path.Clean(p.Name); clean != p.Name || strings.HasPrefix(clean, "../") || path.IsAbs(clean) {
		return fmt.Errorf("page name %q is not a clean path inside the site", p.Name)
	}
	p.Kind = kind
	p.Site = r.frame
	p.Folder = dirOf(p.Name)
	p.MenuKey = menuKey(p)
	p.Crumbs = r.crumbs(kind, p)
	// The page's own content first: its sections make the list that the
	// "toc" template marked the place of; then the frame around it.
	sc := r.scratch
	if sc == nil {
		sc = &scratch{size: make(map[string]int)}
		r.scratch = sc
	}
	main, toc := &sc.main, &sc.toc
	main.Reset()
	toc.Reset()
	if err := t.ExecuteTemplate(main, "main", p); err != nil {
		return fmt.Errorf("%s: %w", p.Name, err)
	}
	p.TOC = sections(main.Bytes())
	if len(p.TOC) > 0 && bytes.Contains(main.Bytes(), []byte(tocMarker)) {
		if err := t.ExecuteTemplate(toc, "toc-list", p); err != nil {
			return fmt.Errorf("%s: %w", p.Name, err)
		}
	}
	p.Main = template.HTML(bytes.Replace(main.Bytes(), []byte(tocMarker), toc.Bytes(), 1)) // both are the templates' escaped output
	r.pages = append(r.pages, p.Name)
	// The page is kept until it is written (see parallel): a buffer of
	// its own.
	var buf bytes.Buffer
	buf.Grow(sc.size[kind] + sc.size[kind]/8)
	if err := t.ExecuteTemplate(&buf, "base", p); err != nil {
		return fmt.Errorf("%s: %w", p.Name, err)
	}
	sc.size[kind] = buf.Len()
	return r.w.WriteFile(path.Join(SiteDir, p.Name), buf.Bytes())
}

// menuKey is what the menu of page p depends on, for base.html to cache
// it by: the base address and the folder, which its links depend on, the
// kind, which marks the list of sources or notes as where the page is,
// and the page's name, which the menu may mark as the current page;
// but not the name of a source's, a note's or an entity's page, which the
// menu never lists one by one (it would grow with the dossier), so that
// all of these share one menu per folder.
func menuKey(p *page) string {
	key := p.Base + "\x00" + p.Folder + "\x00" + p.Kind
	switch p.Kind {
	case KindSource, KindNote, KindEntity:
		return key
	}
	return key + "\x00" + p.Name
}

// dict builds a map from alternating keys and values, so that a template
// can pass several values to another: dict "Page" $ "Cites" .Cites.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}
