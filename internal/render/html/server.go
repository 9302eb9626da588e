package html

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
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
// addresses must be absolute), and the 404 page links relative to the top
// of the site.
func (r *run) serverFiles() error {
	pages := r.pages // before the 404 page joins them
	if err := r.write(KindNotFound, &page{Name: notFoundPage, Title: "Page not found", Base: r.d.Settings.BaseURL}); err != nil {
		return err
	}
	base := r.d.Settings.BaseURL
	var robots bytes.Buffer
	robots.WriteString("# The dossier site: every page may be read and indexed.\nUser-agent: *\nAllow: /\n")
	if base != "" {
		fmt.Fprintf(&robots, "Sitemap: %s%s\n", base, sitemapFile)
	}
	if err := r.w.WriteFile(path.Join(SiteDir, robotsFile), robots.Bytes()); err != nil {
		return err
	}
	if base == "" {
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
