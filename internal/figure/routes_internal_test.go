package figure

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// backStepsReference is backSteps as it was first written, counting each
// place's routes over every step whenever it weighs a place: quadratic in
// the steps, and the reference the kept counts must agree with.
func backStepsReference(g *routeGraph) []bool {
	n := len(g.places)
	left := make([]bool, n)
	var head, tail []int
	weigh := func(v int) (in, out int) {
		for _, l := range g.links {
			if left[l.From] || left[l.To] || l.From == l.To {
				continue
			}
			if l.To == v {
				in += len(l.Routes)
			}
			if l.From == v {
				out += len(l.Routes)
			}
		}
		return in, out
	}
	remaining := n
	take := func(v int, toHead bool) {
		left[v] = true
		remaining--
		if toHead {
			head = append(head, v)
		} else {
			tail = append([]int{v}, tail...)
		}
	}
	for remaining > 0 {
		moved := true
		for moved {
			moved = false
			for v := n - 1; v >= 0; v-- {
				if left[v] {
					continue
				}
				if in, out := weigh(v); out == 0 && v != g.from && (in > 0 || v == g.to) {
					take(v, false)
					moved = true
				}
			}
			for v := range n {
				if left[v] {
					continue
				}
				if in, _ := weigh(v); in == 0 && v != g.to {
					take(v, true)
					moved = true
				}
			}
		}
		best, bestD := -1, math.MinInt
		for v := range n {
			if left[v] {
				continue
			}
			in, out := weigh(v)
			if d := out - in; d > bestD {
				best, bestD = v, d
			}
		}
		if best >= 0 {
			take(best, true)
		}
	}
	rank := make([]int, n)
	for i, v := range append(head, tail...) {
		rank[v] = i
	}
	back := make([]bool, len(g.links))
	for i, l := range g.links {
		back[i] = rank[l.From] > rank[l.To]
	}
	return back
}

// TestBackStepsAgreesWithReference orders the places of random route
// graphs (shared places, steps taken by several routes, steps both ways,
// loops, an unknown start and end) and checks that the counts kept as
// places are taken give the order the reference gives, which counts them
// afresh each time: the diagram is the same.
func TestBackStepsAgreesWithReference(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(13, 7))
	for k := range 500 {
		n := 1 + r.IntN(20)
		g := &routeGraph{places: make([]RoutePlace, n), from: -1, to: -1}
		if r.IntN(2) == 0 {
			g.from = r.IntN(n)
		}
		if r.IntN(2) == 0 {
			g.to = r.IntN(n)
		}
		for range r.IntN(3 * n) {
			l := RouteLink{From: r.IntN(n), To: r.IntN(n)}
			for range 1 + r.IntN(3) {
				l.Routes = append(l.Routes, r.IntN(50))
			}
			g.links = append(g.links, l)
		}
		if got, want := g.backSteps(), backStepsReference(g); !slices.Equal(got, want) {
			t.Fatalf("graph %d (%d places, %d steps, from %d, to %d): back steps %v, want %v", k, n, len(g.links), g.from, g.to, got, want)
		}
	}
}
