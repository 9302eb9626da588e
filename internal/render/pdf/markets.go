package pdf

import (
	"strconv"
	"strings"

	"dossier/internal/model"
	"dossier/internal/orgchart"
)

// markets draws the crime-market chapter: a one-page summary (each market
// of the Global Organized Crime Index with the subject's roles as a matrix, the
// trend in the source's words and the sources), the priority areas the
// data lists beside the Index, the routes as a table and a diagram, then a section per
// market, the criminal actors and the resilience areas. Nothing is scored:
// the sources give no scores.
func (s *doc) markets() error {
	ms := s.d.Markets
	s.chapterStart("Crime markets")
	s.say("markets/intro")
	s.evidenceKey()
	s.overview(ms)
	s.headingText(1, "Markets at a glance", keepLines+20)
	s.marketTable(ms)
	s.priorities(ms)
	s.routes(ms)
	for _, m := range ms.Markets {
		s.market(m)
	}
	s.actorTypes(ms)
	s.resilience(ms)
	return nil
}

// overview draws what the sources say about the subject's place in crime
// at large, beyond any one market, as the site's summary does.
func (s *doc) overview(ms *model.MarketSummary) {
	if len(ms.Overview) == 0 {
		return
	}
	s.headingText(1, model.Capital(s.d.SubjectName())+" at large", keepLines)
	for _, f := range ms.Overview {
		s.item(s.finding(f))
	}
}

// marketTable draws the summary table: market, the four roles as a
// matrix, the trend in the source's own words, and the sources.
func (s *doc) marketTable(ms *model.MarketSummary) {
	st := textStyle{size: 8, color: ink}
	bold, note := st, st
	bold.bold = true
	note.italic, note.color = true, muted
	head := []cell{{runs: []run{{text: "Market", st: bold}}}}
	for _, r := range model.Roles {
		hst := bold
		hst.size = 7.5
		head = append(head, cell{runs: []run{{text: r.Label(), st: hst}}, align: alignCenter})
	}
	head = append(head, cell{runs: []run{{text: "Trend, in the source's words", st: bold}}}, cell{runs: []run{{text: "Sources", st: bold}}})
	t := table{head: head, size: 8}
	group := model.MarketGroup("")
	for _, m := range ms.Markets {
		if g := m.Group(); g != group {
			group = g
			gst := bold
			gst.color = accent
			row := []cell{{runs: []run{{text: g.Label(), st: gst}}}}
			for range len(head) - 1 {
				row = append(row, cell{})
			}
			t.rows = append(t.rows, row)
		}
		name := st
		name.color = linkInk
		row := []cell{{runs: []run{{text: m.Name(), st: name, link: s.marketLink(m.ID)}}}}
		for _, r := range model.Roles {
			f := m.Role(r)
			if f == nil {
				row = append(row, cell{})
				continue
			}
			mst := textStyle{size: 11, color: accent}
			row = append(row, cell{runs: []run{{text: roleMark(f.Evidence()), st: mst, link: s.firstCite(f.Cites)}}, align: alignCenter})
		}
		switch {
		case m.Coverage == model.NotCovered:
			row = append(row, cell{runs: []run{{text: model.NotCovered.Label(), st: note}}}, cell{})
		default:
			var trend []run
			for i, tr := range m.Trends {
				if i > 0 {
					trend = append(trend, run{brk: true})
				}
				trend = append(trend, run{text: "“" + tr.Phrase + "”", st: st, link: s.firstCite(tr.Cites)})
			}
			if len(trend) == 0 {
				trend = []run{{text: "no trend given", st: note}}
			}
			if m.Coverage == model.Mentioned {
				trend = append(trend, run{brk: true}, run{text: model.Mentioned.Label(), st: note})
			}
			var refs []string
			for _, d := range m.Sources() {
				refs = append(refs, d.Ref+"\u00a0"+d.Grade.String())
			}
			row = append(row, cell{runs: trend}, cell{runs: []run{{text: strings.Join(refs, ", "), st: st}}})
		}
		t.rows = append(t.rows, row)
	}
	w := s.right - s.left
	roleW := 17.0
	t.widths = []float64{w * 0.25, roleW, roleW, roleW, roleW, 0, 17}
	t.widths[5] = w - t.widths[0] - 4*roleW - t.widths[6]
	s.space(paraGap)
	s.drawTable(t)
	s.paragraph(keyMarks(s.sayRuns("markets/role-key", textStyle{size: 8.5, color: muted})))
}

// firstCite returns the link to the paragraph of the first resolved
// citation, or nil.
func (s *doc) firstCite(cs []model.Citation) dest {
	for i := range cs {
		c := &cs[i]
		if c.Doc != nil && c.Block != nil && c.Block.Number > 0 {
			return s.paraLink(c.Doc.ID, c.Block.Number)
		}
	}
	return nil
}

// marketLink returns the internal link to a market's section.
func (s *doc) marketLink(id model.MarketID) dest {
	return linkFor(s.dests, s.dests.market, id, marketDest)
}

func marketDest(id model.MarketID) dest { return newDest("market/" + string(id)) }

// priorities sets the priority crime areas the data lists beside the Index's
// markets: where they meet and where they do not.
func (s *doc) priorities(ms *model.MarketSummary) {
	if len(ms.Priorities) == 0 {
		return
	}
	s.headingText(1, s.sayText("markets/priorities-heading"), keepLines+10)
	s.say("markets/priorities-intro")
	st := textStyle{size: 8.5, color: ink}
	bold, note := st, st
	bold.bold = true
	note.italic, note.color = true, muted
	t := table{size: 8.5, head: []cell{
		{runs: []run{{text: s.sayText("markets/priority-area"), st: bold}}},
		{runs: []run{{text: "Meets in the Index", st: bold}}},
		{runs: []run{{text: "Cited", st: bold}}},
	}}
	for _, p := range ms.Priorities {
		var meets []run
		for i, m := range p.Markets {
			if i > 0 {
				meets = append(meets, run{text: ", ", st: st})
			}
			lst := st
			lst.color = linkInk
			meets = append(meets, run{text: m.Name(), st: lst, link: s.marketLink(m.ID)})
		}
		for i, a := range p.ActorTypes {
			if i > 0 || len(p.Markets) > 0 {
				meets = append(meets, run{text: ", ", st: st})
			}
			meets = append(meets, run{text: a.Name() + " (actors)", st: st})
		}
		if !p.Meets() {
			meets = []run{{text: "no Index market", st: note}}
		}
		if p.Note != "" {
			meets = append(meets, run{brk: true}, run{text: p.Note, st: note})
		}
		t.rows = append(t.rows, []cell{
			{runs: []run{{text: p.Name, st: st}}},
			{runs: meets},
			{runs: trimLead(s.citations(p.Cites))},
		})
	}
	w := s.right - s.left
	t.widths = []float64{w * 0.3, w * 0.5, w * 0.2}
	s.drawTable(t)
}

// trimLead drops the space citations starts with.
func trimLead(rs []run) []run {
	if len(rs) > 0 && rs[0].text == " " {
		return rs[1:]
	}
	return rs
}

// routes draws the routes the sources name as a table, numbered, and,
// where the build laid one out, as a diagram of the places they join.
func (s *doc) routes(ms *model.MarketSummary) {
	if len(ms.Routes) == 0 {
		return
	}
	s.headingText(1, "Routes", keepLines+10)
	s.say("markets/routes-intro")
	st := textStyle{size: 8.5, color: ink}
	bold := st
	bold.bold = true
	place := func(p *model.RoutePoint) []run {
		if p == nil {
			return []run{{text: model.Unknown, st: textStyle{size: 8.5, color: muted, italic: true}}}
		}
		if p.Entity != nil {
			return s.nameRuns(p.Entity, st)
		}
		return []run{{text: p.Label(), st: st}}
	}
	t := table{size: 8.5, head: []cell{
		{runs: []run{{text: "No.", st: bold}}},
		{runs: []run{{text: "What moves", st: bold}}},
		{runs: []run{{text: "From", st: bold}}},
		{runs: []run{{text: "Via", st: bold}}},
		{runs: []run{{text: "To", st: bold}}},
		{runs: []run{{text: "Cited", st: bold}}},
	}}
	for i, r := range ms.Routes {
		var via []run
		for i := range r.Via {
			if i > 0 {
				via = append(via, run{text: ", ", st: st})
			}
			via = append(via, place(&r.Via[i])...)
		}
		// The route's note, as on the site: how the analyst read the
		// source, such as where a place on the route is the analyst's
		// reading of it, and the hedge it keeps.
		what := []run{{text: r.What, st: st}}
		if r.Text != "" {
			what = append(what, run{text: typo(" — " + r.Text), st: textStyle{size: 8.5, color: muted}})
		}
		what = append(what, run{brk: true})
		what = append(what, s.evidence(&r.Claim)...)
		from, to := place(r.From), place(r.To)
		if r.BothWays {
			to = append(to, run{text: " (both ways)", st: textStyle{size: 8.5, color: muted}})
		}
		num := []run{{text: strconv.Itoa(i + 1), st: st}}
		t.rows = append(t.rows, []cell{{runs: num}, {runs: what}, {runs: from}, {runs: via}, {runs: to}, {runs: trimLead(s.citations(r.Cites))}})
	}
	w := s.right - s.left
	// What moves is the widest: it holds the route's note too.
	t.widths = []float64{w * 0.06, w * 0.36, w * 0.13, w * 0.14, w * 0.13, w * 0.18}
	s.drawTable(t)
	s.routeDiagram()
}

// routeSize is the size, in points, of the route diagram's text: the
// smallest a figure's text is printed at. The diagram is laid out at it
// (FigureOptions) and drawn at scale 1.
const routeSize = 8

// routeDiagram draws the route diagram package figure laid out, under the
// routes table and on one page: each place once, a box linked to its
// entity (the subject shaded, the unknown ends dashed), the routes as
// arrows labelled with their numbers in the table (dashed where every
// route along an arrow is hedged by its source).
func (s *doc) routeDiagram() {
	fig := s.routeFig
	if fig == nil || len(fig.Places) == 0 {
		return
	}
	h := fig.Height * ptToMM
	caption := s.sayRuns("markets/route-figure", textStyle{size: 9, color: muted})
	capH := float64(len(s.layout(caption, s.right-s.left)))*9*ptToMM*1.4 + 2
	s.headingText(2, "Route diagram", h+capH+2)
	s.ensure(h + capH)
	s.beginLine(s.y)
	x0 := s.left + max(0, (s.right-s.left-fig.Width*ptToMM)/2)
	y0 := s.y
	x := func(v float64) float64 { return x0 + v*ptToMM }
	y := func(v float64) float64 { return y0 + v*ptToMM }
	poly := func(pts []orgchart.Point) {
		if len(pts) < 2 {
			return
		}
		s.f.MoveTo(x(pts[0].X), y(pts[0].Y))
		for _, p := range pts[1:] {
			s.f.LineTo(x(p.X), y(p.Y))
		}
		s.f.DrawPath("D")
	}
	s.f.SetLineWidth(0.3)
	for _, l := range fig.Links {
		s.setDraw(ink)
		if l.Hedged {
			s.setDraw(muted)
			s.f.SetDashPattern([]float64{1.2, 0.8}, 0)
		}
		poly(l.Points)
		s.f.SetDashPattern(nil, 0)
		poly(l.Head)
		poly(l.Tail)
	}
	for _, p := range fig.Places {
		s.setDraw(accent)
		fill := white
		if p.Subject {
			fill = headBack
		}
		s.setFill(fill)
		if p.Unsaid {
			s.f.SetDashPattern([]float64{0.8, 0.6}, 0)
		}
		r := p.Rect
		s.f.Rect(x(r.X), y(r.Y), r.W*ptToMM, r.H*ptToMM, "FD")
		s.f.SetDashPattern(nil, 0)
		for i, l := range p.Lines {
			st := textStyle{size: fig.FontSize, color: ink}
			switch {
			case p.Unsaid:
				st = textStyle{size: fig.FontSize, color: muted, italic: true}
			case i >= p.Name:
				st.color = muted
			}
			// Centre on the measured line: the italic of a stand-in is a
			// little wider than the regular the layout measured.
			t := s.clean(l.Text)
			w := s.measure(st, t)
			s.show(st, x(l.Center())-w/2, y(l.Y), t)
		}
		if p.Entity != nil {
			s.f.LinkToDest(x(r.X), y(r.Y), r.W*ptToMM, r.H*ptToMM, s.entityLink(p.Entity.ID))
			s.seen(p.Entity.ID)
		}
	}
	for _, l := range fig.Links {
		if l.Label.Text == "" {
			continue
		}
		b := l.LabelBox
		s.setFill(white)
		s.f.Rect(x(b.X), y(b.Y), b.W*ptToMM, b.H*ptToMM, "F")
		st := textStyle{size: fig.FontSize, color: ink}
		if l.Hedged {
			st.color = muted
		}
		s.show(st, x(l.Label.X), y(l.Label.Y), s.clean(l.Label.Text))
	}
	s.y += h + 2
	s.flow(caption, 9*ptToMM*1.4, alignLeft)
	s.after = 2
}

// market draws the section of one market: its roles, trends, actors,
// agencies, other findings, routes and the priority areas that meet it.
func (s *doc) market(m *model.Market) {
	s.heading(1, []run{{text: m.Name(), st: headingStyle(1)}}, keepLines, s.marketLink(m.ID))
	small := textStyle{size: 9, color: muted}
	s.space(1)
	s.flow([]run{{text: m.Group().Label() + " · " + m.Coverage.Label(), st: small}}, 9*ptToMM*1.45, alignLeft)
	s.after = paraGap
	if m.Coverage == model.NotCovered {
		s.say("markets/not-covered")
		if m.Note != "" {
			s.paragraph([]run{styled(m.Note, func(st *textStyle) { st.color = muted })})
		}
		return
	}
	if m.Note != "" {
		s.paragraph([]run{styled(m.Note, func(st *textStyle) { st.color = muted; st.italic = true })})
	}
	label := func(t string) run { return run{text: t + ": ", st: textStyle{size: bodySize, color: ink, bold: true}} }
	for _, r := range m.Roles {
		runs := []run{label(r.Role.Label())}
		runs = append(runs, s.finding(r.Finding)...)
		s.item(runs)
	}
	for _, tr := range m.Trends {
		runs := []run{label("Trend"), {text: "“" + tr.Phrase + "”", st: textStyle{size: bodySize, color: ink, italic: true}}}
		if tr.Text != "" {
			runs = append(runs, text(" — "))
		}
		runs = append(runs, s.finding(tr.Finding)...)
		s.item(runs)
	}
	for _, a := range m.Actors {
		runs := []run{label("Actors")}
		if a.Type != nil {
			runs = append(runs, text(a.Type.Name()+" — "))
		}
		if a.Entity != nil {
			runs = append(append(runs, s.nameRuns(a.Entity, body)...), text(" — "))
		}
		runs = append(runs, s.finding(a.Finding)...)
		s.item(runs)
	}
	for _, a := range m.Agencies {
		if a.Entity == nil {
			continue
		}
		runs := append([]run{label("Agency")}, s.nameRuns(a.Entity, body)...)
		if a.Note != "" {
			runs = append(runs, run{text: " — " + a.Note, st: body})
		}
		if a.Assigned() {
			runs = append(runs, run{text: " (assigned by the analyst; no source ties it to this market)", st: textStyle{size: bodySize, color: muted, italic: true}})
		}
		runs = append(runs, s.citations(a.Cites)...)
		s.item(runs)
	}
	for _, f := range m.Findings {
		s.item(s.finding(f))
	}
	for _, r := range m.Routes {
		runs := append([]run{label("Route")}, s.evidence(&r.Claim)...)
		runs = append(runs, text(routeText(r)))
		if r.Text != "" {
			runs = append(runs, text(" — "+r.Text))
		}
		runs = append(runs, s.citations(r.Cites)...)
		s.item(runs)
	}
	for _, p := range m.Priorities {
		runs := []run{label(s.sayText("markets/priority-area")), text(p.Name)}
		runs = append(runs, s.citations(p.Cites)...)
		s.item(runs)
	}
}

// finding returns the runs of a finding: its badge (see evidence), the
// analyst's text and the citations.
func (s *doc) finding(f model.Finding) []run {
	runs := s.evidence(&f.Claim)
	if f.Text != "" {
		runs = append(runs, text(f.Text))
	}
	return append(runs, s.citations(f.Cites)...)
}

// routeText describes a route in words: what moves, then the places from
// its start through the places it passes to its end, "drugs: A → B → C"
// ("A ↔ B" for a route both ways).
func routeText(r *model.Route) string {
	var pts []string
	name := func(p *model.RoutePoint) string {
		if p == nil {
			return model.Unknown
		}
		return p.Label()
	}
	pts = append(pts, name(r.From))
	for i := range r.Via {
		pts = append(pts, name(&r.Via[i]))
	}
	pts = append(pts, name(r.To))
	sep := " → "
	if r.BothWays {
		sep = " ↔ "
	}
	return r.What + ": " + strings.Join(pts, sep)
}

// actorTypes draws what the sources say about each of the Index's types
// of criminal actor.
func (s *doc) actorTypes(ms *model.MarketSummary) {
	s.headingText(1, "Criminal actors", keepLines+10)
	s.say("markets/actors-intro")
	for _, a := range ms.Actors {
		s.heading(2, []run{{text: a.Name(), st: headingStyle(2)}}, keepLines)
		s.coverage(a.Coverage, a.Note, a.Findings, "markets/actor-not-covered")
		if len(a.Markets) > 0 {
			var names []string
			for _, m := range a.Markets {
				names = append(names, m.Name())
			}
			s.paragraph([]run{styled("Active in: "+strings.Join(names, ", ")+".", func(st *textStyle) { st.color = muted })})
		}
	}
}

// resilience draws what the sources say about each of the Index's areas of
// resilience, under the headings of the Index's country profile, in two
// columns.
func (s *doc) resilience(ms *model.MarketSummary) {
	s.headingText(1, "Resilience", keepLines+10)
	s.say("markets/resilience-intro")
	// Twelve short areas, read as a reference is: in two columns.
	s.startColumns(2, glossaryGap, true)
	defer s.endColumns()
	group := model.ResilienceGroup("")
	for _, a := range ms.Resilience {
		if g := a.Group(); g != group {
			group = g
			s.heading(2, []run{{text: g.Label(), st: headingStyle(2)}}, keepLines+8)
		}
		s.heading(3, []run{{text: a.Name(), st: headingStyle(3)}}, keepLines)
		s.coverage(a.Coverage, a.Note, a.Findings, "markets/area-not-covered")
	}
}

// coverage draws the findings about a part of the framework, or says, in
// the words of the snippet notCovered, that the sources do not cover it.
func (s *doc) coverage(c model.Coverage, note string, fs []model.Finding, notCovered string) {
	if c == model.NotCovered {
		s.say(notCovered)
	}
	if note != "" {
		s.paragraph([]run{styled(note, func(st *textStyle) { st.color = muted })})
	}
	for _, f := range fs {
		s.item(s.finding(f))
	}
}
