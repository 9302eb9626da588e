package orgchart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// sampleSpec uses every feature: a stacked column of leaves, a subtree, a
// second tree, sub-labels, a highlight, a group heading, dashed tree lines
// and labelled extra edges.
func sampleSpec() *Spec {
	leaves := func(prefix string, names ...string) []*Node {
		var out []*Node
		for i, n := range names {
			out = append(out, &Node{ID: fmt.Sprintf("%s-%d", prefix, i+1), Label: n})
		}
		return out
	}
	police := &Node{ID: "police", Label: "Criminal Police", Children: append(
		leaves("div", "Criminal Investigation", "Economic Crime", "High-Tech Crime", "Organized Crime and Corruption", "Drugs and Trafficking in Human Beings"),
		&Node{ID: "ncb", Label: "National Central Bureau", Sub: "answers to the First Deputy", Children: leaves("desk", "Fugitives desk", "Transnational crime desk", "Criminal intelligence desk")},
	)}
	ministry := &Node{ID: "ministry", Label: "Ministry of Internal Affairs <&> Co", Children: append(
		[]*Node{{ID: "deputy", Label: "First Deputy Minister", Sub: "a post"}, police},
		leaves("unit", "Headquarters", "Secretariat", "Internal Security", "Information Center", "State Forensics Center", "Police Educational Institutions")...,
	)}
	partners := &Node{Label: "Partners", Kind: CooperatesWith, Children: []*Node{
		{ID: "org", Label: "International Organisation", Kind: CooperatesWith, Children: []*Node{{ID: "secretariat", Label: "General Secretariat"}}},
	}}
	return &Spec{
		Name:        "sample",
		Title:       "A sample chart",
		Description: "Every feature of the layout, on made-up units.",
		Roots:       []*Node{ministry, partners},
		Edges: []Edge{
			{Kind: ReportsTo, From: "ncb", To: "deputy", Label: "reports to"},
			{Kind: HeadedBy, From: "police", To: "deputy"},
			{Kind: Channel, From: "ncb", To: "secretariat", Label: "channel, according to S5"},
		},
		Highlight: "police",
	}
}

// sampleOptions is a page large enough for the sample at 8 pt: it is wide,
// and its use is to show every feature in one chart, not to be split.
func sampleOptions(t *testing.T) Options {
	return Options{Measurer: measurer(t), Width: 540, Height: 780}
}

func TestGoldenSVG(t *testing.T) {
	s := sampleSpec()
	o := sampleOptions(t)
	c, err := Layout(s, o)
	if err != nil {
		t.Fatal(err)
	}
	checkChart(t, s, c, o)
	var buf bytes.Buffer
	href := func(id string) string {
		if id == "secretariat" {
			return "" // not every entity has a page
		}
		return "../entities/" + id + ".html"
	}
	if err := SVG(&buf, c, SVGOptions{Href: href}); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample.svg")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/orgchart -update to create it)", err)
	}
	if d := cmp.Diff(string(want), buf.String()); d != "" {
		t.Errorf("SVG differs from %s (-want +got); run with -update if the change is intended:\n%s", golden, d)
	}
}

// TestSVG checks the SVG's structure: well-formed XML, the accessible name
// and description, one <text> per line, links and classes.
func TestSVG(t *testing.T) {
	s := sampleSpec()
	c, err := Layout(s, sampleOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := SVG(&buf, c, SVGOptions{Href: func(id string) string { return id + ".html" }, IDPrefix: "p"}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	dec := xml.NewDecoder(strings.NewReader(out))
	counts := map[string]int{}
	var texts []string
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, out)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			counts[tok.Name.Local]++
			inText = tok.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(tok))
			}
		case xml.EndElement:
			inText = false
		}
	}
	lines, entities := 0, 0
	for _, b := range c.Boxes {
		lines += len(b.Lines)
		if b.ID != "" {
			entities++
		}
	}
	labels := 0
	for _, e := range c.Edges {
		if e.Label != "" {
			labels++
		}
	}
	if counts["text"] != lines+labels+len(c.Legend) {
		t.Errorf("%d <text>, want %d lines + %d labels + %d legend items", counts["text"], lines, labels, len(c.Legend))
	}
	if counts["a"] != entities {
		t.Errorf("%d links, want one per entity box, %d", counts["a"], entities)
	}
	for _, want := range []string{
		`role="group"`, `aria-labelledby="p-title" aria-describedby="p-desc"`, `<title id="p-title">A sample chart</title>`,
		`<desc id="p-desc">Every feature`, `viewBox="0 0 `, `class="oc-box oc-highlight"`, `aria-current="page"`,
		`class="oc-box oc-group"`, `stroke-dasharray=`, `class="oc-legend"`, `font-family="&#39;Noto Sans&#39;, `,
		`&lt;&amp;&gt;`, `href="police.html"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	if !strings.Contains(strings.Join(texts, "|"), "Criminal Investigation") {
		t.Errorf("unit name not set as text: %q", texts)
	}
}

// recorder is a Canvas that writes down every call.
type recorder struct {
	ops   []string
	texts []string
	links []string
	maxX  float64
	maxY  float64
}

func (r *recorder) see(x, y float64) {
	r.maxX, r.maxY = max(r.maxX, x), max(r.maxY, y)
}

func (r *recorder) Rect(rc Rect, s BoxStyle) {
	r.see(rc.Right(), rc.Bottom())
	r.ops = append(r.ops, fmt.Sprintf("rect %.2f %.2f %.2f %.2f fill %s stroke %s %.2f", rc.X, rc.Y, rc.W, rc.H, s.Fill.Hex(), s.Stroke.Hex(), s.StrokeWidth))
}

func (r *recorder) Polyline(pts []Point, s LineStyle) {
	for _, p := range pts {
		r.see(p.X, p.Y)
	}
	r.ops = append(r.ops, fmt.Sprintf("line %v %s %.2f dash %v", pts, s.Color.Hex(), s.Width, s.Dash))
}

func (r *recorder) Text(x, y float64, text string, size float64, bold bool, c Color) {
	r.see(x, y)
	r.texts = append(r.texts, text)
	r.ops = append(r.ops, fmt.Sprintf("text %.2f %.2f %q %.2f bold=%v %s", x, y, text, size, bold, c.Hex()))
}

func (r *recorder) Link(rc Rect, id string) {
	r.links = append(r.links, id)
	r.ops = append(r.ops, fmt.Sprintf("link %.2f %.2f %.2f %.2f %s", rc.X, rc.Y, rc.W, rc.H, id))
}

func TestDraw(t *testing.T) {
	ms := measurer(t)
	s := sampleSpec()
	// A small page forces a scale below 1, which Draw must apply.
	c, err := Layout(s, Options{Measurer: ms, Width: 420, Height: 420, MinFontSize: 4})
	if err != nil {
		t.Fatal(err)
	}
	if c.Scale >= 1 {
		t.Fatalf("scale %.2f; the test wants a chart that must shrink", c.Scale)
	}
	var r recorder
	Draw(c, &r)
	if r.maxX > c.Width*c.Scale+1e-6 || r.maxY > c.Height*c.Scale+1e-6 {
		t.Errorf("drawing reaches (%.1f, %.1f), beyond the scaled chart %.1f×%.1f", r.maxX, r.maxY, c.Width*c.Scale, c.Height*c.Scale)
	}
	var wantLinks []string
	for _, b := range c.Boxes {
		if b.ID != "" {
			wantLinks = append(wantLinks, b.ID)
		}
	}
	if d := cmp.Diff(wantLinks, r.links); d != "" {
		t.Errorf("links (-want +got):\n%s", d)
	}
	all := strings.Join(r.texts, "\n")
	for _, name := range []string{"Criminal Police", "First Deputy Minister", "Fugitives desk", "is part of", "reports to"} {
		if !strings.Contains(all, name) {
			t.Errorf("Draw did not set %q as text; it set:\n%s", name, all)
		}
	}
	// Drawing twice paints the same.
	var r2 recorder
	Draw(c, &r2)
	if d := cmp.Diff(r.ops, r2.ops); d != "" {
		t.Errorf("two drawings differ:\n%s", d)
	}
}

// TestHighlightedKeepsLayout checks that highlighting a box changes how it
// is painted and nothing else: the chart laid out with a highlight equals
// the chart laid out without one, then highlighted.
func TestHighlightedKeepsLayout(t *testing.T) {
	with := sampleSpec()
	without := sampleSpec()
	without.Highlight = ""
	a, err := Layout(with, sampleOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Layout(without, sampleOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, bx := range b.Boxes {
		if bx.Highlighted {
			t.Fatalf("%s highlighted in a chart that highlights nothing", bx.ID)
		}
	}
	if diff := cmp.Diff(a, b.Highlighted("police")); diff != "" {
		t.Errorf("laid out with the highlight vs highlighted afterwards (-with +after):\n%s", diff)
	}
	n := 0
	for _, bx := range b.Highlighted("ncb").Boxes {
		if bx.Highlighted {
			n++
			if bx.ID != "ncb" {
				t.Errorf("%s highlighted, want ncb", bx.ID)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d boxes highlighted, want 1", n)
	}
	if b.Boxes[0].Highlighted || len(b.Highlighted("ncb").Boxes) != len(b.Boxes) {
		t.Error("Highlighted changed the chart it was called on")
	}
}
