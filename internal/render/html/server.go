package html

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
	"strings"

	"dossier/internal/model"
)

// The files for static servers, at the top of the site.
const (
	notFoundPage = "404.html"
	KindNotFound = "404"
	sitemapFile  = "sitemap.xml"
	robotsFile   = "robots.txt"
)

// serverFiles writes what a static server uses beside the pages: a 404
// page, robots.txt and, when the settings give the base URL the site is
// published at, sitemap.xml. Without a base URL there is no sitemap (its
// addresses must be absolute), and the 404 page finds the top of the site
// from its own address (see 404.html).
//
// A site whose marking is not public (model.Public: anything but
// TLP:CLEAR) asks not to be indexed: robots.txt disallows every page, no
// sitemap is written, and every page carries a robots meta tag (base.html).
func (r *run) serverFiles() error {
	pages := r.pages // before the 404 page joins them
	if err := r.write(KindNotFound, &page{Name: notFoundPage, Title: "Page not found", Base: r.d.Settings.BaseURL}); err != nil {
		return err
	}
	base := r.d.Settings.BaseURL
	public := model.Public(r.d.Settings.Marking)
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
