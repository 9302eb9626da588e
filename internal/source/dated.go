package source

import (
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// publishedFile is the published: key of a document's metadata: a date as
// the document gives it (published: 2019-05-02), the word unknown, or an
// estimate from the document's own evidence:
//
//	published:
//	  estimate: 2017 or later
//	  basis: '[[S:annual-report#51]] dates a news item 21 April 2017'
//	  cites:
//	    - source: annual-report
//	      quote: 21 April 2017
type publishedFile struct {
	Plain at[string] // published: 2019-05-02
	Line  int        // line of the value
	Set   bool

	// An estimate (a mapping):
	Mapping  bool
	Estimate at[string]
	Basis    at[string]
	Cites    []citeFile
	unknown  []at[string] // keys the mapping may not have, for messages
	// unknownCite are the keys its citations may not have.
	unknownCite []at[string]
}

func (p *publishedFile) UnmarshalYAML(n *yaml.Node) error {
	p.Set, p.Line = true, n.Line
	if n.Kind != yaml.MappingNode {
		return p.Plain.UnmarshalYAML(n)
	}
	p.Mapping = true
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var err error
		switch k.Value {
		case "estimate":
			err = p.Estimate.UnmarshalYAML(v)
		case "basis":
			err = p.Basis.UnmarshalYAML(v)
		case "cites":
			// Node.Decode takes any key: the keys of each citation are
			// checked here, as the file's own decoder checks the rest.
			for _, c := range v.Content {
				for j := 0; c.Kind == yaml.MappingNode && j+1 < len(c.Content); j += 2 {
					if k := c.Content[j]; k.Value != "source" && k.Value != "quote" {
						p.unknownCite = append(p.unknownCite, at[string]{V: k.Value, Line: k.Line})
					}
				}
			}
			err = v.Decode(&p.Cites)
		default:
			p.unknown = append(p.unknown, at[string]{V: k.Value, Line: k.Line})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// numberPattern finds the numbers an estimate is made of: years, days.
var numberPattern = regexp.MustCompile(`[0-9]+`)

// parsePublished reads the published: key into doc: a date or unknown into
// Published, an estimate into Dated. An estimate needs the estimate, the
// basis in one line and at least one cited passage; every number in the
// estimate must be written in one of the quotes, so that no estimate
// invents a date.
func parsePublished(src *dataFile, p publishedFile, doc *model.Document) error {
	file := src.name
	if !p.Mapping {
		doc.Published, doc.PublishedPath, doc.PublishedLine = maybe(p.Plain), file, firstLine(p.Plain.Line, p.Line)
		if !doc.Published.Known() {
			return nil
		}
		d, err := model.ParseWrittenDate(string(doc.Published))
		if err != nil {
			return diag.Errorf(file, doc.PublishedLine, "published: %w; or write unknown, or estimate the date from the text's own evidence (estimate, basis, cites)", err)
		}
		doc.Published, doc.PublishedOn = model.Maybe(d.Long()), d
		return nil
	}
	var errs diag.List
	for _, k := range p.unknown {
		errs.Add(diag.Errorf(file, k.Line, "published: unknown key %q; an estimated date has estimate, basis and cites", k.V))
	}
	for _, k := range p.unknownCite {
		hint, ok := keyHints[strings.ToLower(k.V)]
		if !ok {
			hint = diag.DidYouMean(diag.Closest(k.V, []string{"source", "quote"}))
		}
		errs.Add(diag.Errorf(file, k.Line, "published: cites: unknown key %q%s", k.V, hint))
	}
	est := &model.DateEstimate{
		Estimate:     strings.Join(strings.Fields(p.Estimate.V), " "),
		BasisWritten: src.written(p.Basis),
		Path:         file,
		Line:         firstLine(p.Estimate.Line, p.Line),
	}
	if est.Estimate == "" {
		errs.Add(diag.Errorf(file, est.Line, "published: the estimate is missing: say what the text's own evidence supports, such as \"2017 or later\", or write published: unknown"))
	} else if strings.EqualFold(est.Estimate, model.Unknown) {
		errs.Add(diag.Errorf(file, est.Line, "published: an estimate of unknown is no estimate; write published: unknown"))
	}
	if est.BasisWritten.Text == "" {
		errs.Add(diag.Errorf(file, firstLine(p.Basis.Line, est.Line), "published: the basis is missing: one line on the evidence the estimate rests on, such as '[[S:id#12]] dates a news item 21 April 2017'"))
	}
	if len(p.Cites) == 0 {
		errs.Add(diag.Errorf(file, est.Line, "published: an estimate cites the passages it rests on (cites: source and quote), as a claim does"))
	} else {
		cites, err := parseCites(file, est.Line, p.Cites)
		errs.Add(err)
		est.Cites = cites
		var quoted []string
		for _, c := range cites {
			quoted = append(quoted, numberPattern.FindAllString(c.Quote, -1)...)
		}
		for _, n := range numberPattern.FindAllString(est.Estimate, -1) {
			if !slices.Contains(quoted, n) {
				errs.Add(diag.Errorf(file, est.Line, "published: the estimate %q gives %s, which none of its quotes says; an estimate never invents a date: quote the words that give %s, or estimate from what the quotes say", est.Estimate, n, n))
			}
		}
	}
	doc.Dated = est
	return errs.Err()
}

// repeatFile is one entry of repeats: a passage of another document that
// this one repeats word for word.
type repeatFile struct {
	Source at[string] `yaml:"source"`
	Quote  at[string] `yaml:"quote"`
}

// parseRepeats reads the repeats: key: the quote must stand in both
// documents, which the resolve stage checks.
func parseRepeats(file string, rfs []repeatFile, doc *model.Document) error {
	var errs diag.List
	for _, rf := range rfs {
		c := model.Citation{
			Source:     strings.TrimSpace(rf.Source.V),
			Quote:      strings.Join(strings.Fields(rf.Quote.V), " "),
			Path:       file,
			Line:       firstLine(rf.Quote.Line, rf.Source.Line),
			SourceLine: firstLine(rf.Source.Line, rf.Quote.Line),
		}
		if rf.Quote.Line > 0 {
			c.Line = rf.Quote.Line
		}
		switch {
		case c.Source == "" || c.Quote == "":
			errs.Add(diag.Errorf(file, c.Line, "repeats: give source (the id of the document repeated) and quote (words both texts have, exactly)"))
		case c.Source == doc.ID:
			errs.Add(diag.Errorf(file, c.SourceLine, "repeats: %s cannot repeat itself; name the other document", c.Source))
		}
		doc.Copies = append(doc.Copies, model.Copy{Of: c})
	}
	return errs.Err()
}
