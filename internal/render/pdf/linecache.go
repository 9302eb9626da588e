package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"dossier/internal/model"
)

// lineCache keeps the lines layout broke, by what it broke (the runs, the
// width, whether it hyphenated), for the passes of one Render: a pass
// lays out the same paragraphs as the one before it, and only the page
// numbers of the contents differ between them. Breaking lines only
// measures, which writes nothing into the page (see metrics), so a pass
// that takes its lines from the cache writes the same bytes as one that
// breaks them. It is not safe for concurrent use, except that prefetch's
// workers add entries to it while a pass runs.
type lineCache struct {
	mu      sync.Mutex // guards entries
	entries map[lineKey]*lineEntry
	key     []byte // scratch for the key being encoded

	// metrics is what the passes measure with (see newDoc); they run one
	// after the other.
	metrics *metrics
}

// lineEntry is one cached result of layout, kept compact: a frag is cut
// from one of the runs laid out and differs from it only in its text, so
// an entry keeps the text, width and run of each frag, and unpack makes
// the frags again from the runs of the call that hits it. That also gives
// them that call's internal links. The texts of the frags are one string,
// so that an entry holds three pointers, however many frags it has: the
// entries of a large briefing are most of what the renderer keeps, and
// the garbage collector scans none of their frags. A space between words
// is kept with the word after it (most frags are such spaces).
type lineEntry struct {
	text  string // the texts of the frags, one after the other
	lines []lineShape
	frags []fragShape

	prefetched bool // broken by prefetch
	used       bool // taken by a pass (for tests)
}

// lineShape is a line of a lineEntry: its frags end at end.
type lineShape struct {
	end        int32
	glue       int32
	w          float64
	last, hyph bool
}

// fragShape is a frag of a lineEntry: its text is the entry's text from
// off to end, and it is cut from run src. spaceSrc is the run of the space
// before it, which unpack makes a frag of; noSpace for none; isSpace for a
// frag that is itself a space (one that no word follows on its line).
type fragShape struct {
	w             float64
	off, end      uint32
	src, spaceSrc int32
}

const (
	noSpace = -1
	isSpace = -2
)

// pack makes the entry of lines broken from runs.
func pack(lines []line) *lineEntry {
	n, size := 0, 0
	for _, ln := range lines {
		for k, fr := range ln.frags {
			if !folds(ln.frags, k) {
				n++
				size += len(fr.text)
			}
		}
	}
	var text strings.Builder
	text.Grow(size)
	e := &lineEntry{lines: make([]lineShape, len(lines))}
	frags := make([]fragShape, 0, n)
	for i, ln := range lines {
		spaceSrc := int32(noSpace) // of a space folded into the next frag
		for k, fr := range ln.frags {
			if folds(ln.frags, k) {
				spaceSrc = fr.src
				continue
			}
			off := uint32(text.Len())
			text.WriteString(fr.text)
			f := fragShape{w: fr.w, off: off, end: uint32(text.Len()), src: fr.src, spaceSrc: spaceSrc}
			if fr.space {
				f.spaceSrc = isSpace
			}
			frags = append(frags, f)
			spaceSrc = noSpace
		}
		e.lines[i] = lineShape{end: int32(len(frags)), glue: int32(ln.glue), w: ln.w, last: ln.last, hyph: ln.hyph}
	}
	e.text = text.String()
	e.frags = frags
	return e
}

// folds reports whether frags[k] is a space between words that pack keeps
// with the word after it: one space, as breakLines makes it, measured in
// the style of its own run (see spaceWidth).
func folds(frags []frag, k int) bool {
	return frags[k].space && frags[k].text == " " && k+1 < len(frags) && !frags[k+1].space
}

// unpack returns the lines of e, its frags cut from runs, a space between
// words spaceW wide in the style of its run. For a dry pass it merges the
// frags cut from one run on a line into one, without its text: a dry pass
// draws nothing, and reads from a line's frags only their sizes and the
// entities they name (see drawLine).
func (e *lineEntry) unpack(runs []run, dry bool, spaceW func(textStyle) float64) []line {
	if dry {
		return e.unpackDry(runs, spaceW)
	}
	n := len(e.frags)
	for _, f := range e.frags {
		if f.spaceSrc >= 0 {
			n++
		}
	}
	frags := make([]frag, 0, n)
	lines := make([]line, len(e.lines))
	start := int32(0)
	for i, l := range e.lines {
		first := len(frags)
		for _, f := range e.frags[start:l.end] {
			if f.spaceSrc >= 0 {
				r := &runs[f.spaceSrc]
				frags = append(frags, frag{run: r, text: " ", w: spaceW(r.st), space: true, src: f.spaceSrc})
			}
			frags = append(frags, frag{run: &runs[f.src], text: e.text[f.off:f.end], w: f.w, space: f.spaceSrc == isSpace, src: f.src})
		}
		lines[i] = line{frags: frags[first:len(frags):len(frags)], w: l.w, glue: int(l.glue), last: l.last, hyph: l.hyph}
		start = l.end
	}
	return lines
}

func newLineCache() *lineCache {
	return &lineCache{entries: make(map[lineKey]*lineEntry)}
}

// keyOf returns the key of the lines of runs broken at width: the digest
// of everything layout reads from runs, width and hyphenate, encoded into
// scratch, except the runs' internal links: their numbers depend on how
// many links the pass made before (the contents make one per entry), and
// they do not change where lines break. A hit takes them from its own
// runs (unpack).
func keyOf(scratch *[]byte, runs []run, width float64, hyphenate bool) lineKey {
	b := binary.LittleEndian.AppendUint64((*scratch)[:0], math.Float64bits(width))
	b = appendBool(b, hyphenate)
	for _, r := range runs {
		b = appendString(b, r.text)
		b = appendBool(b, r.st.mono)
		b = appendBool(b, r.st.bold)
		b = appendBool(b, r.st.italic)
		b = appendBool(b, r.st.strike)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.st.size))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.st.rise))
		b = append(b, r.st.color.r, r.st.color.g, r.st.color.b)
		b = appendString(b, r.url)
		b = appendBool(b, r.code)
		b = appendBool(b, r.brk)
		b = binary.AppendVarint(b, int64(r.check))
		b = appendString(b, r.entity)
		b = appendString(b, string(r.badge))
	}
	*scratch = b
	return sha256.Sum256(b)
}

// lineKey is the SHA-256 digest of what keyOf encodes: the texts of a
// large briefing's paragraphs would take as much memory again as keys.
type lineKey [sha256.Size]byte

// get returns the entry stored under key, if any, and with take removes it.
func (c *lineCache) get(key lineKey, take bool) (*lineEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if ok && take {
		delete(c.entries, key)
	}
	return e, ok
}

// put stores e under key unless an entry is there already.
func (c *lineCache) put(key lineKey, e *lineEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok {
		c.entries[key] = e
	}
}

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func (e *lineEntry) unpackDry(runs []run, spaceW func(textStyle) float64) []line {
	var frags []frag
	lines := make([]line, len(e.lines))
	start := int32(0)
	for i, l := range e.lines {
		first := len(frags)
		add := func(src int32, w float64, space bool) {
			if n := len(frags); n > first && frags[n-1].src == src {
				frags[n-1].w += w
				frags[n-1].space = frags[n-1].space && space
				return
			}
			frags = append(frags, frag{run: &runs[src], w: w, space: space, src: src})
		}
		for _, f := range e.frags[start:l.end] {
			if f.spaceSrc >= 0 {
				add(f.spaceSrc, spaceW(runs[f.spaceSrc].st), true)
			}
			add(f.src, f.w, f.spaceSrc == isSpace)
		}
		lines[i] = line{frags: frags[first:len(frags):len(frags)], w: l.w, glue: int(l.glue), last: l.last, hyph: l.hyph}
		start = l.end
	}
	return lines
}

// spaceWidth is the width of a space in style st.
func (s *doc) spaceWidth(st textStyle) float64 { return s.measure(st, " ") }

// layout breaks runs into lines at most width wide (see breakLines),
// taking them from the pass's line cache when an earlier pass, or an
// earlier call in this one, broke the same runs.
func (s *doc) layout(runs []run, width float64) []line {
	if s.lines == nil {
		return s.breakLines(runs, width)
	}
	c := s.lines
	key := keyOf(&c.key, runs, width, s.hyphenate)
	// The pass drawn is the last one (if it is not, the next breaks again
	// what it takes): it lets each entry go as it takes it, and keeps
	// none, so that the cache shrinks as the drawn pages grow.
	if e, ok := c.get(key, !s.dry); ok {
		e.used = true
		for _, r := range runs {
			s.noteAstral(r.text) // as breakLines would, cleaning them
		}
		return e.unpack(runs, s.dry, s.spaceWidth)
	}
	lines := s.breakLines(runs, width)
	if s.dry {
		c.put(key, pack(lines))
	}
	return lines
}

// listIndent is how far numbered indents the text of a list item.
const listIndent = 5.5

// prefetch breaks the lines of the sources' paragraphs into c ahead of the
// passes, when there are minParagraphs of them or more, on up to
// GOMAXPROCS-1 workers, each measuring with a dry doc of
// its own (newWorker). The passes take them from c as if they had broken
// them: the runs, width and hyphenation are those numbered asks for (a
// paragraph it asks for otherwise is broken by the pass, as any other). The
// workers go through the sources from the last, the pass from the first,
// so that they seldom break the same paragraph. stop ends the workers and
// waits for them.
func (c *lineCache) prefetch(d *model.Dossier, minParagraphs int, newWorker func() (*doc, error)) (stop func()) {
	n := min(runtime.GOMAXPROCS(0)-1, 4)
	if n < 1 || len(d.Documents) == 0 || paragraphs(d) < minParagraphs {
		return func() {}
	}
	var (
		next    atomic.Int64 // sources handed out, counted from the last
		stopped atomic.Bool
		wg      sync.WaitGroup
	)
	for range n {
		wg.Go(func() {
			w, err := newWorker()
			if err != nil {
				return // the passes break the lines themselves
			}
			p := prefetcher{c: c, w: w}
			for !stopped.Load() {
				i := len(d.Documents) - 1 - int(next.Add(1)-1)
				if i < 0 {
					return
				}
				p.source(d.Documents[i], stopped.Load)
			}
		})
	}
	return func() {
		stopped.Store(true)
		wg.Wait()
	}
}

// prefetchMin is the number of paragraphs in the sources below which
// Render prefetches none: a worker parses the fonts first, which costs
// about what breaking the lines of a few hundred paragraphs does.
const prefetchMin = 500

// paragraphs counts the paragraphs and list items of the sources.
func paragraphs(d *model.Dossier) int {
	n := 0
	for _, doc := range d.Documents {
		for i := range doc.Blocks {
			if k := doc.Blocks[i].Kind; k == model.Paragraph || k == model.ListItem {
				n++
			}
		}
	}
	return n
}

// prefetcher breaks lines for a lineCache on a worker.
type prefetcher struct {
	c   *lineCache
	w   *doc // measures; its own dry doc
	key []byte
}

// source breaks the lines of the paragraphs and list items of d that are
// not in the cache yet, as numbered will ask for them, until stopped
// says so.
func (p *prefetcher) source(d *model.Document, stopped func() bool) {
	w := p.w
	w.hyphenate = true // numbered justifies
	for j := range d.Blocks {
		b := &d.Blocks[j]
		if stopped() {
			return
		}
		// The width as numbered has it, computed alike to the last bit.
		var width float64
		switch b.Kind {
		case model.Paragraph:
			width = w.right - w.left
		case model.ListItem:
			width = w.right - (w.left + listIndent)
		default:
			continue
		}
		runs := mentionRuns(b, sourceText)
		key := keyOf(&p.key, runs, width, true)
		if _, ok := p.c.get(key, false); ok {
			continue
		}
		e := pack(w.breakLines(runs, width))
		e.prefetched = true
		p.c.put(key, e)
	}
}

// countKey is a text laid out on its own, as lineCount counts it.
type countKey struct {
	text      string
	st        textStyle
	width     float64
	hyphenate bool
}

// lineCount returns the number of lines layout breaks text, set in st,
// into at width. It counts each text once per pass: listed weighs the
// contents again for every chapter whose sections it drops, and with
// thousands of entries that was most of the time of a pass. Laying a text
// out again in the same pass measures nothing new, so counting it once
// leaves the pass's bytes as they were.
func (s *doc) lineCount(text string, st textStyle, width float64) int {
	k := countKey{text, st, width, s.hyphenate}
	if n, ok := s.counts[k]; ok {
		return n
	}
	n := len(s.layout([]run{{text: text, st: st}}, width))
	if s.counts == nil {
		s.counts = make(map[countKey]int)
	}
	s.counts[k] = n
	return n
}
