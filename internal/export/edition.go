package export

import (
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
	for _, doc := range d.Documents {
		e.Sources = append(e.Sources, EditionSource{doc.ID, doc.Ref, doc.Title, doc.SHA256, doc.Grade.String()})
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
