package build

import (
	"bytes"
	"encoding/gob"
	"sync"

	"dossier/internal/cache"
)

// knownKind is the kind of the cache's entry that holds what loading made
// of each document (see knownStore), and resolvedKind that of the entry
// that holds what resolving found in each (link.Known).
const (
	knownKind    = "documents"
	resolvedKind = "resolved"
)

// knownStore keeps what loading made of each document (source.Known), or
// the names resolving found in its paragraphs (link.Known), in the build's
// cache. A store of one file per document would cost a file's opening per
// document, which is what reading the sources costs; so the documents are
// one entry of the store's kind, read before the sources are loaded and
// written after (save), holding the documents that this build made or
// took from it.
type knownStore struct {
	c    *cache.Cache
	kind string
	old  map[string][]byte // the last build's

	mu    sync.Mutex
	now   map[string][]byte // this build's
	dirty bool              // now holds a document old does not
}

// key is the key of the one entry.
func (s *knownStore) key() cache.Key { return s.c.Key(s.kind, []byte("all")) }

// openKnown returns the store of kind in c, with what the last build kept;
// nil for no cache.
func openKnown(c *cache.Cache, kind string) *knownStore {
	if c == nil {
		return nil
	}
	s := &knownStore{c: c, kind: kind, now: map[string][]byte{}}
	if data, ok := c.Get(s.key()); ok {
		if gob.NewDecoder(bytes.NewReader(data)).Decode(&s.old) != nil {
			s.old = nil // a store this program cannot read holds nothing
		}
	}
	return s
}

func (s *knownStore) Get(key string) ([]byte, bool) {
	data, ok := s.old[key] // only read once the store is open
	if ok {
		s.mu.Lock()
		s.now[key] = data
		s.mu.Unlock()
	}
	return data, ok
}

func (s *knownStore) Put(key string, data []byte) {
	s.mu.Lock()
	s.now[key] = data
	s.dirty = true
	s.mu.Unlock()
}

// save writes what this build loaded for the next one, unless it is what
// the last build kept, and lets it go; a store that fails to keep it costs
// the next build a load of every document.
func (s *knownStore) save() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() { s.old, s.now = nil, nil }()
	if !s.dirty && len(s.now) == len(s.old) {
		return // as the last build kept it (and read it: see Cache.Prune)
	}
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(s.now) == nil {
		_ = s.c.Put(s.key(), buf.Bytes())
	}
}
