package html

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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
// entity, a market, a note. Short keys keep the index small.
type searchDoc struct {
	Kind    string `json:"k"` // "source", "entity", "market", "judgement", "note"
	Title   string `json:"t"`
	Context string `json:"c"` // what it is, shown beside the title: "S1 ¶12", "Agency"
	URL     string `json:"u"` // relative to the site root
	Text    string `json:"x"`
}

// searchIndex gathers what the search finds, in reading order: the
// paragraphs of every source, the entities, the markets, the notes.
func (r *run) searchIndex() []searchDoc {
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
			if heading != "" {
				title += " — " + heading
			}
			docs = append(docs, searchDoc{
				Kind: "source", Title: title, Context: doc.Ref + " " + b.Label() + " · " + doc.Grade.String(),
				URL: paraTarget(doc, b), Text: b.Text,
			})
		}
	}
	for _, e := range r.d.Entities {
		var text []string
		if len(e.Aliases) > 0 {
			text = append(text, "Also named: "+strings.Join(e.Aliases, ", ")+".")
		}
		if e.Role != "" {
			text = append(text, e.Role+".")
		}
		if e.Description != nil && e.Description.Doc != nil {
			text = append(text, strings.TrimSpace(markdown.PlainText(e.Description.Doc, e.Description.Source)))
		}
		for _, c := range e.Claims {
			text = append(text, c.Text)
		}
		docs = append(docs, searchDoc{Kind: "entity", Title: e.Name, Context: e.Kind.Singular(), URL: entityPage(e), Text: strings.Join(text, " ")})
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
			docs = append(docs, searchDoc{Kind: "market", Title: m.Name(), Context: "Crime market", URL: marketPage(m.ID), Text: strings.Join(text, " ")})
		}
	}
	if a := r.d.Assessment; a != nil {
		for _, j := range a.Judgements {
			docs = append(docs, searchDoc{
				Kind: "judgement", Title: fmt.Sprintf("KJ%d %s", j.Number, j.Statement), Context: "Key judgement",
				URL: indexPage + "#" + judgementAnchor(j), Text: capital(string(j.Likelihood)) + ", " + string(j.Confidence) + " confidence: " + j.Basis,
			})
		}
	}
	for _, n := range r.d.Notes {
		docs = append(docs, searchDoc{Kind: "note", Title: noteTitle(n), Context: "Note", URL: notePage(n), Text: strings.TrimSpace(markdown.PlainText(n.Doc, n.Source))})
	}
	for i := range docs {
		docs[i].Text = strings.Join(strings.Fields(docs[i].Text), " ")
	}
	return docs
}

// searchAssets writes the search index as a script, and the search script
// from the layouts, under names that carry their content's hash, and
// returns those names.
func (r *run) searchAssets() (index, script string, err error) {
	data, err := json.Marshal(struct {
		Docs []searchDoc `json:"docs"`
	}{r.searchIndex()})
	if err != nil {
		return "", "", fmt.Errorf("search index: %w", err)
	}
	var buf bytes.Buffer
	buf.WriteString("// The search index of the dossier site, read by search.js.\nwindow.dossierSearch = ")
	buf.Write(data)
	buf.WriteString(";\n")
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
}

func (r *run) search() error {
	index, script, err := r.searchAssets()
	if err != nil {
		return err
	}
	return r.write(KindSearch, &page{Name: searchPage, Title: "Search", Data: &searchData{Index: index, Script: script}})
}
