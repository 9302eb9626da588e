package pdf

import (
	"fmt"
	"strings"

	"dossier/internal/model"
)

// The snippets of wording the assessment draws: as paragraphs, and inside
// a line (its headings and labels).
var (
	assessmentBlocks = []string{
		"assessment/judgements-intro", "assessment/gaps-intro", "assessment/implications-intro",
		"assessment/yardstick-intro",
	}
	assessmentInline = []string{
		"assessment/bottom-line-heading", "assessment/judgements-heading", "assessment/gaps-heading",
		"assessment/implications-heading", "assessment/yardstick-heading", "assessment/follows-from",
		"assessment/likelihood-label", "assessment/probability-label", "assessment/confidence-label", "assessment/meaning-label",
	}
)

// assessment draws the analyst's assessment where the cover's title block
// ends, so that page 1 carries it: the bottom line, the key judgements
// (each with its likelihood, confidence, basis and citations), the
// information gaps, the implications, and the yardstick the judgements are
// read by. It runs on over as many pages as it needs, with the running
// header and footer.
func (s *doc) assessment(a *model.Assessment) error {
	s.chapter = s.sayText("assessment/judgements-heading")
	if a.Summary != nil {
		s.coverHeading("assessment/bottom-line-heading", 0)
		c := &note{Note: &model.Note{ID: "assessment", Source: a.Summary.Source, Path: a.Summary.Path}, footnotes: map[int]dest{}}
		if err := s.blocks(a.Summary.Doc, c); err != nil {
			return fmt.Errorf("%s: %w", a.Path, err)
		}
	}
	s.coverHeading("assessment/judgements-heading", s.snippetHeight("assessment/judgements-intro")+3*bodyLH)
	s.say("assessment/judgements-intro")
	for _, j := range a.Judgements {
		s.judgement(j)
	}
	s.points("gaps", a.Gaps)
	s.points("implications", a.Implications)
	s.changes()
	s.yardstick()
	return nil
}

// changes draws what changed since the previous edition, when the build
// compared one: a list a kind of change.
func (s *doc) changes() {
	c := s.d.Changes
	if c == nil {
		return
	}
	st := headingStyle(1)
	heading := append(s.sayRuns("changes/heading", st), run{text: " " + c.Since, st: st})
	s.coverHeadingRuns(heading, 3*bodyLH)
	s.changeList()
}

// changeList draws the list of what changed since the previous edition,
// under its heading.
func (s *doc) changeList() {
	c := s.d.Changes
	if len(c.Groups) == 0 {
		s.say("changes/none")
		return
	}
	s.say("changes/intro")
	for _, g := range c.Groups {
		s.paragraph([]run{{text: g.Title, st: textStyle{size: bodySize, bold: true, color: ink}}})
		for _, l := range g.Lines {
			s.item([]run{{text: l, st: textStyle{size: 9, color: ink}}})
		}
	}
}

// coverHeading sets the heading of a part of the assessment, from a
// snippet, kept with keep millimetres of what follows. The parts are on
// the cover pages, before the contents, so they are not entries of the
// contents or the outline: the cover's bookmark leads to them.
func (s *doc) coverHeading(name string, keep float64) {
	s.coverHeadingRuns(s.sayRuns(name, headingStyle(1)), keep)
}

// points draws a section of points of the assessment, if there are any:
// its heading and introduction (the snippets assessment/NAME-heading and
// assessment/NAME-intro), kept with the first point, then the points.
func (s *doc) points(name string, ps []*model.Point) {
	if len(ps) == 0 {
		return
	}
	s.coverHeading("assessment/"+name+"-heading", s.snippetHeight("assessment/"+name+"-intro")+3*bodyLH)
	s.say("assessment/" + name + "-intro")
	for _, p := range ps {
		s.point(p)
	}
}

// snippetHeight is about the height the snippet name takes as a paragraph
// of the body: what a heading over it keeps with it, with the first
// lines of what it introduces.
func (s *doc) snippetHeight(name string) float64 {
	return paraGap + float64(len(s.layout([]run{{text: s.snippet(name).Text(), st: body}}, s.right-s.left)))*bodyLH
}

// coverHeadingRuns is coverHeading for a heading the data completes.
func (s *doc) coverHeadingRuns(runs []run, keep float64) {
	st := headingStyle(1)
	lh := st.sizeMM() * 1.3
	width := s.right - s.left
	lines := s.layout(runs, width)
	before, after := headingGaps(1)
	s.space(before)
	if s.y+float64(len(lines))*lh+max(after, keep) > s.bottom {
		s.breakPage()
	}
	for _, ln := range lines {
		s.beginLine(s.y)
		s.drawLine(ln, s.left, s.y, width, lh, alignLeft)
		s.advance(lh)
	}
	s.after = after
}

// judgementLink returns the internal link to a key judgement. The
// judgements are no note's headings, so their keys ("#kj-ID") cannot meet a
// note heading's ("note-id#heading-id").
func (s *doc) judgementLink(j *model.Judgement) dest {
	return linkFor(s.dests, s.dests.anchor, "#kj-"+j.ID, anchorDest)
}

// judgementLabel is how both outputs number a key judgement: "KJ1".
func judgementLabel(j *model.Judgement) string { return fmt.Sprintf("KJ%d", j.Number) }

// judgement draws one key judgement: its number in the margin of the
// column, the statement in bold, and under it the likelihood with its
// band, the confidence with its basis, and the citations.
func (s *doc) judgement(j *model.Judgement) {
	s.space(3.2)
	left := s.left
	s.left += 9
	statement := body
	statement.bold = true
	meta := s.judgementMeta(j)
	lines := len(s.layout([]run{{text: j.Statement, st: statement}}, s.right-s.left)) + len(s.layout(meta, s.right-s.left))
	s.ensure(float64(lines)*bodyLH + 0.6) // a judgement is not split between pages
	s.markers = append(s.markers, marker{text: judgementLabel(j), st: textStyle{size: 8.5, bold: true, color: accent}, right: s.left - 2})
	s.pendingLinks = append(s.pendingLinks, s.judgementLink(j))
	s.flow([]run{{text: j.Statement, st: statement}}, bodyLH, alignLeft)
	s.space(0.6)
	s.flow(meta, bodyLH, alignLeft)
	s.left = left
	s.after = paraGap
}

// judgementMeta is the line under a judgement's statement: "Almost certain
// (≥ 95 %) · moderate confidence: basis. [S1 ¶38 · B2]".
func (s *doc) judgementMeta(j *model.Judgement) []run {
	small := textStyle{size: 9, color: ink}
	strong := small
	strong.bold = true
	basis := small
	basis.color = muted
	runs := []run{
		{text: firstUpper(string(j.Likelihood)), st: strong},
		{text: " (" + j.Band().Range + ")", st: small},
		{text: " · ", st: small},
		{text: string(j.Confidence) + " confidence", st: strong},
	}
	if j.Basis != "" {
		runs = append(runs, run{text: ": " + strings.TrimSpace(j.Basis), st: basis})
	}
	return append(runs, s.citations(j.Cites)...)
}

// point draws an information gap or an implication as a list item, with
// its citations, and for an implication the judgements it follows from.
func (s *doc) point(p *model.Point) {
	runs := []run{text(p.Text)}
	runs = append(runs, s.citations(p.Cites)...)
	if len(p.Judgements) > 0 {
		small := textStyle{size: 9, color: muted}
		runs = append(runs, run{text: " (", st: small})
		runs = append(runs, s.sayRuns("assessment/follows-from", small)...)
		for i, j := range p.Judgements {
			sep := " "
			if i > 0 {
				sep = ", "
			}
			runs = append(runs, run{text: sep, st: small}, run{text: judgementLabel(j), st: textStyle{size: 9, bold: true, color: linkInk}, link: s.judgementLink(j)})
		}
		runs = append(runs, run{text: ")", st: small})
	}
	s.item(runs)
}

// yardstick draws the probability yardstick and the confidence levels, from
// the model, so that the briefing explains exactly the terms its
// judgements may use.
func (s *doc) yardstick() {
	s.coverHeading("assessment/yardstick-heading", 4*bodyLH)
	s.say("assessment/yardstick-intro")
	st := textStyle{size: tableSize, color: ink}
	bold := st
	bold.bold = true
	head := func(snippets ...string) []cell {
		var cs []cell
		for _, n := range snippets {
			cs = append(cs, cell{runs: s.sayRuns(n, bold)})
		}
		return cs
	}
	w := s.right - s.left
	terms := table{head: head("assessment/likelihood-label", "assessment/probability-label"), widths: []float64{w * 0.45, w * 0.55}}
	for _, b := range model.Yardstick {
		terms.rows = append(terms.rows, []cell{{runs: []run{{text: b.Label(), st: bold}}}, {runs: []run{{text: b.Range, st: st}}}})
	}
	s.drawTable(terms)
	levels := table{head: head("assessment/confidence-label", "assessment/meaning-label"), widths: []float64{w * 0.2, w * 0.8}}
	for _, c := range model.Confidences {
		levels.rows = append(levels.rows, []cell{{runs: []run{{text: string(c.Level), st: bold}}}, {runs: []run{{text: c.Meaning, st: st}}}})
	}
	s.space(paraGap)
	s.drawTable(levels)
}
