package link

import (
	"strings"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// charts looks up the roots of every declared chart (model.ChartDecl.Roots).
// A root that is not an entity, or a chart whose kind starts from one body
// but names several, is an error at the line that names it.
func (r *resolver) charts() error {
	var errs diag.List
	for _, c := range r.d.Charts {
		c.Roots = nil
		for i, id := range c.RootIDs {
			line := c.Line
			if i < len(c.RootLines) && c.RootLines[i] > 0 {
				line = c.RootLines[i]
			}
			e := r.d.Entity(id)
			if e == nil {
				errs.Add(diag.Errorf(c.Path, line, "chart %s: root %q is not an entity; give the id of an entity from %s%s", c.ID, id, "entities/*.yaml", r.near(id)))
				continue
			}
			c.Roots = append(c.Roots, e)
		}
		switch c.Kind {
		case model.LineChart, model.CooperationChart:
			if len(c.RootIDs) > 1 {
				errs.Add(diag.Errorf(c.Path, c.Line, "chart %s: a %s chart starts from one entity, not %d; declare one chart for each", c.ID, c.Kind, len(c.RootIDs)))
			}
		}
	}
	return errs.Err()
}

// near suggests entity ids that share a word with id: ", such as a, b".
func (r *resolver) near(id string) string {
	var out []string
	words := strings.Split(id, "-")
	for _, e := range r.d.Entities {
		for _, w := range words {
			if len(w) > 2 && strings.Contains(e.ID, w) {
				out = append(out, e.ID)
				break
			}
		}
		if len(out) == 5 {
			break
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " (such as " + strings.Join(out, ", ") + ")"
}
