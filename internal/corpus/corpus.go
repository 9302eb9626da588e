package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
)

// Paragraphs is the number of paragraphs of each document.
const Paragraphs = 10

// Corpus is a generated dossier, as files named relative to its sources
// folder.
type Corpus struct {
	N     int               // the number of documents
	Files map[string][]byte // sources files by slash-separated name
	docs  []doc
	ents  []entity
	notes []note
}

type doc struct {
	id, title string
	paras     []string
}

type entity struct {
	id, name, kind string
	claim          string // the sentence of doc that the claim quotes
	doc            int    // the document its claim cites
}

type note struct {
	id, title, body string
}

// New generates the corpus of n documents (n ≥ 1).
func New(n int) *Corpus {
	if n < 1 {
		n = 1
	}
	c := &Corpus{N: n, Files: map[string][]byte{}}
	g := &rng{state: uint64(n)*0x9e3779b97f4a7c15 + 1}
	ne := max(n/2, 1)
	kinds := []string{"agency", "person", "place", "instrument", "term"}
	for i := range ne {
		name := capital(word(i, 2)) + " " + capital(word(i*7+3, 3))
		switch kinds[i%len(kinds)] {
		case "agency":
			name += " Bureau"
		case "instrument":
			name += " Accord"
		}
		c.ents = append(c.ents, entity{id: fmt.Sprintf("ent-%05d", i+1), name: name, kind: kinds[i%len(kinds)], doc: (i * 2) % n})
	}
	// Each document's paragraphs: filler sentences, the claims of the
	// entities that cite it, and mentions of others.
	claimsOf := make([][]int, n)
	for i, e := range c.ents {
		claimsOf[e.doc] = append(claimsOf[e.doc], i)
	}
	for d := range n {
		dc := doc{id: fmt.Sprintf("doc-%05d", d+1), title: capital(g.sentence(5, false))}
		for p := range Paragraphs {
			var b strings.Builder
			for b.Len() < 280 {
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(g.sentence(8+g.intn(8), true))
			}
			if p < len(claimsOf[d]) {
				e := &c.ents[claimsOf[d][p]]
				e.claim = fmt.Sprintf("The %s recorded %d cases in the district of %s during paragraph %d.", e.name, 10+g.intn(900), capital(word(d*13+p, 3)), p+1)
				b.WriteString(" " + e.claim)
			}
			// Two mentions of other entities.
			for range 2 {
				o := c.ents[g.intn(ne)]
				fmt.Fprintf(&b, " It was also noted by the %s.", o.name)
			}
			dc.paras = append(dc.paras, b.String())
		}
		c.docs = append(c.docs, dc)
	}
	for i := range max(n/10, 1) {
		c.notes = append(c.notes, c.newNote(g, i))
	}
	c.write()
	return c
}

func (c *Corpus) newNote(g *rng, i int) note {
	nt := note{id: fmt.Sprintf("note-%04d", i+1), title: "Note on " + capital(g.sentence(3, false))}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", nt.title)
	for s := range 3 {
		fmt.Fprintf(&b, "## %s\n\n", capital(g.sentence(3, false)))
		e := c.ents[g.intn(len(c.ents))]
		d := c.docs[g.intn(len(c.docs))]
		fmt.Fprintf(&b, "%s The [[%s]] is discussed in [[S:%s]]. %s\n\n", g.sentence(14, true), e.id, d.id, g.sentence(20, true))
		if s == 1 && i%3 == 0 {
			b.WriteString("```go\n" + goBlock(i) + "```\n\n")
		}
	}
	nt.body = b.String()
	return nt
}

// goBlock is a 20-line Go function.
func goBlock(i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "// count%d tallies the cases of each district.\n", i)
	fmt.Fprintf(&b, "func count%d(cases []Case) map[string]int {\n", i)
	b.WriteString("\tout := make(map[string]int)\n")
	b.WriteString("\tfor _, c := range cases {\n")
	b.WriteString("\t\tif c.District == \"\" {\n")
	b.WriteString("\t\t\tcontinue\n")
	b.WriteString("\t\t}\n")
	fmt.Fprintf(&b, "\t\tout[c.District] += %d\n", i%7+1)
	b.WriteString("\t}\n")
	b.WriteString("\tkeys := make([]string, 0, len(out))\n")
	b.WriteString("\tfor k := range out {\n")
	b.WriteString("\t\tkeys = append(keys, k)\n")
	b.WriteString("\t}\n")
	b.WriteString("\tsort.Strings(keys)\n")
	b.WriteString("\tfor _, k := range keys {\n")
	b.WriteString("\t\tfmt.Println(k, out[k])\n")
	b.WriteString("\t}\n")
	b.WriteString("\t// The map, for the caller.\n")
	b.WriteString("\treturn out\n")
	b.WriteString("}\n")
	return b.String()
}

func (c *Corpus) write() {
	c.Files["dossier.yaml"] = []byte(fmt.Sprintf("# A generated dossier of %d sources, for benchmarks; every word is invented.\ntitle: Generated dossier of %d sources\nsubtitle: A synthetic corpus for benchmarks\nmarking: TLP:CLEAR\ncutoff: 2026-10-01\npage_size: A4\nlanguage: en\n", c.N, c.N))
	for i, d := range c.docs {
		txt := []byte(d.title + "\n\n" + strings.Join(d.paras, "\n\n") + "\n")
		sum := sha256.Sum256(txt)
		c.Files["documents/"+d.id+".txt"] = txt
		c.Files["documents/"+d.id+".yaml"] = []byte(fmt.Sprintf(`id: %s
ref: S%d
title: %q
publisher: %s Press
publisher_kind: %s
language: en
author: unknown
published: 2025-%02d-%02d
url: unknown
captured: web page
description: A generated document for benchmarks.
origin_file: %s.txt
sha256: %s
grade:
  reliability: %c
  credibility: %d
  reason: A generated grade.
cleaning:
  headings:
    - text: %q
      level: 1
`, d.id, i+1, d.title, capital(word(i, 2)), []string{"official", "ngo-research", "media-advocacy"}[i%3], i%12+1, i%28+1, d.id, hex.EncodeToString(sum[:]), 'A'+rune(i%5), i%4+2, d.title))
	}
	byKind := map[string][]entity{}
	for _, e := range c.ents {
		byKind[e.kind] = append(byKind[e.kind], e)
	}
	for _, k := range slices.Sorted(mapsKeys(byKind)) {
		var b strings.Builder
		b.WriteString("# Generated entities; every name is invented.\n")
		for _, e := range byKind[k] {
			fmt.Fprintf(&b, "\n- id: %s\n  name: %s\n  kind: %s\n", e.id, e.name, e.kind)
			if e.claim == "" {
				continue
			}
			fmt.Fprintf(&b, "  claims:\n    - text: %q\n      cites:\n        - source: %s\n          quote: %q\n", strings.TrimSuffix(e.claim, "."), c.docs[e.doc].id, e.claim)
		}
		c.Files["entities/"+k+".yaml"] = []byte(b.String())
	}
	for _, nt := range c.notes {
		c.Files["notes/"+nt.id+".md"] = []byte(nt.body)
	}
}

// FS returns the corpus as a file system, as source.Load reads it.
func (c *Corpus) FS() fs.FS {
	m := fstest.MapFS{}
	for name, data := range c.Files {
		m[name] = &fstest.MapFile{Data: data}
	}
	return m
}

// Write writes the corpus into dir, which it creates.
func (c *Corpus) Write(dir string) error {
	return writeAll(dir, c.Files)
}

// Markdown returns the same texts as a Hugo site: a page per document and
// per note and entity, with a minimal theme, by name relative to the site's
// folder. References become plain text.
func (c *Corpus) Markdown() map[string][]byte {
	files := map[string][]byte{
		"config.toml": []byte("baseURL = \"https://example.org/\"\ntitle = \"Generated\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n[markup.highlight]\nnoClasses = false\n"),
		"layouts/_default/baseof.html": []byte(`<!doctype html><html><head><title>{{.Title}}</title></head><body><nav><a href="/">Home</a> <a href="/sources/">Sources</a> <a href="/notes/">Notes</a> <a href="/entities/">Entities</a></nav><main>{{block "main" .}}{{end}}</main></body></html>
`),
		"layouts/_default/single.html": []byte(`{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{end}}
`),
		"layouts/_default/list.html": []byte(`{{define "main"}}<h1>{{.Title}}</h1><ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>{{end}}
`),
		"layouts/index.html": []byte(`{{define "main"}}<h1>{{.Site.Title}}</h1><ul>{{range .Sections}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>{{end}}
`),
	}
	for i, d := range c.docs {
		files[fmt.Sprintf("content/sources/%s.md", d.id)] = []byte(fmt.Sprintf("---\ntitle: %q\nweight: %d\n---\n\n%s\n", d.title, i+1, strings.Join(d.paras, "\n\n")))
	}
	for _, e := range c.ents {
		body := ""
		if e.claim != "" {
			body = e.claim + " (" + c.docs[e.doc].id + ")\n"
		}
		files["content/entities/"+e.id+".md"] = []byte(fmt.Sprintf("---\ntitle: %q\n---\n\n%s", e.name, body))
	}
	for _, nt := range c.notes {
		body := strings.NewReplacer("[[S:", "", "[[", "", "]]", "").Replace(nt.body)
		files["content/notes/"+nt.id+".md"] = []byte(fmt.Sprintf("---\ntitle: %q\n---\n\n%s", nt.title, body))
	}
	return files
}

// WriteMarkdown writes Markdown into dir, which it creates.
func (c *Corpus) WriteMarkdown(dir string) error {
	return writeAll(dir, c.Markdown())
}

func writeAll(dir string, files map[string][]byte) error {
	for _, name := range slices.Sorted(mapsKeys(files)) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// syllables make the invented words.
var syllables = []string{"ka", "lor", "ven", "mi", "sta", "dru", "fel", "ost", "ran", "ti", "bel", "gor", "nus", "pa", "ril", "ske", "tam", "ul", "vor", "zen", "ha", "jo", "que", "wes"}

// word is the invented word for i, of at least n syllables: distinct i give
// distinct words.
func word(i, n int) string {
	var b strings.Builder
	for k := 0; k < n || i > 0; k++ {
		b.WriteString(syllables[i%len(syllables)])
		i /= len(syllables)
	}
	return b.String()
}

// common are the filler's words.
var common = []string{"the", "report", "office", "border", "records", "officials", "said", "that", "cases", "were", "reviewed", "by", "a", "new", "commission", "in", "year", "under", "review", "and", "several", "districts", "shipments", "inspected", "at", "port", "with", "court", "staff", "procedures", "changed", "after", "audit", "of", "trade", "figures", "rose", "fell", "data", "published", "quarterly"}

// rng is a small deterministic generator (splitmix64).
type rng struct{ state uint64 }

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// sentence is n words; with stop, capitalised and ended with a full stop.
func (r *rng) sentence(n int, stop bool) string {
	w := make([]string, n)
	for i := range w {
		if r.intn(9) == 0 {
			w[i] = word(r.intn(5000), 2)
		} else {
			w[i] = common[r.intn(len(common))]
		}
	}
	s := strings.Join(w, " ")
	if stop {
		return capital(s) + "."
	}
	return s
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
