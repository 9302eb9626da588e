package model

// DateEstimate is the date of a document estimated from its own evidence,
// where the document gives no date of publication: "2017 or later" because
// a paragraph dates a news item 21 April 2017. It never invents a date: the
// load stage checks that every number in the estimate is written in the
// passages it cites.
type DateEstimate struct {
	Estimate     string     // as the analyst writes it: "2017 or later", "after 2013", "not before 2020"
	BasisWritten Written    // why, with its [[references]], as written
	Basis        string     // BasisWritten resolved; filled in by the resolve stage
	Cites        []Citation // the passages the estimate rests on; at least one
	Path         string     // the metadata file, for messages
	Line         int        // line of the estimate in Path
}

// EstimatedMark follows an estimated date wherever one is shown.
const EstimatedMark = "(est.)"

// DateText returns the document's date as readers see it: the date of
// publication as given ("2019-05-02"), an estimate marked as one ("2017 or
// later (est.)"), or "unknown".
func (d *Document) DateText() string {
	if d.Dated != nil {
		return d.Dated.Estimate + " " + EstimatedMark
	}
	return d.Published.String()
}

// DateShort returns the date without the mark of an estimate: "2017 or
// later", "2019-05-02", or "" when neither is known.
func (d *Document) DateShort() string {
	if d.Dated != nil {
		return d.Dated.Estimate
	}
	return string(d.Published)
}

// HasDate reports whether the document has a date, given or estimated.
func (d *Document) HasDate() bool { return d.Dated != nil || d.Published.Known() }

// Copy records that a document repeats a passage of another word for word:
// the two are one source, not two, when it comes to corroboration.
type Copy struct {
	// Of cites the passage in the other document (Of.Source is its id);
	// Own is where the same words stand in this one. Both are filled in
	// by the resolve stage from the one quote the metadata gives.
	Of  Citation
	Own *Block
}

// Repeats reports whether d declares that it repeats other, or other that
// it repeats d: the two then count as one source for corroboration.
func (d *Document) Repeats(other *Document) bool {
	if d == nil || other == nil {
		return false
	}
	for _, c := range d.Copies {
		if c.Of.Source == other.ID {
			return true
		}
	}
	for _, c := range other.Copies {
		if c.Of.Source == d.ID {
			return true
		}
	}
	return false
}

// CitedBy returns the documents the citations of rels rest on, each once,
// in the order of d.Documents (their references): the sources a structure
// drawn from those relations is attested in.
func (d *Dossier) CitedBy(rels []*Relation) []*Document {
	cited := map[*Document]bool{}
	for _, r := range rels {
		for _, c := range r.Cites {
			if c.Doc != nil {
				cited[c.Doc] = true
			}
		}
	}
	var out []*Document
	for _, doc := range d.Documents {
		if cited[doc] {
			out = append(out, doc)
		}
	}
	return out
}

// StructureRelations returns the part-of relations that place e in its
// structure: e's own, and those of the entities that are part of it.
func (e *Entity) StructureRelations() []*Relation {
	var out []*Relation
	for _, r := range e.Relations {
		if r.Type == PartOf {
			out = append(out, r)
		}
	}
	for _, r := range e.Incoming {
		if r.Type == PartOf {
			out = append(out, r)
		}
	}
	return out
}
