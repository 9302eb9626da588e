package html

import (
	"html/template"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// cachedSet parses text with the layouts' functions, a "count" function
// that counts its calls, and "cached" bound to the set.
func cachedSet(t *testing.T, text string) (*template.Template, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	set, err := template.New("t").Funcs(funcs()).Funcs(template.FuncMap{
		"count": func() string { n.Add(1); return "" },
	}).Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	set.Funcs(template.FuncMap{"cached": newTemplateCache(set).fn})
	return set, &n
}

func TestCached(t *testing.T) {
	const defs = `{{define "badge"}}{{count}}<b title="{{.Title}}">{{.Name}}</b>{{end}}`
	type item struct{ Name, Title string }
	items := []item{{"A1", "x & y"}, {"B2", `"q"`}, {"A1", "x & y"}, {"A1", "x & y"}, {"<C3>", "z"}}

	// Cached, the output is what the template gives each item, and it is
	// executed once per key.
	direct, _ := cachedSet(t, defs+`{{define "page"}}{{range .}}{{template "badge" .}};{{end}}{{end}}`)
	set, calls := cachedSet(t, defs+`{{define "page"}}{{range .}}{{cached "badge" . .Name .Title}};{{end}}{{end}}`)
	var want, got strings.Builder
	if err := direct.ExecuteTemplate(&want, "page", items); err != nil {
		t.Fatal(err)
	}
	if err := set.ExecuteTemplate(&got, "page", items); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("cached gives\n%s\nthe template\n%s", got.String(), want.String())
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("three distinct keys: the template ran %d times, want 3", n)
	}

	// Pages rendered at once share the cache (go test -race).
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			var b strings.Builder
			if err := set.ExecuteTemplate(&b, "page", items); err != nil {
				t.Error(err)
			} else if b.String() != want.String() {
				t.Errorf("concurrently, cached gives\n%s\nwant\n%s", b.String(), want.String())
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 3 {
		t.Errorf("after more pages: the template ran %d times, want still 3", n)
	}
}

func TestCachedRefuses(t *testing.T) {
	tests := []struct{ call, want string }{
		{`{{cached "badge" .}}`, "give 1 to 3 keys"},
		{`{{cached "badge" . 1 2 3 4}}`, "give 1 to 3 keys"},
		{`{{cached "badge" . .}}`, "key 1 is a []string, which cannot be compared"},
		{`{{cached "nowhere" . 1}}`, `"nowhere" is undefined`},
	}
	for _, tt := range tests {
		set, _ := cachedSet(t, `{{define "badge"}}{{count}}x{{end}}{{define "page"}}`+tt.call+`{{end}}`)
		err := set.ExecuteTemplate(new(strings.Builder), "page", []string{"a"})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one saying %q", tt.call, err, tt.want)
		}
	}
	// A set it is not bound to says so.
	set, err := template.New("t").Funcs(funcs()).Parse(`{{cached "t" . 1}}`)
	if err != nil {
		t.Fatal(err)
	}
	if err := set.Execute(new(strings.Builder), nil); err == nil || !strings.Contains(err.Error(), errUnbound.Error()) {
		t.Errorf("unbound: error %v, want %v", err, errUnbound)
	}
}

// TestMenuKey checks what base.html caches the menu by: pages whose menus
// may differ never share a key, and the many pages the menu never lists
// (a source's, a note's, an entity's) share one per folder.
func TestMenuKey(t *testing.T) {
	key := func(name, kind, base string) string {
		p := &page{Name: name, Kind: kind, Base: base}
		p.Folder = dirOf(p.Name)
		return menuKey(p)
	}
	same := [][2]string{
		{key("sources/a.html", KindSource, ""), key("sources/b.html", KindSource, "")},
		{key("entities/a.html", KindEntity, ""), key("entities/b.html", KindEntity, "")},
		{key("notes/a.html", KindNote, ""), key("notes/b.html", KindNote, "")},
	}
	for _, k := range same {
		if k[0] != k[1] {
			t.Errorf("two pages of a kind the menu never lists have keys %q and %q, want one", k[0], k[1])
		}
	}
	differ := [][2]string{
		{key("markets/a.html", KindMarket, ""), key("markets/b.html", KindMarket, "")},       // the menu marks either as current
		{key("sources/a.html", KindSource, ""), key("x/sources/a.html", KindSource, "")},     // links climb otherwise
		{key("404.html", KindNotFound, "https://x.org/"), key("404.html", KindNotFound, "")}, // absolute links
		{key("index.html", KindIndex, ""), key("index.html", KindSources, "")},               // the kind marks its list
	}
	for _, k := range differ {
		if k[0] == k[1] {
			t.Errorf("two pages whose menus differ share the key %q", k[0])
		}
	}
}
