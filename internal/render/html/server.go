package html

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"
)

// The files for static servers, at the top of the site.
const (
	notFoundPage = "404.html"
	KindNotFound = "404"
	sitemapFile  = "sitemap.xml"
	robotsFile   = "robots.txt"
)

// notFoundData is what the 404 page shows beyond the frame.
type notFoundData struct {
	// Dirs are the site's folders ("entities", "sources", …): without a
	// base URL, the page's script takes the top of the site to be where
	// the last of them in its address begins, or else the folder of the
	// address itself.
	Dirs []string
}

// serverFiles writes what a static server uses beside the pages: a 404
// page, robots.txt and, when the settings give the base URL the site is
// published at, sitemap.xml. Without a base URL there is no sitemap (its
// addresses must be absolute). A server shows the 404 page at the address
// asked for, at any depth, so it carries its stylesheet inline, and its
// links are absolute with a base URL; without one, they are relative to
// the top of the site, and a script in the page finds the top from its
// address (see notFoundData).
//
// A site whose marking is not public (model.Public: anything but
// TLP:CLEAR) asks not to be indexed: robots.txt disallows every page, no
// sitemap is written, and every page carries a robots meta tag (base.html).
func (r *run) serverFiles() error {
	pages := r.pages // before the 404 page joins them
	dirs := []string{"assets", "data", "images"}
	for _, name := range pages {
		if dir, _, ok := strings.Cut(name, "/"); ok && !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	slices.Sort(dirs)
	nf := &page{Name: notFoundPage, Title: "Page not found", Base: r.d.Settings.BaseURL, Style: template.CSS(r.css), Data: &notFoundData{Dirs: dirs}}
	if err := r.write(KindNotFound, nf); err != nil {
		return err
	}
	base := r.d.Settings.BaseURL
	public := r.frame.Public
	var robots bytes.Buffer
	if public {
		robots.WriteString("# The dossier site: every page may be read and indexed.\nUser-agent: *\nAllow: /\n")
	} else {
		if m := oneLine(r.d.Settings.Marking); m != "" {
			fmt.Fprintf(&robots, "# The dossier site is marked %s, not for the public: no page may be indexed.\n", m)
		} else {
			robots.WriteString("# The dossier site has no handling marking, so no page may be indexed.\n")
		}
		robots.WriteString("User-agent: *\nDisallow: /\n")
	}
	if public && base != "" {
		fmt.Fprintf(&robots, "Sitemap: %s%s\n", base, sitemapFile)
	}
	if err := r.w.WriteFile(path.Join(SiteDir, robotsFile), robots.Bytes()); err != nil {
		return err
	}
	if !public || base == "" {
		return nil
	}
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	set := struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []url    `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	lastmod := ""
	if !r.d.Built.IsZero() {
		lastmod = r.d.Built.UTC().Format("2006-01-02")
	}
	for _, name := range pages {
		if name == searchPage {
			continue // results, not content
		}
		set.URLs = append(set.URLs, url{Loc: base + name, LastMod: lastmod})
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return fmt.Errorf("%s: %w", sitemapFile, err)
	}
	buf.WriteByte('\n')
	return r.w.WriteFile(path.Join(SiteDir, sitemapFile), buf.Bytes())
}

// oneLine is s with its runs of spaces and control characters, line
// breaks among them, made single spaces, for a comment line.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(c rune) bool { return c <= ' ' || c == 0x7f }), " ")
}
