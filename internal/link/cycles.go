package link

import (
	"strings"

	"dossier/internal/diag"
	"dossier/internal/model"
)

// cycles reports every cycle of part-of relations, and of reports-to
// relations: a body that is, through others, part of itself (or answers
// to itself) has no place in a hierarchy or a chart. Each cycle is
// reported once, at the relation that closes it, naming every entity on
// it.
func cycles(d *model.Dossier) error {
	var errs diag.List
	for _, typ := range []model.RelationType{model.PartOf, model.ReportsTo} {
		const (
			unseen = iota
			onPath
			done
		)
		state := map[*model.Entity]int{}
		var path []*model.Entity
		var visit func(e *model.Entity)
		visit = func(e *model.Entity) {
			state[e] = onPath
			path = append(path, e)
			for _, r := range e.Relations {
				if r.Type != typ || r.To == nil {
					continue
				}
				switch state[r.To] {
				case unseen:
					visit(r.To)
				case onPath:
					var ids []string
					start := 0
					for i, p := range path {
						if p == r.To {
							start = i
						}
					}
					for _, p := range path[start:] {
						ids = append(ids, p.ID)
					}
					ids = append(ids, r.To.ID)
					what := "be part of"
					if typ == model.ReportsTo {
						what = "report to"
					}
					errs.Add(diag.Errorf(e.Path, r.Line, "%s relations run in a circle, %s: a body cannot %s itself; remove the relation that is wrong",
						typ, strings.Join(ids, " → "), what))
				}
			}
			path = path[:len(path)-1]
			state[e] = done
		}
		for _, e := range d.Entities {
			if state[e] == unseen {
				visit(e)
			}
		}
	}
	return errs.Err()
}
