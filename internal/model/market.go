package model

import (
	"cmp"
	"slices"
)

// The crime-market summary follows the structure of the Global Organized
// Crime Index: fifteen criminal markets in five groups, five types of
// criminal actor, and twelve areas of resilience in four groups. That
// framework is fixed here, in the Index's order; what the sources say about
// each part of it is analyst data (sources/markets.yaml), every statement
// cited. The sources give no scores, and the model has no place for one.

// MarketID names one of the Index's criminal markets.
type MarketID string

// The Index's criminal markets.
const (
	HumanTrafficking    MarketID = "human-trafficking"
	HumanSmuggling      MarketID = "human-smuggling"
	Extortion           MarketID = "extortion-protection-racketeering"
	ArmsTrafficking     MarketID = "arms-trafficking"
	CounterfeitGoods    MarketID = "counterfeit-goods"
	ExcisableGoods      MarketID = "excisable-goods"
	FloraCrimes         MarketID = "flora-crimes"
	FaunaCrimes         MarketID = "fauna-crimes"
	NonRenewableCrimes  MarketID = "non-renewable-resource-crimes"
	HeroinTrade         MarketID = "heroin-trade"
	CocaineTrade        MarketID = "cocaine-trade"
	CannabisTrade       MarketID = "cannabis-trade"
	SyntheticDrugTrade  MarketID = "synthetic-drug-trade"
	CyberDependentCrime MarketID = "cyber-dependent-crimes"
	FinancialCrimes     MarketID = "financial-crimes"
)

// MarketIDs lists the markets in the Index's order, which is also their
// grouping: people, trade, environment, drugs, cyber and financial.
var MarketIDs = []MarketID{
	HumanTrafficking, HumanSmuggling, Extortion,
	ArmsTrafficking, CounterfeitGoods, ExcisableGoods,
	FloraCrimes, FaunaCrimes, NonRenewableCrimes,
	HeroinTrade, CocaineTrade, CannabisTrade, SyntheticDrugTrade,
	CyberDependentCrime, FinancialCrimes,
}

// Name returns the market's name as the Index gives it, e.g. "Arms
// trafficking".
func (id MarketID) Name() string {
	switch id {
	case HumanTrafficking:
		return "Human trafficking"
	case HumanSmuggling:
		return "Human smuggling"
	case Extortion:
		return "Extortion and protection racketeering"
	case ArmsTrafficking:
		return "Arms trafficking"
	case CounterfeitGoods:
		return "Trade in counterfeit goods"
	case ExcisableGoods:
		return "Illicit trade in excisable goods"
	case FloraCrimes:
		return "Flora crimes"
	case FaunaCrimes:
		return "Fauna crimes"
	case NonRenewableCrimes:
		return "Non-renewable resource crimes"
	case HeroinTrade:
		return "Heroin trade"
	case CocaineTrade:
		return "Cocaine trade"
	case CannabisTrade:
		return "Cannabis trade"
	case SyntheticDrugTrade:
		return "Synthetic drug trade"
	case CyberDependentCrime:
		return "Cyber-dependent crimes"
	case FinancialCrimes:
		return "Financial crimes"
	}
	return string(id)
}

// Group returns the group the Index puts the market in, or "" for an id
// that is not one of MarketIDs.
func (id MarketID) Group() MarketGroup {
	switch id {
	case HumanTrafficking, HumanSmuggling, Extortion:
		return People
	case ArmsTrafficking, CounterfeitGoods, ExcisableGoods:
		return Trade
	case FloraCrimes, FaunaCrimes, NonRenewableCrimes:
		return Environment
	case HeroinTrade, CocaineTrade, CannabisTrade, SyntheticDrugTrade:
		return Drugs
	case CyberDependentCrime, FinancialCrimes:
		return CyberFinancial
	}
	return ""
}

// MarketGroup is one of the Index's groups of criminal markets.
type MarketGroup string

// The groups of markets, in the Index's order.
const (
	People         MarketGroup = "people"
	Trade          MarketGroup = "trade"
	Environment    MarketGroup = "environment"
	Drugs          MarketGroup = "drugs"
	CyberFinancial MarketGroup = "cyber-financial"
)

// MarketGroups lists the groups in the Index's order.
var MarketGroups = []MarketGroup{People, Trade, Environment, Drugs, CyberFinancial}

// Label returns the group as a heading, e.g. "Environment".
func (g MarketGroup) Label() string {
	switch g {
	case People:
		return "People"
	case Trade:
		return "Trade"
	case Environment:
		return "Environment"
	case Drugs:
		return "Drugs"
	case CyberFinancial:
		return "Cyber and financial crimes"
	}
	return string(g)
}

// ActorTypeID names one of the Index's types of criminal actor.
type ActorTypeID string

// The Index's criminal actor types.
const (
	MafiaStyleGroups    ActorTypeID = "mafia-style-groups"
	CriminalNetworks    ActorTypeID = "criminal-networks"
	StateEmbeddedActors ActorTypeID = "state-embedded-actors"
	ForeignActors       ActorTypeID = "foreign-actors"
	PrivateSectorActors ActorTypeID = "private-sector-actors"
)

// ActorTypeIDs lists the actor types in the Index's order.
var ActorTypeIDs = []ActorTypeID{MafiaStyleGroups, CriminalNetworks, StateEmbeddedActors, ForeignActors, PrivateSectorActors}

// Name returns the actor type's name, e.g. "Criminal networks".
func (id ActorTypeID) Name() string {
	switch id {
	case MafiaStyleGroups:
		return "Mafia-style groups"
	case CriminalNetworks:
		return "Criminal networks"
	case StateEmbeddedActors:
		return "State-embedded actors"
	case ForeignActors:
		return "Foreign actors"
	case PrivateSectorActors:
		return "Private-sector actors"
	}
	return string(id)
}

// ResilienceID names one of the Index's resilience areas.
type ResilienceID string

// The Index's resilience areas.
const (
	PoliticalLeadership        ResilienceID = "political-leadership-and-governance"
	TransparencyAccountability ResilienceID = "government-transparency-and-accountability"
	InternationalCooperation   ResilienceID = "international-cooperation"
	NationalPolicies           ResilienceID = "national-policies-and-laws"
	JudicialSystem             ResilienceID = "judicial-system-and-detention"
	LawEnforcement             ResilienceID = "law-enforcement"
	TerritorialIntegrity       ResilienceID = "territorial-integrity"
	AntiMoneyLaundering        ResilienceID = "anti-money-laundering"
	EconomicRegulation         ResilienceID = "economic-regulatory-capacity"
	VictimWitnessSupport       ResilienceID = "victim-and-witness-support"
	Prevention                 ResilienceID = "prevention"
	NonStateActors             ResilienceID = "non-state-actors"
)

// ResilienceIDs lists the resilience areas in the Index's order, which is
// also their grouping (see ResilienceGroup).
var ResilienceIDs = []ResilienceID{
	PoliticalLeadership, TransparencyAccountability, InternationalCooperation, NationalPolicies,
	JudicialSystem, LawEnforcement, TerritorialIntegrity,
	AntiMoneyLaundering, EconomicRegulation,
	VictimWitnessSupport, Prevention, NonStateActors,
}

// Name returns the area's name, e.g. "Anti-money laundering".
func (id ResilienceID) Name() string {
	switch id {
	case PoliticalLeadership:
		return "Political leadership and governance"
	case TransparencyAccountability:
		return "Government transparency and accountability"
	case InternationalCooperation:
		return "International cooperation"
	case NationalPolicies:
		return "National policies and laws"
	case JudicialSystem:
		return "Judicial system and detention"
	case LawEnforcement:
		return "Law enforcement"
	case TerritorialIntegrity:
		return "Territorial integrity"
	case AntiMoneyLaundering:
		return "Anti-money laundering"
	case EconomicRegulation:
		return "Economic regulatory capacity"
	case VictimWitnessSupport:
		return "Victim and witness support"
	case Prevention:
		return "Prevention"
	case NonStateActors:
		return "Non-state actors"
	}
	return string(id)
}

// Group returns the group the Index's country profile puts the area
// under, or "" for an unknown id.
func (id ResilienceID) Group() ResilienceGroup {
	switch id {
	case PoliticalLeadership, TransparencyAccountability, InternationalCooperation, NationalPolicies:
		return LeadershipGovernance
	case JudicialSystem, LawEnforcement, TerritorialIntegrity:
		return JusticeSecurity
	case AntiMoneyLaundering, EconomicRegulation:
		return EconomicFinancial
	case VictimWitnessSupport, Prevention, NonStateActors:
		return CivilSociety
	}
	return ""
}

// ResilienceGroup is one of the headings the Index's country profile
// groups resilience under.
type ResilienceGroup string

// The resilience groups, in the country profile's order.
const (
	LeadershipGovernance ResilienceGroup = "leadership-and-governance"
	JusticeSecurity      ResilienceGroup = "criminal-justice-and-security"
	EconomicFinancial    ResilienceGroup = "economic-and-financial-environment"
	CivilSociety         ResilienceGroup = "civil-society-and-social-protection"
)

// ResilienceGroups lists the groups in the country profile's order.
var ResilienceGroups = []ResilienceGroup{LeadershipGovernance, JusticeSecurity, EconomicFinancial, CivilSociety}

// Label returns the group as a heading, e.g. "Criminal justice and
// security"; the country profile prints it in capitals.
func (g ResilienceGroup) Label() string {
	switch g {
	case LeadershipGovernance:
		return "Leadership and governance"
	case JusticeSecurity:
		return "Criminal justice and security"
	case EconomicFinancial:
		return "Economic and financial environment"
	case CivilSociety:
		return "Civil society and social protection"
	}
	return string(g)
}

// Coverage says how far the sources speak to a market, an actor type or a
// resilience area.
type Coverage string

// The degrees of coverage.
const (
	// Covered: the sources describe it for the subject; a covered market has at
	// least one cited role.
	Covered Coverage = "covered"
	// Mentioned: the sources name it in passing, without describing
	// the subject's place in it; there are cited findings but no roles.
	Mentioned Coverage = "mentioned"
	// NotCovered: the sources do not speak to it. It is kept, and shown as
	// such; nothing about it is filled in.
	NotCovered Coverage = "not-covered"
)

// Coverages lists the degrees of coverage, most first.
var Coverages = []Coverage{Covered, Mentioned, NotCovered}

// Label returns the coverage as shown to a reader, e.g. "not covered by the
// sources".
func (c Coverage) Label() string {
	switch c {
	case Covered:
		return "covered by the sources"
	case Mentioned:
		return "mentioned in passing"
	case NotCovered:
		return "not covered by the sources"
	}
	return string(c)
}

// Role is a part the subject of the dossier plays in a criminal market.
type Role string

// The roles. Origin, transit and destination are the Index's; Domestic is
// for a market the sources describe as supplied and consumed inside the subject
// ("local suppliers largely meet domestic demand"), which none of the three
// describes without distorting it.
const (
	Origin      Role = "origin"      // the goods or people come from the subject (the Index: "source", "country of origin")
	Transit     Role = "transit"     // they pass through the subject
	Destination Role = "destination" // they end up in the subject
	Domestic    Role = "domestic"    // produced and consumed inside the subject
)

// Roles lists the roles in the order of a role matrix's columns.
var Roles = []Role{Origin, Transit, Destination, Domestic}

// Label returns the role as a column heading, e.g. "Transit".
func (r Role) Label() string {
	switch r {
	case Origin:
		return "Origin"
	case Transit:
		return "Transit"
	case Destination:
		return "Destination"
	case Domestic:
		return "Domestic"
	}
	return string(r)
}

// MarketSummary is the crime-market summary: what the sources say about
// each part of the Index's framework, and the priority crime areas a source lists beside
// it. Markets, Actors and Resilience always hold the whole framework, in the
// Index's order; a part the sources do not speak to has Coverage NotCovered.
type MarketSummary struct {
	Overview   []Finding         // what the sources say about the subject's place in crime at large
	Markets    []*Market         // all fifteen, in MarketIDs order
	Actors     []*ActorType      // all five, in ActorTypeIDs order
	Resilience []*ResilienceArea // all twelve, in ResilienceIDs order
	Priorities []*PriorityArea   // the priority crime areas beside the Index, in data order
	Routes     []*Route          // the routes the sources name, in data order
	Path       string            // data file, for messages
}

// Market returns the market with the given id, or nil.
func (s *MarketSummary) Market(id MarketID) *Market {
	for _, m := range s.Markets {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// ActorType returns the actor type with the given id, or nil.
func (s *MarketSummary) ActorType(id ActorTypeID) *ActorType {
	for _, a := range s.Actors {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// Area returns the resilience area with the given id, or nil.
func (s *MarketSummary) Area(id ResilienceID) *ResilienceArea {
	for _, a := range s.Resilience {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// Connect fills in the fields the summary derives from its ids: each
// market actor's Type and each actor type's Markets, each priority area's
// Markets and ActorTypes, each route's Markets, and each market's Routes
// and Priorities. An id that names no part of the framework is passed over;
// the load stage reports it. The load stage calls Connect; a summary built
// by hand calls it once its parts are in place. Calling it again makes the
// same links afresh.
func (s *MarketSummary) Connect() {
	for _, m := range s.Markets {
		m.Routes, m.Priorities = nil, nil
	}
	for _, a := range s.Actors {
		a.Markets = nil
	}
	for _, m := range s.Markets {
		for i := range m.Actors {
			ma := &m.Actors[i]
			ma.Type = s.ActorType(ma.TypeID)
			if ma.Type != nil && !slices.Contains(ma.Type.Markets, m) {
				ma.Type.Markets = append(ma.Type.Markets, m)
			}
		}
	}
	for _, p := range s.Priorities {
		p.Markets, p.ActorTypes = s.marketsOf(p.MarketIDs), nil
		for _, m := range p.Markets {
			m.Priorities = append(m.Priorities, p)
		}
		for _, id := range p.ActorTypeIDs {
			if a := s.ActorType(id); a != nil {
				p.ActorTypes = append(p.ActorTypes, a)
			}
		}
	}
	for _, r := range s.Routes {
		r.Markets = s.marketsOf(r.MarketIDs)
		for _, m := range r.Markets {
			m.Routes = append(m.Routes, r)
		}
	}
}

// Findings returns every finding of the summary, in data order: the
// overview, then per market its roles, trends, actors and findings, then
// the actor types', the resilience areas' and the routes'. The pointers
// point into the summary, so a stage may fill them in.
func (s *MarketSummary) Findings() []*Finding {
	var out []*Finding
	add := func(fs []Finding) {
		for i := range fs {
			out = append(out, &fs[i])
		}
	}
	add(s.Overview)
	for _, m := range s.Markets {
		for i := range m.Roles {
			out = append(out, &m.Roles[i].Finding)
		}
		for i := range m.Trends {
			out = append(out, &m.Trends[i].Finding)
		}
		for i := range m.Actors {
			out = append(out, &m.Actors[i].Finding)
		}
		add(m.Findings)
	}
	for _, a := range s.Actors {
		add(a.Findings)
	}
	for _, a := range s.Resilience {
		add(a.Findings)
	}
	for _, r := range s.Routes {
		out = append(out, &r.Finding)
	}
	return out
}

// marketsOf returns the markets with the given ids, in the ids' order,
// passing over unknown ones.
func (s *MarketSummary) marketsOf(ids []MarketID) []*Market {
	var ms []*Market
	for _, id := range ids {
		if m := s.Market(id); m != nil {
			ms = append(ms, m)
		}
	}
	return ms
}

// Finding is one thing a source says, with the citations it rests on. The
// embedded Claim holds the analyst's wording (Text), the citations, the
// line, whether it is an allegation and the source's hedge (Claim.Hedge:
// declared as hedge:, the words exactly as they occur in one of the quotes,
// or found by the resolve stage).
type Finding struct {
	Claim
}

// Market is what the sources say about one of the Index's markets in
// the subject of the dossier.
type Market struct {
	ID       MarketID
	Coverage Coverage
	Roles    []RoleFinding  // the subject's roles, each cited; in Roles order, at most one of each
	Trends   []Trend        // the trend in the source's own words
	Actors   []MarketActor  // who is involved, by actor type and/or entity
	Agencies []MarketAgency // agencies responsible: tied by a source, or assigned by the analyst
	Findings []Finding      // what else the sources say about the market
	Note     string         // the analyst's note: how the sources were mapped, what they leave out; filled in by the resolve stage
	Path     string         // data file, for messages
	Line     int            // line of its id in Path; 0 when the data does not list it

	NoteWritten Written // Note as written, with its [[references]]

	// Filled in by MarketSummary.Connect:
	Routes     []*Route        // routes whose Markets include this one, in data order
	Priorities []*PriorityArea // priority areas that meet this market
}

// Name returns the market's name as the Index gives it.
func (m *Market) Name() string { return m.ID.Name() }

// Group returns the Index group the market belongs to.
func (m *Market) Group() MarketGroup { return m.ID.Group() }

// Role returns the finding for role r, or nil when the sources give
// the subject no such role in this market.
func (m *Market) Role(r Role) *RoleFinding {
	for i := range m.Roles {
		if m.Roles[i].Role == r {
			return &m.Roles[i]
		}
	}
	return nil
}

// Citations returns every citation made about the market itself (roles,
// trends, actors, agencies, findings; not its routes), in that order.
func (m *Market) Citations() []*Citation {
	var cs []*Citation
	add := func(list []Citation) {
		for i := range list {
			cs = append(cs, &list[i])
		}
	}
	for i := range m.Roles {
		add(m.Roles[i].Cites)
	}
	for i := range m.Trends {
		add(m.Trends[i].Cites)
	}
	for i := range m.Actors {
		add(m.Actors[i].Cites)
	}
	for i := range m.Agencies {
		add(m.Agencies[i].Cites)
	}
	for i := range m.Findings {
		add(m.Findings[i].Cites)
	}
	return cs
}

// Sources returns the documents the market's citations resolved to, each
// once, in the dossier's document order (by Ref). It is empty before the
// resolve stage.
func (m *Market) Sources() []*Document {
	seen := map[*Document]bool{}
	var docs []*Document
	for _, c := range m.Citations() {
		if c.Doc != nil && !seen[c.Doc] {
			seen[c.Doc] = true
			docs = append(docs, c.Doc)
		}
	}
	sortDocs(docs)
	return docs
}

func sortDocs(docs []*Document) {
	slices.SortFunc(docs, func(a, b *Document) int {
		// "S2" before "S10"
		return cmp.Or(cmp.Compare(len(a.Ref), len(b.Ref)), cmp.Compare(a.Ref, b.Ref))
	})
}

// RoleFinding is a role the subject plays in a market, as a source states it.
// Text, if any, is the analyst's gloss.
type RoleFinding struct {
	Role Role
	Finding
}

// Trend is how a market is changing, in the source's words. Phrase is a
// short phrase that occurs in one of the quotes ("fastest-growing", "has
// decreased"); Text says what it describes, in the analyst's words ("the
// number of identified victims, since 2011").
type Trend struct {
	Phrase string
	Finding
}

// MarketActor is someone a source names as involved in a market. Text is
// the actor as the source describes it ("low-level customs and border
// officials"); TypeID and EntityID are optional, since a source may name
// actors that fit no Index type and no entity ("individuals").
type MarketActor struct {
	TypeID   ActorTypeID // the Index actor type, or "" when the source names none ("individuals")
	EntityID string      // an entity, or ""

	// Filled in by MarketSummary.Connect (Type) and the resolve stage (Entity):
	Type   *ActorType
	Entity *Entity

	Finding
}

// MarketAgency is an agency or unit responsible for a market. Either a
// source ties it to the market (Cites), or the analyst assigns it, and Note
// says why; Assigned tells which.
type MarketAgency struct {
	EntityID string
	Note     string     // how the source ties it, or, when Assigned, why the analyst assigns it; filled in by the resolve stage
	Cites    []Citation // empty when the analyst assigns it
	Line     int

	NoteWritten Written // Note as written, with its [[references]]

	// Filled in by the resolve stage:
	Entity *Entity
}

// Assigned reports whether the agency is assigned by the analyst rather
// than tied to the market by a source.
func (a *MarketAgency) Assigned() bool { return len(a.Cites) == 0 }

// Route is a path a source says illicit goods or people take. Markets may
// be empty: stolen vehicles and "illicit merchandise" belong to no Index
// market. Text, if any, is the analyst's note.
type Route struct {
	What      string       // what moves, e.g. "illicit arms"
	MarketIDs []MarketID   // the Index markets it belongs to
	From      *RoutePoint  // nil when the source does not say
	Via       []RoutePoint // in order; may be empty
	To        *RoutePoint  // nil when the source does not say
	BothWays  bool         // the source says "between", not "from … to"
	Finding

	// Filled in by MarketSummary.Connect:
	Markets []*Market
}

// RoutePoint is a place on a route: an entity (EntityID, resolved to
// Entity), or, where the sources name no such place, a description in the
// source's words (Name), e.g. "conflict zones or countries under sanctions".
type RoutePoint struct {
	EntityID string
	Name     string
	Line     int

	// Filled in by the resolve stage:
	Entity *Entity
}

// Label returns the place's name: the entity's name when it has one.
func (p *RoutePoint) Label() string {
	switch {
	case p.Entity != nil:
		return p.Entity.Name
	case p.Name != "":
		return p.Name
	}
	return p.EntityID
}

// ActorType is what the sources say about one of the Index's actor types.
type ActorType struct {
	ID       ActorTypeID
	Coverage Coverage
	EntityID string    // the glossary term that explains the type, or ""
	Findings []Finding // what the sources say about such actors in the subject
	Note     string    // filled in by the resolve stage
	Path     string
	Line     int // 0 when the data does not list it

	NoteWritten Written // Note as written, with its [[references]]

	// Filled in by MarketSummary.Connect (Markets) and the resolve stage (Entity):
	Markets []*Market // markets whose actors include this type, in Index order
	Entity  *Entity
}

// Name returns the actor type's name.
func (a *ActorType) Name() string { return a.ID.Name() }

// ResilienceArea is what the sources say about one of the Index's
// resilience areas.
type ResilienceArea struct {
	ID       ResilienceID
	Coverage Coverage
	Findings []Finding
	Note     string // filled in by the resolve stage
	Path     string
	Line     int // 0 when the data does not list it

	NoteWritten Written // Note as written, with its [[references]]
}

// Name returns the area's name.
func (a *ResilienceArea) Name() string { return a.ID.Name() }

// Group returns the heading the Index's country profile puts the area
// under.
func (a *ResilienceArea) Group() ResilienceGroup { return a.ID.Group() }

// PriorityArea is one of the crime areas a source lists as priorities of
// law enforcement in the subject, or as its principal challenges, set beside
// the Index: the markets and actor types it meets, if any.
type PriorityArea struct {
	ID           string // short id for anchors, e.g. "firearms"
	Name         string // as the source lists it, e.g. "Firearms and explosives"
	MarketIDs    []MarketID
	ActorTypeIDs []ActorTypeID
	Note         string     // the analyst's note on the mapping; filled in by the resolve stage
	Cites        []Citation // where a source lists it
	Line         int

	NoteWritten Written // Note as written, with its [[references]]

	// Filled in by MarketSummary.Connect:
	Markets    []*Market
	ActorTypes []*ActorType
}

// Meets reports whether the area meets any part of the Index's framework.
func (p *PriorityArea) Meets() bool { return len(p.MarketIDs) > 0 || len(p.ActorTypeIDs) > 0 }
