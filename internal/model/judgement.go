package model

import (
	"regexp"
	"sort"
	"strings"
)

// Likelihood is a term of the probability yardstick (Yardstick): how
// likely a judgement holds. The zero Likelihood is no term.
type Likelihood string

// The terms of the yardstick, from the least likely to the most.
const (
	RemoteChance         Likelihood = "remote chance"
	HighlyUnlikely       Likelihood = "highly unlikely"
	Unlikely             Likelihood = "unlikely"
	RealisticPossibility Likelihood = "realistic possibility"
	Likely               Likelihood = "likely"
	HighlyLikely         Likelihood = "highly likely"
	AlmostCertain        Likelihood = "almost certain"
)

// Band is one band of the probability yardstick: a term, the other word a
// judgement may use for it, and the rough probability it stands for.
type Band struct {
	Term  Likelihood
	Also  string // another term for the same band ("probably" for "likely"); "" for none
	Range string // the rough probability, as printed: "55–75 %"

	// words matches the term and its forms in running text: "almost
	// certainly", "probably".
	words *regexp.Regexp
}

// Label is the band's terms as printed: "likely / probably".
func (b Band) Label() string {
	if b.Also == "" {
		return string(b.Term)
	}
	return string(b.Term) + " / " + b.Also
}

// Yardstick is the one probability scale every judgement uses: the UK
// Professional Head of Intelligence Assessment (PHIA) probability
// yardstick, least likely first. The gaps between bands are deliberate: a
// judgement sits in one band.
var Yardstick = []Band{
	{Term: RemoteChance, Range: "≤ 5 %", words: terms(`remote\s+chance`)},
	{Term: HighlyUnlikely, Range: "10–20 %", words: terms(`highly\s+unlikely`)},
	{Term: Unlikely, Range: "25–35 %", words: terms(`unlikely`)},
	{Term: RealisticPossibility, Range: "40–50 %", words: terms(`realistic\s+possibility`)},
	{Term: Likely, Also: "probably", Range: "55–75 %", words: terms(`likely|probable|probably`)},
	{Term: HighlyLikely, Range: "80–90 %", words: terms(`highly\s+likely`)},
	{Term: AlmostCertain, Range: "≥ 95 %", words: terms(`almost\s+certain(?:ly)?`)},
}

// YardstickName names the yardstick, as both outputs print it.
const YardstickName = "UK PHIA probability yardstick"

func terms(expr string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(?:` + expr + `)\b`)
}

// ParseLikelihood returns the band a term written in data names: one of
// the Yardstick's terms or its other word ("probably"), in any case and
// spacing. ok is false for anything else.
func ParseLikelihood(s string) (b Band, ok bool) {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	for _, b := range Yardstick {
		if s == string(b.Term) || (b.Also != "" && s == b.Also) {
			return b, true
		}
	}
	return Band{}, false
}

// Band returns the yardstick band of l; ok is false when l is none of its
// terms.
func (l Likelihood) Band() (b Band, ok bool) { return ParseLikelihood(string(l)) }

// Range returns the rough probability of l, "55–75 %", or "" when l is not
// a term of the yardstick.
func (l Likelihood) Range() string {
	b, _ := l.Band()
	return b.Range
}

// YardstickTerms lists every term a judgement's likelihood may be, in the
// yardstick's order, for messages.
func YardstickTerms() []string {
	var out []string
	for _, b := range Yardstick {
		out = append(out, string(b.Term))
		if b.Also != "" {
			out = append(out, b.Also)
		}
	}
	return out
}

// TermsIn returns the likelihoods whose terms a statement uses, in the
// order of the yardstick, each once: "highly likely" in a statement is
// that band only, not also "likely".
func TermsIn(statement string) []Likelihood {
	taken := make([]bool, len(statement))
	var found []Likelihood
	// Longer terms first: "highly unlikely" before "unlikely", "highly
	// likely" before "likely".
	order := make([]int, len(Yardstick))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return len(Yardstick[order[a]].Term) > len(Yardstick[order[b]].Term)
	})
	hits := make([]bool, len(Yardstick))
	for _, i := range order {
		for _, m := range Yardstick[i].words.FindAllStringIndex(statement, -1) {
			free := true
			for k := m[0]; k < m[1]; k++ {
				free = free && !taken[k]
			}
			if !free {
				continue
			}
			for k := m[0]; k < m[1]; k++ {
				taken[k] = true
			}
			hits[i] = true
		}
	}
	for i, b := range Yardstick {
		if hits[i] {
			found = append(found, b.Term)
		}
	}
	return found
}

// Confidence says how good the basis of a judgement is, apart from how
// likely it is.
type Confidence string

// The confidence levels, lowest first.
const (
	LowConfidence      Confidence = "low"
	ModerateConfidence Confidence = "moderate"
	HighConfidence     Confidence = "high"
)

// ConfidenceLevel is a confidence level with what it means.
type ConfidenceLevel struct {
	Level   Confidence
	Meaning string
}

// Confidences lists the confidence levels, highest first, with what each
// means.
var Confidences = []ConfidenceLevel{
	{HighConfidence, "Several independent, reliable sources agree, and little rests on assumption."},
	{ModerateConfidence, "Credible sources, but few, or not independent of each other, or with gaps."},
	{LowConfidence, "One source, a weak source, or much inference."},
}

// Valid reports whether c is one of the levels.
func (c Confidence) Valid() bool {
	for _, l := range Confidences {
		if l.Level == c {
			return true
		}
	}
	return false
}

// Assessment is the analyst's assessment that opens the briefing: the
// bottom line, the key judgements, the information gaps and the
// implications for partners.
type Assessment struct {
	Path         string // data file, for messages
	Summary      *Prose // the bottom line: a few sentences of Markdown
	Judgements   []*Judgement
	Gaps         []*Point // what the sources do not tell that matters
	Implications []*Point // what a partner should do differently
}

// Judgement is one key judgement: a statement about what is or will be
// true, how likely it is on the yardstick, how confident the analyst is
// and why, and the paragraphs it rests on.
type Judgement struct {
	ID         string
	Number     int // from 1, in file order
	Written    Written
	Statement  string // filled in by the resolve stage from Written
	Likelihood Likelihood
	Confidence Confidence

	BasisWritten Written
	Basis        string // why this confidence, one line; filled in by the resolve stage

	Cites []Citation // at least one
	Line  int        // line of the judgement's first key in the data file
}

// Band returns the yardstick band of the judgement's likelihood.
func (j *Judgement) Band() Band {
	b, _ := j.Likelihood.Band()
	return b
}

// Point is an information gap or an implication: the analyst's words, the
// paragraphs they rest on if any, and for an implication the judgements it
// follows from.
type Point struct {
	Written Written
	Text    string // filled in by the resolve stage from Written
	Cites   []Citation

	JudgementIDs []string     // as written
	Judgements   []*Judgement // filled in by the resolve stage
	Line         int
}
