package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"sync"

	"dossier"
	"dossier/internal/cache"
	"dossier/internal/model"
	pdfrender "dossier/internal/render/pdf"
)

// pageKeeper decides which of the site's pages a build leaves as its last
// build made them, without rendering them again: the pages of the sources
// and of the entities and the pages that list them, most of a large site,
// and the data exports that read nothing of the notes (export.Write),
// when nothing they are made of has changed.
//
// A page's key digests what it is made of. With the built-in layouts
// (the same files, by digest, as the binary carries), such a page shows
// nothing of the notes but how many there are (in the menu): its key
// digests the program, every input but the notes' texts, the options
// that change an output, the previous edition compared with, the day of
// the build (in every page's footer), the number of notes, and the
// page's name. Editing a note then renders again its page, the home page,
// the search, the notes' list and the edition's record, and keeps the rest. With other layouts,
// which may show anything of the dossier on any page, nothing is kept:
// what a template reads is not known.
//
// The page's output is kept only when the last build recorded the same
// key for it and its file still holds what that build wrote (see
// stage.keep). FuzzCachedBuild compares such builds with builds from
// nothing.
//
// It keeps parts of pages too (htmlrender.PartStore), in the build's
// cache, under the same base: what a page made of those inputs alone
// holds, such as the sources' paragraphs in the search index.
type pageKeeper struct {
	base string            // the digest of what every kept page is made of, hex
	last map[string]string // the last build's keys, by output name
	sums map[string]string // and its outputs' digests
	st   *stage
	c    *cache.Cache // for the parts

	mu   sync.Mutex
	keys map[string]string // this build's keys, for the next one
}

// newPageKeeper returns the keeper of a build of d into st, whose inputs
// digest to in, after the build last recorded in out (nil for none).
// It returns nil, keeping nothing, when the layouts are not the built-in
// ones.
func newPageKeeper(opts Options, d *model.Dossier, in inputDigests, program [sha256.Size]byte, last *stamp, st *stage, c *cache.Cache) (*pageKeeper, error) {
	base, err := pagesBase(opts, d, in, program)
	if base == "" || err != nil {
		return nil, err
	}
	k := &pageKeeper{base: base, st: st, c: c, keys: map[string]string{}}
	if last != nil {
		k.last, k.sums = last.Pages, last.Outputs
	}
	return k, nil
}

// pagesBase returns the digest of what every page a build may keep is
// made of (see pageKeeper), hex; "" when the layouts are not the built-in
// ones.
func pagesBase(opts Options, d *model.Dossier, in inputDigests, program [sha256.Size]byte) (string, error) {
	builtin, err := builtinLayouts()
	if err != nil || in.layouts != builtin {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "dossier page 1\x00%d\x00", len(d.Notes))
	if err := frameDigest(h, opts, d, in, program); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// frameDigest writes to h what a build is made of but the texts of the
// notes: the program, every other input, the options and the previous
// edition, and the day of the build.
func frameDigest(h io.Writer, opts Options, d *model.Dossier, in inputDigests, program [sha256.Size]byte) error {
	fmt.Fprintf(h, "%x\x00%x\x00", program, in.frame)
	fmt.Fprintf(h, "%q\x00%q\x00%q\x00%+v\x00", opts.BaseURL, opts.Previous, opts.SourcesDir, opts.Limits)
	fmt.Fprintf(h, "%s\x00", opts.Built.UTC().Format("2006-01-02"))
	if prev := previousPath(d, opts); prev != "" {
		digest, err := digestPath(prev)
		if err != nil {
			return fmt.Errorf("reading the previous edition: %w", err)
		}
		fmt.Fprintf(h, "%s\x00", digest)
	}
	return nil
}

// runsKind is the kind of the cache's entries that hold the briefing's
// runs of pages (see runStore).
const runsKind = "briefing-runs"

// runStore keeps the records of the briefing's runs of pages
// (pdfrender.RunStore) in the build's cache, under the digest of what the
// build is made of but the texts of the notes (frameDigest), which is what
// those runs read: a build gets back the records of the last one when it
// differs from it in the notes' texts alone.
type runStore struct {
	c    *cache.Cache
	base []byte
}

// newRunStore returns the store of the runs of a build of d into c.
func newRunStore(c *cache.Cache, opts Options, d *model.Dossier, in inputDigests, program [sha256.Size]byte) (runStore, error) {
	h := sha256.New()
	if err := frameDigest(h, opts, d, in, program); err != nil {
		return runStore{}, err
	}
	return runStore{c: c, base: h.Sum(nil)}, nil
}

func (r runStore) Get(key string) ([]byte, bool) {
	return r.c.Get(r.c.Key(runsKind, r.base, []byte(key)))
}

// Put keeps data, or fails to: the next build then draws the run again.
func (r runStore) Put(key string, data ...[]byte) {
	_ = r.c.Put(r.c.Key(runsKind, r.base, []byte(key)), data...)
}

// LoadSite is Load for a process that renders the site and the briefing
// of opts again and again (dossier serve). It also returns, from the one
// reading of the inputs that Load makes, the digests of what the parts of
// the outputs an earlier render may leave as they were are made of: two of
// the process's renders with the same Bases.Pages make the pages of the
// sources and entities alike (see Prepared.KeepPages), and the records of
// the briefing's runs of pages a render with one Bases.Runs made serve
// another with the same (Prepared.KeepRuns).
//
// kept keeps what loading and resolving made across the process's loads,
// as a build's cache does.
func LoadSite(opts Options, kept Kept) (*model.Dossier, Bases, error) {
	in := digestAll(opts)
	d, err := load(opts, in, kept, true)
	if err != nil {
		return nil, Bases{}, err
	}
	var program [sha256.Size]byte // one program
	pages, err := pagesBase(opts, d, in, program)
	if err != nil {
		return nil, Bases{}, err
	}
	h := sha256.New()
	if err := frameDigest(h, opts, d, in, program); err != nil {
		return nil, Bases{}, err
	}
	return d, Bases{Pages: pages, Runs: hex.EncodeToString(h.Sum(nil))}, nil
}

// Bases are the digests LoadSite returns.
type Bases struct {
	// Pages is that of what the pages of the sources and entities are made
	// of (see pageKeeper); "" when the layouts are not the built-in ones.
	Pages string
	// Runs is that of what the briefing's runs of pages are made of: every
	// input but the notes' texts (see runStore).
	Runs string
}

// KeepRuns has the briefing keep its runs of pages in store, and copy
// those a render with the same Bases.Runs kept there (see
// pdfrender.Options.Runs). store must tell the records of renders with
// other bases apart. Call it before PDF.
func (p *Prepared) KeepRuns(store pdfrender.RunStore) { p.runs = store }

// KeepPages has Site ask keep, before rendering a source's or an entity's
// page, whether it has kept the page (by its name in the output) as an
// earlier render with the same base (LoadSite) made it. Call it before Site.
func (p *Prepared) KeepPages(keep func(name string) bool) { p.keep = keep }

// keep is htmlrender.Options.Keep: it records the key of the page name,
// and keeps the page when the last build made it under the same key.
func (k *pageKeeper) keep(name string) bool {
	sum := sha256.Sum256([]byte(k.base + "\x00" + name))
	key := hex.EncodeToString(sum[:])
	k.mu.Lock()
	k.keys[name] = key
	k.mu.Unlock()
	return k.last[name] == key && k.st.keep(name, k.sums[name])
}

// partsKind is the kind of the cache's entries that hold parts of pages
// (see pageKeeper).
const partsKind = "site-parts"

func (k *pageKeeper) partKey(name string) cache.Key {
	return k.c.Key(partsKind, []byte(k.base), []byte(name))
}

// Get is htmlrender.PartStore's.
func (k *pageKeeper) Get(name string) ([]byte, bool) { return k.c.Get(k.partKey(name)) }

// Put is htmlrender.PartStore's: a part not kept is made again.
func (k *pageKeeper) Put(name string, data []byte) { _ = k.c.Put(k.partKey(name), data) }

// builtinLayouts returns the digest of the layouts the binary carries, as
// digestAll makes that of Options.Layouts.
var builtinLayouts = sync.OnceValues(func() ([sha256.Size]byte, error) {
	layouts, err := fs.Sub(dossier.Layouts, "layouts")
	if err != nil {
		return [sha256.Size]byte{}, fmt.Errorf("the built-in layouts: %w", err)
	}
	return digestAll(Options{Layouts: layouts}).layouts, nil
})
