package link

import (
	"fmt"
	"slices"
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
			e := r.entity(id)
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
		if len(c.Roots) == len(c.RootIDs) && len(c.Roots) > 0 && !hasContent(r.d, c) {
			errs.Add(diag.Errorf(c.Path, c.Line, "chart %s: nothing to draw: %s", c.ID, emptyReason(c)))
		}
	}
	return errs.Err()
}

// hasContent reports whether the chart c declares would show more than its
// roots: parts for a structure chart, followed relations for the others.
func hasContent(d *model.Dossier, c *model.ChartDecl) bool {
	switch c.Kind {
	case model.GroupChart:
		for _, e := range d.Entities {
			for _, rel := range e.Relations {
				if rel.To != nil && slices.Contains(c.Roots, rel.To) && c.Follows(rel.Type) {
					return true
				}
			}
		}
		return false
	case model.LineChart, model.CooperationChart:
		root := c.Roots[0]
		if c.Kind == model.LineChart && len(root.Parts) > 0 {
			return true
		}
		for _, rel := range root.Relations {
			if rel.To != nil && rel.Type != model.PartOf && c.Follows(rel.Type) {
				return true
			}
		}
		return false
	}
	for _, root := range c.Roots {
		if len(root.Parts) > 0 {
			return true
		}
	}
	return len(c.Roots) > 1
}

// emptyReason says why the chart c declares would be empty, and how to fix
// it.
func emptyReason(c *model.ChartDecl) string {
	var follow []string
	for _, t := range c.Follow {
		follow = append(follow, string(t))
	}
	f := strings.Join(follow, " or ")
	switch c.Kind {
	case model.GroupChart:
		return fmt.Sprintf("no entity has a %s relation to %s; add the relations, with their quotes, to the members", f, strings.Join(c.RootIDs, " or "))
	case model.LineChart, model.CooperationChart:
		return fmt.Sprintf("%s has no %s relation; follow other relation types, or add the relations", c.RootIDs[0], f)
	}
	return fmt.Sprintf("no entity is part-of %s; a structure chart shows the parts of its roots", strings.Join(c.RootIDs, " or "))
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
		// No id is like it: name the bodies a chart usually starts from.
		for _, e := range r.d.Entities {
			if (e.Kind == model.Agency || e.Kind == model.Unit) && len(out) < 8 {
				out = append(out, e.ID)
			}
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " (such as " + strings.Join(out, ", ") + ")"
}
