package link

import "dossier/internal/model"

// structure gives every entity its place in the part-of hierarchy: Parent,
// the most specific body it is part of, and Parts, the entities whose
// Parent it is, in data order. A unit listed both under a ministry and
// under a police service within it ("part of the ministry", "part of the
// police service") goes under the police service. A part-of relation that
// would close a cycle is not followed.
func structure(d *model.Dossier) {
	for _, e := range d.Entities {
		var cands []*model.Entity
		for _, r := range e.Relations {
			if r.Type == model.PartOf && r.To != nil && r.To != e {
				cands = append(cands, r.To)
			}
		}
		for _, p := range cands {
			general := false
			for _, o := range cands {
				if o != p && partOf(o, p) {
					general = true // o lies within p: o is more specific
					break
				}
			}
			if !general && !partOf(p, e) {
				e.Parent = p
				break
			}
		}
	}
	for _, e := range d.Entities {
		if e.Parent != nil {
			e.Parent.Parts = append(e.Parent.Parts, e)
		}
	}
}

// partOf reports whether e is part of a, directly or through other
// part-of relations.
func partOf(e, a *model.Entity) bool {
	seen := map[*model.Entity]bool{}
	var rec func(x *model.Entity) bool
	rec = func(x *model.Entity) bool {
		if seen[x] {
			return false
		}
		seen[x] = true
		for _, r := range x.Relations {
			if r.Type == model.PartOf && r.To != nil && (r.To == a || rec(r.To)) {
				return true
			}
		}
		return false
	}
	return rec(e)
}
