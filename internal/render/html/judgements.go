package html

import (
	"fmt"
	"html/template"

	"dossier/internal/model"
	"dossier/internal/wording"
)

// assessmentView is the analyst's assessment as the index page shows it,
// at its top: the bottom line, the key judgements, the information gaps,
// the implications, and the yardstick the judgements are read by.
type assessmentView struct {
	Summary      template.HTML // the bottom line, rendered
	Judgements   []judgementView
	Gaps         []itemView
	Implications []itemView
	Yardstick    []model.Band            // from the model, least likely first
	Confidences  []model.ConfidenceLevel // highest first
}

// judgementView is a key judgement with its number and citations.
type judgementView struct {
	J     *model.Judgement
	Label string // "KJ1"
	ID    string // its anchor on the index page: "kj-drug-transit"
	Cites []citeView
}

// itemView is an information gap or an implication.
type itemView struct {
	Text       string
	Cites      []citeView
	Judgements []judgementView // the judgements an implication follows from
}

// judgementAnchor is the id of a key judgement on the index page.
func judgementAnchor(j *model.Judgement) string { return "kj-" + j.ID }

// The sections of the assessment on the index page, for the menu.
const (
	judgementsID   = "key-judgements"
	gapsID         = "information-gaps"
	implicationsID = "implications"
)

// assessment returns the view of the dossier's assessment, its prose
// rendered for the index page; nil when the dossier has none.
func (r *run) assessment() (*assessmentView, error) {
	a := r.d.Assessment
	if a == nil {
		return nil, nil
	}
	v := &assessmentView{Yardstick: model.Yardstick, Confidences: model.Confidences}
	if a.Summary != nil {
		html, err := r.prose(indexPage, a.Summary.Source, a.Summary.Doc)
		if err != nil {
			return nil, fmt.Errorf("%s: rendering the bottom line of %s: %w", indexPage, a.Path, err)
		}
		v.Summary = html
	}
	view := func(j *model.Judgement) judgementView {
		return judgementView{J: j, Label: fmt.Sprintf("KJ%d", j.Number), ID: judgementAnchor(j), Cites: cites(j.Cites)}
	}
	for _, j := range a.Judgements {
		v.Judgements = append(v.Judgements, view(j))
	}
	point := func(p *model.Point) itemView {
		pv := itemView{Text: p.Text, Cites: cites(p.Cites)}
		for _, j := range p.Judgements {
			pv.Judgements = append(pv.Judgements, view(j))
		}
		return pv
	}
	for _, p := range a.Gaps {
		v.Gaps = append(v.Gaps, point(p))
	}
	for _, p := range a.Implications {
		v.Implications = append(v.Implications, point(p))
	}
	return v, nil
}

// assessmentNav lists the sections of the assessment for the menu,
// labelled with their headings from the wording.
func assessmentNav(a *model.Assessment, w *wording.Set) ([]navLink, error) {
	if a == nil {
		return nil, nil
	}
	var links []navLink
	add := func(id, snippet string) error {
		sn, err := w.Get(snippet)
		if err != nil {
			return err
		}
		links = append(links, navLink{Name: indexPage + "#" + id, Label: sn.Text()})
		return nil
	}
	if err := add(judgementsID, "assessment/judgements-heading"); err != nil {
		return nil, err
	}
	if len(a.Gaps) > 0 {
		if err := add(gapsID, "assessment/gaps-heading"); err != nil {
			return nil, err
		}
	}
	if len(a.Implications) > 0 {
		if err := add(implicationsID, "assessment/implications-heading"); err != nil {
			return nil, err
		}
	}
	return links, nil
}
