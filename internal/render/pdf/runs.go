package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/go-pdf/fpdf"

	"dossier/internal/fonts"
	"dossier/internal/model"
)

// A run is a part of the briefing from one forced page break to the next
// that reads nothing of the notes but, for a note's chapter, that note:
// each note, the agencies, the organisation charts, the crime markets, the
// glossary, the annex of sources (its overview and every source's text,
// which run on one after another) and the technical annex; and the
// index, whose key holds the pages it lists and starts on (indexKey), so
// that it is copied only when no page moved. The cover and the contents
// read what every part drew, and are always drawn. With a RunStore, the pass written out records what drawing each
// run made (its pages' bodies, links, places, outline entries, contents
// entries, the characters it drew), and a later build whose store has the
// record copies it instead of laying out and drawing the run again: the
// bodies of its pages are the same bytes on any page (fpdf's patch 14,
// turnPage), its links go to places by name (dest), and its page numbers
// count from its first page. The running header and footer, which print
// the page number, are drawn afresh. See docs/INCREMENTAL.md, step 4.
//
// A run's record is only as good as the key it is stored under. The store
// must give back a record only to a build of the same program whose
// inputs, but for the texts of the notes, and options are those of the
// build that made it (package build keys it so); the renderer adds the
// run's name (a note's holds a digest of its text) and a digest of the
// wording, which counts things in the notes (wording.Data.Background).
// The chapters of a run must read nothing else: a chapter that comes to
// read more of the notes needs it in the key, or no run. TestRunsCopied
// and package build's FuzzCachedBuild compare briefings with runs copied
// against briefings drawn whole, byte for byte.
const (
	runIndex      = "index"
	runAgencies   = "agencies"
	runCharts     = "charts"
	runMarkets    = "markets"
	runGlossary   = "glossary"
	runSources    = "annex-sources"
	runProvenance = "annex-provenance"
)

// indexKey is the index's key (chapter.runKey): what it reads of the parts
// before it, the pages where each entity is named and where its profile
// starts and ends, and the page it starts on. After an edit that moves no
// page, the index is the last build's.
func (s *doc) indexKey() string {
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00", s.f.PageNo())
	for _, id := range slices.Sorted(maps.Keys(s.appears)) {
		fmt.Fprintf(h, "%s\x00%v\x00", id, s.appears[id])
	}
	h.Write([]byte{1})
	for _, m := range []map[string]int{s.profilePage, s.profileEnd} {
		for _, id := range slices.Sorted(maps.Keys(m)) {
			fmt.Fprintf(h, "%s\x00%d\x00", id, m[id])
		}
		h.Write([]byte{1})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// noteRun names the run of note n's chapter by the note and its text.
func noteRun(n *model.Note) string {
	sum := sha256.Sum256(n.Source)
	return "note/" + n.ID + "/" + hex.EncodeToString(sum[:])
}

// RunStore keeps the records of runs across builds (see the comment on
// runSources). Get returns what Put stored under key, its parts one after
// the other; Put may fail to keep it, at the price of drawing the run
// again. Put must not keep data: a record's parts are mostly the bodies of
// its pages, which the briefing holds.
type RunStore interface {
	Get(key string) ([]byte, bool)
	Put(key string, data ...[]byte)
}

// runFormat is in every key, so that records of another layout of the
// record are not read.
const runFormat = "dossier briefing run 3\x00"

// runRecord is what drawing a run made. Page numbers in it count from
// the run's first page, 0.
type runRecord struct {
	Start runStart
	Pages []runPage
	// Balances are the balanced runs of columns the run set, in order
	// (see columns.go).
	Balances []runBalance
	Fonts    []runFont // the characters drawn in each font, for its subset
	Missing  []rune    // characters drawn that no face has
	End      runEnd
}

// runStart is the state a run was drawn from, which a replay must find:
// what the run's drawing reads of what came before it.
type runStart struct {
	LastOutline int     // the outline level of the last bookmark (mark)
	NoEntries   bool    // no heading marked yet
	W, H        float64 // the document's page size
}

// runEnd is the state a run left, which the parts after it read.
type runEnd struct {
	Chapter                             string
	LastOutline, Unhyphen               int
	Part, AtTop, NoGap, Hyphenate       bool
	Y, After, Tail, Left, Right, Bottom float64
}

// runPage is a page of a run.
type runPage struct {
	Orientation string  // "" for the document's page, else AddPageFormat's
	W, H        float64 // AddPageFormat's size
	Chapter     string  // the running header's chapter
	// Body is the page's body, compressed (fpdf's PageBody), and Len its
	// length uncompressed. A stored record holds the bodies after the rest
	// (see encode), and Size is the length of this one.
	Body      []byte
	Size, Len int
	Ops       []runOp // what the run did on the page besides drawing, in order
}

// encode returns the parts of a record as a store keeps it: the length
// of the rest of the record, the rest of the record (gob), then the body of
// each page, not copied.
func (r *runRecord) encode() ([][]byte, error) {
	rest := *r
	rest.Pages = slices.Clone(r.Pages)
	parts := [][]byte{nil, nil}
	for i := range rest.Pages {
		p := &rest.Pages[i]
		p.Size = len(p.Body)
		parts = append(parts, p.Body)
		p.Body = nil
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&rest); err != nil {
		return nil, err
	}
	parts[0] = binary.BigEndian.AppendUint64(nil, uint64(buf.Len()))
	parts[1] = buf.Bytes()
	return parts, nil
}

// decodeRun reads a record encode made. Its pages' bodies are parts of
// data.
func decodeRun(data []byte) (*runRecord, error) {
	if len(data) < 8 {
		return nil, errors.New("a run's record cut short")
	}
	n := binary.BigEndian.Uint64(data)
	data = data[8:]
	if n > uint64(len(data)) {
		return nil, errors.New("a run's record cut short")
	}
	r := new(runRecord)
	if err := gob.NewDecoder(bytes.NewReader(data[:n])).Decode(r); err != nil {
		return nil, err
	}
	data = data[n:]
	for i := range r.Pages {
		p := &r.Pages[i]
		if p.Size < 0 || p.Size > len(data) {
			return nil, errors.New("a run's record cut short")
		}
		p.Body, data = data[:p.Size:p.Size], data[p.Size:]
	}
	if len(data) != 0 {
		return nil, errors.New("a run's record runs on")
	}
	return r, nil
}

// runOp is a link, a place, an outline or contents entry, or an entity's
// name drawn, on a page of a run.
type runOp struct {
	Kind        byte
	X, Y, W, H  float64
	Text        string // the place's name, the URL, the title, the entity
	Level, Page int    // the outline or contents level; the page of opPlace, from the run's first
	Here        bool   // opPlace's page is the current one
	Annex, Part bool   // of opMark's contents entry
}

const (
	opLink       = iota // LinkToDest(X, Y, W, H, the place named Text)
	opURL               // LinkString(X, Y, W, H, Text)
	opPlace             // SetLinkDest(the place named Text, Y, Page)
	opBookmark          // Bookmark(Text, Level, Y)
	opMark              // a heading marked for the contents (see mark), its entry's link pointed at Y
	opSeen              // the name of entity Text drawn (seen)
	opProfile           // the profile of entity Text is on this page (profilePage)
	opProfileEnd        // the profile of entity Text ends on this page (profileEnd)
)

// runBalance is a balanced run of columns in a run: what the pass read
// of it in its plan, and learned of it for the next.
type runBalance struct {
	Planned       bool // the plan had the run of columns
	Read, Learned runBal
}

// runBal is a balance, as a record holds it.
type runBal struct {
	Page   int
	Height float64
	Failed bool
}

func toRunBal(b balance) runBal   { return runBal{Page: b.page, Height: b.height, Failed: b.failed} }
func (b runBal) balance() balance { return balance{page: b.Page, height: b.Height, failed: b.Failed} }

// balancesFit reports whether the balanced runs of columns r recorded
// start from what the plan says of them: what it recorded, or, in a first
// pass, whose plan has none, nothing, when the record learned what it
// read (the runs of columns settled): the first pass then learns what the
// pass after it would have.
func (s *doc) balancesFit(r *runRecord) bool {
	base := len(s.balanced)
	for j, b := range r.Balances {
		if i := base + j; i < len(s.plan.balance) {
			if !b.Planned || toRunBal(s.plan.balance[i]) != b.Read {
				return false
			}
		} else if b.Planned && b.Read != b.Learned {
			return false
		}
	}
	return true
}

// runFont is the characters a run drew in one face.
type runFont struct {
	Family, Style string
	Runes         []rune
}

// runs is what the passes of one Render share about runs: the records
// the store has, and those the pass written out made.
type runs struct {
	store RunStore
	words string                // the digest of the wording (wording.Set.Digest), which every run may say
	found map[string]*runRecord // by run name; nil for none in the store
	made  []*recorder           // the runs the pass written out recorded
}

// key returns the key of the run named name in the store: every run
// reads the wording, and some of what it says comes from the notes.
func (rs *runs) key(name string) string { return runFormat + rs.words + "\x00" + name }

// lookup returns the record of the run named name in the store, or nil.
func (rs *runs) lookup(name string) *runRecord {
	if rs == nil || rs.store == nil {
		return nil
	}
	if r, ok := rs.found[name]; ok {
		return r
	}
	var r *runRecord
	if data, ok := rs.store.Get(rs.key(name)); ok {
		var err error
		if r, err = decodeRun(data); err != nil {
			r = nil // a record this program cannot read is no record
		}
	}
	if rs.found == nil {
		rs.found = make(map[string]*runRecord)
	}
	rs.found[name] = r
	return r
}

// start returns the state a run starting now would be drawn from, and
// whether a run may start now at all: with nothing waiting to be drawn
// (headings, links, markers) and no columns, at the document's margins.
func (s *doc) runStart() (runStart, bool) {
	ok := len(s.heads) == 0 && len(s.pendingLinks) == 0 && len(s.markers) == 0 && len(s.quoteBars) == 0 &&
		s.cols.n < 2 && s.left == marginLeft && s.right == s.pageW-marginRight && !s.onCover
	return runStart{LastOutline: s.lastOutline, NoEntries: len(s.entries) == 0, W: s.pageW, H: s.pageH}, ok
}

// replayRun draws the run r recorded instead of writing its chapters, if
// it starts from the state r started from; it reports whether it did.
func (s *doc) replayRun(r *runRecord) bool {
	if start, ok := s.runStart(); !ok || start != r.Start || !s.balancesFit(r) {
		return false
	}
	for _, b := range r.Balances {
		s.balanced = append(s.balanced, b.Learned.balance())
	}
	first := s.f.PageNo() + 1
	for _, p := range r.Pages {
		s.chapter = p.Chapter
		if p.Orientation == "" {
			s.turnPage(s.f.AddPage)
		} else {
			s.turnPage(func() { s.f.AddPageFormat(p.Orientation, fpdf.SizeType{Wd: p.W, Ht: p.H}) })
		}
		s.f.ReplayBody(p.Body, p.Len)
		for _, op := range p.Ops {
			switch op.Kind {
			case opLink:
				s.f.LinkToDest(op.X, op.Y, op.W, op.H, s.dests.named(op.Text))
			case opURL:
				s.f.LinkString(op.X, op.Y, op.W, op.H, op.Text)
			case opPlace:
				page := first + op.Page
				if op.Here {
					page = -1
				}
				s.f.SetLinkDest(s.dests.named(op.Text), op.Y, page)
			case opBookmark:
				s.f.Bookmark(op.Text, op.Level, op.Y)
			case opMark:
				idx := len(s.entries)
				s.entries = append(s.entries, tocEntry{Level: op.Level, Title: op.Text, Page: s.f.PageNo(), Annex: op.Annex, Part: op.Part})
				if idx < len(s.tocLinks) && s.tocLinks[idx] != nil {
					s.f.SetLinkDest(s.tocLinks[idx], op.Y, -1)
				}
			case opSeen:
				s.seen(op.Text)
			case opProfile:
				s.setProfilePage(op.Text)
			case opProfileEnd:
				s.setProfileEnd(op.Text)
			}
		}
	}
	for _, ft := range r.Fonts {
		if face, ok := fonts.Named(ft.Family, ft.Style); ok {
			// The pass written out registers before its first page the
			// faces the dry passes measured with (addMeasuredFaces).
			if s.dry {
				s.metrics.register(face)
			} else {
				addFace(s.f, s.added, face)
			}
		}
		s.f.UseRunes(ft.Family, ft.Style, ft.Runes)
	}
	for _, c := range r.Missing {
		s.missing[c] = true
	}
	e := r.End
	s.chapter, s.lastOutline, s.unhyphen = e.Chapter, e.LastOutline, e.Unhyphen
	s.part, s.atTop, s.noGap, s.hyphenate = e.Part, e.AtTop, e.NoGap, e.Hyphenate
	s.y, s.after, s.tail, s.left, s.right, s.bottom = e.Y, e.After, e.Tail, e.Left, e.Right, e.Bottom
	return true
}

// recorder is the canvas of a run being recorded: it draws on the pass's
// fpdf document and records what the run did there besides drawing (see
// runRecord). What the running header and footer draw (s.inFrame) is not
// the run's, and is not recorded.
type recorder struct {
	canvas
	f     *fpdf.Fpdf // the document of the pass written out; nil in a dry pass
	s     *doc
	name  string
	fixed bool // the run's key holds the pages it starts on and refers to (chapter.runKey)
	first int  // the run's first page; 0 before it has one
	rec   runRecord
	// bad says why the run cannot be replayed, "" if it can.
	bad     string
	inBody  bool
	balance int       // the index in s.balanced of its first run of columns
	font    [2]string // the font set last in the body: family and style
	fonts   map[[2]string]*runeSet
	missing map[rune]bool
	lastLen int // the length of the last page's body when the run ended
}

// runeSet is a set of characters.
type runeSet struct {
	bmp  [1 << 10]uint64 // the Basic Multilingual Plane, as bits
	more map[rune]bool
}

func (rs *runeSet) add(r rune) {
	if r >= 0 && r < 1<<16 {
		rs.bmp[r>>6] |= 1 << (r & 63)
		return
	}
	if rs.more == nil {
		rs.more = make(map[rune]bool)
	}
	rs.more[r] = true
}

func (rs *runeSet) list() []rune {
	var out []rune
	for i, w := range rs.bmp {
		for b := 0; w != 0; b++ {
			if w&1 != 0 {
				out = append(out, rune(i<<6+b))
			}
			w >>= 1
		}
	}
	for r := range rs.more {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// startRun starts recording the run named name, when the briefing has a
// store: in the pass written out, or, for a run whose key holds its pages
// (fixed), in a dry pass (see dryRun).
func (s *doc) startRun(name string, fixed bool) {
	if s.runs == nil || s.runs.store == nil || s.rec != nil {
		return
	}
	f, drawn := s.f.(*fpdf.Fpdf)
	if !drawn {
		if !fixed {
			return
		}
		name = dryRun(name)
	}
	r := &recorder{canvas: s.f, f: f, s: s, name: name, fixed: fixed, fonts: make(map[[2]string]*runeSet), missing: make(map[rune]bool)}
	var can bool
	if r.rec.Start, can = s.runStart(); !can {
		return
	}
	r.balance = len(s.balanced)
	s.rec = r
	s.f = r
}

// startBalance records a balanced run of columns starting, what the plan
// has of it (planned) and read (b).
func (r *recorder) startBalance(planned bool, b balance) {
	r.rec.Balances = append(r.rec.Balances, runBalance{Planned: planned, Read: toRunBal(b)})
}

// learnBalance records what a balanced run of columns, run i of the
// pass, learned.
func (r *recorder) learnBalance(i int, b balance) {
	if j := i - r.balance; j >= 0 && j < len(r.rec.Balances) {
		r.rec.Balances[j].Learned = toRunBal(b)
	} else {
		r.fail("learned the balance of columns it did not start")
	}
}

// endRun stops recording the run, if one is recorded, and keeps it for
// the store if it can be replayed.
func (s *doc) endRun() {
	r := s.rec
	if r == nil {
		return
	}
	s.f, s.rec = r.canvas, nil
	if _, ok := s.runStart(); !ok {
		r.fail("left something waiting to be drawn")
	}
	if r.first == 0 {
		r.fail("has no page")
	}
	if r.bad != "" {
		return
	}
	if r.f != nil {
		r.lastLen = r.f.BodyLen()
		for p := r.first; p <= r.f.PageNo(); p++ {
			r.f.KeepBody(p)
		}
	}
	r.rec.End = runEnd{
		Chapter: s.chapter, LastOutline: s.lastOutline, Unhyphen: s.unhyphen,
		Part: s.part, AtTop: s.atTop, NoGap: s.noGap, Hyphenate: s.hyphenate,
		Y: s.y, After: s.after, Tail: s.tail, Left: s.left, Right: s.right, Bottom: s.bottom,
	}
	for k, set := range r.fonts {
		r.rec.Fonts = append(r.rec.Fonts, runFont{Family: k[0], Style: k[1], Runes: set.list()})
	}
	slices.SortFunc(r.rec.Fonts, func(a, b runFont) int { return strings.Compare(a.Family+"\x00"+a.Style, b.Family+"\x00"+b.Style) })
	for c := range r.missing {
		r.rec.Missing = append(r.rec.Missing, c)
	}
	slices.Sort(r.rec.Missing)
	if r.f == nil {
		// A dry record has no bodies to wait for.
		if parts, err := r.rec.encode(); err == nil {
			s.runs.store.Put(s.runs.key(r.name), parts...)
		}
		return
	}
	s.runs.made = append(s.runs.made, r)
}

// dryRun is the name of the record of the run named name that a dry pass
// made. A run whose key holds its pages (the index) is keyed in a dry pass
// by the pages of that pass: in the first, whose contents are empty, every
// page is where the pass written out does not put it, and a record of the
// pass written out is never found. The first pass of the next build finds
// the dry pass's, when no page moved, and replays it as it would a
// record of a pass written out, which has nothing more a dry pass reads;
// the pass written out never reads it, for it has no bodies.
func dryRun(name string) string { return "dry/" + name }

// fail records why the run cannot be replayed.
func (r *recorder) fail(why string) {
	if r.bad == "" {
		r.bad = why
	}
}

// recording reports whether what the run does now is to be recorded: in
// its pages' bodies, not in a running header or footer. Anything drawn
// outside a body would be lost to a replay.
func (r *recorder) recording() bool {
	if r.s.inFrame {
		return false
	}
	if !r.inBody {
		r.fail("drew outside a page's body")
		return false
	}
	return true
}

func (r *recorder) op(o runOp) {
	if r.recording() {
		p := &r.rec.Pages[len(r.rec.Pages)-1]
		p.Ops = append(p.Ops, o)
	}
}

func (r *recorder) AddPage() {
	r.canvas.AddPage()
	r.page("", fpdf.SizeType{})
}

func (r *recorder) AddPageFormat(orientation string, size fpdf.SizeType) {
	r.canvas.AddPageFormat(orientation, size)
	if orientation == "" {
		orientation = "P"
	}
	r.page(orientation, size)
}

func (r *recorder) page(orientation string, size fpdf.SizeType) {
	if r.first == 0 {
		r.first = r.canvas.PageNo()
	}
	r.rec.Pages = append(r.rec.Pages, runPage{Orientation: orientation, W: size.Wd, H: size.Ht, Chapter: r.s.chapter})
}

func (r *recorder) BeginBody() {
	r.canvas.BeginBody()
	r.inBody = r.first > 0
	r.font = [2]string{}
}

func (r *recorder) EndBody() {
	r.canvas.EndBody()
	r.inBody = false
}

func (r *recorder) SetFont(family, style string, size float64) {
	r.canvas.SetFont(family, style, size)
	if r.inBody && !r.s.inFrame {
		r.font = [2]string{family, style}
	}
}

func (r *recorder) Text(x, y float64, text string) {
	r.canvas.Text(x, y, text)
	if !r.recording() {
		return
	}
	if r.font[0] == "" {
		r.fail("drew text in a font the body did not set")
		return
	}
	set := r.fonts[r.font]
	if set == nil {
		set = new(runeSet)
		r.fonts[r.font] = set
	}
	for _, c := range text {
		set.add(c)
	}
}

func (r *recorder) SetLinkDest(d *fpdf.LinkDest, y float64, page int) {
	r.canvas.SetLinkDest(d, y, page)
	switch {
	case strings.HasPrefix(d.Name, "toc/"):
		return // the contents' entries: see opMark
	case !r.named(d):
		r.fail("set a place not named by what is there: " + d.Name)
		return
	}
	op := runOp{Kind: opPlace, Text: d.Name, Y: y, Page: page - r.first, Here: page == -1}
	if !op.Here && page < r.first && !r.fixed {
		r.fail("set a place on a page before it")
	}
	r.op(op)
}

func (r *recorder) LinkToDest(x, y, w, h float64, d *fpdf.LinkDest) {
	r.canvas.LinkToDest(x, y, w, h, d)
	if !r.named(d) {
		r.fail("linked to a place not named by what is there: " + d.Name)
	}
	r.op(runOp{Kind: opLink, X: x, Y: y, W: w, H: h, Text: d.Name})
}

func (r *recorder) LinkString(x, y, w, h float64, url string) {
	r.canvas.LinkString(x, y, w, h, url)
	r.op(runOp{Kind: opURL, X: x, Y: y, W: w, H: h, Text: url})
}

func (r *recorder) Bookmark(text string, level int, y float64) {
	r.canvas.Bookmark(text, level, y)
	r.op(runOp{Kind: opBookmark, Text: text, Level: level, Y: y})
}

func (r *recorder) RegisterImageOptionsReader(name string, opts fpdf.ImageOptions, rd io.Reader) *fpdf.ImageInfoType {
	r.fail("registered a picture")
	return r.canvas.RegisterImageOptionsReader(name, opts, rd)
}

func (r *recorder) ImageOptions(name string, x, y, w, h float64, flow bool, opts fpdf.ImageOptions, link int, linkStr string) {
	r.fail("drew a picture")
	r.canvas.ImageOptions(name, x, y, w, h, flow, opts, link, linkStr)
}

// named reports whether d is a place the pass knows by its name alone
// (dests.named): not a page of the briefing by its number (pageLink), which
// only a run whose key holds its pages (fixed) can copy.
func (r *recorder) named(d *fpdf.LinkDest) bool {
	return d != nil && d.Name != "" && (r.fixed || !strings.HasPrefix(d.Name, "page/"))
}

// mark records a heading marked for the contents (see doc.mark), at y.
func (r *recorder) mark(e tocEntry, y float64) {
	r.op(runOp{Kind: opMark, Text: e.Title, Level: e.Level, Annex: e.Annex, Part: e.Part, Y: y})
}

// keepRuns puts the record of each run the pass written out recorded
// into the store, once fpdf has written the document (and so finished
// its last page). A run that something else drew on the last page of is
// not kept.
func (rs *runs) keep() {
	if rs == nil || rs.store == nil {
		return
	}
	for _, r := range rs.made {
		ok := true
		for i := range r.rec.Pages {
			data, n, found := r.f.PageBody(r.first + i)
			// The last page's body, ended, holds what the run drew and
			// the Q that ends it, and nothing more.
			if !found || (i == len(r.rec.Pages)-1 && n != r.lastLen+len("Q\n")) {
				ok = false
				break
			}
			r.rec.Pages[i].Body, r.rec.Pages[i].Len = data, n
		}
		if !ok {
			continue
		}
		if parts, err := r.rec.encode(); err == nil {
			rs.store.Put(rs.key(r.name), parts...)
		}
		r.rec = runRecord{} // its pages' bodies can go
	}
	rs.made = nil
}
