package source

import (
	"strings"

	"github.com/yuin/goldmark"

	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// JudgementsFile holds the analyst's assessment: the bottom line, the key
// judgements, the information gaps and the implications. It is optional.
const JudgementsFile = "judgements.yaml"

type judgementsFile struct {
	Summary      proseField      `yaml:"summary"`
	Judgements   []judgementFile `yaml:"judgements"`
	Gaps         []noteItemFile  `yaml:"gaps"`
	Implications []noteItemFile  `yaml:"implications"`
}

type judgementFile struct {
	ID         at[string] `yaml:"id"`
	Statement  at[string] `yaml:"statement"`
	Likelihood at[string] `yaml:"likelihood"`
	Confidence at[string] `yaml:"confidence"`
	Basis      at[string] `yaml:"basis"`
	Cites      []citeFile `yaml:"cites"`
}

// noteItemFile is an information gap or an implication.
type noteItemFile struct {
	Text       at[string]   `yaml:"text"`
	Judgements []at[string] `yaml:"judgements"`
	Cites      []citeFile   `yaml:"cites"`
}

// judgements loads the assessment file, if there is one.
func (l *loader) judgements(md goldmark.Markdown) (*model.Assessment, error) {
	data, err := l.readData(JudgementsFile)
	if errorsIsNotExist(err) {
		return nil, nil
	}
	file := l.path(JudgementsFile)
	if err != nil {
		return nil, err
	}
	var jf judgementsFile
	if err := decodeYAML(file, data, &jf); err != nil {
		return nil, err
	}
	return parseJudgements(newDataFile(file, data), &jf, md)
}

func parseJudgements(src *dataFile, jf *judgementsFile, md goldmark.Markdown) (*model.Assessment, error) {
	file := src.name
	var errs diag.List
	errorf := func(line int, format string, args ...any) { errs.Add(diag.Errorf(file, line, format, args...)) }
	a := &model.Assessment{Path: file}
	if strings.TrimSpace(jf.Summary.V) == "" {
		errorf(max(jf.Summary.Line, 1), "summary is missing: the bottom line, a few sentences that say what the reader most needs to know")
	} else {
		s := []byte(jf.Summary.V)
		a.Summary = &model.Prose{Source: s, Doc: markdown.Parse(md, s), Path: file, Line: jf.Summary.Line}
		errs.Add(checkProse(file, jf.Summary, a.Summary.Doc, s))
	}
	if len(jf.Judgements) == 0 {
		errorf(max(jf.Summary.Line, 1), "no judgements: list the key judgements under judgements:")
	}
	seen := map[string]int{}
	for i, f := range jf.Judgements {
		line := firstLine(f.ID.Line, f.Statement.Line, f.Likelihood.Line, f.Confidence.Line, f.Basis.Line)
		j := &model.Judgement{
			ID:           strings.TrimSpace(f.ID.V),
			Number:       i + 1,
			Written:      src.written(f.Statement),
			BasisWritten: src.written(f.Basis),
			Confidence:   model.Confidence(strings.ToLower(strings.TrimSpace(f.Confidence.V))),
			Line:         line,
		}
		name := "judgement " + j.ID
		switch {
		case j.ID == "":
			errorf(line, "a judgement needs id: a short name in lower-case letters, digits and hyphens")
			name = "judgement"
		case !idPattern.MatchString(j.ID):
			errorf(f.ID.Line, "judgement id %q: use lower-case letters, digits and single hyphens", j.ID)
		default:
			if first, dup := seen[j.ID]; dup {
				errorf(f.ID.Line, "judgement id %q is already used at line %d", j.ID, first)
			}
			seen[j.ID] = f.ID.Line
		}
		if j.Written.Text == "" {
			errorf(line, "%s: statement is missing: what the analyst judges is or will be true", name)
		}
		if b, ok := model.ParseLikelihood(f.Likelihood.V); ok {
			j.Likelihood = b.Term
		} else if f.Likelihood.Set {
			errorf(f.Likelihood.Line, "%s: likelihood %q is not a term of the %s; use one of: %s", name, f.Likelihood.V, model.YardstickName, strings.Join(model.YardstickTerms(), ", "))
		} else {
			errorf(line, "%s: likelihood is missing: how likely the judgement is, one of: %s", name, strings.Join(model.YardstickTerms(), ", "))
		}
		if !j.Confidence.Valid() {
			if f.Confidence.Set {
				errorf(f.Confidence.Line, "%s: confidence %q: want low, moderate or high", name, f.Confidence.V)
			} else {
				errorf(line, "%s: confidence is missing: low, moderate or high, with its basis", name)
			}
		}
		if j.BasisWritten.Text == "" {
			errorf(line, "%s: basis is missing: one line on why the confidence is what it is (how many sources, how independent, how reliable)", name)
		}
		if len(f.Cites) == 0 {
			errorf(line, "%s: no citation: a judgement cites the paragraphs it rests on, each with source and quote", name)
		} else {
			cites, err := parseCites(file, line, f.Cites)
			errs.Add(err)
			j.Cites = cites
		}
		a.Judgements = append(a.Judgements, j)
	}
	point := func(what string, f noteItemFile, judgements bool) *model.Point {
		line := firstLine(f.Text.Line)
		if line == 0 && len(f.Cites) > 0 {
			line = firstLine(f.Cites[0].Source.Line, f.Cites[0].Quote.Line)
		}
		p := &model.Point{Written: src.written(f.Text), Line: line}
		if p.Written.Text == "" {
			errorf(line, "%s needs text: the analyst's words", what)
		}
		for _, id := range f.Judgements {
			if !judgements {
				errorf(id.Line, "%s: judgements: only an implication names the judgements it follows from", what)
				break
			}
			p.JudgementIDs = append(p.JudgementIDs, strings.TrimSpace(id.V))
		}
		if len(f.Cites) > 0 {
			cites, err := parseCites(file, line, f.Cites)
			errs.Add(err)
			p.Cites = cites
		}
		return p
	}
	for _, f := range jf.Gaps {
		a.Gaps = append(a.Gaps, point("an information gap", f, false))
	}
	for _, f := range jf.Implications {
		a.Implications = append(a.Implications, point("an implication", f, true))
	}
	return a, errs.Err()
}
