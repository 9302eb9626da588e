package source

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// ChartsFile declares the dossier's charts beyond the structure chart every
// agency with parts gets by default. It is optional.
const ChartsFile = "charts.yaml"

// chartFile is the shape of one chart in ChartsFile.
type chartFile struct {
	ID          at[string]   `yaml:"id"`
	Title       at[string]   `yaml:"title"`
	Caption     at[string]   `yaml:"caption"`
	Kind        at[string]   `yaml:"kind"`
	Roots       []at[string] `yaml:"roots"`
	Follow      []at[string] `yaml:"follow"`
	Orientation at[string]   `yaml:"orientation"`
}

// charts loads ChartsFile, if there is one. It checks what can be checked
// without the entities: ids, titles, kinds, relation types, orientations;
// the roots are looked up by the resolve stage.
func (l *loader) charts() ([]*model.ChartDecl, error) {
	data, err := l.readData(ChartsFile)
	if errorsIsNotExist(err) {
		return nil, nil
	}
	file := l.path(ChartsFile)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err == nil && len(doc.Content) == 0 {
		return nil, nil // nothing but comments: no charts declared
	}
	var cfs []chartFile
	if err := decodeYAML(file, data, &cfs); err != nil {
		return nil, err
	}
	var errs diag.List
	var out []*model.ChartDecl
	seen := map[string]int{}
	for _, cf := range cfs {
		c, err := parseChart(file, cf)
		errs.Add(err)
		if c.ID != "" {
			if prev, ok := seen[c.ID]; ok {
				errs.Add(diag.Errorf(file, c.Line, "chart %q is declared twice (first at line %d); give each chart its own id", c.ID, prev))
			}
			seen[c.ID] = c.Line
		}
		out = append(out, c)
	}
	return out, errs.Err()
}

func parseChart(file string, cf chartFile) (*model.ChartDecl, error) {
	c := &model.ChartDecl{
		ID:          strings.TrimSpace(cf.ID.V),
		Title:       strings.TrimSpace(cf.Title.V),
		Caption:     strings.Join(strings.Fields(cf.Caption.V), " "),
		Kind:        model.StructureChart,
		Orientation: model.AutoOrientation,
		Path:        file,
		Line:        firstLine(cf.ID.Line, cf.Title.Line),
	}
	var errs diag.List
	switch {
	case !cf.ID.Set:
		errs.Add(diag.Errorf(file, c.Line, "a chart needs an id: lower-case letters, digits and hyphens, such as structure-overview"))
	case !idPattern.MatchString(c.ID):
		errs.Add(diag.Errorf(file, c.Line, "chart id %q: use lower-case letters, digits and hyphens, such as structure-overview", cf.ID.V))
	}
	if c.Title == "" {
		errs.Add(diag.Errorf(file, firstLine(cf.Title.Line, c.Line), "chart %s: a chart needs a title, its heading", c.ID))
	}
	if cf.Kind.Set {
		c.Kind = model.ChartKind(strings.TrimSpace(cf.Kind.V))
		if !slices.Contains(model.ChartKinds, c.Kind) {
			errs.Add(diag.Errorf(file, cf.Kind.Line, "chart %s: kind %q: want one of %s", c.ID, cf.Kind.V, joinStrings(model.ChartKinds)))
		}
	}
	if cf.Orientation.Set {
		c.Orientation = model.ChartOrientation(strings.TrimSpace(cf.Orientation.V))
		if !slices.Contains(model.ChartOrientations, c.Orientation) {
			errs.Add(diag.Errorf(file, cf.Orientation.Line, "chart %s: orientation %q: want one of %s", c.ID, cf.Orientation.V, joinStrings(model.ChartOrientations)))
		}
	}
	if len(cf.Roots) == 0 {
		errs.Add(diag.Errorf(file, c.Line, "chart %s: roots is missing: the ids of the entities the chart starts from", c.ID))
	}
	for _, r := range cf.Roots {
		c.RootIDs = append(c.RootIDs, strings.TrimSpace(r.V))
		c.RootLines = append(c.RootLines, r.Line)
	}
	for _, f := range cf.Follow {
		t := model.RelationType(strings.TrimSpace(f.V))
		if !slices.Contains(model.RelationTypes, t) {
			errs.Add(diag.Errorf(file, f.Line, "chart %s: follow: relation type %q: want one of %s", c.ID, f.V, joinRelationTypes()))
			continue
		}
		c.Follow = append(c.Follow, t)
	}
	if len(cf.Follow) == 0 {
		c.Follow = c.Kind.DefaultFollow()
	}
	if c.Kind == model.StructureChart && len(cf.Follow) > 0 && !c.Follows(model.PartOf) {
		errs.Add(diag.Errorf(file, cf.Follow[0].Line, "chart %s: a structure chart follows %s; add it to follow", c.ID, model.PartOf))
	}
	return c, errs.Err()
}

// joinStrings lists values for a message: "a, b, c".
func joinStrings[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}
