package link

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"dossier/internal/model"
)

// Options configure ResolveWith.
type Options struct {
	// Known, when not nil, keeps what resolving found in each source
	// across resolutions: the names in its paragraphs, and the paragraph
	// each quote of it is found in (see Known).
	Known Known
}

// Known keeps what resolving found in a source's paragraphs: the entity
// names in them, by a key that digests the paragraphs and every entity's
// names; and the one paragraph a quote is found in, by a key that digests
// the paragraphs and the quote. A resolution that finds a key takes what
// it holds instead of looking again, which is most of resolving a large
// dossier whose sources and entities did not change (package build keeps
// them in its cache). A quote found nowhere, or more than once, is not
// kept, so that its error is reported every time. Get returns what Put
// stored under key; Put may fail to keep it. Both are called from several
// goroutines at once.
type Known interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte)
}

// knownFormat is in every key, so that a change in what is kept, or in
// how names are found, leaves the old entries unread.
const knownFormat = "dossier resolved 1"

// namesDigest digests what a matcher is made of: every entity's id, name
// and aliases, in order (newMatcher derives the rest from them).
func namesDigest(entities []*model.Entity) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%d\x00", knownFormat, len(entities))
	for _, e := range entities {
		fmt.Fprintf(h, "%q\x00%q\x00%d\x00", e.ID, e.Name, len(e.Aliases))
		for _, a := range e.Aliases {
			fmt.Fprintf(h, "%q\x00", a)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// blocksDigest digests doc's paragraphs: their kinds and texts.
func blocksDigest(doc *model.Document) [sha256.Size]byte {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		h.Write(n[:binary.PutUvarint(n[:], uint64(b.Kind))])
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(b.Text)))])
		h.Write([]byte(b.Text))
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// digests gives each document's blocksDigest, made once per resolution.
type digests struct {
	mu sync.Mutex
	m  map[*model.Document]*docDigest
}

type docDigest struct {
	once sync.Once
	sum  [sha256.Size]byte
}

func (ds *digests) of(doc *model.Document) [sha256.Size]byte {
	ds.mu.Lock()
	if ds.m == nil {
		ds.m = make(map[*model.Document]*docDigest)
	}
	d := ds.m[doc]
	if d == nil {
		d = new(docDigest)
		ds.m[doc] = d
	}
	ds.mu.Unlock()
	d.once.Do(func() { d.sum = blocksDigest(doc) })
	return d.sum
}

// namesKey is the key in Known of what the matcher whose names digest to
// names finds in the paragraphs that digest to blocks.
func namesKey(names string, blocks [sha256.Size]byte) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00names\x00%s\x00%x", knownFormat, names, blocks))
	return hex.EncodeToString(sum[:])
}

// quoteKey is the key in Known of the paragraph the folded quote q is
// found in, among the paragraphs that digest to blocks.
func quoteKey(blocks [sha256.Size]byte, q string) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00quote\x00%x\x00%s", knownFormat, blocks, q))
	return hex.EncodeToString(sum[:])
}

// namesFound is what matcher.find returned for one paragraph.
type namesFound struct {
	spans []model.Span
	inner []nested
}

// encodeFound writes what find returned for each of a document's
// paragraphs (headings have nothing), entities by id.
func encodeFound(fs []namesFound) []byte {
	var out []byte
	str := func(s string) {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	span := func(s model.Span) {
		out = binary.AppendUvarint(out, uint64(s.Start))
		out = binary.AppendUvarint(out, uint64(s.End))
		str(s.Entity.ID)
	}
	out = binary.AppendUvarint(out, uint64(len(fs)))
	for _, f := range fs {
		out = binary.AppendUvarint(out, uint64(len(f.spans)))
		for _, s := range f.spans {
			span(s)
		}
		out = binary.AppendUvarint(out, uint64(len(f.inner)))
		for _, s := range f.inner {
			span(s.Span)
			str(s.Within.ID)
		}
	}
	return out
}

var errKnown = errors.New("a record of names found that this program cannot read")

// decodeFound reads what encodeFound wrote for doc, whose paragraphs it
// must fit, entities by id from entity.
func decodeFound(data []byte, doc *model.Document, entity func(id string) *model.Entity) ([]namesFound, error) {
	bad := false
	num := func() int {
		v, n := binary.Uvarint(data)
		if n <= 0 || v > uint64(len(data))<<8 {
			bad = true
			return 0
		}
		data = data[n:]
		return int(v)
	}
	ent := func() *model.Entity {
		n := num()
		if bad || n > len(data) {
			bad = true
			return nil
		}
		e := entity(string(data[:n]))
		data = data[n:]
		if e == nil {
			bad = true
		}
		return e
	}
	span := func(text string) model.Span {
		s := model.Span{Start: num(), End: num()}
		s.Entity = ent()
		if s.Start > s.End || s.End > len(text) {
			bad = true
		}
		return s
	}
	n := num()
	if bad || n != len(doc.Blocks) {
		return nil, errKnown
	}
	fs := make([]namesFound, n)
	for i := range fs {
		text := doc.Blocks[i].Text
		for k := num(); k > 0 && !bad; k-- {
			fs[i].spans = append(fs[i].spans, span(text))
		}
		for k := num(); k > 0 && !bad; k-- {
			s := span(text)
			fs[i].inner = append(fs[i].inner, nested{Span: s, Within: ent()})
		}
	}
	if bad || len(data) != 0 {
		return nil, errKnown
	}
	return fs, nil
}
