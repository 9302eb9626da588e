package html

import (
	stdhtml "html"
	"regexp"
	"strings"
)

// crumbs returns the breadcrumb trail of a page: the pages above it, from
// the overview down, not the page itself. The overview has none.
func (r *run) crumbs(kind string, p *page) []navLink {
	if p.Name == indexPage {
		return nil
	}
	trail := []navLink{{Name: indexPage, Label: "Overview"}}
	switch kind {
	case KindSource, KindSources:
		trail = append(trail, navLink{Name: r.frame.SourceIndex, Label: "Sources"})
	case KindNote:
		trail = append(trail, navLink{Name: r.frame.NoteIndex, Label: "Notes"})
	case KindEntities:
		if p.Name != entityIndex {
			trail = append(trail, navLink{Name: entityIndex, Label: "Entities"})
		}
	case KindEntity:
		trail = append(trail, navLink{Name: entityIndex, Label: "Entities"})
		if d, ok := p.Data.(*entityData); ok {
			trail = append(trail, navLink{Name: d.KindTarget, Label: d.E.Kind.Label()})
		}
	case KindMarket, KindActors, KindResilience:
		trail = append(trail, navLink{Name: marketsPage, Label: "Crime markets"})
	}
	return trail
}

// minSections is the fewest sections a page needs for a table of contents.
const minSections = 3

var (
	h2Re  = regexp.MustCompile(`(?s)<h2 id="([^"]+)"[^>]*>(.*?)</h2>`)
	tagRe = regexp.MustCompile(`<[^>]*>`)
)

// sections lists the h2 headings of a page's content, with their ids, for
// its table of contents; none when it has fewer than minSections. The
// content is this package's own output, in which every h2 that can be
// linked to has an id.
func sections(main []byte) []navLink {
	ms := h2Re.FindAllSubmatch(main, -1)
	if len(ms) < minSections {
		return nil
	}
	out := make([]navLink, 0, len(ms))
	for _, m := range ms {
		label := strings.Join(strings.Fields(stdhtml.UnescapeString(tagRe.ReplaceAllString(string(m[2]), ""))), " ")
		out = append(out, navLink{Name: "#" + stdhtml.UnescapeString(string(m[1])), Label: label})
	}
	return out
}
