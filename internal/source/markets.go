package source

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// MarketsFile holds the analyst's crime-market summary: what the sources say
// about the Global Organized Crime Index's markets, actor types and
// resilience areas, the priority crime areas a source lists beside them and
// the routes the sources name. It is optional.
const MarketsFile = "markets.yaml"

type marketsFile struct {
	Overview   []findingFile   `yaml:"overview"`
	Markets    []marketFile    `yaml:"markets"`
	Actors     []actorTypeFile `yaml:"actors"`
	Resilience []areaFile      `yaml:"resilience"`
	Priorities []priorityFile  `yaml:"priorities"`
	Routes     []routeFile     `yaml:"routes"`
}

type findingFile struct {
	Text       at[string] `yaml:"text"`
	Hedge      at[string] `yaml:"hedge"`
	Allegation at[bool]   `yaml:"allegation"`
	Cites      []citeFile `yaml:"cites"`
}

type marketFile struct {
	ID       at[string]    `yaml:"id"`
	Coverage at[string]    `yaml:"coverage"`
	Note     at[string]    `yaml:"note"`
	Roles    []roleFile    `yaml:"roles"`
	Trends   []trendFile   `yaml:"trends"`
	Actors   []actorFile   `yaml:"actors"`
	Agencies []agencyFile  `yaml:"agencies"`
	Findings []findingFile `yaml:"findings"`
}

type roleFile struct {
	Role        at[string] `yaml:"role"`
	findingFile `yaml:",inline"`
}

type trendFile struct {
	Phrase      at[string] `yaml:"phrase"`
	findingFile `yaml:",inline"`
}

type actorFile struct {
	Type        at[string] `yaml:"type"`
	Entity      at[string] `yaml:"entity"`
	findingFile `yaml:",inline"`
}

type agencyFile struct {
	Agency   at[string] `yaml:"agency"`
	Assigned at[bool]   `yaml:"assigned"`
	Note     at[string] `yaml:"note"`
	Cites    []citeFile `yaml:"cites"`
}

type actorTypeFile struct {
	ID       at[string]    `yaml:"id"`
	Coverage at[string]    `yaml:"coverage"`
	Entity   at[string]    `yaml:"entity"`
	Note     at[string]    `yaml:"note"`
	Findings []findingFile `yaml:"findings"`
}

type areaFile struct {
	ID       at[string]    `yaml:"id"`
	Coverage at[string]    `yaml:"coverage"`
	Note     at[string]    `yaml:"note"`
	Findings []findingFile `yaml:"findings"`
}

type priorityFile struct {
	ID      at[string]   `yaml:"id"`
	Name    at[string]   `yaml:"name"`
	Markets []at[string] `yaml:"markets"`
	Actors  []at[string] `yaml:"actors"`
	Note    at[string]   `yaml:"note"`
	Cites   []citeFile   `yaml:"cites"`
}

type routeFile struct {
	What        at[string]   `yaml:"what"`
	Markets     []at[string] `yaml:"markets"`
	From        *pointFile   `yaml:"from"`
	Via         []pointFile  `yaml:"via"`
	To          *pointFile   `yaml:"to"`
	BothWays    at[bool]     `yaml:"both_ways"`
	findingFile `yaml:",inline"`
}

// pointFile is a place on a route: an entity id, or {name: …} for a place
// that no entity stands for.
type pointFile struct {
	ID, Name string
	Line     int
	Bad      string // what is wrong with its form, if anything
}

func (p *pointFile) UnmarshalYAML(n *yaml.Node) error {
	p.Line = n.Line
	switch {
	case n.Kind == yaml.ScalarNode:
		p.ID = strings.TrimSpace(n.Value)
	case n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Value == "name" && n.Content[1].Kind == yaml.ScalarNode:
		p.Name = strings.TrimSpace(n.Content[1].Value)
	default:
		p.Bad = "a place is an entity id, or {name: …} for a place no entity stands for"
	}
	return nil
}

// subjectName is the name messages give the subject of d: the name of the
// entity the settings name, as loaded (the resolve stage checks the id), or
// "the subject".
func subjectName(d *model.Dossier) string {
	for _, e := range d.Entities {
		if e.ID == d.Settings.Subject && e.Name != "" {
			return e.Name
		}
	}
	return "the subject"
}

// markets loads the markets file, if there is one. Parts of the Index's
// framework that the file does not list are kept, as not covered. subject
// is the name messages give the dossier's subject.
func (l *loader) markets(subject string) (*model.MarketSummary, error) {
	data, err := l.readData(MarketsFile)
	if errorsIsNotExist(err) {
		return nil, nil
	}
	file := l.path(MarketsFile)
	if err != nil {
		return nil, err
	}
	var mf marketsFile
	if err := decodeYAML(file, data, &mf); err != nil {
		return nil, err
	}
	p := &marketParser{file: file, subject: subject, src: newDataFile(file, data), s: &model.MarketSummary{Path: file}}
	p.parse(&mf)
	return p.s, p.errs.Err()
}

type marketParser struct {
	file    string
	subject string    // the name of the dossier's subject, for messages
	src     *dataFile // file, for its prose
	s       *model.MarketSummary
	errs    diag.List
}

// written records a piece of the analyst's prose in the markets file.
func (p *marketParser) written(a at[string]) model.Written { return p.src.written(a) }

func (p *marketParser) errorf(line int, format string, args ...any) {
	p.errs.Add(diag.Errorf(p.file, line, format, args...))
}

func (p *marketParser) parse(mf *marketsFile) {
	s := p.s
	for _, ff := range mf.Overview {
		s.Overview = append(s.Overview, p.finding("overview", ff, true))
	}

	s.Markets = frame(p, "market", model.MarketIDs, mf.Markets, p.market,
		func(m *model.Market) (model.MarketID, int) { return m.ID, m.Line },
		func(id model.MarketID) *model.Market {
			return &model.Market{ID: id, Coverage: model.NotCovered, Path: p.file}
		})
	s.Actors = frame(p, "actor type", model.ActorTypeIDs, mf.Actors, p.actorType,
		func(a *model.ActorType) (model.ActorTypeID, int) { return a.ID, a.Line },
		func(id model.ActorTypeID) *model.ActorType {
			return &model.ActorType{ID: id, Coverage: model.NotCovered, Path: p.file}
		})
	s.Resilience = frame(p, "resilience area", model.ResilienceIDs, mf.Resilience, p.area,
		func(a *model.ResilienceArea) (model.ResilienceID, int) { return a.ID, a.Line },
		func(id model.ResilienceID) *model.ResilienceArea {
			return &model.ResilienceArea{ID: id, Coverage: model.NotCovered, Path: p.file}
		})

	seen := map[string]int{}
	for _, f := range mf.Priorities {
		pa := p.priority(f)
		if pa == nil {
			continue
		}
		if first, dup := seen[pa.ID]; dup {
			p.errorf(pa.Line, "priority area %q is already listed at line %d", pa.ID, first)
			continue
		}
		seen[pa.ID] = pa.Line
		s.Priorities = append(s.Priorities, pa)
	}

	for _, f := range mf.Routes {
		r := p.route(f)
		for _, id := range r.MarketIDs {
			if m := s.Market(id); m.Coverage == model.NotCovered {
				p.errorf(r.Line, "route of %s, which is marked %s: a market with a route is covered", id, model.NotCovered)
			}
		}
		s.Routes = append(s.Routes, r)
	}
	s.Connect()
}

// frame parses the entries of one part of the Index's framework and
// returns the whole part, in the order of ids: the entry listed for each id,
// or blank(id), not covered, for an id the file does not list. parse
// returns nil for an entry whose id is unusable (it reports why); an id
// listed twice is an error, and the first entry counts. key gives an
// entry's id and line.
func frame[ID ~string, F, T any](p *marketParser, what string, ids []ID, entries []F, parse func(F) *T, key func(*T) (ID, int), blank func(ID) *T) []*T {
	byID := make(map[ID]*T, len(entries))
	for _, f := range entries {
		x := parse(f)
		if x == nil {
			continue
		}
		id, line := key(x)
		if first, dup := byID[id]; dup {
			_, at := key(first)
			p.errorf(line, "%s %q is already listed at line %d", what, id, at)
			continue
		}
		byID[id] = x
	}
	all := make([]*T, 0, len(ids))
	for _, id := range ids {
		x := byID[id]
		if x == nil {
			x = blank(id)
		}
		all = append(all, x)
	}
	return all
}

// market parses one entry of markets:, or returns nil if its id is unusable.
func (p *marketParser) market(f marketFile) *model.Market {
	line := firstLine(f.ID.Line, f.Coverage.Line, f.Note.Line)
	id := model.MarketID(strings.TrimSpace(f.ID.V))
	switch {
	case id == "":
		p.errorf(line, "market without an id; want one of %s", joinIDs(model.MarketIDs))
		return nil
	case !slices.Contains(model.MarketIDs, id):
		p.errorf(f.ID.Line, "market %q is not one of the Index's markets; want one of %s", id, joinIDs(model.MarketIDs))
		return nil
	}
	m := &model.Market{ID: id, NoteWritten: p.written(f.Note), Path: p.file, Line: f.ID.Line}
	m.Coverage = p.coverage("market "+string(id), f.Coverage, line)
	what := "market " + string(id)

	for _, rf := range f.Roles {
		r := model.RoleFinding{Role: model.Role(strings.TrimSpace(rf.Role.V))}
		r.Finding = p.finding(what, rf.findingFile, false, rf.Role.Line)
		switch {
		case !slices.Contains(model.Roles, r.Role):
			p.errorf(r.Line, "%s: role %q: want one of %s", what, rf.Role.V, joinIDs(model.Roles))
		case m.Role(r.Role) != nil:
			p.errorf(r.Line, "%s: role %s is given twice; cite both quotes under one role", what, r.Role)
		default:
			m.Roles = append(m.Roles, r)
		}
	}
	slices.SortStableFunc(m.Roles, func(a, b model.RoleFinding) int {
		return slices.Index(model.Roles, a.Role) - slices.Index(model.Roles, b.Role)
	})
	for _, tf := range f.Trends {
		t := model.Trend{Phrase: strings.Join(strings.Fields(tf.Phrase.V), " ")}
		t.Finding = p.finding(what, tf.findingFile, false, tf.Phrase.Line)
		if t.Phrase == "" {
			p.errorf(t.Line, "%s: a trend needs phrase: the source's own words, as in a quote", what)
		}
		m.Trends = append(m.Trends, t)
	}
	for _, af := range f.Actors {
		a := model.MarketActor{
			TypeID:   model.ActorTypeID(strings.TrimSpace(af.Type.V)),
			EntityID: strings.TrimSpace(af.Entity.V),
		}
		a.Finding = p.finding(what, af.findingFile, true, af.Type.Line, af.Entity.Line)
		if a.TypeID != "" && !slices.Contains(model.ActorTypeIDs, a.TypeID) {
			p.errorf(af.Type.Line, "%s: actor type %q: want one of %s", what, af.Type.V, joinIDs(model.ActorTypeIDs))
			a.TypeID = ""
		}
		m.Actors = append(m.Actors, a)
	}
	for _, gf := range f.Agencies {
		m.Agencies = append(m.Agencies, p.agency(what, gf))
	}
	for _, ff := range f.Findings {
		m.Findings = append(m.Findings, p.finding(what, ff, true))
	}

	switch m.Coverage {
	case model.Covered:
		if len(m.Roles) == 0 {
			p.errorf(line, "%s is %s but gives %s no role; cite at least one of %s, or mark it %s", what, model.Covered, p.subject, joinIDs(model.Roles), model.Mentioned)
		}
	case model.Mentioned:
		if len(m.Roles) > 0 {
			p.errorf(line, "%s is %s but gives %s a role; a market with a role is %s", what, model.Mentioned, p.subject, model.Covered)
		}
		if len(m.Findings)+len(m.Actors)+len(m.Trends) == 0 {
			p.errorf(line, "%s is %s but cites nothing; give the findings that mention it", what, model.Mentioned)
		}
	case model.NotCovered:
		if len(m.Roles)+len(m.Trends)+len(m.Actors)+len(m.Agencies)+len(m.Findings) > 0 {
			p.errorf(line, "%s is %s but has roles, trends, actors, agencies or findings; keep only a note", what, model.NotCovered)
		}
	}
	return m
}

func (p *marketParser) agency(what string, f agencyFile) model.MarketAgency {
	line := firstLine(f.Agency.Line, f.Assigned.Line, f.Note.Line)
	a := model.MarketAgency{EntityID: strings.TrimSpace(f.Agency.V), NoteWritten: p.written(f.Note), Line: line}
	if a.EntityID == "" {
		p.errorf(line, "%s: an agency needs agency: the id of an agency or unit entity", what)
	}
	switch {
	case f.Assigned.V && len(f.Cites) > 0:
		p.errorf(line, "%s: agency %s is assigned by the analyst and cites a source; drop assigned: true if the source ties it to the market", what, a.EntityID)
	case f.Assigned.V && a.NoteWritten.Text == "":
		p.errorf(line, "%s: agency %s is assigned by the analyst; say why in note", what, a.EntityID)
	case !f.Assigned.V && len(f.Cites) == 0:
		p.errorf(line, "%s: agency %s cites nothing; cite the source that ties it to the market, or write assigned: true and a note", what, a.EntityID)
	case !f.Assigned.V:
		cites, err := parseCites(p.file, line, f.Cites)
		p.errs.Add(err)
		a.Cites = cites
	}
	return a
}

func (p *marketParser) actorType(f actorTypeFile) *model.ActorType {
	line := firstLine(f.ID.Line, f.Coverage.Line)
	id := model.ActorTypeID(strings.TrimSpace(f.ID.V))
	if !slices.Contains(model.ActorTypeIDs, id) {
		p.errorf(line, "actor type %q is not one of the Index's; want one of %s", id, joinIDs(model.ActorTypeIDs))
		return nil
	}
	a := &model.ActorType{ID: id, EntityID: strings.TrimSpace(f.Entity.V), NoteWritten: p.written(f.Note), Path: p.file, Line: f.ID.Line}
	what := "actor type " + string(id)
	a.Coverage = p.coverage(what, f.Coverage, line)
	for _, ff := range f.Findings {
		a.Findings = append(a.Findings, p.finding(what, ff, true))
	}
	p.checkFindings(what, a.Coverage, len(a.Findings), line)
	return a
}

func (p *marketParser) area(f areaFile) *model.ResilienceArea {
	line := firstLine(f.ID.Line, f.Coverage.Line)
	id := model.ResilienceID(strings.TrimSpace(f.ID.V))
	if !slices.Contains(model.ResilienceIDs, id) {
		p.errorf(line, "resilience area %q is not one of the Index's; want one of %s", id, joinIDs(model.ResilienceIDs))
		return nil
	}
	a := &model.ResilienceArea{ID: id, NoteWritten: p.written(f.Note), Path: p.file, Line: f.ID.Line}
	what := "resilience area " + string(id)
	a.Coverage = p.coverage(what, f.Coverage, line)
	for _, ff := range f.Findings {
		a.Findings = append(a.Findings, p.finding(what, ff, true))
	}
	p.checkFindings(what, a.Coverage, len(a.Findings), line)
	return a
}

// checkFindings holds an actor type or resilience area to its coverage.
func (p *marketParser) checkFindings(what string, c model.Coverage, n, line int) {
	switch {
	case c == model.NotCovered && n > 0:
		p.errorf(line, "%s is %s but has findings; keep only a note", what, c)
	case c != model.NotCovered && c != "" && n == 0:
		p.errorf(line, "%s is %s but cites nothing; give the findings, or mark it %s", what, c, model.NotCovered)
	}
}

func (p *marketParser) priority(f priorityFile) *model.PriorityArea {
	line := firstLine(f.ID.Line, f.Name.Line)
	pa := &model.PriorityArea{
		ID:   strings.TrimSpace(f.ID.V),
		Name: strings.TrimSpace(f.Name.V),
		Line: line,

		NoteWritten: p.written(f.Note),
	}
	if !idPattern.MatchString(pa.ID) {
		p.errorf(line, "priority area id %q: use lower-case letters, digits and single hyphens", pa.ID)
		return nil
	}
	if pa.Name == "" {
		p.errorf(line, "priority area %s: name is missing: the area as the source lists it", pa.ID)
	}
	for _, m := range f.Markets {
		id := model.MarketID(strings.TrimSpace(m.V))
		if !slices.Contains(model.MarketIDs, id) {
			p.errorf(m.Line, "priority area %s: market %q is not one of the Index's markets; want one of %s", pa.ID, m.V, joinIDs(model.MarketIDs))
			continue
		}
		pa.MarketIDs = append(pa.MarketIDs, id)
	}
	for _, a := range f.Actors {
		id := model.ActorTypeID(strings.TrimSpace(a.V))
		if !slices.Contains(model.ActorTypeIDs, id) {
			p.errorf(a.Line, "priority area %s: actor type %q: want one of %s", pa.ID, a.V, joinIDs(model.ActorTypeIDs))
			continue
		}
		pa.ActorTypeIDs = append(pa.ActorTypeIDs, id)
	}
	cites, err := parseCites(p.file, line, f.Cites)
	p.errs.Add(err)
	pa.Cites = cites
	return pa
}

func (p *marketParser) route(f routeFile) *model.Route {
	r := &model.Route{What: strings.Join(strings.Fields(f.What.V), " "), BothWays: f.BothWays.V}
	r.Finding = p.finding("route", f.findingFile, false, f.What.Line, f.BothWays.Line)
	if r.What == "" {
		p.errorf(r.Line, "a route needs what: what moves along it")
	}
	for _, m := range f.Markets {
		id := model.MarketID(strings.TrimSpace(m.V))
		if !slices.Contains(model.MarketIDs, id) {
			p.errorf(m.Line, "route: market %q is not one of the Index's markets; want one of %s", m.V, joinIDs(model.MarketIDs))
			continue
		}
		r.MarketIDs = append(r.MarketIDs, id)
	}
	r.From = p.point(f.From)
	for i := range f.Via {
		r.Via = append(r.Via, *p.point(&f.Via[i]))
	}
	r.To = p.point(f.To)
	if r.From == nil && r.To == nil && len(r.Via) == 0 {
		p.errorf(r.Line, "route of %s names no place; give from, via or to", r.What)
	}
	return r
}

func (p *marketParser) point(f *pointFile) *model.RoutePoint {
	if f == nil {
		return nil
	}
	if f.Bad != "" {
		p.errorf(f.Line, "%s", f.Bad)
	} else if f.ID == "" && f.Name == "" {
		p.errorf(f.Line, "an empty place; leave the key out when the source does not say")
	}
	return &model.RoutePoint{EntityID: f.ID, Name: f.Name, Line: f.Line}
}

// finding parses a statement with its citations. needText says whether the
// analyst's words are required; keys are the lines of the other keys of the
// entry the finding is part of, so that its line is the entry's first.
func (p *marketParser) finding(what string, f findingFile, needText bool, keys ...int) model.Finding {
	line := firstLine(append(keys, f.Text.Line, f.Hedge.Line, f.Allegation.Line)...)
	if line == 0 && len(f.Cites) > 0 {
		line = firstLine(f.Cites[0].Source.Line, f.Cites[0].Quote.Line)
	}
	fd := model.Finding{Claim: model.Claim{
		Written:    p.written(f.Text),
		Hedge:      strings.Join(strings.Fields(f.Hedge.V), " "),
		Allegation: f.Allegation.V,
		Line:       line,
	}}
	if needText && fd.Written.Text == "" {
		p.errorf(line, "%s: a finding needs text: the analyst's words", what)
	}
	if f.Hedge.Set && fd.Hedge == "" {
		p.errorf(f.Hedge.Line, "%s: an empty hedge; leave it out when the source states it plainly", what)
	}
	cites, err := parseCites(p.file, line, f.Cites)
	p.errs.Add(err)
	fd.Cites = cites
	return fd
}

// coverage parses a coverage value, which a listed entry must give.
func (p *marketParser) coverage(what string, a at[string], line int) model.Coverage {
	c := model.Coverage(strings.TrimSpace(a.V))
	if !slices.Contains(model.Coverages, c) {
		if a.Set {
			line = a.Line
		}
		p.errorf(line, "%s: coverage %q: want one of %s", what, a.V, joinIDs(model.Coverages))
		return ""
	}
	return c
}

func joinIDs[T ~string](ids []T) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = string(id)
	}
	return strings.Join(s, ", ")
}
