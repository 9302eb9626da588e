package orgchart

import (
	"math"
	"testing"
)

// walk calls f for every node of s in depth-first pre-order.
func walk(s *Spec, f func(n *Node)) {
	var rec func(n *Node)
	rec = func(n *Node) {
		f(n)
		for _, c := range n.Children {
			rec(c)
		}
	}
	for _, r := range s.Roots {
		rec(r)
	}
}

// onBorder reports whether p lies on the border of r, within eps.
func onBorder(p Point, r Rect, eps float64) bool {
	inX := p.X >= r.X-eps && p.X <= r.Right()+eps
	inY := p.Y >= r.Y-eps && p.Y <= r.Bottom()+eps
	onV := math.Abs(p.X-r.X) <= eps || math.Abs(p.X-r.Right()) <= eps
	onH := math.Abs(p.Y-r.Y) <= eps || math.Abs(p.Y-r.Bottom()) <= eps
	return (onV && inY) || (onH && inX)
}

func chartByName(tb testing.TB, specs []Spec, name string) *Spec {
	tb.Helper()
	for i := range specs {
		if specs[i].Name == name {
			return &specs[i]
		}
	}
	tb.Fatalf("no chart %q", name)
	return nil
}
