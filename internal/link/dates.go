package link

import (
	"regexp"
	"strconv"

	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// documents resolves what a document's metadata cites: the passages an
// estimated date rests on and its basis, and the passage a document
// repeats, which must stand in both texts. It then holds the grade reasons
// to what the copies mean: a reason may not lean on a copy, and
// credibility 1 ("confirmed by other independent sources") names an
// independent source.
func (r *resolver) documents() error {
	var errs diag.List
	for _, doc := range r.d.Documents {
		if est := doc.Dated; est != nil {
			errs.Add(r.afterCutoff(doc))
			for i := range est.Cites {
				errs.Add(r.cite(&est.Cites[i]))
			}
			errs.Add(r.resolveText(&est.Basis, est.BasisWritten))
		} else if cut := r.d.Settings.Cutoff; !cut.IsZero() && doc.PublishedOn.After(cut) {
			errs.Add(diag.Errorf(doc.PublishedPath, doc.PublishedLine, "published: %s is after the information cut-off (%s in %s); a source of the dossier cannot date from after it: check the date, or move the cut-off", doc.PublishedOn, cut, r.d.Settings.Path))
		}
		for i := range doc.Copies {
			errs.Add(r.copy(doc, &doc.Copies[i]))
		}
	}
	for _, doc := range r.d.Documents {
		errs.Add(r.gradeReason(doc))
	}
	return errs.Err()
}

// copy finds the passage a document declares it repeats, in the other
// document and in its own text.
func (r *resolver) copy(doc *model.Document, c *model.Copy) error {
	if err := r.cite(&c.Of); err != nil {
		return err
	}
	own := c.Of
	own.Source, own.Doc, own.Block = doc.ID, nil, nil
	if err := r.cite(&own); err != nil {
		return diag.Errorf(c.Of.Path, c.Of.Line, "repeats: the words are in %s but not in this document's own text; quote what both texts say: %q", c.Of.Source, c.Of.Quote)
	}
	c.Own = own.Block
	return nil
}

// gradeReason checks what a document's grade reason cites against the
// copies: a reason that cites a source this one repeats, or one that
// repeats it, counts the same words twice; a credibility of 1 rests on a
// source that is not a copy, which the reason names.
func (r *resolver) gradeReason(doc *model.Document) error {
	w := doc.Grade.ReasonWritten
	var errs diag.List
	independent := false
	for _, ref := range markdown.FindRefs(w.Text) {
		if !ref.IsSource() || ref.Source == doc.ID {
			continue
		}
		other := r.document(ref.Source)
		if other == nil {
			continue // reported where the reason is resolved
		}
		if doc.Repeats(other) {
			errs.Add(diag.Errorf(w.Path, w.LineAt(ref.Offset), "grade reason cites [[%s]], but %s and %s repeat each other word for word (repeats:): a copy is not corroboration, and each grade is given for its own source; leave %s out of the reason (the outputs say that one repeats the other)", ref.Target, doc.Ref, other.Ref, other.Ref))
			continue
		}
		independent = true
	}
	if doc.Grade.Credibility == 1 && !independent && w.Path != "" {
		errs.Add(diag.Errorf(w.Path, w.Line, "grade credibility 1 says that other, independent sources confirm the information: cite one in the reason ([[S:id#12]]), not a copy; or grade 2 (probably true)"))
	}
	return errs.Err()
}

// yearPattern finds the years in an estimate.
var yearPattern = regexp.MustCompile(`\b[12][0-9]{3}\b`)

// afterCutoff reports an estimate that names a year after the dossier's
// information cut-off: no source of the dossier can date from then.
func (r *resolver) afterCutoff(doc *model.Document) error {
	cut := r.d.Settings.Cutoff
	if cut.IsZero() {
		return nil
	}
	for _, y := range yearPattern.FindAllString(doc.Dated.Estimate, -1) {
		if n, _ := strconv.Atoi(y); n > cut.Year {
			return diag.Errorf(doc.Dated.Path, doc.Dated.Line, "published: the estimate %q names %d, after the information cut-off (%s in %s); a source of the dossier cannot date from after it", doc.Dated.Estimate, n, cut, r.d.Settings.Path)
		}
	}
	return nil
}
