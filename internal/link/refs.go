package link

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// literalRef matches a source's reference typed as a word, "S3", with the
// paragraph after it if there is one, "S1 ¶12". Analyst prose refers to
// sources only through [[S:id]] and [[S:id#12]], which render the number the
// source has, so that no text points at the wrong source if numbers change.
var literalRef = regexp.MustCompile(`\bS([0-9]+)\b(?:[\s\x{00a0}]*¶[\s\x{00a0}]*([0-9]+))?`)

// literals reports every literal source reference in s, a run of prose
// written in file; lineAt gives the line of a byte offset in s.
func (r *resolver) literals(file, s string, lineAt func(i int) int) error {
	var errs diag.List
	for _, m := range literalRef.FindAllStringSubmatchIndex(s, -1) {
		word, num := s[m[0]:m[1]], s[m[2]:m[3]]
		var doc *model.Document
		if n, err := strconv.Atoi(num); err == nil {
			for _, d := range r.d.Documents {
				if d.Ref == "S"+strconv.Itoa(n) {
					doc = d
				}
			}
		}
		hint := fmt.Sprintf("no source has the reference S%s; write [[S:id]] with the id of the source meant (%s)", num, r.sourceIDs())
		if doc != nil {
			target := doc.ID
			if m[4] >= 0 {
				target += "#" + s[m[4]:m[5]]
			}
			hint = fmt.Sprintf("write [[S:%s]] instead", target)
		}
		errs.Add(diag.Errorf(file, lineAt(m[0]), "source reference %q typed by hand: refer to a source by its id, and the build prints its number; %s", word, hint))
	}
	return errs.Err()
}

// text resolves a piece of plain analyst prose: each [[reference]] becomes
// what a reader sees for it ("S1 ¶12", an entity's name, or its label), and
// a source reference typed by hand is an error.
func (r *resolver) text(w model.Written) (string, error) {
	var errs diag.List
	var b printed
	at := 0
	rest := func(end int) {
		from := at
		errs.Add(r.literals(w.Path, w.Text[from:end], func(i int) int { return w.LineAt(from + i) }))
		b.write(w.Text[from:end])
	}
	for _, ref := range markdown.FindRefs(w.Text) {
		rest(ref.Offset)
		if err := r.ref(w.Path, w.LineAt(ref.Offset), ref); err != nil {
			errs.Add(err)
		}
		b.writeRef(ref)
		at = ref.End
	}
	rest(len(w.Text))
	errs.Add(b.check(w.Path, func(ref *markdown.Ref) int { return w.LineAt(ref.Offset) }))
	return b.text.String(), errs.Err()
}

// resolveText sets *dst to the resolved form of w. A Written that the load
// stage did not fill (no Path: a model built by hand) leaves *dst alone.
func (r *resolver) resolveText(dst *string, w model.Written) error {
	if w.Path == "" {
		return nil
	}
	s, err := r.text(w)
	*dst = s
	return err
}

// texts resolves every piece of plain analyst prose in the dossier into
// the field renderers show: documents' descriptions and grade reasons,
// entities' roles, claims and relation notes, and the texts and notes of
// the crime-market summary.
func (r *resolver) texts() error {
	var errs diag.List
	set := func(dst *string, w model.Written) { errs.Add(r.resolveText(dst, w)) }
	claim := func(c *model.Claim) { set(&c.Text, c.Written) }
	findings := func(fs []model.Finding) {
		for i := range fs {
			claim(&fs[i].Claim)
		}
	}
	for _, doc := range r.d.Documents {
		set(&doc.Description, doc.DescriptionWritten)
		set(&doc.Grade.Reason, doc.Grade.ReasonWritten)
	}
	for _, e := range r.d.Entities {
		set(&e.Role, e.RoleWritten)
		for i := range e.Claims {
			claim(&e.Claims[i])
		}
		for _, rel := range e.Relations {
			set(&rel.Note, rel.NoteWritten)
		}
	}
	s := r.d.Markets
	if s == nil {
		return errs.Err()
	}
	findings(s.Overview)
	for _, m := range s.Markets {
		set(&m.Note, m.NoteWritten)
		for i := range m.Roles {
			claim(&m.Roles[i].Claim)
		}
		for i := range m.Trends {
			claim(&m.Trends[i].Claim)
		}
		for i := range m.Actors {
			claim(&m.Actors[i].Claim)
		}
		for i := range m.Agencies {
			set(&m.Agencies[i].Note, m.Agencies[i].NoteWritten)
		}
		findings(m.Findings)
	}
	for _, a := range s.Actors {
		set(&a.Note, a.NoteWritten)
		findings(a.Findings)
	}
	for _, a := range s.Resilience {
		set(&a.Note, a.NoteWritten)
		findings(a.Findings)
	}
	for _, p := range s.Priorities {
		set(&p.Note, p.NoteWritten)
	}
	for _, rt := range s.Routes {
		claim(&rt.Claim)
	}
	return errs.Err()
}

// proseLiterals reports the source references typed by hand in the text of
// a piece of Markdown; code is not prose, and is passed over. file and line
// say where src starts.
func (r *resolver) proseLiterals(file string, line int, src []byte, doc ast.Node) error {
	var errs diag.List
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink, *markdown.Ref:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			start := n.Segment.Start
			errs.Add(r.literals(file, string(n.Segment.Value(src)), func(i int) int {
				return line + strings.Count(string(src[:start+i]), "\n")
			}))
		}
		return ast.WalkContinue, nil
	})
	errs.Add(err)
	return errs.Err()
}
