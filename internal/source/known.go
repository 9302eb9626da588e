package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"path"
	"reflect"
	"strings"
	"sync"

	"dossier/internal/model"
)

// Known keeps what loading a document made (its metadata read and
// checked, its text decoded and cleaned) across loads, by a key that
// digests the document's two files and how they were loaded: a load that
// finds a document's key takes the document from it instead of reading,
// checking and cleaning its files again, which is most of loading
// (package build keeps them in its cache). Get returns what Put stored
// under key; Put may fail to keep it. A document that fails to load is
// never kept, so that its errors are reported every time. Get and Put are
// called from several goroutines at once.
type Known interface {
	Get(key string) ([]byte, bool)
	Put(key string, data []byte)
}

// knownFormat is in every key, so that a change in what is kept, or in
// how a document is loaded, leaves the old entries unread.
const knownFormat = "dossier document 3"

// knownDoc is what a load keeps of a document: what document returns,
// but the cleaning rules and encoding, which nothing reads after it,
// and the places of the characters it indexed (loader.index).
type knownDoc struct {
	Doc                  *model.Document
	Ref, RefLine, IDLine int
	Chars                map[rune][]model.SourceLine
}

// knownKey returns the key in Known of the document base whose files
// digest to meta and text: those digests, the name of the sources folder
// (messages and the places of characters hold it), the limits and whether
// characters are indexed.
func (l *loader) knownKey(base string, meta, text [sha256.Size]byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%t\x00%q\x00%+v\x00%t\x00%x\x00%x", knownFormat, l.codec.sum, l.prefix() == "", base, l.limits, l.chars != nil, meta, text)
	return hex.EncodeToString(h.Sum(nil))
}

// knownCodec writes and reads what Known keeps of each document as a
// message of one gob stream: the stream's start (the types of knownDoc,
// then a zero knownDoc) is written once, and each document after it, so
// that reading one starts from a decoder that has read the start, and
// has learned the types, which a new decoder does for every value (it
// was most of the time taken to read a document kept). The start's digest
// is in every key: a document kept by a program whose start differs (a
// field added, gob's numbering of types) is not found. Its methods are
// safe for concurrent use.
type knownCodec struct {
	start []byte
	sum   string // hex SHA-256 of start

	mu   sync.Mutex
	enc  *gob.Encoder
	out  bytes.Buffer    // enc's
	idle []*knownDecoder // decoders that have read the start
}

// knownDecoder is a gob decoder that reads, after the start, whatever
// messages its reader is given.
type knownDecoder struct {
	r   bytes.Reader
	dec *gob.Decoder
}

func newKnownCodec() (*knownCodec, error) {
	c := &knownCodec{}
	c.enc = gob.NewEncoder(&c.out)
	if err := c.enc.Encode(&knownDoc{}); err != nil {
		return nil, err
	}
	c.start = bytes.Clone(c.out.Bytes())
	sum := sha256.Sum256(c.start)
	c.sum = hex.EncodeToString(sum[:])
	return c, nil
}

// encode returns k as a message of the stream.
func (c *knownCodec) encode(k *knownDoc) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.out.Reset()
	if err := c.enc.Encode(k); err != nil {
		return nil, err // gob wrote nothing of it
	}
	return bytes.Clone(c.out.Bytes()), nil
}

// decode reads k from data, a message encode returned: all of it.
func (c *knownCodec) decode(data []byte, k *knownDoc) error {
	c.mu.Lock()
	var d *knownDecoder
	if n := len(c.idle); n > 0 {
		d, c.idle = c.idle[n-1], c.idle[:n-1]
	}
	c.mu.Unlock()
	if d == nil {
		d = &knownDecoder{}
		d.r.Reset(c.start)
		d.dec = gob.NewDecoder(&d.r)
		if err := d.dec.Decode(&knownDoc{}); err != nil {
			return err
		}
	}
	d.r.Reset(data)
	if err := d.dec.Decode(k); err != nil {
		return err // and d, which may be in the middle of a message, is dropped
	}
	if d.r.Len() != 0 {
		return fmt.Errorf("%d bytes after the document", d.r.Len())
	}
	c.mu.Lock()
	c.idle = append(c.idle, d)
	c.mu.Unlock()
	return nil
}

// prefix is what l.path puts before a name in the sources folder: the
// folder as the user named it, and a slash; "" for none.
func (l *loader) prefix() string { return strings.TrimSuffix(l.path("\x01"), "\x01") }

// pathMark stands for the sources folder (loader.prefix) in what Known
// keeps, so that the cache, which is inside the output folder, never
// names it, and builds that name it differently (relative, absolute)
// share what they keep.
const pathMark = "\x00/"

// relocate rewrites, in the document's and places' fields that name a
// file as messages do (Path, File, …Path; not MetaPath and TextPath, which
// are relative to the sources folder already), the prefix from into to.
func relocate(k *knownDoc, from, to string) {
	if from == "" {
		return
	}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			t := v.Type()
			for i := range t.NumField() {
				f, name := v.Field(i), t.Field(i).Name
				isPath := name == "File" || strings.HasSuffix(name, "Path") && name != "MetaPath" && name != "TextPath"
				if f.Kind() == reflect.String && isPath && f.CanSet() {
					if rest, ok := strings.CutPrefix(f.String(), from); ok {
						f.SetString(to + rest)
					}
					continue
				}
				walk(f)
			}
		}
	}
	walk(reflect.ValueOf(k.Doc))
	for _, places := range k.Chars {
		for i := range places {
			if rest, ok := strings.CutPrefix(places[i].File, from); ok {
				places[i].File = to + rest
			}
		}
	}
}

// knownDocument returns the document base as Known keeps it for the
// digests of its files that Options.Digest gives, with its characters
// added to l.chars as index would add them.
func (l *loader) knownDocument(base string) (*parsedMeta, bool) {
	if l.known == nil {
		return nil, false
	}
	meta, ok := l.digest(path.Join(DocumentsDir, base+".yaml"))
	if !ok {
		return nil, false
	}
	text, ok := l.digest(path.Join(DocumentsDir, base+".txt"))
	if !ok {
		return nil, false
	}
	data, ok := l.known.Get(l.knownKey(base, meta, text))
	if !ok {
		return nil, false
	}
	var k knownDoc
	if l.codec.decode(data, &k) != nil || k.Doc == nil {
		return nil, false // what this program cannot read is not known
	}
	relocate(&k, pathMark, l.prefix())
	if l.chars != nil {
		for r, places := range k.Chars {
			l.chars[r] = places
		}
	}
	return &parsedMeta{doc: k.Doc, ref: k.Ref, refLine: k.RefLine, idLine: k.IDLine}, true
}

// keepDocument puts m, loaded from files that digest to sums (metadata,
// text), into Known: under the digests of what was read, which a file
// changed since Options.Digest read it does not mix up.
func (l *loader) keepDocument(base string, sums [2][sha256.Size]byte, m *parsedMeta) {
	if l.known == nil {
		return
	}
	k := knownDoc{Doc: m.doc, Ref: m.ref, RefLine: m.refLine, IDLine: m.idLine, Chars: l.chars}
	// The sources folder is written as a mark, and back once written:
	// m is the document this load returns.
	relocate(&k, l.prefix(), pathMark)
	data, err := l.codec.encode(&k)
	relocate(&k, pathMark, l.prefix())
	if err == nil {
		l.known.Put(l.knownKey(base, sums[0], sums[1]), data)
	}
}
