// Package export writes the resolved dossier as data other tools read:
//
//   - FollowTheMoney entities (the data model of OCCRP Aleph), one JSON
//     object a line: the agencies, units and people with their relations,
//     the places, the legal instruments, the sources as documents, and one
//     Documentation entity for every citation, which ties what a source
//     says to the entity it is said of;
//   - the sources as CSL-JSON and BibTeX, for reference managers;
//   - the claims with their citations as JSON: claim, entity, source,
//     paragraph, quote, grade and kind of evidence.
//
// Like the renderers, it only reads the model. Ids are made from the
// dossier's own ids, so they stay the same from one build to the next, and
// the same model gives the same bytes.
package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"dossier/internal/model"
	"dossier/internal/output"
)

// The files Write produces, relative to the output root.
const (
	Dir       = "site/data"
	FtMFile   = Dir + "/dossier.ftm.json"
	CSLFile   = Dir + "/sources.csl.json"
	BibFile   = Dir + "/sources.bib"
	ClaimFile = Dir + "/claims.json"
)

// Files describes the files Write writes, relative to the site, for the
// site to link them.
func Files() []struct{ Name, Label, Format string } {
	return []struct{ Name, Label, Format string }{
		{strings.TrimPrefix(FtMFile, "site/"), "Entities, relations and citations", "FollowTheMoney, one JSON entity a line"},
		{strings.TrimPrefix(ClaimFile, "site/"), "Claims with their citations", "JSON"},
		{strings.TrimPrefix(CSLFile, "site/"), "The sources, for reference managers", "CSL-JSON"},
		{strings.TrimPrefix(BibFile, "site/"), "The sources, for reference managers", "BibTeX"},
	}
}

// Write writes every export of d into w. keep, when not nil, is asked
// about each export that reads nothing of the notes (all but the
// edition's record, which lists the paragraphs the notes cite), by its
// name in w, before it is made: true says the caller has kept it as an
// earlier build made it, and it is neither made nor written.
func Write(w output.Writer, d *model.Dossier, keep func(name string) bool) error {
	edition, err := json.MarshalIndent(EditionOf(d), "", "  ")
	if err != nil {
		return fmt.Errorf("export: edition: %w", err)
	}
	if err := w.WriteFile(EditionFile, append(edition, '\n')); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	for _, f := range []struct {
		name, what string
		make       func() ([]byte, error)
	}{
		{FtMFile, "FollowTheMoney", func() ([]byte, error) {
			var ftm bytes.Buffer
			err := FtM(&ftm, d)
			return ftm.Bytes(), err
		}},
		{CSLFile, "CSL-JSON", func() ([]byte, error) { return CSL(d) }},
		{BibFile, "BibTeX", func() ([]byte, error) { return []byte(BibTeX(d)), nil }},
		{ClaimFile, "claims", func() ([]byte, error) { return Claims(d) }},
	} {
		if keep != nil && keep(f.name) {
			continue
		}
		data, err := f.make()
		if err != nil {
			return fmt.Errorf("export: %s: %w", f.what, err)
		}
		if err := w.WriteFile(f.name, data); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

// Entity is one FollowTheMoney entity: an id, a schema and properties,
// every property a list of strings.
type Entity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

func (e *Entity) add(prop string, values ...string) {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			e.Properties[prop] = append(e.Properties[prop], v)
		}
	}
}

func newEntity(id, schema string) *Entity {
	return &Entity{ID: id, Schema: schema, Properties: map[string][]string{}}
}

// The FollowTheMoney ids of the dossier's things.
func entityID(e *model.Entity) string     { return "entity-" + e.ID }
func documentID(d *model.Document) string { return "source-" + d.ID }

// linkID names a relation or citation by what it joins, so that it keeps
// its id while they stay; a digest keeps it short.
func linkID(kind string, parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return kind + "-" + hex.EncodeToString(sum[:8])
}

// schemaOf maps an entity kind to its FollowTheMoney schema; "" for a kind
// the model has no thing for (a glossary term).
func schemaOf(k model.EntityKind) string {
	switch k {
	case model.Agency, model.Unit:
		return "PublicBody"
	case model.Person:
		return "Person"
	case model.Place:
		return "Address"
	case model.Instrument:
		return "Document"
	}
	return ""
}

// FtM writes d's entities, relations, sources and citations as
// FollowTheMoney entities, one JSON object a line, sources first, then
// entities in data order, then relations and citations.
func FtM(w *bytes.Buffer, d *model.Dossier) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	emit := func(e *Entity) error {
		for _, vs := range e.Properties {
			sort.Strings(vs)
		}
		return enc.Encode(e)
	}
	for _, doc := range d.Documents {
		e := newEntity(documentID(doc), "Document")
		e.add("title", doc.Title)
		e.add("fileName", doc.OriginFile)
		e.add("publisher", doc.PublisherName())
		e.add("language", iso639_3(doc.Language))
		e.add("summary", doc.Description)
		// contentHash is a SHA-1 in the model; the digest the dossier
		// checks is a SHA-256, so it goes with the reference and grade.
		e.add("description", fmt.Sprintf("%s, graded %s: %s (sha256 %s)", doc.Ref, doc.Grade, doc.Grade.Reason, doc.SHA256))
		if doc.Author.Known() {
			e.add("author", string(doc.Author))
		}
		if doc.URL.Known() && isURL(string(doc.URL)) {
			e.add("sourceUrl", string(doc.URL))
		}
		if !doc.PublishedOn.IsZero() {
			e.add("publishedAt", doc.PublishedOn.String())
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	exported := map[*model.Entity]bool{}
	for _, ent := range d.Entities {
		schema := schemaOf(ent.Kind)
		if schema == "" {
			continue
		}
		exported[ent] = true
		e := newEntity(entityID(ent), schema)
		switch schema {
		case "Address":
			e.add("full", ent.Name)
		case "Document":
			e.add("title", ent.Name)
		default:
			e.add("name", ent.Name)
		}
		if schema != "Address" {
			e.add("alias", ent.Aliases...)
		}
		if ent.Kind == model.Person {
			e.add("position", ent.Role)
		}
		if ent.Description != nil {
			e.add("description", strings.TrimSpace(string(ent.Description.Source)))
		}
		for _, c := range ent.Claims {
			e.add("summary", c.Text)
		}
		if err := emit(e); err != nil {
			return err
		}
	}
	for _, ent := range d.Entities {
		if !exported[ent] {
			continue
		}
		for _, r := range ent.Relations {
			if r.To == nil || !exported[r.To] {
				continue
			}
			if e := relation(r); e != nil {
				if err := emit(e); err != nil {
					return err
				}
			}
		}
	}
	// Every citation of a claim or relation: the document, the entity it
	// speaks of, and where and how.
	for _, ent := range d.Entities {
		if !exported[ent] {
			continue
		}
		for _, c := range ent.Claims {
			for _, ct := range c.Cites {
				if err := emit(documentation(ent, ct, c.Text, string(c.Evidence()))); err != nil {
					return err
				}
			}
		}
		for _, r := range ent.Relations {
			if r.To == nil {
				continue
			}
			for _, ct := range r.Cites {
				if err := emit(documentation(ent, ct, ent.Name+" "+r.Type.Phrase()+" "+r.To.Name, "stated")); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// relation maps a relation between two exported entities: part-of,
// member-of and listed-among as a Membership, headed-by a person as a
// Directorship, party-to an instrument as Documentation, anything else as
// an UnknownLink with the relation's words as its role.
func relation(r *model.Relation) *Entity {
	id := linkID("rel", r.From.ID, string(r.Type), r.To.ID)
	var e *Entity
	switch {
	case r.Type == model.PartOf || r.Type == model.MemberOf || r.Type == model.ListedAmong:
		if schemaOf(r.To.Kind) != "PublicBody" {
			e = newEntity(id, "UnknownLink")
			e.add("subject", entityID(r.From))
			e.add("object", entityID(r.To))
			break
		}
		e = newEntity(id, "Membership")
		e.add("member", entityID(r.From))
		e.add("organization", entityID(r.To))
	case r.Type == model.HeadedBy && r.To.Kind == model.Person && schemaOf(r.From.Kind) == "PublicBody":
		e = newEntity(id, "Directorship")
		e.add("director", entityID(r.To))
		e.add("organization", entityID(r.From))
	case r.Type == model.Party && r.To.Kind == model.Instrument:
		e = newEntity(id, "Documentation")
		e.add("entity", entityID(r.From))
		e.add("document", entityID(r.To))
	default:
		e = newEntity(id, "UnknownLink")
		e.add("subject", entityID(r.From))
		e.add("object", entityID(r.To))
	}
	e.add("role", r.Type.Phrase())
	e.add("summary", r.Note)
	if date, ok := isoDate(string(r.Since)); ok {
		e.add("startDate", date)
	}
	var cites []string
	for _, c := range r.Cites {
		cites = append(cites, c.Label())
	}
	e.add("description", "cited: "+strings.Join(cites, "; "))
	return e
}

// documentation ties a citation's document to the entity a claim speaks
// of: the claim, the paragraph, the quote and the source's grade.
func documentation(ent *model.Entity, c model.Citation, claim, evidence string) *Entity {
	para := ""
	if c.Block != nil {
		para = c.Block.Label()
	}
	e := newEntity(linkID("cite", ent.ID, c.Source, para, c.Quote, claim), "Documentation")
	e.add("entity", entityID(ent))
	if c.Doc != nil {
		e.add("document", documentID(c.Doc))
		e.add("publisher", c.Doc.PublisherName())
		e.add("role", fmt.Sprintf("%s %s · %s, %s", c.Doc.Ref, para, c.Doc.Grade, evidence))
	}
	e.add("summary", claim)
	e.add("description", c.Quote)
	return e
}

// isoDate returns a date a source gives in a form FollowTheMoney takes
// (2019, 2019-05, 2019-05-02), from ISO or from "2 May 2019" and "May
// 2019"; false for anything else, which is left out rather than guessed.
func isoDate(s string) (string, bool) {
	d, err := model.ParseWrittenDate(s)
	if err != nil {
		return "", false
	}
	return d.String(), true
}

func isURL(s string) bool { return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://") }

// iso639_3 gives FollowTheMoney's three-letter language code for the
// two-letter tags the metadata uses; "" for one it does not list here.
func iso639_3(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	codes := map[string]string{
		"en": "eng", "ru": "rus", "be": "bel", "uk": "ukr", "pl": "pol", "de": "deu", "fr": "fra",
		"es": "spa", "it": "ita", "pt": "por", "ar": "ara", "zh": "zho", "tr": "tur", "fa": "fas",
		"ka": "kat", "hy": "hye", "az": "aze", "kk": "kaz", "lt": "lit", "lv": "lav", "et": "est",
		"ro": "ron", "sr": "srp", "hr": "hrv", "bg": "bul", "cs": "ces", "sk": "slk", "hu": "hun",
		"nl": "nld", "sv": "swe", "fi": "fin", "he": "heb", "hi": "hin", "ja": "jpn", "ko": "kor",
	}
	return codes[base]
}
