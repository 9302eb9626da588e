package html

import "testing"

func TestRelURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ from, target, want string }{
		{"index.html", "index.html", "index.html"},
		{"index.html", "sources/x.html", "sources/x.html"},
		{"index.html", "sources/x.html#p3", "sources/x.html#p3"},
		{"index.html", "assets/style.css", "assets/style.css"},
		{"sources/x.html", "index.html", "../index.html"},
		{"sources/x.html", "assets/style.css", "../assets/style.css"},
		{"sources/x.html", "sources/y.html", "y.html"},
		{"sources/x.html", "sources/y.html#p12", "y.html#p12"},
		{"sources/x.html", "sources/x.html", "x.html"},
		{"sources/x.html", "sources/x.html#p3", "#p3"},
		{"sources/x.html", "#p3", "#p3"},
		{"sources/x.html", "notes/about.html", "../notes/about.html"},
		{"entities/agency/a.html", "entities/person/b.html", "../person/b.html"},
		{"entities/agency/a.html", "entities/agency/b.html#c", "b.html#c"},
		{"entities/agency/a.html", "index.html", "../../index.html"},
		{"entities/agency/a.html", "sources/x.html#p1", "../../sources/x.html#p1"},
		{"index.html", "entities/agency/a.html", "entities/agency/a.html"},
		{"index.html", "#sources", "#sources"},
	}
	for _, tt := range tests {
		if got := relURL(tt.from, tt.target); got != tt.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", tt.from, tt.target, got, tt.want)
		}
	}
}

func TestMarkingClass(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"TLP:CLEAR", "marking-tlp-clear"},
		{"TLP:AMBER+STRICT", "marking-tlp-amber-strict"},
		{"  Official use only ", "marking-official-use-only"},
		{"", "marking"},
	}
	for _, tt := range tests {
		if got := markingClass(tt.in); got != tt.want {
			t.Errorf("markingClass(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSSString(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"TLP:CLEAR", `"TLP\3a CLEAR"`},
		{"TLP:AMBER+STRICT", `"TLP\3a AMBER\2b STRICT"`},
		{`x"; } body { color: red`, `"x\22 \3b  \7d  body \7b  color\3a  red"`},
		{"ДСП", `"\414 \421 \41f "`},
	}
	for _, tt := range tests {
		if got := string(cssString(tt.in)); got != tt.want {
			t.Errorf("cssString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
