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

// MaxStructureDepth is how many levels deep part-of, or reports-to,
// relations may nest: enough for any body's real structure, whose charts
// split a level or more to a page, while a chain of hundreds (a relation
// repeated by mistake down a generated list, say) would cost minutes to
// chart and mean nothing.
const MaxStructureDepth = 24

// depths reports a chain of part-of relations, and of reports-to
// relations, deeper than MaxStructureDepth, at the relation that takes it
// one level too deep, naming the chain's two ends. It needs relations
// without cycles (see cycles).
func depths(d *model.Dossier) error {
	var errs diag.List
	for _, typ := range []model.RelationType{model.PartOf, model.ReportsTo} {
		depth := map[*model.Entity]int{} // levels from e up to the top, e counted
		top := map[*model.Entity]*model.Entity{}
		var measure func(e *model.Entity) int
		measure = func(e *model.Entity) int {
			if n, ok := depth[e]; ok {
				return n
			}
			n, t := 1, e
			for _, r := range e.Relations {
				if r.Type != typ || r.To == nil {
					continue
				}
				if m := measure(r.To) + 1; m > n {
					n, t = m, top[r.To]
					if n == MaxStructureDepth+1 {
						errs.Add(diag.Errorf(e.Path, r.Line, "%s relations nest %d levels deep here, from %s up to %s, more than the %d a structure may have: check them for a relation given by mistake",
							typ, n, e.ID, t.ID, MaxStructureDepth))
					}
				}
			}
			depth[e], top[e] = n, t
			return n
		}
		for _, e := range d.Entities {
			measure(e)
		}
	}
	return errs.Err()
}
