package export

import (
	"encoding/json"
	"fmt"
	"strings"

	"dossier/internal/model"
)

// cslItem is one source as CSL-JSON describes a reference.
type cslItem struct {
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	Title     string    `json:"title"`
	Publisher string    `json:"publisher,omitempty"`
	Author    []cslName `json:"author,omitempty"`
	URL       string    `json:"URL,omitempty"`
	Issued    *cslDate  `json:"issued,omitempty"`
	Language  string    `json:"language,omitempty"`
	Abstract  string    `json:"abstract,omitempty"`
	Note      string    `json:"note,omitempty"`
	Medium    string    `json:"medium,omitempty"`
}

type cslName struct {
	Literal string `json:"literal"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts,omitempty"`
	Literal   string  `json:"literal,omitempty"`
}

// cslType is the CSL type of a kind of publisher: an official or an NGO's
// page is a report, an advocacy or media piece an article.
func cslType(k model.PublisherKind) string {
	if k == model.MediaAdvocacy {
		return "article"
	}
	return "report"
}

// CSL returns the sources as a CSL-JSON array, in reference order. What a
// source does not state is left out, never filled in; an estimated date
// is given as a literal ("2017 or later (est.)").
func CSL(d *model.Dossier) ([]byte, error) {
	items := []cslItem{}
	for _, doc := range d.Documents {
		it := cslItem{
			ID:        doc.ID,
			Type:      cslType(doc.PublisherKind),
			Title:     doc.Title,
			Publisher: doc.PublisherName(),
			Language:  doc.Language,
			Abstract:  doc.Description,
			Medium:    doc.Captured,
			Note:      fmt.Sprintf("%s in the dossier; grade %s: %s; sha256 %s", doc.Ref, doc.Grade, doc.Grade.Reason, doc.SHA256),
		}
		if it.Publisher == "" && doc.Publisher != "" {
			it.Note += "; publisher " + doc.Publisher // "unknown: why"
		}
		if doc.Author.Known() {
			it.Author = []cslName{{Literal: string(doc.Author)}}
		}
		if doc.URL.Known() && isURL(string(doc.URL)) {
			it.URL = string(doc.URL)
		}
		if doc.HasDate() {
			it.Issued = cslIssued(doc)
		}
		items = append(items, it)
	}
	out, err := json.MarshalIndent(items, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func cslIssued(doc *model.Document) *cslDate {
	switch {
	case doc.Dated != nil:
		return &cslDate{Literal: doc.DateText()}
	case doc.PublishedOn.IsZero():
		return &cslDate{Literal: string(doc.Published)}
	}
	return &cslDate{DateParts: [][]int{doc.PublishedOn.Parts()}}
}

// bibType is the biblatex entry type of a kind of publisher, the type
// cslType gives in CSL, and the field that names the publisher in it: an
// official or an NGO's text is a report, its publisher the institution; a
// media or advocacy piece is misc, its publisher the organization (CSL's
// article has no biblatex type: biblatex's article is a journal's, and the
// metadata names no journal).
func bibType(k model.PublisherKind) (typ, publisher string) {
	if cslType(k) == "report" {
		return "report", "institution"
	}
	return "misc", "organization"
}

// BibTeX returns the sources as biblatex entries (@report or @misc, as
// bibType says), keyed by their ids, with the fields biblatex's data
// model gives their type. What a source does not state is left out.
func BibTeX(d *model.Dossier) string {
	var b strings.Builder
	for _, doc := range d.Documents {
		typ, publisher := bibType(doc.PublisherKind)
		fmt.Fprintf(&b, "@%s{%s,\n", typ, doc.ID)
		// field writes a value as BibTeX reads it; text writes text,
		// escaped.
		field := func(k, v string) {
			if v != "" {
				fmt.Fprintf(&b, "  %s = {%s},\n", k, v)
			}
		}
		text := func(k, v string) { field(k, bibEscape(v)) }
		// The title braced whole, so that a style that changes the case of
		// titles (biblatex-apa sets them in sentence case) prints it as the
		// source gives it, proper names and acronyms with their capitals.
		if doc.Title != "" {
			field("title", "{"+bibEscape(doc.Title)+"}")
		}
		// A name list, read as names joined by "and", each braced whole:
		// the metadata gives one name, and does not say which part of it
		// is a person's family name.
		name := func(k, v string) {
			if v != "" {
				field(k, "{"+bibEscape(v)+"}")
			}
		}
		name("author", string(doc.Author))
		name(publisher, doc.PublisherName())
		note := fmt.Sprintf("%s in the dossier; grade %s", doc.Ref, doc.Grade)
		if doc.PublisherName() == "" && doc.Publisher != "" {
			note += "; publisher " + doc.Publisher // "unknown: why"
		}
		if doc.Captured != "" {
			// How the text was captured, in the note: a report has no
			// field for it, and a reader such as citation-js takes a
			// misc's howpublished for its publisher when it names none.
			note += "; captured: " + doc.Captured
		}
		if doc.URL.Known() && isURL(string(doc.URL)) {
			field("url", bibURL(string(doc.URL)))
		}
		if !doc.PublishedOn.IsZero() {
			text("date", doc.PublishedOn.String())
		} else if doc.HasDate() {
			// Not a date BibTeX can hold: an estimate, or a date as the
			// text words it.
			note += "; dated " + doc.DateText()
		}
		text("langid", babelLanguage(doc.Language))
		text("note", note)
		b.WriteString("}\n\n")
	}
	return b.String()
}

// babelLanguage gives the name babel and polyglossia know a language by,
// which biblatex's langid takes, for the tag the metadata gives; "" for a
// language it does not list here.
func babelLanguage(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(tag), "-")
	names := map[string]string{
		"en": "english", "ru": "russian", "be": "belarusian", "uk": "ukrainian", "pl": "polish", "de": "german",
		"fr": "french", "es": "spanish", "it": "italian", "pt": "portuguese", "ar": "arabic", "zh": "chinese",
		"tr": "turkish", "fa": "persian", "ka": "georgian", "hy": "armenian", "az": "azerbaijani", "kk": "kazakh",
		"lt": "lithuanian", "lv": "latvian", "et": "estonian", "ro": "romanian", "sr": "serbian", "hr": "croatian",
		"bg": "bulgarian", "cs": "czech", "sk": "slovak", "hu": "hungarian", "nl": "dutch", "sv": "swedish",
		"fi": "finnish", "he": "hebrew", "hi": "hindi", "ja": "japanese", "ko": "korean",
	}
	return names[base]
}

// bibURL writes an address for biblatex's url field, which biber reads
// verbatim: as it is, but for braces, which would unbalance the entry and
// which an address may write percent-encoded.
func bibURL(u string) string {
	return strings.NewReplacer("{", "%7B", "}", "%7D").Replace(u)
}

// bibEscaper writes each character that LaTeX reads as markup as a command
// that typesets it. A brace is a command too, not \{: BibTeX and biber
// count every brace, escaped or not, so a lone \{ would leave the entry
// open. < > | are commands because LaTeX's default font encoding (OT1)
// has no such glyphs and sets ¡ ¿ — instead. A Replacer is safe for
// concurrent use: one serves every call.
var bibEscaper = strings.NewReplacer(
	`\`, `\textbackslash{}`, "{", `\textbraceleft{}`, "}", `\textbraceright{}`,
	"&", `\&`, "%", `\%`, "$", `\$`, "#", `\#`, "_", `\_`,
	"~", `\textasciitilde{}`, "^", `\textasciicircum{}`,
	"<", `\textless{}`, ">", `\textgreater{}`, "|", `\textbar{}`,
)

// bibEscape escapes what BibTeX and LaTeX read as markup, so that a field
// is typeset as the text it holds.
func bibEscape(s string) string { return bibEscaper.Replace(s) }

// ClaimRecord is one cited statement of the dossier, as claims.json gives
// it: what is said, of what, on which paragraph of which source, in the
// source's words, with the source's grade and the kind of evidence.
type ClaimRecord struct {
	Claim     string `json:"claim"`
	Entity    string `json:"entity,omitempty"` // entity id; "" for a market finding
	Market    string `json:"market,omitempty"` // set for a finding of the crime-market summary
	Source    string `json:"source"`           // document id
	Ref       string `json:"ref"`              // "S1"
	Paragraph int    `json:"paragraph"`        // 1-based; 0 when not resolved
	Quote     string `json:"quote"`
	Grade     string `json:"grade"`    // "B2"
	Evidence  string `json:"evidence"` // stated, hedged or alleged
	Hedge     string `json:"hedge,omitempty"`
}

// Claims returns every cited claim and relation of the entities, and every
// finding of the crime-market summary, one record per citation, as JSON.
func Claims(d *model.Dossier) ([]byte, error) {
	out, err := json.MarshalIndent(claimRecords(d), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// claimRecords returns the records Claims writes.
func claimRecords(d *model.Dossier) []ClaimRecord {
	recs := []ClaimRecord{}
	add := func(entity, market, claim string, c *model.Claim, ct model.Citation, evidence model.Evidence) {
		r := ClaimRecord{Claim: claim, Entity: entity, Market: market, Source: ct.Source, Quote: ct.Quote, Evidence: string(evidence)}
		if c != nil {
			r.Hedge = c.Hedge
		}
		if ct.Doc != nil {
			r.Ref, r.Grade = ct.Doc.Ref, ct.Doc.Grade.String()
		}
		if ct.Block != nil {
			r.Paragraph = ct.Block.Number
		}
		recs = append(recs, r)
	}
	for _, e := range d.Entities {
		for i := range e.Claims {
			c := &e.Claims[i]
			for _, ct := range c.Cites {
				add(e.ID, "", c.Text, c, ct, c.Evidence())
			}
		}
		for _, rel := range e.Relations {
			if rel.To == nil {
				continue
			}
			for _, ct := range rel.Cites {
				add(e.ID, "", e.Name+" "+rel.Type.Phrase()+" "+rel.To.Name, nil, ct, model.Stated)
			}
		}
	}
	if d.Markets != nil {
		for _, f := range d.Markets.Findings() {
			for _, ct := range f.Cites {
				add("", "crime-markets", f.Text, &f.Claim, ct, f.Evidence())
			}
		}
	}
	return recs
}
