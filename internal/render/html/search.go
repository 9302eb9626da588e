package html

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"dossier/internal/markdown"
	"dossier/internal/model"
)

// The search page, and the script that runs it (copied from the layouts).
const (
	searchPage   = "search.html"
	SearchScript = "search.js"
	KindSearch   = "search"
)

// searchDoc is one thing the search finds: a paragraph of a source, an
// entity, a part of the crime-market summary (a market, an actor type, a
// resilience area), a judgement, a note. Short keys keep the index small.
//
// The script ranks what matches by Rank, then by how well it matches (a
// term in the name or an other name of a thing, or in the text of a
// paragraph, before one found elsewhere), then by Grade.
type searchDoc struct {
	Kind    string `json:"k"` // "source", "entity", "market" (also an actor type or a resilience area), "judgement", "note"
	Title   string `json:"t"`
	Aliases string `json:"a,omitempty"` // an entity's other names, "; " between them
	Context string `json:"c"`           // what it is, shown beside the title: "S1 ¶12 · B2", "Agency"
	URL     string `json:"u"`           // relative to the site root
	Text    string `json:"x"`
	Rank    int    `json:"r"` // the kind's place in the results: searchRank
	Grade   int    `json:"g"` // the best grade it rests on: gradeRank
}

// searchRank orders the kinds of result: the analyst's judgements first,
// then agencies and units, other entities, markets, notes, and last the
// raw paragraphs of the sources.
func searchRank(kind string, e model.EntityKind) int {
	switch kind {
	case "judgement":
		return 0
	case "entity":
		if e == model.Agency || e == model.Unit {
			return 1
		}
		return 2
	case "market":
		return 3
	case "note":
		return 4
	}
	return 5
}

// ungraded is the grade rank of what rests on no graded source.
const ungraded = 99

// gradeRank orders grades, A1 (0) before F6 (55); an invalid grade comes
// last.
func gradeRank(g model.Grade) int {
	if g.Reliability < 'A' || g.Reliability > 'F' || g.Credibility < 1 || g.Credibility > 6 {
		return ungraded
	}
	return int(g.Reliability-'A')*10 + g.Credibility - 1
}

// bestGrade is the rank of the best grade among the sources of citations.
func bestGrade(cs ...[]model.Citation) int {
	best := ungraded
	for _, list := range cs {
		for i := range list {
			if d := list[i].Doc; d != nil {
				best = min(best, gradeRank(d.Grade))
			}
		}
	}
	return best
}

// The search finds, in reading order, the paragraphs of every source
// (sourcesSearch), then the entities, the markets, the criminal actor
// types and the resilience areas (each at its section of its page), the
// judgements and the notes (restSearch).

// sourcesSearch is what the search finds in the sources' paragraphs.
func (r *run) sourcesSearch() []searchDoc {
	var docs []searchDoc
	for _, doc := range r.d.Documents {
		heading := ""
		for i := range doc.Blocks {
			b := &doc.Blocks[i]
			if b.Kind == model.Heading {
				heading = b.Text
				continue
			}
			title := doc.Ref + " " + doc.Title
			if heading != "" && !sameWords(heading, doc.Title) {
				title += " — " + heading
			}
			docs = append(docs, searchDoc{
				Kind: "source", Title: title, Context: doc.Ref + " " + b.Label() + " · " + doc.Grade.String(),
				URL: paraTarget(doc, b), Text: b.Text, Rank: searchRank("source", ""), Grade: gradeRank(doc.Grade),
			})
		}
	}
	return searchTexts(docs)
}

// restSearch is what the search finds after the sources' paragraphs.
func (r *run) restSearch() []searchDoc {
	var docs []searchDoc
	for _, e := range r.d.Entities {
		var text []string
		if e.Role != "" {
			text = append(text, e.Role+".")
		}
		if e.Description != nil && e.Description.Doc != nil {
			text = append(text, strings.TrimSpace(markdown.PlainText(e.Description.Doc, e.Description.Source)))
		}
		grade := ungraded
		for _, c := range e.Claims {
			text = append(text, c.Text)
			grade = min(grade, bestGrade(c.Cites))
		}
		docs = append(docs, searchDoc{
			Kind: "entity", Title: e.Name, Aliases: strings.Join(e.Aliases, "; "), Context: e.Kind.Singular(), URL: entityPage(e),
			Text: strings.Join(text, " "), Rank: searchRank("entity", e.Kind), Grade: grade,
		})
	}
	if ms := r.d.Markets; ms != nil {
		for _, m := range ms.Markets {
			text := []string{m.Coverage.Label() + "."}
			for _, f := range m.Roles {
				text = append(text, f.Role.Label()+": "+f.Text)
			}
			for _, f := range m.Trends {
				text = append(text, "“"+f.Phrase+"” "+f.Text)
			}
			for _, f := range m.Findings {
				text = append(text, f.Text)
			}
			if m.Note != "" {
				text = append(text, m.Note)
			}
			grade := ungraded
			for _, c := range m.Citations() {
				if c.Doc != nil {
					grade = min(grade, gradeRank(c.Doc.Grade))
				}
			}
			docs = append(docs, searchDoc{
				Kind: "market", Title: m.Name(), Context: "Crime market", URL: marketPage(m.ID),
				Text: strings.Join(text, " "), Rank: searchRank("market", ""), Grade: grade,
			})
		}
		for _, a := range ms.Actors {
			aliases := ""
			if a.Entity != nil && a.Entity.Name != a.Name() {
				aliases = a.Entity.Name
			}
			docs = append(docs, searchDoc{
				Kind: "market", Title: a.Name(), Aliases: aliases, Context: "Criminal actor type", URL: actorsPage + "#" + string(a.ID),
				Text: summaryText(a.Coverage, a.Findings, a.Note), Rank: searchRank("market", ""), Grade: findingsGrade(a.Findings),
			})
		}
		for _, a := range ms.Resilience {
			docs = append(docs, searchDoc{
				Kind: "market", Title: a.Name(), Context: "Resilience area", URL: resiliencePage + "#" + string(a.ID),
				Text: summaryText(a.Coverage, a.Findings, a.Note), Rank: searchRank("market", ""), Grade: findingsGrade(a.Findings),
			})
		}
	}
	if a := r.d.Assessment; a != nil {
		for _, j := range a.Judgements {
			docs = append(docs, searchDoc{
				Kind: "judgement", Title: fmt.Sprintf("KJ%d %s", j.Number, j.Statement), Context: "Key judgement",
				URL: indexPage + "#" + judgementAnchor(j), Text: model.Capital(string(j.Likelihood)) + ", " + string(j.Confidence) + " confidence: " + j.Basis,
				Rank: searchRank("judgement", ""), Grade: bestGrade(j.Cites),
			})
		}
	}
	for _, n := range r.d.Notes {
		docs = append(docs, searchDoc{
			Kind: "note", Title: noteTitle(n), Context: "Note", URL: notePage(n),
			Text: strings.TrimSpace(markdown.PlainText(n.Doc, n.Source)), Rank: searchRank("note", ""), Grade: ungraded,
		})
	}
	return searchTexts(docs)
}

// searchTexts gives each of docs' texts one space between its words.
func searchTexts(docs []searchDoc) []searchDoc {
	for i := range docs {
		docs[i].Text = strings.Join(strings.Fields(docs[i].Text), " ")
	}
	return docs
}

// summaryText is what the search reads of an actor type or a resilience
// area: its coverage, its findings (a finding without words of its own by
// its quotes) and the analyst's note.
func summaryText(c model.Coverage, fs []model.Finding, note string) string {
	text := []string{c.Label() + "."}
	for _, f := range fs {
		if f.Text != "" {
			text = append(text, f.Text)
			continue
		}
		for _, c := range f.Cites {
			text = append(text, "“"+c.Quote+"”")
		}
	}
	if note != "" {
		text = append(text, note)
	}
	return strings.Join(text, " ")
}

// findingsGrade is the rank of the best grade the findings rest on.
func findingsGrade(fs []model.Finding) int {
	grade := ungraded
	for _, f := range fs {
		grade = min(grade, bestGrade(f.Cites))
	}
	return grade
}

// sameWords reports whether two titles read the same, case and spacing
// aside: a heading that repeats its document's title.
func sameWords(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// searchAssets writes the search index as a script, and the search script
// from the layouts, under names that carry their content's hash, and
// returns those names.
func (r *run) searchAssets() (index, script string, err error) {
	// The index is {"docs":[...]}, the entries of the sources' paragraphs
	// first: those are a part kept across renders (see Options.Parts).
	sources, err := r.part("search/sources.json", func() ([]byte, error) { return json.Marshal(r.sourcesSearch()) })
	if err != nil {
		return "", "", fmt.Errorf("search index: %w", err)
	}
	rest, err := json.Marshal(r.restSearch())
	if err != nil {
		return "", "", fmt.Errorf("search index: %w", err)
	}
	const head = "// The search index of the dossier site, read by search.js.\nwindow.dossierSearch = "
	var buf bytes.Buffer
	buf.Grow(len(head) + len(sources) + len(rest) + 16) // megabytes at thousands of sources: grown once
	buf.WriteString(head)
	buf.WriteString(`{"docs":`)
	if err := joinArrays(&buf, sources, rest); err != nil {
		return "", "", fmt.Errorf("search index: %w", err)
	}
	buf.WriteString("};\n")
	index = hashedName("assets/search-index", ".js", buf.Bytes())
	if err := r.w.WriteFile(path.Join(SiteDir, index), buf.Bytes()); err != nil {
		return "", "", err
	}
	js, err := fs.ReadFile(r.opts.Layouts, SearchScript)
	if err != nil {
		return "", "", fmt.Errorf("layouts: %w", err)
	}
	script = hashedName("assets/search", ".js", js)
	return index, script, r.w.WriteFile(path.Join(SiteDir, script), js)
}

// joinArrays writes the JSON arrays a and b (each as json.Marshal writes a
// slice: null for none) to buf as json.Marshal writes the slice of their
// elements, one after the other.
func joinArrays(buf *bytes.Buffer, a, b []byte) error {
	inner := func(arr []byte) ([]byte, error) {
		switch {
		case string(arr) == "null" || string(arr) == "[]":
			return nil, nil
		case len(arr) >= 2 && arr[0] == '[' && arr[len(arr)-1] == ']':
			return arr[1 : len(arr)-1], nil
		}
		return nil, errors.New("a part of the index is not a JSON array")
	}
	ia, err := inner(a)
	if err != nil {
		return err
	}
	ib, err := inner(b)
	if err != nil {
		return err
	}
	if ia == nil && ib == nil {
		buf.WriteString("null")
		return nil
	}
	buf.WriteByte('[')
	buf.Write(ia)
	if ia != nil && ib != nil {
		buf.WriteByte(',')
	}
	buf.Write(ib)
	buf.WriteByte(']')
	return nil
}

// hashedName names an asset after its content, "assets/style.0123456789.css",
// so that a server may let browsers keep it for ever: a changed file gets a
// new name.
func hashedName(base, ext string, data []byte) string {
	sum := sha256.Sum256(data)
	return base + "." + hex.EncodeToString(sum[:5]) + ext
}

// searchData is the data of the search page.
type searchData struct {
	Index, Script string // the index and the script, relative to the site root
	// Covers says what the index holds, in words: "the paragraphs of the
	// sources, the entities and the notes".
	Covers string
}

// searchCovers says what searchIndex gathers from d, in words, naming
// only what d has.
func searchCovers(d *model.Dossier) string {
	parts := []string{"the paragraphs of the sources"}
	if len(d.Entities) > 0 {
		parts = append(parts, "the entities")
	}
	if d.Markets != nil {
		parts = append(parts, "the crime markets")
	}
	if a := d.Assessment; a != nil && len(a.Judgements) > 0 {
		parts = append(parts, "the key judgements")
	}
	if len(d.Notes) > 0 {
		parts = append(parts, "the notes")
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func (r *run) search() error {
	index, script, err := r.searchAssets()
	if err != nil {
		return err
	}
	return r.write(KindSearch, &page{Name: searchPage, Title: "Search", Data: &searchData{Index: index, Script: script, Covers: searchCovers(r.d)}})
}
