package export

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"dossier/internal/model"
)

// EditionFile is the snapshot of a build's data that dossier diff
// compares, relative to the output root.
const EditionFile = Dir + "/edition.json"

// Edition is what one build of a dossier says, as data: its sources with
// their digests and grades, its entities and relations, its cited claims
// and its judgements. Two editions of a dossier are compared by it (see
// Diff).
type Edition struct {
	Title      string             `json:"title"`
	Edition    string             `json:"edition,omitempty"` // the settings' edition, "" when not given
	Date       string             `json:"date,omitempty"`    // its date, YYYY-MM-DD
	Cutoff     string             `json:"cutoff"`
	Sources    []EditionSource    `json:"sources"`
	Entities   []EditionEntity    `json:"entities"`
	Relations  []EditionRelation  `json:"relations"`
	Claims     []ClaimRecord      `json:"claims"`
	Judgements []EditionJudgement `json:"judgements"`
}

// EditionSource is a source as an edition records it.
type EditionSource struct {
	ID     string `json:"id"`
	Ref    string `json:"ref"`
	Title  string `json:"title"`
	SHA256 string `json:"sha256"`
	Grade  string `json:"grade"`
	// Cited are the source's paragraphs that the analyst's prose refers
	// to by number, in order, each with the digest of its text, so that
	// a later edition can tell a reference whose paragraph now reads
	// otherwise (see ChangedCitations).
	Cited []CitedParagraph `json:"cited,omitempty"`
}

// CitedParagraph is a numbered paragraph that prose refers to, and the
// SHA-256 of its cleaned text.
type CitedParagraph struct {
	Paragraph int    `json:"paragraph"`
	SHA256    string `json:"sha256"`
}

// paragraphDigest is the hex SHA-256 of the text of b.
func paragraphDigest(b *model.Block) string {
	sum := sha256.Sum256([]byte(b.Text))
	return hex.EncodeToString(sum[:])
}

// ChangedCitations returns the references of d to numbered paragraphs
// that old recorded with other text: the paragraph was renumbered, or its
// source recaptured or cleaned otherwise, and the reference may no longer
// point at what it was written for. References old did not record (a new
// source, a paragraph first cited now, an edition made before editions
// recorded them) are taken as they are.
func ChangedCitations(old *Edition, d *model.Dossier) []model.ParagraphRef {
	was := map[string]map[int]string{}
	for _, s := range old.Sources {
		for _, c := range s.Cited {
			if was[s.ID] == nil {
				was[s.ID] = map[int]string{}
			}
			was[s.ID][c.Paragraph] = c.SHA256
		}
	}
	var out []model.ParagraphRef
	for _, r := range d.Cited {
		if sum, ok := was[r.Doc.ID][r.Block.Number]; ok && sum != paragraphDigest(r.Block) {
			out = append(out, r)
		}
	}
	return out
}

// EditionEntity is an entity as an edition records it.
type EditionEntity struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// EditionRelation is a relation as an edition records it.
type EditionRelation struct {
	From string `json:"from"`
	Type string `json:"type"`
	To   string `json:"to"`
}

// EditionJudgement is a key judgement as an edition records it.
type EditionJudgement struct {
	ID         string `json:"id"`
	Statement  string `json:"statement"`
	Likelihood string `json:"likelihood"`
	Confidence string `json:"confidence"`
}

// EditionOf returns the data of d that Diff compares.
func EditionOf(d *model.Dossier) *Edition {
	e := &Edition{
		Title:      d.Settings.Title,
		Edition:    d.Settings.Edition,
		Cutoff:     d.Settings.Cutoff.String(),
		Sources:    []EditionSource{},
		Entities:   []EditionEntity{},
		Relations:  []EditionRelation{},
		Judgements: []EditionJudgement{},
	}
	if !d.Settings.EditionDate.IsZero() {
		e.Date = d.Settings.EditionDate.String()
	}
	cited := map[*model.Document][]*model.Block{}
	for _, r := range d.Cited {
		if !slices.Contains(cited[r.Doc], r.Block) {
			cited[r.Doc] = append(cited[r.Doc], r.Block)
		}
	}
	for _, doc := range d.Documents {
		s := EditionSource{ID: doc.ID, Ref: doc.Ref, Title: doc.Title, SHA256: doc.SHA256, Grade: doc.Grade.String()}
		bs := cited[doc]
		slices.SortFunc(bs, func(a, b *model.Block) int { return a.Number - b.Number })
		for _, b := range bs {
			s.Cited = append(s.Cited, CitedParagraph{b.Number, paragraphDigest(b)})
		}
		e.Sources = append(e.Sources, s)
	}
	for _, ent := range d.Entities {
		e.Entities = append(e.Entities, EditionEntity{ent.ID, string(ent.Kind), ent.Name})
		for _, r := range ent.Relations {
			if r.To != nil {
				e.Relations = append(e.Relations, EditionRelation{ent.ID, string(r.Type), r.To.ID})
			}
		}
	}
	e.Claims = claimRecords(d)
	if d.Assessment != nil {
		for _, j := range d.Assessment.Judgements {
			e.Judgements = append(e.Judgements, EditionJudgement{j.ID, j.Statement, string(j.Likelihood), string(j.Confidence)})
		}
	}
	return e
}
