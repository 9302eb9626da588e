package orgchart

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	leaf := func(id, label string) *Node { return &Node{ID: id, Label: label} }
	shared := leaf("s", "Shared")
	tests := []struct {
		name string
		spec Spec
		want string // in the error; "" for none
	}{
		{"ok", Spec{Name: "x", Roots: []*Node{{ID: "a", Label: "A", Children: []*Node{leaf("b", "B")}}}, Edges: []Edge{{Kind: ReportsTo, From: "b", To: "a"}}, Highlight: "b"}, ""},
		{"groups may repeat the empty id", Spec{Name: "x", Roots: []*Node{{Label: "G1"}, {Label: "G2"}}}, ""},
		{"empty", Spec{Name: "x"}, "has no nodes"},
		{"nil node", Spec{Name: "x", Roots: []*Node{nil}}, "nil node"},
		{"no label", Spec{Name: "x", Roots: []*Node{leaf("a", "")}}, "without a label"},
		{"duplicate id", Spec{Name: "x", Roots: []*Node{leaf("a", "A"), leaf("a", "A again")}}, `shows entity "a" twice`},
		{"node twice", Spec{Name: "x", Roots: []*Node{{ID: "r", Label: "R", Children: []*Node{shared, shared}}}}, "reaches node"},
		{"unknown node kind", Spec{Name: "x", Roots: []*Node{{ID: "a", Label: "A", Kind: "likes"}}}, `unknown edge kind "likes"`},
		{"unknown edge kind", Spec{Name: "x", Roots: []*Node{leaf("a", "A"), leaf("b", "B")}, Edges: []Edge{{Kind: "likes", From: "a", To: "b"}}}, "unknown kind"},
		{"edge to a missing box", Spec{Name: "x", Roots: []*Node{leaf("a", "A")}, Edges: []Edge{{Kind: Channel, From: "a", To: "z"}}}, "does not show"},
		{"edge to itself", Spec{Name: "x", Roots: []*Node{leaf("a", "A")}, Edges: []Edge{{Kind: Channel, From: "a", To: "a"}}}, "to itself"},
		{"highlight missing", Spec{Name: "x", Roots: []*Node{leaf("a", "A")}, Highlight: "z"}, "highlights"},
	}
	ms := measurer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Layout(&tt.spec, Options{Measurer: ms})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			if !errors.Is(err, ErrSpec) {
				t.Errorf("error %v does not wrap ErrSpec", err)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	s := &Spec{Name: "x", Roots: []*Node{{ID: "a", Label: "A"}}}
	if _, err := Layout(s, Options{}); err == nil {
		t.Error("no error without a Measurer")
	}
	ms := measurer(t)
	if _, err := Layout(s, Options{Measurer: ms, FontSize: 8, MinFontSize: 9}); err == nil {
		t.Error("no error with a minimum above the font size")
	}
	if _, err := Layout(s, Options{Measurer: ms, MaxBoxWidth: 10}); err == nil {
		t.Error("no error with boxes too narrow for text")
	}
	// A chart far too wide for a tiny page is refused, not shrunk unreadably.
	wide := &Spec{Name: "wide", Roots: []*Node{{ID: "r", Label: "Root"}}}
	for i := range 40 {
		wide.Roots[0].Children = append(wide.Roots[0].Children, &Node{ID: fmt.Sprintf("u%d", i), Label: "A unit with a long name"})
	}
	_, err := Layout(wide, Options{Measurer: ms, Width: 120, Height: 120})
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("error %v, want ErrTooLarge", err)
	}
}

func TestWrap(t *testing.T) {
	ms := measurer(t)
	tests := []struct {
		text  string
		maxW  float64
		lines int
	}{
		{"", 100, 0},
		{"Headquarters", 100, 1},
		{"Main Directorate for Combating Organized Crime and Corruption", 100, 3},
		{"Überlongcompoundwordthatcannotbreakanywhereatall", 64, 4},
	}
	for _, tt := range tests {
		got := wrap(ms, tt.text, 9, false, tt.maxW)
		if len(got) != tt.lines {
			t.Errorf("wrap(%q, %g) = %q, want %d lines", tt.text, tt.maxW, got, tt.lines)
		}
		for _, l := range got {
			if w := ms.Width(l, 9, false); w > tt.maxW {
				t.Errorf("line %q is %.1f wide, more than %g", l, w, tt.maxW)
			}
		}
		if strings.Join(strings.Fields(strings.Join(got, "")), "") != strings.Join(strings.Fields(tt.text), "") {
			t.Errorf("wrap(%q) lost text: %q", tt.text, got)
		}
	}
}

// TestOrientationHint: a Spec that asks for an orientation gets it, fitted
// to that page; one that asks for none gets the better of the two; an
// unknown one is an invalid Spec.
func TestOrientationHint(t *testing.T) {
	ms := measurer(t)
	free, err := Layout(sampleSpec(), Options{Measurer: ms, MinFontSize: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []Orientation{Portrait, Landscape} {
		s := sampleSpec()
		s.Orientation = want
		// Portrait shrinks the sample's smallest text below 8 pt.
		c, err := Layout(s, Options{Measurer: ms, MinFontSize: 5})
		if err != nil {
			t.Fatal(err)
		}
		if c.Orientation != want {
			t.Errorf("asked for %s, got %s", want, c.Orientation)
		}
		if want == free.Orientation && c.Scale != free.Scale {
			t.Errorf("asking for the orientation Layout chooses changed the scale: %g, want %g", c.Scale, free.Scale)
		}
	}
	s := sampleSpec()
	s.Orientation = "sideways"
	if _, err := Layout(s, Options{Measurer: ms}); !errors.Is(err, ErrSpec) {
		t.Errorf("unknown orientation: error %v, want ErrSpec", err)
	}
}
