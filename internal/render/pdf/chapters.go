package pdf

import (
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"

	"dossier/internal/model"
)

// chapter is one section writer of the briefing, in order.
type chapter struct {
	name  string // for errors: "cover", "source S1 (interpol-minsk)"
	write func() error
	annex bool // part of the annexes, after the reading path
	// run names the run of pages the chapter is part of, with the
	// chapters next to it of the same run: one that starts on a page of
	// its own and reads nothing of the notes, which a later build may copy
	// (see runs.go); "" for none.
	run string
	// runKey, when set, returns the rest of the run's name, made when the
	// run starts from what it reads of the parts before it, pages
	// included: such a run is copied only onto the pages it was drawn on.
	runKey func() string
}

// The titles of the annexes. The annex of sources holds the overview of
// the sources, their grades and, each as a chapter of its own that runs on
// after the one before, their texts; the technical annex holds what a
// reader checks rather than reads: files, digests and cleaning reports.
const (
	annexSources    = "Annex A — Sources"
	annexProvenance = "Annex B — Provenance and cleaning"
)

// chapters lists the parts of the briefing in the order they are drawn:
// the front matter (the cover with the assessment, the contents), the
// reading path (the notes, agencies, organisation charts, crime markets,
// the glossary), then the annexes (the sources with their texts, each a
// minor chapter inside the annex of sources; the technical annex) and the
// index.
func (s *doc) chapters() []chapter {
	cs := []chapter{
		{name: "cover", write: s.coverPage},
		{name: "contents", write: s.contents},
	}
	for _, n := range s.d.Notes {
		cs = append(cs, chapter{name: "note " + n.ID, write: func() error { return s.noteChapter(n) }, run: noteRun(n)})
	}
	if s.has(model.Agency, model.Unit) {
		cs = append(cs, chapter{name: "agencies", write: s.agencies, run: runAgencies})
	}
	if len(s.charts) > 0 {
		cs = append(cs, chapter{name: "organisation charts", write: s.orgcharts, run: runCharts})
	}
	if s.d.Markets != nil {
		cs = append(cs, chapter{name: "crime markets", write: s.markets, run: runMarkets})
	}
	if s.has(model.Term, model.Instrument, model.Person, model.Place) {
		cs = append(cs, chapter{name: "glossary", write: s.glossary, run: runGlossary})
	}
	cs = append(cs, chapter{name: "sources overview", write: s.sources, annex: true, run: runSources})
	for _, d := range s.d.Documents {
		cs = append(cs, chapter{name: fmt.Sprintf("source %s (%s)", d.Ref, d.ID), write: func() error { return s.document(d) }, annex: true, run: runSources})
	}
	if len(s.d.Documents) > 0 {
		cs = append(cs, chapter{name: "provenance annex", write: s.provenanceAnnex, annex: true, run: runProvenance})
	}
	if len(s.d.Entities) > 0 {
		cs = append(cs, chapter{name: "index", write: s.index, run: runIndex, runKey: s.indexKey})
	}
	return cs
}

// dateOf formats a time as a date, or "unknown" for the zero time.
func dateOf(d *model.Dossier) string {
	if d.Built.IsZero() {
		return model.Unknown
	}
	t := d.Built.UTC()
	return model.Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}.Long()
}

// coverSources is how many sources the cover lists at most, in the order
// of their references: as many as leave the cover one page with a long
// title and every fact. The annex of sources lists them all.
const coverSources = 15

// coverPage draws the cover: the marking at the top and the bottom, the title
// and subtitle, the dates, and the sources with their grades (the first
// coverSources, and a line leading to the others). A dossier with
// an assessment has it on the cover instead of the sources (see assessment),
// so that page 1 says what the reader most needs; what changed since the
// previous edition stands with it, or, without one, on the page after the
// cover.
func (s *doc) coverPage() error {
	set := s.d.Settings
	s.onCover = true
	s.newPage()
	s.f.Bookmark(firstNonEmpty(set.Title, "Cover"), 0, 0)
	s.markingBox(s.pageW/2, 12, 11)
	width := s.right - s.left
	a := s.d.Assessment
	if a != nil {
		// Page 1 carries the bottom line: a slimmer title block, and
		// the marking at the foot drawn now, as the assessment may run on.
		s.markingBox(s.pageW/2, s.pageH-20, 11)
		s.coverLast = s.f.PageNo()
	}

	s.y = 58
	if a != nil {
		s.y = 30
	}
	s.beginLine(s.y)
	s.setFill(accent)
	s.f.Rect(s.left, s.y, 18, 1.6, "F")
	s.y += 9
	title := textStyle{bold: true, size: 26, color: accent}
	if a != nil {
		title.size = 22
	}
	for _, ln := range s.layout([]run{{text: set.Title, st: title}}, width) {
		s.drawLine(ln, s.left, s.y, width, title.sizeMM()*1.2, alignLeft)
		s.y += title.sizeMM() * 1.2
	}
	if set.Subtitle != "" {
		s.y += 4
		sub := textStyle{size: 13, color: muted}
		for _, ln := range s.layout([]run{{text: set.Subtitle, st: sub}}, width) {
			s.drawLine(ln, s.left, s.y, width, sub.sizeMM()*1.4, alignLeft)
			s.y += sub.sizeMM() * 1.4
		}
	}

	s.y += 12
	cutoff := model.Unknown
	if !set.Cutoff.IsZero() {
		cutoff = set.Cutoff.Long()
	}
	label := textStyle{size: 9, color: muted, bold: true}
	var facts [][2]string
	if set.Author != "" {
		facts = append(facts, [2]string{"Prepared by", set.Author})
	}
	facts = append(facts, [2]string{"Handling", firstNonEmpty(set.Marking, "none given")})
	if set.Edition != "" {
		ed := set.Edition
		if !set.EditionDate.IsZero() {
			ed += ", " + set.EditionDate.Long()
		}
		facts = append(facts, [2]string{"Edition", ed})
	}
	facts = append(facts, [2]string{"Information cut-off", cutoff}, [2]string{"Built", dateOf(s.d)})
	for _, kv := range facts {
		ln := s.layout([]run{{text: kv[1], st: body}}, width-42)
		s.drawLine(line{frags: []frag{{run: &run{st: label}, text: kv[0], w: s.measure(label, kv[0])}}}, s.left, s.y, 40, bodyLH, alignLeft)
		for _, l := range ln {
			s.drawLine(l, s.left+42, s.y, width-42, bodyLH, alignLeft)
			s.y += bodyLH
		}
		s.y += 0.8
	}

	if a != nil {
		// The pages the assessment runs on have the running header
		// and footer; the marking of page 1 is drawn already.
		s.onCover = false
		return s.assessment(a)
	}

	if len(s.d.Documents) > 0 {
		s.y += 10
		s.beginLine(s.y)
		s.setFont(textStyle{bold: true, size: 11, color: ink})
		s.f.Text(s.left, s.y+4, "Sources")
		s.y += 5
		t := table{size: 8.8}
		head := textStyle{bold: true, size: 8.8, color: ink}
		t.head = []cell{{runs: []run{{text: "Ref", st: head}}}, {runs: []run{{text: "Title", st: head}}}, {runs: []run{{text: "Publisher", st: head}}}, {runs: []run{{text: "Date", st: head}}}, {runs: []run{{text: "Grade", st: head}}, align: alignCenter}}
		cst := textStyle{size: 8.8, color: ink}
		listed := s.d.Documents[:min(len(s.d.Documents), coverSources)]
		for _, d := range listed {
			ref := cst
			ref.bold = true
			t.rows = append(t.rows, []cell{
				{runs: []run{{text: d.Ref, st: ref, link: s.docLink(d.ID)}}},
				{runs: []run{{text: d.Title, st: cst, link: s.docLink(d.ID)}}},
				{runs: []run{{text: firstNonEmpty(d.Publisher, model.Unknown), st: cst}}},
				{runs: []run{{text: d.DateText(), st: cst}}},
				{runs: []run{{text: d.Grade.String(), st: ref}}, align: alignCenter},
			})
		}
		s.after = 0
		s.drawTable(t)
		if rest := s.d.Documents[len(listed):]; len(rest) > 0 {
			// The others are in the annex of sources, where the line
			// leads: a cover is a page, whatever the dossier's size.
			s.y += 2
			var more string
			switch first, last := rest[0].Ref, rest[len(rest)-1].Ref; len(rest) {
			case 1:
				more = first + ", one more source, is listed in the annex of sources."
			case 2:
				more = first + " and " + last + ", two more sources, are listed in the annex of sources."
			default:
				more = fmt.Sprintf("%s–%s, %s more sources, are listed in the annex of sources.", first, last, model.NumberWords(len(rest)))
			}
			for _, ln := range s.layout([]run{{text: more, st: cst, link: s.docLink(rest[0].ID)}}, width) {
				s.drawLine(ln, s.left, s.y, width, bodyLH, alignLeft)
				s.y += bodyLH
			}
		}
	}
	s.markingBox(s.pageW/2, s.pageH-20, 11)
	s.coverLast = s.f.PageNo()
	if s.d.Changes != nil {
		// Without an assessment to stand with, what changed since the
		// previous edition has a page of its own before the contents.
		// It is no part of the contents, which list what comes after
		// them; the outline leads to it.
		s.onCover = false
		s.chapter = s.sayText("changes/heading") + " " + s.d.Changes.Since
		s.newPage()
		s.f.Bookmark(s.chapter, 0, 0)
		s.y += 8
		s.drawTitle(s.chapter)
		s.changeList()
	}
	return nil
}

// firstNonEmpty returns the first of its arguments that is not empty.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// contents draws the table of contents from the headings the previous
// pass found (see listed for which): chapters in bold, sections indented,
// dot leaders, page numbers at the right, each entry a link to its heading.
// It then fills the pages the previous pass reserved, so that everything
// after starts where that pass said it would.
func (s *doc) contents() error {
	s.chapter = "Contents"
	s.onCover = false
	s.newPage()
	start := s.f.PageNo()
	s.tocStart = start
	s.f.Bookmark("Contents", 0, marginTop)
	s.lastOutline = 0
	s.contentsTitle()

	listed := s.listed(s.plan.entries)
	s.tocLinks = make([]dest, len(s.plan.entries))
	for i, e := range s.plan.entries {
		if !listed[i] {
			continue
		}
		s.tocLinks[i] = newDest("toc/" + strconv.Itoa(i))
		next := -1
		for j := i + 1; j < len(s.plan.entries); j++ {
			if listed[j] {
				next = s.plan.entries[j].Level
				break
			}
		}
		s.tocEntry(e, s.tocLinks[i], next > e.Level)
	}
	s.tocPages = s.f.PageNo() - start + 1
	for s.f.PageNo()-start+1 < s.plan.tocPages {
		s.newPage()
	}
	return nil
}

// contentsTitle sets the title of the contents at the top of their first
// page.
func (s *doc) contentsTitle() {
	st := headingStyle(0)
	lh := st.sizeMM() * 1.25
	s.y += 8
	s.beginLine(s.y)
	s.setFont(st)
	s.f.Text(s.left, s.y+lh/2+0.34*st.sizeMM(), "Contents")
	s.y += lh + 2
	s.setDraw(accent)
	s.f.SetLineWidth(0.5)
	s.f.Line(s.left, s.y, s.right, s.y)
	s.y += 1
	s.after = 6
}

// tocMaxPages is the most pages the contents may take.
const tocMaxPages = 2

// listed chooses the entries of the contents: every chapter, and the
// sections (first-level headings) of the chapters of the reading path;
// the annexes are listed by their chapters and the minor chapters in them
// (the sources' texts) alone (the outline has every heading). Where that
// takes more than tocMaxPages, the chapter with the most sections listed
// loses them, then the next, until the contents fit; the sources' texts
// count as the sections of the annex of sources, so that a dossier of a
// thousand sources does not have twenty-five pages of contents.
func (s *doc) listed(entries []tocEntry) []bool {
	out := make([]bool, len(entries))
	sections := map[int]int{} // sections listed, by the index of their chapter
	chapter := -1
	for i, e := range entries {
		switch {
		case e.Level == 0:
			out[i], chapter = true, i
		case e.Level == 1 && e.Part:
			out[i] = true // a source's text in the annex of sources
			if chapter >= 0 {
				sections[chapter]++
			}
		case e.Level == 1 && !e.Annex && chapter >= 0:
			out[i] = true
			sections[chapter]++
		}
	}
	lines := s.tocLines(entries, out) // each entry's, counted once for every weighing
	for s.tocPagesOf(entries, out, lines) > tocMaxPages {
		most := -1
		for c, n := range sections {
			if n > 0 && (most < 0 || n > sections[most] || n == sections[most] && c < most) {
				most = c
			}
		}
		if most < 0 {
			break
		}
		for j := most + 1; j < len(entries) && entries[j].Level > 0; j++ {
			out[j] = false
		}
		sections[most] = 0
	}
	return out
}

// tocHeight returns how many pages the contents take with the entries
// chosen, laid out as tocEntry sets them.
func (s *doc) tocHeight(entries []tocEntry, chosen []bool) int {
	return s.tocPagesOf(entries, chosen, s.tocLines(entries, chosen))
}

// tocLines returns the number of lines the title of each entry chosen
// takes in the contents (0 for the others).
func (s *doc) tocLines(entries []tocEntry, chosen []bool) []int {
	lines := make([]int, len(entries))
	for i, e := range entries {
		if chosen[i] {
			st, _ := tocStyle(e.Level)
			lines[i] = s.lineCount(e.Title, st, s.tocTitleWidth(e.Level))
		}
	}
	return lines
}

// tocPagesOf is tocHeight with the lines of each entry's title (tocLines),
// for entries chosen from those lines were counted for.
func (s *doc) tocPagesOf(entries []tocEntry, chosen []bool, lines []int) int {
	top := marginTop
	y := top + 8 + headingStyle(0).sizeMM()*1.25 + 3
	after := 6.0
	pages := 1
	for i, e := range entries {
		if !chosen[i] {
			continue
		}
		st, gap := tocStyle(e.Level)
		lh := st.sizeMM() * 1.45
		h := float64(lines[i]) * lh
		need := h
		for j := i + 1; j < len(entries); j++ {
			if chosen[j] {
				if entries[j].Level > e.Level {
					need += body.sizeMM() * 1.45
				}
				break
			}
		}
		if y > top {
			y += max(gap, after)
		}
		if y+need > s.bottom+eps {
			pages++
			y = top
		}
		y += h
		after = gap
	}
	return pages
}

// tocStyle is the style of a contents entry of a level and the gap above
// it.
func tocStyle(level int) (textStyle, float64) {
	if level == 0 {
		st := body
		st.bold, st.size = true, 10.5
		return st, 3.4
	}
	return body, 0.7
}

// tocTitleWidth is the width the title of a contents entry of a level may
// take, short of the leaders and the page number, and of the hanging
// indent of its lines after the first.
func (s *doc) tocTitleWidth(level int) float64 {
	return s.right - (s.left + float64(level)*tocIndent) - tocNumW - 6 - tocHang
}

// Contents metrics, in millimetres.
const (
	tocNumW   = 11.0 // column of page numbers
	tocIndent = 7.0  // per level
	tocDot    = 2.2  // distance between leader dots
	tocHang   = 4.0  // indent of a long title's second line and after
)

// tocEntry draws one line (or more, for a long title) of the contents.
// keep keeps a chapter entry on the same page as its first section.
func (s *doc) tocEntry(e tocEntry, link dest, keep bool) {
	st, gap := tocStyle(e.Level)
	lh := st.sizeMM() * 1.45
	x0 := s.left + float64(e.Level)*tocIndent
	titleW := s.tocTitleWidth(e.Level)
	lines := s.layout([]run{{text: e.Title, st: st}}, titleW)
	h := float64(len(lines)) * lh
	s.space(gap)
	need := h
	if keep {
		need += body.sizeMM() * 1.45
	}
	s.ensure(need)
	top := s.y
	for i, ln := range lines {
		s.beginLine(s.y)
		x := x0
		if i > 0 {
			x += tocHang // a long title hangs under its first line
		}
		base := s.drawLine(ln, x, s.y, titleW, lh, alignLeft)
		if i == len(lines)-1 {
			s.leaders(x+ln.w+1.5, s.right-tocNumW+1, base)
			num := fmt.Sprint(e.Page)
			s.setFont(st)
			s.f.Text(s.right-s.measure(st, num), base, num)
		}
		s.advance(lh)
	}
	if link != nil {
		s.f.LinkToDest(s.left, top, s.right-s.left, h, link)
	}
	s.after = gap
}

// leaders draws dot leaders between from and to on a grid shared by all
// entries, so that the dots line up down the page.
func (s *doc) leaders(from, to, baseline float64) {
	st := textStyle{size: 9, color: faint}
	s.setFont(st)
	dot := s.measure(st, ".")
	x := s.left + math.Ceil((from-s.left)/tocDot)*tocDot
	for ; x+dot <= to; x += tocDot {
		s.f.Text(x, baseline, ".")
	}
}

// sources draws the overview of the sources: a table of the documents and
// their grades, and the grading scale.
func (s *doc) sources() error {
	s.chapterStart(annexSources)
	s.say("sources/intro")
	if len(s.d.Documents) > 0 {
		st := textStyle{size: tableSize, color: ink}
		bold, note := st, st
		bold.bold = true
		note.color = muted
		t := table{head: []cell{
			{runs: []run{{text: "Ref", st: bold}}},
			{runs: []run{{text: "Document", st: bold}}},
			{runs: []run{{text: "Grade", st: bold}}},
		}}
		for _, d := range s.d.Documents {
			langs := strings.Join(append([]string{firstNonEmpty(d.Language, model.Unknown)}, d.Languages...), ", ")
			t.rows = append(t.rows, []cell{
				{runs: []run{{text: d.Ref, st: bold, link: s.docLink(d.ID)}}},
				{runs: []run{
					{text: d.Title, st: st, link: s.docLink(d.ID)}, {brk: true},
					{text: firstNonEmpty(d.Publisher, model.Unknown), st: note}, {brk: true},
					{text: d.PublisherKind.Label() + " · language " + langs, st: note}, {brk: true},
					{text: "Date: " + d.DateText(), st: note},
				}},
				// The reason for the grade is with the source's text, in
				// its metadata: said once. A copy is said here too, as it
				// bears on every comparison of the sources.
				{runs: append([]run{
					{text: d.Grade.String(), st: bold}, {brk: true},
					{text: d.Grade.ReliabilityText() + "; " + strings.ToLower(d.Grade.CredibilityText()), st: note},
				}, s.copyRuns(d, note)...)},
			})
		}
		w := s.right - s.left
		t.widths = []float64{11, 0, 78}
		t.widths[1] = w - t.widths[0] - t.widths[2]
		s.drawTable(t)
	}

	s.headingText(1, "Grading scale", keepLines)
	s.say("sources/grading")
	st := textStyle{size: tableSize, color: ink}
	bold := st
	bold.bold = true
	t := table{head: []cell{
		{runs: []run{{text: "Reliability of the source", st: bold}}},
		{runs: []run{{text: "Credibility of the information", st: bold}}},
	}}
	for i := 0; i < max(len(model.Reliabilities), len(model.Credibilities)); i++ {
		var row []cell
		if i < len(model.Reliabilities) {
			row = append(row, cell{runs: []run{{text: string(rune('A' + i)), st: bold}, {text: "  " + model.Reliabilities[i], st: st}}})
		} else {
			row = append(row, cell{})
		}
		if i < len(model.Credibilities) {
			row = append(row, cell{runs: []run{{text: fmt.Sprint(i + 1), st: bold}, {text: "  " + model.Credibilities[i], st: st}}})
		}
		t.rows = append(t.rows, row)
	}
	w := s.right - s.left
	t.widths = []float64{w / 2, w / 2}
	s.drawTable(t)
	return nil
}

// plural picks the singular or plural form for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// document draws the chapter of one primary source in the annex of
// sources: its metadata and its cleaned text with numbered paragraphs. Its
// file, digest and what cleaning removed are in the technical annex
// (provenanceAnnex). A source runs on after the one before when the page
// has room.
func (s *doc) document(d *model.Document) error {
	// The title keeps with the description and what of the table of
	// metadata must start on one page (laidTable.need): the gap under the
	// title, the description's lines, the table's gap and rows.
	var desc []run
	keep := titleAfter
	if d.Description != "" {
		desc = []run{styled(d.Description, func(st *textStyle) { st.italic = true; st.color = muted })}
		keep += float64(len(s.layout(desc, s.right-s.left)))*bodyLH + tableGap
	}
	fields := s.layoutTable(s.fieldTable(s.metadata(d)))
	if fields != nil {
		keep += fields.need + 1
	}
	s.partStart(d.Ref+" — "+d.Title, keep, s.docLink(d.ID))
	if desc != nil {
		s.paragraph(desc)
	}
	if fields != nil {
		s.drawLaidTable(fields)
	}

	prevItem := false
	for i := range d.Blocks {
		b := &d.Blocks[i]
		switch b.Kind {
		case model.Heading:
			keep := keepLines
			if i+1 < len(d.Blocks) && d.Blocks[i+1].Kind == model.Heading {
				// A heading followed by another stays with it and its text.
				nl := min(max(d.Blocks[i+1].Level, 1)+1, 3)
				keep = s.headingHeight(nl, []run{{text: d.HeadingTitle(&d.Blocks[i+1]), st: headingStyle(nl)}}) + keepLines
			}
			// The source's own headings sit under its title, a level down.
			s.headingText(min(max(b.Level, 1)+1, 3), d.HeadingTitle(b), keep)
		case model.Paragraph, model.ListItem:
			s.numbered(d, b, prevItem)
		}
		prevItem = b.Kind == model.ListItem
	}
	return nil
}

// provenanceLink is the internal link to a document's record in the
// technical annex.
func (s *doc) provenanceLink(id string) dest {
	return linkFor(s.dests, s.dests.anchor, "#provenance-"+id, anchorDest)
}

// provenanceAnnex draws the technical annex: for each source, the files it
// is kept in, the digest the build checks it against, the extent of the
// cleaned text and what cleaning removed, each passage with its lines, rule
// and reason. The metadata file as written (with its cleaning rules) is on
// the source's page of the site, which the annex names; the briefing does
// not print it.
func (s *doc) provenanceAnnex() error {
	s.chapterStart(annexProvenance)
	s.say("annex/provenance")
	for _, d := range s.d.Documents {
		s.heading(1, []run{{text: d.Ref + " — " + d.Title, st: headingStyle(1)}}, keepLines+6*9*ptToMM*1.4, s.provenanceLink(d.ID))
		s.fields(s.record(d))
	}
	return nil
}

// record lists the technical record of a document for the annex.
func (s *doc) record(d *model.Document) [][2][]run {
	st := textStyle{size: 9, color: ink}
	label := textStyle{size: 9, color: muted, bold: true}
	mono := st
	mono.mono, mono.size = true, 8.2
	unknown := st
	unknown.italic, unknown.color = true, muted
	file := func(path string, more string) []run {
		if path == "" {
			return []run{{text: model.Unknown, st: unknown}}
		}
		out := []run{{text: path, st: mono, code: true}}
		if more != "" {
			out = append(out, run{text: more, st: st})
		}
		return out
	}
	var text string
	if d.Lines > 0 {
		text = fmt.Sprintf(", %d lines", d.Lines)
	}
	if d.Encoding != "" {
		text += ", encoded " + d.Encoding
	}
	if d.OriginFile != "" && d.OriginFile != path.Base(d.TextPath) {
		text += "; delivered as " + d.OriginFile
	}
	digest := []run{{text: model.Unknown, st: unknown}}
	if d.SHA256 != "" {
		digest = []run{{text: d.SHA256, st: mono, code: true}}
	}
	page := "sources/" + d.ID + ".html"
	site := []run{styled("On the site, the source's page ", func(t *textStyle) { *t = st }), {text: page, st: mono, code: true}}
	if base := s.d.Settings.BaseURL; base != "" {
		u := st
		u.color = linkInk
		site = []run{styled("On the site: ", func(t *textStyle) { *t = st }), {text: base + page, st: u, url: base + page}}
	}
	site = append(site, styled(" prints the metadata file as written, with its cleaning rules.", func(t *textStyle) { *t = st }))
	rows := [][2][]run{
		{{{text: "Verbatim text", st: label}}, file(d.TextPath, text)},
		{{{text: "Metadata", st: label}}, file(d.MetaPath, "")},
		{{{text: "SHA-256", st: label}}, digest},
		{{{text: "Cleaned text", st: label}}, {{text: fmt.Sprintf("%d numbered %s", d.Paragraphs(), plural(d.Paragraphs(), "paragraph", "paragraphs")), st: st}}},
		{{{text: "Removed in cleaning", st: label}}, s.removed(d, st)},
		{{{text: "Full record", st: label}}, site},
	}
	return rows
}

// removed lists what cleaning removed from a document, each rule's
// removals for one reason on lines of their own (see removals): where they
// were, the rule and its reason, and the text, shortened.
func (s *doc) removed(d *model.Document, st textStyle) []run {
	if len(d.Dropped) == 0 {
		return s.sayRuns("source/removed-none", st)
	}
	b, m, q := st, st, st
	b.bold = true
	m.mono, m.size = true, 8.2
	q.italic, q.color = true, muted
	var out []run
	for i, r := range removals(d.Dropped) {
		if i > 0 {
			out = append(out, run{brk: true})
		}
		out = append(out,
			run{text: r.where(), st: b}, run{text: " · rule ", st: st}, run{text: r.rule, st: m, code: true},
			run{text: ": " + typo(r.why), st: st})
		if len(r.texts) == 0 {
			continue
		}
		out = append(out, run{brk: true})
		for j, t := range r.texts {
			if j > 0 {
				out = append(out, run{text: ", ", st: q})
			}
			out = append(out, run{text: "“" + shorten(t, 160/len(r.texts)) + "”", st: q})
		}
		if n := r.distinct - len(r.texts); n > 0 {
			out = append(out, run{text: fmt.Sprintf(" and %d %s", n, plural(n, "other", "others")), st: q})
		}
	}
	return out
}

// removal is what one rule removed for one reason: a drop rule with a
// pattern or a line that recurs (page numbers, a running head) removes
// many lines, which the briefing lists as one entry, not one per line.
type removal struct {
	rule, why string
	spans     [][2]int // first and last line of each passage, in order
	lines     int      // lines removed, in all
	texts     []string // the first few distinct texts, whitespace none
	distinct  int      // distinct texts, in all
}

// maxTexts and maxSpans are how many texts and places an entry of the
// list of removals shows before it counts the rest.
const maxTexts, maxSpans = 3, 4

// removals groups drops by rule and reason, in the order of each group's
// first passage.
func removals(drops []model.Drop) []*removal {
	var out []*removal
	at := map[[2]string]*removal{}
	seen := map[[2]string]map[string]bool{}
	for _, dr := range drops {
		k := [2]string{dr.Rule, dr.Why}
		r := at[k]
		if r == nil {
			r = &removal{rule: dr.Rule, why: dr.Why}
			at[k], seen[k] = r, map[string]bool{}
			out = append(out, r)
		}
		r.spans = append(r.spans, [2]int{dr.Line, dr.EndLine})
		r.lines += dr.EndLine - dr.Line + 1
		if !dr.Blank && !seen[k][dr.Text] {
			seen[k][dr.Text] = true
			r.distinct++
			if len(r.texts) < maxTexts {
				r.texts = append(r.texts, dr.Text)
			}
		}
	}
	return out
}

// where says where r's passages were: "Line 4", "Lines 90–100", "Lines
// 2–4, 6–8 and 10–41 (38 lines)", "Lines 6, 52, 98, 144 and 36 more (40
// lines)".
func (r *removal) where() string {
	span := func(s [2]int) string {
		if s[1] > s[0] {
			return fmt.Sprintf("%d–%d", s[0], s[1])
		}
		return strconv.Itoa(s[0])
	}
	if len(r.spans) == 1 {
		if r.lines == 1 {
			return "Line " + span(r.spans[0])
		}
		return "Lines " + span(r.spans[0])
	}
	var parts []string
	for _, s := range r.spans[:min(len(r.spans), maxSpans)] {
		parts = append(parts, span(s))
	}
	list := strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	if n := len(r.spans) - maxSpans; n > 0 {
		list = strings.Join(parts, ", ") + fmt.Sprintf(" and %d more", n)
	}
	return fmt.Sprintf("Lines %s (%d lines)", list, r.lines)
}

// metadata lists the fields of a document's metadata block. Unknown values
// are shown as unknown, never left blank.
func (s *doc) metadata(d *model.Document) [][2][]run {
	st := textStyle{size: 9, color: ink}
	label := textStyle{size: 9, color: muted, bold: true}
	unknown := st
	unknown.italic, unknown.color = true, muted
	value := func(v string) []run {
		if v == "" || v == model.Unknown || v == model.NotStated {
			return []run{{text: model.NotStated, st: unknown}}
		}
		return []run{{text: v, st: st}}
	}
	maybe := func(m model.Maybe) []run { return value(string(m)) }
	url := maybe(d.URL)
	if d.URL.Known() && (strings.HasPrefix(string(d.URL), "http://") || strings.HasPrefix(string(d.URL), "https://")) {
		u := st
		u.color = linkInk
		url = []run{{text: string(d.URL), st: u, url: string(d.URL)}}
	}
	langs := value(d.Language)
	if len(d.Languages) > 0 {
		langs = append(langs, run{text: "; also " + strings.Join(d.Languages, ", "), st: st})
	}
	grade := []run{
		{text: d.Grade.String(), st: textStyle{size: 9, color: ink, bold: true}},
		{text: " — source: " + strings.ToLower(d.Grade.ReliabilityText()) + "; information: " + strings.ToLower(d.Grade.CredibilityText()), st: st},
	}
	if d.Grade.Reason != "" {
		grade = append(grade, run{brk: true}, run{text: d.Grade.Reason, st: st})
	}
	link := st
	link.color = linkInk
	extent := fmt.Sprintf("%d numbered paragraphs", d.Paragraphs())
	if d.Lines > 0 {
		extent = fmt.Sprintf("%d lines captured; %s", d.Lines, extent)
	}
	rows := []struct {
		label string
		value []run
	}{
		{"Publisher", value(d.Publisher)},
		{"Publisher kind", value(d.PublisherKind.Label())},
		{"Language", langs},
		{"Author", maybe(d.Author)},
		{"Published", s.dateRuns(d, st, value)},
		{"URL", url},
		{"Captured as", value(d.Captured)},
		{"Extent", value(extent)},
		{"Grade", grade},
		{"Provenance", []run{
			{text: "File, digest and what cleaning removed: ", st: st},
			{text: annexProvenance, st: link, link: s.provenanceLink(d.ID)},
		}},
	}
	if copies := s.copyRuns(d, st); len(copies) > 0 {
		rows = append(rows, struct {
			label string
			value []run
		}{"Repeats", copies[1:]})
	}
	out := make([][2][]run, len(rows))
	for i, r := range rows {
		out[i] = [2][]run{{{text: r.label, st: label}}, r.value}
	}
	return out
}

// dateRuns is a document's date in its metadata: the date as published,
// or the estimate, marked, with its basis and the passages it cites.
func (s *doc) dateRuns(d *model.Document, st textStyle, value func(string) []run) []run {
	if d.Dated == nil {
		return value(string(d.Published))
	}
	out := []run{{text: d.DateText(), st: st}, {brk: true}, {text: "Estimated from the text's own evidence: " + d.Dated.Basis + ".", st: st}}
	return append(out, s.citations(d.Dated.Cites)...)
}

// copyRuns says which passages of other sources d repeats word for word,
// and which of its passages others repeat, each on a line of its own
// (starting with a break); nil when there are none.
func (s *doc) copyRuns(d *model.Document, st textStyle) []run {
	var out []run
	for _, c := range d.Copies {
		if c.Own != nil && c.Of.Doc != nil && c.Of.Block != nil {
			out = append(out, run{brk: true}, run{text: d.Ref + "\u00a0" + c.Own.Label() + " repeats " + unbroken(c.Of.Label()) + " word for word: one source, not corroboration.", st: st, link: s.paraLink(c.Of.Doc.ID, c.Of.Block.Number)})
		}
	}
	for _, other := range s.d.Documents {
		for _, c := range other.Copies {
			if c.Of.Doc == d && c.Own != nil && c.Of.Block != nil {
				out = append(out, run{brk: true}, run{text: other.Ref + "\u00a0" + c.Own.Label() + " repeats " + unbroken(c.Of.Label()) + " word for word: one source, not corroboration.", st: st, link: s.paraLink(other.ID, c.Own.Number)})
			}
		}
	}
	return out
}

// sourceText is the style of a source's text in the annex of sources: a
// size smaller than the briefing's own text, as documents reproduced in an
// annex are set, and sourceLH its line height.
var sourceText = textStyle{size: 8.8, color: ink}

const sourceLH = 8.8 * ptToMM * 1.42

// sourceGap is the space between two paragraphs of a source's text: under
// half a line, as the type is smaller.
const sourceGap = 1.8

// numbered draws a paragraph or list item of a source with its number in
// the left margin, and points the paragraph's link at it.
func (s *doc) numbered(d *model.Document, b *model.Block, prevItem bool) {
	gap := sourceGap
	if b.Kind == model.ListItem && prevItem {
		gap = 1.2
	}
	s.space(gap)
	if b.Number > 0 {
		s.markers = append(s.markers, marker{text: b.Label(), st: textStyle{size: 7, color: faint}, right: s.left - 3})
		s.pendingLinks = append(s.pendingLinks, s.paraLink(d.ID, b.Number))
	}
	runs := mentionRuns(b, sourceText)
	if b.Kind == model.ListItem {
		s.markers = append(s.markers, marker{text: "•", st: textStyle{size: sourceText.size, color: muted}, right: s.left + 3.5})
		s.left += 5.5
		s.flow(runs, sourceLH, alignJustify)
		s.left -= 5.5 // by difference: a column break moves the column
	} else {
		s.flow(runs, sourceLH, alignJustify)
	}
	s.after = sourceGap
}
