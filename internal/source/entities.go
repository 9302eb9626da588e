package source

import (
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"go.yaml.in/yaml/v3"

	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// EntitiesDir holds the analyst's entity data: YAML files, each a list of
// entities.
const EntitiesDir = "entities"

type entityFile struct {
	ID          at[string]     `yaml:"id"`
	Name        at[string]     `yaml:"name"`
	Kind        at[string]     `yaml:"kind"`
	Aliases     at[[]string]   `yaml:"aliases"`
	Role        at[string]     `yaml:"role"`
	Description proseField     `yaml:"description"`
	Claims      []claimFile    `yaml:"claims"`
	Relations   []relationFile `yaml:"relations"`
}

type claimFile struct {
	Text       at[string] `yaml:"text"`
	Allegation at[bool]   `yaml:"allegation"`
	Hedge      at[string] `yaml:"hedge"`
	Cites      []citeFile `yaml:"cites"`
}

type relationFile struct {
	Type  at[string] `yaml:"type"`
	To    at[string] `yaml:"to"`
	Since at[string] `yaml:"since"`
	Note  at[string] `yaml:"note"`
	Cites []citeFile `yaml:"cites"`
}

type citeFile struct {
	Source at[string] `yaml:"source"`
	Quote  at[string] `yaml:"quote"`
}

// proseField is a Markdown value; it remembers the line its text starts on
// so that errors inside it can point at the right line.
type proseField struct {
	V    string
	Line int
	Set  bool
}

func (p *proseField) UnmarshalYAML(n *yaml.Node) error {
	p.Set = true
	p.Line = n.Line
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		p.Line++ // the text starts on the line after "|" or ">"
	}
	return n.Decode(&p.V)
}

// entities loads every entities/*.yaml file, in file-name order.
func (l *loader) entities(md goldmark.Markdown) ([]*model.Entity, error) {
	entries, err := fs.ReadDir(l.fsys, EntitiesDir)
	if errorsIsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.Errorf(l.path(EntitiesDir), 0, "%w", err)
	}
	var errs diag.List
	var all []*model.Entity
	seen := map[string]*model.Entity{}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		file := l.path(path.Join(EntitiesDir, e.Name()))
		data, err := l.readData(path.Join(EntitiesDir, e.Name()))
		if err != nil {
			errs.Add(err)
			continue
		}
		var list []entityFile
		if err := decodeYAML(file, data, &list); err != nil {
			errs.Add(err)
			continue
		}
		src := newDataFile(file, data)
		for _, ef := range list {
			ent, err := parseEntity(src, ef, md)
			if err != nil {
				errs.Add(err)
				continue
			}
			if first, dup := seen[ent.ID]; dup {
				errs.Add(diag.Errorf(file, ent.Line, "entity id %q is already used at %s:%d", ent.ID, first.Path, first.Line))
				continue
			}
			seen[ent.ID] = ent
			all = append(all, ent)
			if len(all) > l.limits.Entities {
				errs.Add(diag.Errorf(file, ent.Line, "more than %d entities: the sources declare too many for one briefing (raise the limit with --max-entities if they are right)", l.limits.Entities))
				return nil, errs.Err()
			}
		}
	}
	return all, errs.Err()
}

// parseEntity validates one entity of the file src.
func parseEntity(src *dataFile, ef entityFile, md goldmark.Markdown) (*model.Entity, error) {
	file := src.name
	var errs diag.List
	ent := &model.Entity{
		ID:      strings.TrimSpace(ef.ID.V),
		Name:    strings.TrimSpace(ef.Name.V),
		Kind:    model.EntityKind(strings.TrimSpace(ef.Kind.V)),
		Path:    file,
		Line:    firstLine(ef.ID.Line, ef.Name.Line, ef.Kind.Line),
		Aliases: nil,

		RoleWritten: src.written(ef.Role),
	}
	switch {
	case ent.ID == "":
		errs.Add(diag.Errorf(file, ent.Line, "entity without an id"))
	case !idPattern.MatchString(ent.ID):
		errs.Add(diag.Errorf(file, ef.ID.Line, "entity id %q: use lower-case letters, digits and single hyphens", ent.ID))
	}
	if ent.Name == "" {
		errs.Add(diag.Errorf(file, ent.Line, "entity %s has no name", ent.ID))
	}
	if !slices.Contains(model.EntityKinds, ent.Kind) {
		errs.Add(diag.Errorf(file, max(ef.Kind.Line, ent.Line), "entity %s: kind %q: want one of %s", ent.ID, ef.Kind.V, joinKinds()))
	}
	for _, a := range ef.Aliases.V {
		if a = strings.TrimSpace(a); a != "" && a != ent.Name && !slices.Contains(ent.Aliases, a) {
			ent.Aliases = append(ent.Aliases, a)
		}
	}
	if ef.Description.Set {
		src := []byte(ef.Description.V)
		ent.Description = &model.Prose{Source: src, Doc: markdown.Parse(md, src), Path: file, Line: ef.Description.Line}
		errs.Add(checkProse(file, ef.Description, ent.Description.Doc, src))
	}
	for _, cf := range ef.Claims {
		line := firstLine(cf.Text.Line, cf.Allegation.Line, cf.Hedge.Line)
		c := model.Claim{Written: src.written(cf.Text), Allegation: cf.Allegation.V, Hedge: strings.Join(strings.Fields(cf.Hedge.V), " "), Line: line}
		if c.Written.Text == "" {
			errs.Add(diag.Errorf(file, line, "entity %s: a claim needs text", ent.ID))
		}
		if cf.Hedge.Set && c.Hedge == "" {
			errs.Add(diag.Errorf(file, cf.Hedge.Line, "entity %s: an empty hedge; leave it out when the source states it plainly", ent.ID))
		}
		cites, err := parseCites(file, line, cf.Cites)
		errs.Add(err)
		c.Cites = cites
		ent.Claims = append(ent.Claims, c)
	}
	for _, rf := range ef.Relations {
		line := firstLine(rf.Type.Line, rf.To.Line)
		r := &model.Relation{
			Type:  model.RelationType(strings.TrimSpace(rf.Type.V)),
			From:  ent,
			ToID:  strings.TrimSpace(rf.To.V),
			Since: maybe(rf.Since),
			Line:  line,

			NoteWritten: src.written(rf.Note),
		}
		if !slices.Contains(model.RelationTypes, r.Type) {
			errs.Add(diag.Errorf(file, firstLine(rf.Type.Line, line), "entity %s: relation type %q: want one of %s", ent.ID, rf.Type.V, joinRelationTypes()))
		}
		if r.ToID == "" {
			errs.Add(diag.Errorf(file, line, "entity %s: a relation needs to: the id of the other entity", ent.ID))
		}
		cites, err := parseCites(file, line, rf.Cites)
		errs.Add(err)
		r.Cites = cites
		ent.Relations = append(ent.Relations, r)
	}
	return ent, errs.Err()
}

func parseCites(file string, line int, cfs []citeFile) ([]model.Citation, error) {
	if len(cfs) == 0 {
		return nil, diag.Errorf(file, line, "no citation: every claim and relation cites at least one source with a quote")
	}
	var errs diag.List
	var cites []model.Citation
	for _, cf := range cfs {
		c := model.Citation{
			Source:     strings.TrimSpace(cf.Source.V),
			Quote:      strings.Join(strings.Fields(cf.Quote.V), " "),
			Path:       file,
			Line:       firstLine(cf.Quote.Line, cf.Source.Line),
			SourceLine: firstLine(cf.Source.Line, cf.Quote.Line),
		}
		if cf.Quote.Line > 0 {
			c.Line = cf.Quote.Line
		}
		if c.Source == "" || c.Quote == "" {
			errs.Add(diag.Errorf(file, c.Line, "a citation needs source (a document id) and quote (its words, exactly)"))
		}
		cites = append(cites, c)
	}
	return cites, errs.Err()
}

func joinKinds() string {
	var s []string
	for _, k := range model.EntityKinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

func joinRelationTypes() string {
	var s []string
	for _, k := range model.RelationTypes {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}
