package source

import (
	"strings"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// settingsFile is the shape of sources/dossier.yaml.
type settingsFile struct {
	Title    at[string] `yaml:"title"`
	Subtitle at[string] `yaml:"subtitle"`
	Author   at[string] `yaml:"author"`
	Marking  at[string] `yaml:"marking"`
	Cutoff   at[string] `yaml:"cutoff"`
	PageSize at[string] `yaml:"page_size"`
	Language at[string] `yaml:"language"`
	BaseURL  at[string] `yaml:"base_url"`
	Subject  at[string] `yaml:"subject"`
	Edition  at[string] `yaml:"edition"`
	Previous at[string] `yaml:"previous"`
	EdDate   at[string] `yaml:"edition_date"`
}

// DefaultMarking is the handling marking used when the settings name none.
const DefaultMarking = "TLP:CLEAR"

func parseSettings(file string, data []byte) (model.Settings, error) {
	var sf settingsFile
	if err := decodeYAML(file, data, &sf); err != nil {
		return model.Settings{}, err
	}
	s := model.Settings{
		Title:    strings.TrimSpace(sf.Title.V),
		Subtitle: strings.TrimSpace(sf.Subtitle.V),
		Author:   strings.TrimSpace(sf.Author.V),
		Marking:  strings.TrimSpace(sf.Marking.V),
		PageSize: model.A4,
		Language: "en",
		Path:     file,
	}
	var errs diag.List
	switch {
	case s.Title != "":
	case sf.Title.Set:
		errs.Add(diag.Errorf(file, sf.Title.Line, "title is empty: give the dossier's title; the cover and every page show it"))
	default:
		errs.Add(diag.Errorf(file, 0, "title is missing: give the dossier's title; the cover and every page show it"))
	}
	if !sf.Marking.Set {
		s.Marking = DefaultMarking
	} else if s.Marking == "" {
		errs.Add(diag.Errorf(file, sf.Marking.Line, "marking is empty; leave it out for %s", DefaultMarking))
	}
	if !sf.Cutoff.Set {
		errs.Add(diag.Errorf(file, 0, "cutoff is missing: the information cut-off date, as YYYY-MM-DD"))
	} else if strings.TrimSpace(sf.Cutoff.V) == "" {
		errs.Add(diag.Errorf(file, sf.Cutoff.Line, "cutoff is empty: give the information cut-off date, as YYYY-MM-DD"))
	} else if d, err := model.ParseDate(strings.TrimSpace(sf.Cutoff.V)); err != nil {
		errs.Add(diag.Errorf(file, sf.Cutoff.Line, "cutoff: %w", err))
	} else {
		s.Cutoff = d
	}
	if sf.PageSize.Set {
		switch strings.ToLower(strings.TrimSpace(sf.PageSize.V)) {
		case "a4":
			s.PageSize = model.A4
		case "letter", "us letter", "us-letter":
			s.PageSize = model.Letter
		default:
			errs.Add(diag.Errorf(file, sf.PageSize.Line, "page_size %q: want A4 or Letter", sf.PageSize.V))
		}
	}
	if sf.Language.Set {
		s.Language = strings.TrimSpace(sf.Language.V)
		if !validLang(s.Language) {
			errs.Add(diag.Errorf(file, sf.Language.Line, "language %q is not a language tag such as en or ru", sf.Language.V))
		}
	}
	if sf.Subject.Set {
		s.Subject = strings.TrimSpace(sf.Subject.V)
		s.SubjectLine = sf.Subject.Line
		if !idPattern.MatchString(s.Subject) {
			errs.Add(diag.Errorf(file, sf.Subject.Line, "subject %q is not an entity id such as ruritania: the id of the place or body the dossier is about", sf.Subject.V))
		}
	}
	if sf.Edition.Set {
		if s.Edition = strings.TrimSpace(sf.Edition.V); s.Edition == "" {
			errs.Add(diag.Errorf(file, sf.Edition.Line, "edition is empty; leave it out, or number the edition, such as 2"))
		}
	}
	if sf.Previous.Set {
		s.Previous = strings.TrimSpace(sf.Previous.V)
		s.PreviousLine = sf.Previous.Line
	}
	if sf.EdDate.Set {
		if d, err := model.ParseDate(strings.TrimSpace(sf.EdDate.V)); err != nil {
			errs.Add(diag.Errorf(file, sf.EdDate.Line, "edition_date: %w", err))
		} else {
			s.EditionDate = d
		}
	}
	if sf.BaseURL.Set {
		u, err := model.ParseBaseURL(sf.BaseURL.V)
		if err != nil {
			errs.Add(diag.Errorf(file, sf.BaseURL.Line, "base_url: %w", err))
		}
		s.BaseURL = u
	}
	return s, errs.Err()
}
