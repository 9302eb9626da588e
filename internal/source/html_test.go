package source

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/charmap"
)

// TestReadPage takes the text of a saved web page: a line a block, a
// blank line between (but under a list's lead-in), lists with bullets, a
// table's cells between " | ",
// <pre> kept, what is hidden or scripted left out; with what the page says
// of itself, its headings, and the lines of its navigation, header and
// footer.
func TestReadPage(t *testing.T) {
	page := `<!DOCTYPE html>
<html><head><title> Customs at the port |
  Harbour Watch </title>
<link rel="canonical" href="https://example.org/customs">
<meta property="article:published_time" content="2026-03-01T10:00:00Z">
<style>p { color: red }</style><script>var x = 1;</script>
</head>
<body>
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<h1>Customs   at the port</h1>
<p>The customs service <em>reportedly</em> inspects
   every container.<br>It says so itself.</p>
<div hidden>Hidden text.</div><p style="display: none">Also hidden.</p>
<h2>Bodies</h2>
<p>Other bodies include:</p>
<ul><li>Police</li><li>Border <b>guard</b></li></ul>
<ul><li><p>An item in a paragraph</p></li><li><div>An item in a div</div></li></ul>
<table><tr><th>Year</th><th>Seizures</th></tr><tr><td>2025</td><td>1,234</td></tr></table>
<pre>line one
  line two</pre>
<h5>Small print</h5>
<article><header><p>By a reporter</p></header><p>The article.</p></article>
<footer><p>Contact us</p></footer>
</body></html>`
	p, err := ReadPage([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"Home | About", "Customs at the port",
		"The customs service reportedly inspects every container.", "It says so itself.",
		"Bodies", "Other bodies include:\n• Police", "• Border guard",
		"• An item in a paragraph", "• An item in a div",
		"Year | Seizures", "2025 | 1,234",
		"line one", "  line two",
		"Small print",
		"By a reporter", "The article.",
		"Contact us",
	}, "\n\n") + "\n"
	if diff := cmp.Diff(want, string(p.Text)); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	if p.Title != "Customs at the port | Harbour Watch" || p.URL != "https://example.org/customs" || p.Published != "2026-03-01T10:00:00Z" {
		t.Errorf("title %q, URL %q, published %q", p.Title, p.URL, p.Published)
	}
	if diff := cmp.Diff([]PageHeading{{"Customs at the port", 1}, {"Bodies", 2}, {"Small print", 3}}, p.Headings); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
	// The page's nav and footer are its furniture; an article's header is
	// not.
	if diff := cmp.Diff([]PageLine{{"Home | About", "nav"}, {"Contact us", "footer"}}, p.Furniture); diff != "" {
		t.Errorf("furniture (-want +got):\n%s", diff)
	}

	// A page in windows-1251, which says so, reads in it.
	ru, err := charmap.Windows1251.NewEncoder().String(`<html><head><meta charset="windows-1251"></head><body><p>Министерство внутренних дел</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	if p, err = ReadPage([]byte(ru)); err != nil || string(p.Text) != "Министерство внутренних дел\n" {
		t.Errorf("a windows-1251 page: %q, %v", p.Text, err)
	}

	for name, data := range map[string]string{"page.html": "x", "page.HTM": "x", "saved": "\n  <!doctype html><html>", "page.txt": "<html lang=en>"} {
		if !IsHTML(name, []byte(data)) {
			t.Errorf("IsHTML(%q, %q) = false", name, data)
		}
	}
	if IsHTML("notes.txt", []byte("A text about <html> tags.")) {
		t.Error("a text that names a tag is taken for a page")
	}
}
