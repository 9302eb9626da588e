package pdf

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"dossier/internal/model"
	"dossier/internal/wording"
)

// The snippets of wording (see package wording) the briefing draws: those
// it draws as paragraphs, and those it sets inside a line (a heading, a
// key), which must each be one paragraph.
var (
	wordingBlocks = []string{
		"sources/intro", "sources/grading",
		"annex/provenance",
		"agencies/intro", "glossary/intro", "index/intro", "charts/intro",
		"markets/intro", "markets/priorities-intro", "markets/routes-intro", "markets/not-covered",
		"markets/actors-intro", "markets/actor-not-covered", "markets/resilience-intro", "markets/area-not-covered",
		"evidence/key", "changes/intro", "changes/none",
	}
	wordingInline = []string{"changes/heading", "source/removed-none", "charts/attested", "markets/role-key", "markets/priorities-heading", "markets/priority-area", "markets/route-figure",
		"evidence/stated", "evidence/hedged", "evidence/alleged", "evidence/background"}
)

// checkWording makes sure every snippet the briefing draws is in w, and
// that those set inside a line are single paragraphs, so that drawing them
// cannot fail halfway through a pass.
func checkWording(w *wording.Set) error {
	if w == nil {
		return fmt.Errorf("no wording in the options")
	}
	for _, name := range slices.Concat(wordingBlocks, assessmentBlocks) {
		if _, err := w.Get(name); err != nil {
			return err
		}
	}
	for _, name := range slices.Concat(wordingInline, assessmentInline) {
		sn, err := w.Get(name)
		if err == nil {
			_, err = sn.Inline()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// snippet returns the snippet name, which checkWording has found.
func (s *doc) snippet(name string) *wording.Snippet {
	sn, err := s.opts.Wording.Get(name)
	if err != nil {
		// Only a name missing from the lists above gets here; the pass
		// fails with fpdf's sticky error.
		s.f.SetError(err)
		return &wording.Snippet{Name: name, Doc: ast.NewDocument()}
	}
	return sn
}

// wordingNote is what the Markdown walker needs to know of a snippet.
func wordingNote(sn *wording.Snippet) *note {
	return &note{Note: &model.Note{ID: "wording:" + sn.Name, Source: sn.Source, Path: sn.Path}, footnotes: map[int]dest{}}
}

// say draws the snippet name as running text, one paragraph per paragraph
// of the snippet. An error (a code block that cannot be highlighted) is
// left as fpdf's sticky error, which the pass checks after the chapter.
func (s *doc) say(name string) {
	sn := s.snippet(name)
	if err := s.blocks(sn.Doc, wordingNote(sn)); err != nil {
		s.f.SetError(fmt.Errorf("%s: %w", sn.Path, err))
	}
}

// sayRuns returns the snippet name, one paragraph, as runs in style st.
func (s *doc) sayRuns(name string, st textStyle) []run {
	sn := s.snippet(name)
	p, err := sn.Inline()
	if err != nil {
		s.f.SetError(err)
		return nil
	}
	return s.inlines(p, st, wordingNote(sn))
}

// sayText returns the words of the snippet name, for a heading.
func (s *doc) sayText(name string) string { return s.snippet(name).Text() }

// keyMarks sets the marks of the role matrix in a key drawn from a
// snippet as the matrix draws them: "●" a stated role, "○" a hedged one,
// "▲" an alleged one; "◐", the site's old mark of a hedged role, is drawn
// as "○", which the fonts have.
func keyMarks(runs []run) []run {
	var out []run
	for _, r := range runs {
		if r.brk || !strings.ContainsAny(r.text, "●○▲◐") {
			out = append(out, r)
			continue
		}
		rest := r.text
		for rest != "" {
			i := strings.IndexAny(rest, "●○▲◐")
			if i < 0 {
				out = append(out, run{text: rest, st: r.st, link: r.link, url: r.url})
				break
			}
			if i > 0 {
				out = append(out, run{text: rest[:i], st: r.st, link: r.link, url: r.url})
			}
			mst := r.st
			mst.color = accent
			mst.size = r.st.size * 8 / 8.5
			m, n := utf8.DecodeRuneInString(rest[i:])
			if m == '◐' {
				m = '○'
			}
			out = append(out, run{text: string(m), st: mst})
			rest = rest[i+n:]
		}
	}
	return out
}
