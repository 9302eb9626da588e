package orgchart

import (
	"io"
	"math/rand/v2"
	"strconv"
	"testing"
)

func benchLayout(b *testing.B, s *Spec) {
	ms := measurer(b)
	o := Options{Measurer: ms, MinFontSize: 0.05} // measure the work, not the page fit
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Layout(s, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLayoutMinistry lays out the Ministry's chart from sources/: 29
// boxes, two routed edges.
func BenchmarkLayoutMinistry(b *testing.B) {
	d := loadSources(b)
	s := chartByName(b, Charts(d), "mia")
	benchLayout(b, s)
}

// BenchmarkLayoutLeaves40 lays out a root with 40 leaves.
func BenchmarkLayoutLeaves40(b *testing.B) {
	g := &gen{r: rand.New(rand.NewPCG(1, 2))}
	benchLayout(b, &Spec{Name: "leaves", Roots: []*Node{g.node(g.leaves(40)...)}})
}

// BenchmarkLayoutRandom lays out generated trees of about 50, 150 and 400
// boxes with four routed edges.
func BenchmarkLayoutRandom(b *testing.B) {
	for _, size := range []int{50, 150, 400} {
		b.Run(strconv.Itoa(size), func(b *testing.B) {
			r := rand.New(rand.NewPCG(uint64(size), 3))
			g := &gen{r: r}
			s := &Spec{Name: "random", Roots: []*Node{g.random(size, 6)}}
			var ids []string
			walk(s, func(n *Node) { ids = append(ids, n.ID) })
			for i := range 4 {
				s.Edges = append(s.Edges, Edge{Kind: ReportsTo, From: ids[(i*7+1)%len(ids)], To: ids[(i*13+len(ids)/2)%len(ids)], Label: "note"})
			}
			b.ReportMetric(float64(len(ids)), "boxes")
			benchLayout(b, s)
		})
	}
}

// BenchmarkSVG writes the Ministry's chart as SVG.
func BenchmarkSVG(b *testing.B) {
	d := loadSources(b)
	c, err := Layout(chartByName(b, Charts(d), "mia"), Options{Measurer: measurer(b)})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := SVG(io.Discard, c, SVGOptions{Href: func(id string) string { return id + ".html" }}); err != nil {
			b.Fatal(err)
		}
	}
}
