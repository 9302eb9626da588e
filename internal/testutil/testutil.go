// Package testutil builds source fixtures for tests from txtar archives
// written inline, next to the test that uses them, random texts for tests
// that check a function against a reference, and a log buffer goroutines
// may write at once.
package testutil

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"path"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

// Fixture turns a txtar archive into a file system; files in override
// replace or add to the archive's, byte for byte (txtar always ends a file
// with a newline). In a documents/*.yaml file, the word SHA stands for the
// SHA-256 of the .txt file beside it, and ORIGIN for that file's name, so
// fixtures need not carry digests or repeat names.
func Fixture(t testing.TB, archive string, override map[string]string) fstest.MapFS {
	t.Helper()
	return FromTxtar(txtar.Parse([]byte(archive)), override)
}

// FromTxtar is Fixture for an archive already parsed, e.g. from a file
// under testdata/.
func FromTxtar(ar *txtar.Archive, override map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	for name, data := range override {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for name, f := range fsys {
		if !strings.HasPrefix(name, "documents/") || !strings.HasSuffix(name, ".yaml") {
			continue
		}
		if txt, ok := fsys[strings.TrimSuffix(name, ".yaml")+".txt"]; ok {
			sum := sha256.Sum256(txt.Data)
			data := strings.ReplaceAll(string(f.Data), "SHA", hex.EncodeToString(sum[:]))
			data = strings.ReplaceAll(data, "ORIGIN", path.Base(strings.TrimSuffix(name, ".yaml")+".txt"))
			f.Data = []byte(data)
		}
	}
	return fsys
}

// Settings is a valid dossier.yaml, as a txtar section.
const Settings = `-- dossier.yaml --
title: Test dossier
cutoff: 2026-01-31
`

// Meta returns valid metadata for a document with the given id and the
// reference S1, followed by the given cleaning section (starting at
// "cleaning:", or empty). The reference is on line 2.
func Meta(id, cleaning string) string { return MetaRef(id, "S1", cleaning) }

// MetaRef is Meta for a document with the given reference, such as "S2",
// for fixtures with more than one document.
func MetaRef(id, ref, cleaning string) string {
	return `id: ` + id + `
ref: ` + ref + `
title: A test document
publisher: Test publisher
publisher_kind: official
language: en
captured: web page
origin_file: ORIGIN
sha256: SHA
grade:
  reliability: B
  credibility: 2
  reason: a test source
` + cleaning
}

// RandomTexts returns n texts of up to 11 pieces each, every piece one of
// alphabet, drawn from a generator seeded with seed: the same texts each
// time, made of the characters a function under test treats specially.
func RandomTexts(seed uint64, n int, alphabet []string) []string {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	texts := make([]string, n)
	for i := range texts {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		texts[i] = b.String()
	}
	return texts
}

// SyncBuffer is a bytes.Buffer that goroutines may write and read at
// once: a log a test reads while what it tests writes to it.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what has been written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Store is a store of bytes by key in memory, as the stages' caches take
// (source.Known, link.Known, the site's parts), that records what it gave
// back. It is safe for concurrent use.
type Store struct {
	mu   sync.Mutex
	M    map[string][]byte // what Put stored, by key
	Hits int               // the entries Get gave back
	Read map[string]bool   // their keys, since the map was last set to empty
}

func (s *Store) Get(key string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	data, ok := s.M[key]
	if ok {
		s.Hits++
		if s.Read == nil {
			s.Read = map[string]bool{}
		}
		s.Read[key] = true
	}
	return data, ok
}

func (s *Store) Put(key string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.M == nil {
		s.M = map[string][]byte{}
	}
	s.M[key] = data
}
