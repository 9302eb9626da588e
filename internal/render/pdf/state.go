package pdf

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"dossier/internal/figure"
	"dossier/internal/fonts"
	"dossier/internal/hyphen"
	"dossier/internal/model"
	"dossier/internal/orgchart"
)

// The font families registered with fpdf.
const (
	fontSans = fonts.SansFamily
	fontMono = fonts.MonoFamily
)

// Page geometry, in millimetres.
const (
	marginLeft   = 25.0
	marginRight  = 22.0
	marginTop    = 24.0 // top of the body; the running header sits above
	marginBottom = 20.0 // space below the body; the footer sits in it
	headerY      = 11.0 // top of the running header
	footerY      = 10.0 // distance of the footer's baseline from the page bottom
	eps          = 1e-6
)

// tocEntry is a heading as the table of contents and the outline know it.
type tocEntry struct {
	Level int // 0 chapter, 1 section, 2 subsection, 3 below
	Title string
	Page  int
	Annex bool // in an annex or the index, after the reading path
	Part  bool // the title of a minor chapter inside an annex (a source's text), at level 1
}

// plan is what one pass learned for the next: where the headings landed,
// how many pages the contents took, how many pages there were in all.
type plan struct {
	entries  []tocEntry
	tocPages int
	pages    int
	balance  []balance // each balanced run of columns, in order (see columns.go)
}

// equal reports whether two passes laid the document out alike.
func (p plan) equal(q plan) bool {
	if p.tocPages != q.tocPages || p.pages != q.pages || len(p.entries) != len(q.entries) {
		return false
	}
	for i := range p.entries {
		if p.entries[i] != q.entries[i] {
			return false
		}
	}
	return slices.Equal(p.balance, q.balance)
}

// paraKey names a numbered paragraph of a document.
type paraKey struct {
	doc string // document id
	n   int    // paragraph number
}

// marker is text set in front of the next line drawn: a list bullet, an
// item number, a paragraph number in the margin.
type marker struct {
	text  string
	st    textStyle
	right float64 // x of the marker's right edge
	check int     // instead of text, a task box: 1 open, 2 ticked
}

// doc is the state of one rendering pass: the fpdf document being drawn,
// where the pen is, and what has been learned about the headings.
// Nothing in it outlives the pass.
type doc struct {
	f    canvas // fpdf, or a dry canvas for a pass that only lays out
	d    *model.Dossier
	opts Options
	plan plan // learned by the previous pass

	pieces pieceBuf // drawLine's, reused from line to line

	pageW, pageH float64
	left, right  float64 // current text column; lists and quotes narrow it
	y            float64 // top of the next line
	bottom       float64 // lowest y a line may reach
	atTop        bool    // nothing drawn on this page yet
	after        float64 // space the last block asked for below itself
	// tail is the height of what follows the next block of lines and
	// must not start a page or column without its last two lines (see
	// placeLines); it is used once.
	tail         float64
	noGap        bool // the next block sits right under a list marker
	quoteBars    []float64
	markers      []marker
	pendingLinks []dest // internal links to point at the next line drawn

	chapter     string // running header text
	onCover     bool   // on the cover: no running header or footer
	coverLast   int    // last page of the cover
	entries     []tocEntry
	lastOutline int    // outline level of the last bookmark
	tocLinks    []dest // link of each entry of plan.entries, when the contents were drawn
	inAnnex     bool   // the chapter being drawn is an annex or the index
	part        bool   // the heading being marked is a minor chapter's title (partStart)
	tocPages    int    // pages the contents took in this pass
	tocStart    int    // the page the contents start on
	dests       *dests // the places links go to
	anchorSet   map[string]bool
	appears     map[string][]int  // pages where each entity's name is drawn, by id, ascending
	pageLinks   map[int]dest      // top of each page the index links to, by number, given its place in this pass
	profilePage map[string]int    // page of each entity's profile, by id
	profileEnd  map[string]int    // the page it ends on
	charts      []*orgchart.Chart // laid out once per Render (package figure), drawn by every pass
	routeFig    *figure.Routes    // the route diagram, laid out with the charts; nil for none

	cols     columns   // the run of columns being set, if any
	balanced []balance // what each balanced run of this pass learned, for the next

	heads   []pendingHead // headings waiting for what follows them
	headGap float64       // the gap the block after them asked for

	hyphenate    bool               // layout may hyphenate: set by flow for justified text
	latinHyph    *hyphen.Hyphenator // patterns for words in Latin script; nil for none
	cyrillicHyph *hyphen.Hyphenator // patterns for words in Cyrillic

	metrics *metrics              // measures text; shared by the passes of one Render
	cur     textStyle             // the font last set by setFont
	curSet  bool                  // whether setFont has set cur
	choice  map[faceKey]glyphFace // the face each character is set in, by font
	added   map[string]bool       // fallback faces registered, by fonts.Face.Key
	missing map[rune]bool         // characters drawn that no face has
	// lateFaces are the fallback faces a drawn pass registered once it
	// had started a page, because no pass before it measured with them
	// (see addMeasuredFaces); for tests, which expect none.
	lateFaces []string

	fitter      *fitter          // fitLines' scratch
	dry         bool             // the pass draws nothing (see dryCanvas)
	ragged      int              // justified lines drawn ragged, too loose to stretch (for tests)
	raggedParas []raggedPara     // the paragraphs with such lines (for tests)
	strictFit   bool             // fitLines fails rather than draw a line ragged (for tests)
	unhyphen    int              // 1 + the line that breakLines may not end in a hyphen (see placeLines); 0 for none
	counts      map[countKey]int // lines of texts laid out on their own (lineCount)
	lines       *lineCache       // line breaks shared by the passes of one Render; nil for none

	runs    *runs     // the records of runs, shared by the passes of one Render; nil for none
	rec     *recorder // the run being recorded, if any (it is s.f then)
	inFrame bool      // the running header or footer is being drawn

	headerMemo headerMemo
}

// faceKey is a character set in a font (family and style, see
// textStyle.fontKey).
type faceKey struct {
	font string
	r    rune
}

// glyphFace is how a character is set: in which face, and as which
// character (U+FFFD for one no face has).
type glyphFace struct {
	face fonts.Face
	r    rune
}

// pageFormat returns fpdf's name of the briefing's page size and its
// portrait width and height in millimetres; A4 when the settings name none.
func pageFormat(s model.Settings) (name string, w, h float64, err error) {
	switch s.PageSize {
	case model.A4, "":
		return "A4", 210, 297, nil
	case model.Letter:
		return "Letter", 215.9, 279.4, nil
	}
	return "", 210, 297, fmt.Errorf("page size %q is neither %s nor %s", s.PageSize, model.A4, model.Letter)
}

// newDoc starts a pass: a new fpdf document with the fonts registered,
// the page size, the metadata and the running header and footer set. A
// dry pass draws on a dryCanvas instead. Passes share the line breaks
// and the measuring in lc (see lineCache); nil for none.
func newDoc(d *model.Dossier, opts Options, p plan, figs *figure.Set, dry bool, lc *lineCache) (*doc, error) {
	size, _, _, err := pageFormat(d.Settings)
	if err != nil {
		return nil, err
	}
	// The passes of one Render measure with one fpdf document, which only
	// the first of them makes: registering the fonts parses them. A dry
	// pass draws nothing, so it has no document of its own.
	var m *metrics
	if lc != nil {
		m = lc.metrics
	}
	if m == nil {
		if m, err = newMetrics(size); err != nil {
			return nil, err
		}
		if lc != nil {
			lc.metrics = m
		}
	}
	var f *fpdf.Fpdf
	if dry {
		f = m.f
	} else {
		f = fpdf.New("P", "mm", size, "")
	}
	s := &doc{
		f:           f,
		d:           d,
		opts:        opts,
		plan:        p,
		dests:       newDests(),
		anchorSet:   make(map[string]bool),
		appears:     make(map[string][]int),
		pageLinks:   make(map[int]dest),
		profilePage: make(map[string]int),
		profileEnd:  make(map[string]int),
		metrics:     m,
		lines:       lc,
		dry:         dry,
		choice:      make(map[faceKey]glyphFace),
		added:       make(map[string]bool),
		missing:     make(map[rune]bool),
	}
	if figs != nil {
		s.charts, s.routeFig = figs.Charts, figs.Routes
	}
	s.latinHyph, s.cyrillicHyph = hyphenators(d.Settings.Language)
	s.pageW, s.pageH = f.GetPageSize()
	s.left, s.right = marginLeft, s.pageW-marginRight
	s.bottom = s.pageH - marginBottom

	if dry {
		c := newDryCanvas(f, s.pageW, s.pageH)
		c.header, c.footer = s.header, s.footer
		s.f = c
		return s, nil
	}
	if err := addFonts(f); err != nil {
		return nil, err
	}
	s.addMeasuredFaces()

	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, 0) // breaks are ours: we know where every line goes
	f.SetCellMargin(0)
	f.SetCompression(true)
	// Compress each page when it is finished rather than keeping them all
	// until Output: the briefing never goes back to a page nor uses page
	// aliases (fpdf as patched in third_party/fpdf).
	f.SetCompressFinishedPages(true)
	f.SetCatalogSort(true)
	f.SetCreator("dossier", true)
	f.SetTitle(d.Settings.Title, true)
	subject := d.Settings.Subtitle
	if subject == "" {
		subject = "Open-source briefing"
	}
	f.SetSubject(subject, true)
	if d.Settings.Author != "" {
		f.SetAuthor(d.Settings.Author, true)
	}
	if d.Settings.Language != "" {
		f.SetLang(d.Settings.Language)
	}
	stamp := d.Built.UTC()
	if d.Built.IsZero() {
		// fpdf would use the clock; keep the output reproducible instead.
		stamp = time.Unix(0, 0).UTC()
	}
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	f.SetProducer(producer, false)
	// The same in XMP, where archives' and readers' tools look first, with
	// the build id, which no field of the document information is for.
	f.SetXmpMetadata(xmpPacket(xmpInfo{
		Title: d.Settings.Title, Subject: subject, Author: d.Settings.Author,
		Language: d.Settings.Language, Created: stamp, BuildID: d.BuildID,
	}))
	f.SetDisplayMode("fullpage", "continuous")
	f.SetFont(fontSans, "", 10)
	f.SetHeaderFuncMode(s.header, false)
	f.SetFooterFunc(s.footer)
	return s, nil
}

// result is what the pass learned, for the next one.
func (s *doc) result() plan {
	return plan{entries: s.entries, tocPages: s.tocPages, pages: s.f.PageNo(), balance: s.balanced}
}

// newPage starts a page and puts the pen at the top of the body. In a run
// of columns (see columns.go) it moves to the next column instead while
// the page has one.
func (s *doc) newPage() {
	if s.nextColumn() {
		return
	}
	s.turnPage(s.f.AddPage)
	s.y = marginTop
	s.atTop = true
	s.after = 0
}

// turnPage ends the body of the current page, starts a page with add
// (AddPage or AddPageFormat), which draws the footer of the one and the
// header of the other, and begins the new page's body. Each page's body is
// so a content stream of its own (fpdf's BeginBody), which sets every
// font and colour it uses: what it draws is the same on any page, whatever
// the header and footer around it drew. setFont forgets its font on either
// side of the body for the same reason.
func (s *doc) turnPage(add func()) {
	s.endBody()
	add()
	s.f.BeginBody()
	s.curSet = false
}

// endBody ends the body of the current page, if one is open (turnPage).
func (s *doc) endBody() {
	s.f.EndBody()
	s.curSet = false
}

// breakPage starts a new page unless the current one is still empty.
func (s *doc) breakPage() {
	if !s.atTop {
		s.newPage()
	}
}

// room is the height left on the page.
func (s *doc) room() float64 { return s.bottom - s.y }

// ensure starts a new page if less than h is left on this one.
func (s *doc) ensure(h float64) {
	s.keepWith(h)
	if s.y+h > s.bottom+eps {
		s.breakPage()
	}
}

// space puts the gap a block wants above itself: the larger of it and the
// gap the previous block wants below itself, and none at the top of a page
// or right under a list marker.
func (s *doc) space(before float64) {
	if len(s.heads) > 0 { // the gap under a waiting heading: see keepWith
		s.headGap = max(s.headGap, before)
		s.noGap = false
		return
	}
	g := max(before, s.after)
	s.after = 0
	if s.noGap {
		s.noGap = false
		return
	}
	if s.atTop || g <= 0 {
		return
	}
	if s.y+g > s.bottom {
		s.newPage()
		return
	}
	s.advance(g)
}

// advance moves the pen down by h, drawing block-quote bars alongside.
func (s *doc) advance(h float64) {
	if len(s.quoteBars) > 0 {
		s.setDraw(quoteBar)
		s.f.SetLineWidth(0.8)
		for _, x := range s.quoteBars {
			s.f.Line(x, s.y, x, s.y+h)
		}
	}
	s.y += h
}

// beginLine is called with the top of each line before it is drawn: it
// points waiting internal links at it.
func (s *doc) beginLine(top float64) {
	for _, l := range s.pendingLinks {
		s.f.SetLinkDest(l, top, -1)
	}
	s.pendingLinks = s.pendingLinks[:0]
	s.atTop = false
}

// drawMarkers sets the waiting markers on the baseline of the line just
// drawn.
func (s *doc) drawMarkers(baseline float64) {
	for _, m := range s.markers {
		if m.check != 0 {
			w := m.st.sizeMM() * boxSize
			s.drawPiece(frag{run: &run{st: m.st, check: m.check}, w: w}, m.right-w, baseline-bodyLH, baseline, bodyLH)
			continue
		}
		s.show(m.st, m.right-s.measure(m.st, m.text), baseline, m.text)
	}
	s.markers = s.markers[:0]
}

// dest is a place in the briefing that internal links go to, named by
// what is there: a paragraph ("para/alpha/12"), a document's chapter
// ("doc/alpha"), a heading, an entity's profile, … (see the …Link
// methods); nil for none. Its page and height are set when its place is
// drawn (beginLine), before or after the links to it, and fpdf writes
// the links' destinations when the document is closed (its patch 13). A
// page's links so hold the places they go to, whatever was drawn before
// the page, not numbers handed out in the order links were first asked
// for. A pass makes one dest for each place (linkFor).
type dest = *fpdf.LinkDest

// newDest returns a dest for the place named name.
func newDest(name string) dest { return &fpdf.LinkDest{Name: name} }

// paraLink returns the internal link to paragraph n of document id.
func (s *doc) paraLink(id string, n int) dest {
	return linkFor(s.dests, s.dests.para, paraKey{id, n}, paraDest)
}

func paraDest(k paraKey) dest { return newDest("para/" + k.doc + "/" + strconv.Itoa(k.n)) }

// docLink returns the internal link to the chapter of document id.
func (s *doc) docLink(id string) dest { return linkFor(s.dests, s.dests.doc, id, docDest) }

func docDest(id string) dest { return newDest("doc/" + id) }

// dests holds the dest of each place links go to, by what is there, made
// on first use. (The contents' entries, the index's pages and a note's
// footnotes have theirs in tocLinks, pageLinks and the note.)
type dests struct {
	para   map[paraKey]dest
	doc    map[string]dest         // chapter of each document, by id
	anchor map[string]dest         // note headings, by "note-id#heading-id", and other anchors, by "#name"
	entity map[string]dest         // profile of each entity, by id
	market map[model.MarketID]dest // section of each market
	chart  map[string]dest         // page of each organisation chart, by name
	byName map[string]dest         // each of the above, by its name
}

func newDests() *dests {
	return &dests{
		para:   make(map[paraKey]dest),
		doc:    make(map[string]dest),
		anchor: make(map[string]dest),
		entity: make(map[string]dest),
		market: make(map[model.MarketID]dest),
		chart:  make(map[string]dest),
		byName: make(map[string]dest),
	}
}

// linkFor returns the link stored under k in m, making it with name on
// first use, so that the links to one place are one dest.
func linkFor[K comparable](ds *dests, m map[K]dest, k K, name func(K) dest) dest {
	l, ok := m[k]
	if !ok {
		l = ds.intern(name(k))
		m[k] = l
	}
	return l
}

// intern returns the dest of the place l names: l, unless the pass has
// one for that name already (named made it).
func (ds *dests) intern(l dest) dest {
	if have, ok := ds.byName[l.Name]; ok {
		return have
	}
	ds.byName[l.Name] = l
	return l
}

// named returns the dest of the place named name, the one linkFor gives
// for it: a replayed run (see replayRun) knows its links by name.
func (ds *dests) named(name string) dest {
	if l, ok := ds.byName[name]; ok {
		return l
	}
	l := newDest(name)
	ds.byName[name] = l
	return l
}

// anchorLink returns the internal link to a heading of a note, or nil if
// the note has no such heading.
func (s *doc) anchorLink(key string) dest {
	if !s.anchorSet[key] {
		return nil
	}
	return linkFor(s.dests, s.dests.anchor, key, anchorDest)
}

// anchorDest names the place of a note's heading, by "note-id#heading-id",
// or of another anchor, by "#name".
func anchorDest(key string) dest { return newDest("anchor/" + key) }

// setFont makes st the current font and text colour. fpdf writes the
// font into the page each time it is set, so it is set only when it
// changes: whatever else sets fpdf's font (draw, for a fallback face;
// fpdf's AddPage) sets it back to cur, and measuring has a document of
// its own (see metrics).
func (s *doc) setFont(st textStyle) {
	if s.curSet && st == s.cur {
		return
	}
	// A change of colour alone needs no font operator, and one of the
	// font alone no new colour; a raised or struck-through style needs
	// neither (drawPiece raises the one and strikes the other through).
	font := !s.curSet || st.fontKey() != s.cur.fontKey() || st.size != s.cur.size
	color := !s.curSet || st.color != s.cur.color
	s.cur, s.curSet = st, true
	if font {
		s.f.SetFont(st.family(), st.fontStyle(), st.size)
	}
	if color {
		s.f.SetTextColor(int(st.color.r), int(st.color.g), int(st.color.b))
	}
}

func (s *doc) setFill(c rgb) { s.f.SetFillColor(int(c.r), int(c.g), int(c.b)) }
func (s *doc) setDraw(c rgb) { s.f.SetDrawColor(int(c.r), int(c.g), int(c.b)) }

// measure returns the width of text in style st. fpdf has no kerning, so a
// string is as wide as the sum of its glyphs; their widths are looked up
// once per font. A character the font lacks is measured in the face it is
// set in (see glyph).
func (s *doc) measure(st textStyle, text string) float64 {
	tab := s.metrics.table(st)
	w := 0.0
	for i := 0; i < len(text); {
		// ASCII, most of any text, from an array rather than a map.
		if c := text[i]; c < utf8.RuneSelf {
			g := tab.ascii[c]
			if g < 0 {
				g = s.metrics.width(s.glyph(st, rune(c)))
				tab.ascii[c] = g
			}
			w += g
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		g, ok := tab.other[r]
		if !ok {
			g = s.metrics.width(s.glyph(st, r))
			tab.other[r] = g
		}
		w += g
	}
	return w * st.size
}

// runeWidth is measure(st, string(r)), with st's table of widths tab.
func (s *doc) runeWidth(st textStyle, tab *glyphWidths, r rune) float64 {
	if r < utf8.RuneSelf {
		g := tab.ascii[r]
		if g < 0 {
			g = s.metrics.width(s.glyph(st, r))
			tab.ascii[r] = g
		}
		return g * st.size
	}
	g, ok := tab.other[r]
	if !ok {
		g = s.metrics.width(s.glyph(st, r))
		tab.other[r] = g
	}
	return g * st.size
}

// metrics measures glyphs, with an fpdf document of its own that has the
// fonts registered and is never drawn on: measuring switches its font,
// which would write into a page drawn. It keeps each glyph's width. The
// passes of one Render share one (and its dry passes measure with its
// document); it is not safe for concurrent use.
type metrics struct {
	f      *fpdf.Fpdf
	widths [2][2][2]*glyphWidths // by whether the font is mono, bold and italic (see table)
	added  map[string]bool       // fallback faces registered, by fonts.Face.Key
	faces  []fonts.Face          // those faces, in the order first measured with
}

// newMetrics returns metrics with the briefing's fonts registered, for
// pages of size (an fpdf page size name).
func newMetrics(size string) (*metrics, error) {
	f := fpdf.New("P", "mm", size, "")
	if err := addFonts(f); err != nil {
		return nil, err
	}
	f.SetFont(fontSans, "", 10)
	return &metrics{f: f, added: make(map[string]bool)}, nil
}

// register registers the fallback face f with the metrics' document, for
// addMeasuredFaces, unless it has it.
func (m *metrics) register(f fonts.Face) {
	if addFace(m.f, m.added, f) {
		m.faces = append(m.faces, f)
	}
}

// addMeasuredFaces registers with the document drawn every fallback face
// that the passes before it measured with, in the order of their keys,
// before its first page: which faces a document has, and the order it was
// given them in, then depend on the whole briefing, not on which part
// first drew a character in each. fpdf writes such a face only if it is
// drawn with (AddParsedUTF8FontOnDemand), since a face measured with may
// not be drawn (the end of a title that fit cut off).
func (s *doc) addMeasuredFaces() {
	faces := slices.Clone(s.metrics.faces)
	slices.SortFunc(faces, func(a, b fonts.Face) int { return strings.Compare(a.Key(), b.Key()) })
	for _, f := range faces {
		addFace(s.f, s.added, f)
	}
}

// addFonts registers the faces every briefing may use with f.
func addFonts(f *fpdf.Fpdf) error {
	for _, ft := range fonts.Faces() {
		pf, err := parsedFace(ft)
		if err != nil {
			return fmt.Errorf("registering fonts: %s: %w", ft.Key(), err)
		}
		f.AddParsedUTF8Font(pf)
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("registering fonts: %w", err)
	}
	return nil
}

// addFace registers the fallback face f with the document of c, to be
// written only if drawn with (AddParsedUTF8FontOnDemand), unless added
// says it has it already (the briefing's own faces, addFonts, always are).
// It reports whether it registered f.
func addFace(c interface {
	AddParsedUTF8FontOnDemand(*fpdf.UTF8Font)
	SetError(error)
}, added map[string]bool, f fonts.Face) bool {
	if f.Family == fontSans || f.Family == fontMono || added[f.Key()] {
		return false
	}
	pf, err := parsedFace(f)
	if err != nil {
		c.SetError(fmt.Errorf("registering font %s: %w", f.Key(), err))
		return false
	}
	c.AddParsedUTF8FontOnDemand(pf)
	added[f.Key()] = true
	return true
}

// parsedFaces holds each face as fpdf reads it (fpdf.ParseUTF8Font), by
// fonts.Face.Key, once per process: reading a face, its metrics and the
// digest of them that fpdf names it by, is the same work for every
// document, and was a sixth of building the repository's dossier when
// each document read each face again.
var parsedFaces sync.Map // face key → func() (*fpdf.UTF8Font, error)

// parsedFace returns f as fpdf reads it, reading it on first use. fpdf
// keeps the bytes and never changes them: it cuts copies.
func parsedFace(f fonts.Face) (*fpdf.UTF8Font, error) {
	read, _ := parsedFaces.LoadOrStore(f.Key(), sync.OnceValues(func() (*fpdf.UTF8Font, error) {
		return fpdf.ParseUTF8Font(f.Family, f.Style, f.TTF)
	}))
	return read.(func() (*fpdf.UTF8Font, error))()
}

// glyphWidths holds the widths at 1 pt of the glyphs of one font
// measured so far: ASCII's in an array, -1 for one not measured yet.
type glyphWidths struct {
	ascii [utf8.RuneSelf]float64
	other map[rune]float64
}

// table returns the widths of the glyphs of st's font measured so far.
func (m *metrics) table(st textStyle) *glyphWidths {
	p := &m.widths[b2i(st.mono)][b2i(st.bold)][b2i(st.italic)]
	if *p == nil {
		t := &glyphWidths{other: make(map[rune]float64)}
		for i := range t.ascii {
			t.ascii[i] = -1
		}
		*p = t
	}
	return *p
}

// width returns the width at 1 pt of the glyph gf, registering its face
// first if it is a fallback face.
func (m *metrics) width(gf glyphFace) float64 {
	f := gf.face
	m.register(f)
	m.f.SetFont(f.Family, f.Style, 1)
	return m.f.GetStringWidth(string(gf.r))
}

// glyph returns how r is set in text of style st: in the style's own face
// when it has r, else in the first fallback face that does (fonts.Pick),
// which the document drawn has been given before its first page
// (addMeasuredFaces); a character no face has is set as U+FFFD and
// recorded in missing.
func (s *doc) glyph(st textStyle, r rune) glyphFace {
	k := faceKey{st.fontKey(), r}
	if gf, ok := s.choice[k]; ok {
		if s.rec != nil && gf.r != r && r >= ' ' {
			s.rec.missing[r] = true
		}
		return gf
	}
	gf := glyphFace{r: r}
	f, ok := fonts.Pick(r, st.family(), st.fontStyle())
	if !ok {
		if r >= ' ' {
			s.missing[r] = true
			if s.rec != nil {
				s.rec.missing[r] = true
			}
		}
		gf.r = '\ufffd'
		if f, ok = fonts.Pick(gf.r, st.family(), st.fontStyle()); !ok {
			gf.r, f = '?', fonts.Face{Family: st.family(), Style: st.fontStyle()}
		}
	}
	if !s.dry && addFace(s.f, s.added, f) && s.f.PageNo() > 0 {
		// Measured with for the first time in the drawn pass: registered
		// now, which changes no byte (fpdf names a face by a digest of it
		// and writes the faces in the order of their names), but is what
		// addMeasuredFaces is there to avoid.
		s.lateFaces = append(s.lateFaces, f.Key())
	}
	gf.face = f
	s.choice[k] = gf
	return gf
}

// show draws text in style st with its baseline's left end at x, y: each
// character in the face glyph chooses for it, letters of right-to-left
// scripts in visual order (see visual). It leaves st the current font.
func (s *doc) show(st textStyle, x, y float64, text string) {
	s.setFont(st)
	s.draw(st, x, y, text)
}

// draw is show when st is already the current font (setFont).
func (s *doc) draw(st textStyle, x, y float64, text string) {
	if isASCII(text) {
		s.f.Text(x, y, text)
		return
	}
	text = visual(text)
	own := st.fontKey()
	var seg strings.Builder
	var segFace fonts.Face // the face of seg
	segW := 0.0
	flush := func() {
		if seg.Len() == 0 {
			return
		}
		other := segFace.Key() != own
		if other {
			s.f.SetFont(segFace.Family, segFace.Style, st.size)
		}
		if other && st.bold && !strings.Contains(segFace.Style, "B") {
			// A face without a bold (the CJK face) is made bold by
			// stroking its glyphs' outlines in the text's colour.
			s.fakeBold(st, x, y, seg.String())
		} else {
			s.f.Text(x, y, seg.String())
		}
		if other {
			s.f.SetFont(st.family(), st.fontStyle(), st.size)
		}
		x += segW
		seg.Reset()
		segW = 0
	}
	tab := s.metrics.table(st)
	for _, r := range text {
		w := s.runeWidth(st, tab, r)
		var gf glyphFace
		if ' ' <= r && r < 0x7f {
			gf = glyphFace{face: fonts.Face{Family: st.family(), Style: st.fontStyle()}, r: r} // the text faces have ASCII
		} else {
			gf = s.glyph(st, r)
		}
		if gf.face.Key() != segFace.Key() {
			flush()
			segFace = gf.face
		}
		seg.WriteRune(gf.r)
		segW += w
	}
	flush()
}

// fakeBold draws text at x, y in style st, its glyphs' outlines stroked
// in its colour, a twenty-fifth of the type size wide: what passes for the
// bold of a face that has none. The pen is left as it was.
func (s *doc) fakeBold(st textStyle, x, y float64, text string) {
	r, g, b := s.f.GetDrawColor()
	lw := s.f.GetLineWidth()
	s.f.SetDrawColor(int(st.color.r), int(st.color.g), int(st.color.b))
	s.f.SetLineWidth(st.size * ptToMM / 25)
	s.f.SetTextRenderingMode(2) // fill, then stroke
	s.f.Text(x, y, text)
	s.f.SetTextRenderingMode(0)
	s.f.SetLineWidth(lw)
	s.f.SetDrawColor(r, g, b)
}

// clean is clean, recording the characters beyond the Basic Multilingual
// Plane in missing: clean replaces them with U+FFFD, as fpdf cannot
// encode them.
func (s *doc) clean(text string) string {
	s.noteAstral(text)
	return clean(text)
}

// noteAstral records the characters of text beyond the Basic Multilingual
// Plane in missing.
func (s *doc) noteAstral(text string) {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0xf0 {
			for _, r := range text[i:] {
				if r > 0xffff {
					s.missing[r] = true
				}
			}
			return
		}
	}
}

// isASCII reports whether text is ASCII only, which every face has.
func isASCII(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fit cuts text with an ellipsis so that it is at most w wide.
func (s *doc) fit(st textStyle, text string, w float64) string {
	text = s.clean(text)
	if s.measure(st, text) <= w {
		return text
	}
	r := []rune(text)
	// At a word if one fits, else inside the first.
	for _, atWord := range []bool{true, false} {
		for n := len(r) - 1; n > 0; n-- {
			if atWord && (r[n] != ' ' || r[n-1] == ' ') {
				continue
			}
			t := strings.TrimRight(string(r[:n]), " ,;:—–-") + "…"
			if s.measure(st, t) <= w {
				return t
			}
		}
	}
	return "…"
}

// header draws the running header: the dossier title, the marking, the
// chapter.
func (s *doc) header() {
	if s.onCover {
		return
	}
	s.inFrame = true
	defer func() { s.inFrame = false }()
	// The page may be turned (a landscape chart): measure it, not the
	// document's default.
	w, _ := s.f.GetPageSize()
	left, right := marginLeft, w-marginRight
	st := textStyle{size: 7.5, color: faint}
	base := headerY + 3.6
	s.markingBox(w/2, headerY, 7.5)
	title, chapter := s.headerTexts(w)
	s.show(st, left, base, title)
	s.draw(st, right-s.measure(st, chapter), base, chapter)
	s.setDraw(ruleInk)
	s.f.SetLineWidth(0.2)
	s.f.Line(left, headerY+6.5, right, headerY+6.5)
}

// headerTexts returns the title and the chapter the running header of a
// page w wide shows, fitted to their room. The pages of a chapter have the
// same, worked out once (headerMemo).
func (s *doc) headerTexts(w float64) (title, chapter string) {
	if m := s.headerMemo; m.set && m.chapter == s.chapter && m.w == w {
		return m.title, m.fitted
	}
	left, right := marginLeft, w-marginRight
	title, chapter = s.clean(s.d.Settings.Title), s.clean(s.chapter)
	// The title at the left, the chapter at the right, the marking at the
	// centre, where a handling marking stands on every page, in type of
	// one size throughout. Each side has the room beside the marking; a
	// text too long for it is shortened: the title to its short form
	// (before a colon) first, then either cut at a word, with an ellipsis.
	// Without a marking, the chapter has the room the title leaves.
	st := textStyle{size: 7.5, color: faint}
	const gap = 4.0
	mw := s.markingWidth(7.5)
	side := (right-left-mw)/2 - gap
	if s.measure(st, title) > side {
		if short, _, ok := strings.Cut(title, ":"); ok {
			title = short
		}
	}
	title = s.fit(st, title, side)
	if mw == 0 {
		side = right - left - s.measure(st, title) - gap
	}
	chapter = s.fit(st, chapter, side)
	s.headerMemo = headerMemo{set: true, chapter: s.chapter, w: w, title: title, fitted: chapter}
	return title, chapter
}

// headerMemo is what headerTexts worked out last.
type headerMemo struct {
	set           bool
	chapter       string // s.chapter
	w             float64
	title, fitted string
}

// footer draws the running footer: the cut-off, the marking and the page
// number. The total comes from the previous pass, which laid out the same
// pages.
func (s *doc) footer() {
	if s.onCover || s.f.PageNo() <= s.coverLast {
		return
	}
	s.inFrame = true
	defer func() { s.inFrame = false }()
	w, h := s.f.GetPageSize()
	left, right := marginLeft, w-marginRight
	st := textStyle{size: 7.5, color: faint}
	base := h - footerY
	s.setDraw(ruleInk)
	s.f.SetLineWidth(0.2)
	s.f.Line(left, base-5, right, base-5)
	s.markingBox(w/2, base-3.6, 7.5)
	s.setFont(st)
	if !s.d.Settings.Cutoff.IsZero() {
		s.f.Text(left, base, "Cut-off "+s.d.Settings.Cutoff.Long())
	}
	total := "?"
	if s.plan.pages > 0 {
		total = fmt.Sprint(s.plan.pages)
	}
	pg := fmt.Sprintf("Page %d of %s", s.f.PageNo(), total)
	s.f.Text(right-s.measure(st, pg), base, pg)
}

// markingColour gives the text colour of a handling marking: TLP labels
// are coloured text on black, as the Traffic Light Protocol prescribes.
func markingColour(m string) rgb {
	switch {
	case len(m) >= 7 && m[:7] == "TLP:RED":
		return rgb{0xff, 0x2b, 0x2b}
	case len(m) >= 9 && m[:9] == "TLP:AMBER":
		return rgb{0xff, 0xc0, 0x00}
	case len(m) >= 9 && m[:9] == "TLP:GREEN":
		return rgb{0x33, 0xff, 0x00}
	}
	return white
}

// markingWidth is the width of the marking's box at size points, 0 for
// no marking.
func (s *doc) markingWidth(size float64) float64 {
	m := s.clean(s.d.Settings.Marking)
	if m == "" {
		return 0
	}
	return s.measure(textStyle{bold: true, size: size}, m) + 2*size*ptToMM*0.9
}

// markingBox draws the handling marking centred on cx with its top at y,
// in white (or its TLP colour) on black, and returns its width. It draws
// nothing when there is no marking.
func (s *doc) markingBox(cx, y, size float64) float64 {
	m := s.clean(s.d.Settings.Marking)
	if m == "" {
		return 0
	}
	st := textStyle{bold: true, size: size, color: markingColour(m)}
	padX, h := size*ptToMM*0.9, size*ptToMM*1.55
	w := s.measure(st, m) + 2*padX
	s.setFill(pureBlack)
	s.f.Rect(cx-w/2, y, w, h, "F")
	s.show(st, cx-w/2+padX, y+h/2+0.35*st.sizeMM(), m)
	return w
}
