package export

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Changes is what changed from one edition of a dossier to the next, by
// their data.
type Changes struct {
	Old, New string // how each edition names itself: "edition 1 (2026-10-01)"

	SourcesAdded   []EditionSource `json:"sources_added"`
	SourcesRemoved []EditionSource `json:"sources_removed"`
	SourcesChanged []SourceChange  `json:"sources_changed"` // text (digest) or grade
	// ParagraphsChanged are the paragraphs both editions cite by number
	// ([[S:id#12]]) whose text differs: the source was recaptured or
	// cleaned otherwise, and what cites them may need reading again.
	ParagraphsChanged []ParagraphChange `json:"cited_paragraphs_changed"`

	ClaimsAdded    []ClaimRecord `json:"claims_added"`
	ClaimsRemoved  []ClaimRecord `json:"claims_removed"`
	ClaimsReworded []ClaimChange `json:"claims_reworded"`

	JudgementsAdded     []EditionJudgement `json:"judgements_added"`
	JudgementsWithdrawn []EditionJudgement `json:"judgements_withdrawn"`
	JudgementsChanged   []JudgementChange  `json:"judgements_changed"`

	EntitiesAdded    []EditionEntity   `json:"entities_added"`
	EntitiesRemoved  []EditionEntity   `json:"entities_removed"`
	RelationsAdded   []EditionRelation `json:"relations_added"`
	RelationsRemoved []EditionRelation `json:"relations_removed"`
}

// SourceChange is a source in both editions whose text or grade changed.
type SourceChange struct {
	Old, New EditionSource
	Text     bool `json:"text"`  // the digest differs: the text is not the one cited before
	Grade    bool `json:"grade"` // the grade differs
}

// ParagraphChange is a paragraph of a source that both editions cite by
// number, whose text differs.
type ParagraphChange struct {
	Source    EditionSource `json:"source"` // as the new edition has it
	Paragraph int           `json:"paragraph"`
}

// ClaimChange is a claim resting on the same quote in both editions,
// worded otherwise.
type ClaimChange struct{ Old, New ClaimRecord }

// JudgementChange is a judgement in both editions (by id) whose
// statement, likelihood or confidence changed.
type JudgementChange struct{ Old, New EditionJudgement }

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return len(c.SourcesAdded)+len(c.SourcesRemoved)+len(c.SourcesChanged)+len(c.ParagraphsChanged)+
		len(c.ClaimsAdded)+len(c.ClaimsRemoved)+len(c.ClaimsReworded)+
		len(c.JudgementsAdded)+len(c.JudgementsWithdrawn)+len(c.JudgementsChanged)+
		len(c.EntitiesAdded)+len(c.EntitiesRemoved)+len(c.RelationsAdded)+len(c.RelationsRemoved) == 0
}

// Name is how an edition names itself in a comparison.
func (e *Edition) Name() string {
	n := "edition"
	if e.Edition != "" {
		n += " " + e.Edition
	}
	if e.Date != "" {
		return n + " of " + e.Date
	}
	return n + " with cut-off " + e.Cutoff
}

// Diff compares two editions. Sources, entities and judgements are
// matched by id, relations by what they join, claims by the entity (or
// market), source and quote they rest on: a claim whose quote is the same
// but whose words are not is reworded.
func Diff(old, new *Edition) *Changes {
	c := &Changes{
		Old: old.Name(), New: new.Name(),
		SourcesAdded: []EditionSource{}, SourcesRemoved: []EditionSource{}, SourcesChanged: []SourceChange{}, ParagraphsChanged: []ParagraphChange{},
		ClaimsAdded: []ClaimRecord{}, ClaimsRemoved: []ClaimRecord{}, ClaimsReworded: []ClaimChange{},
		JudgementsAdded: []EditionJudgement{}, JudgementsWithdrawn: []EditionJudgement{}, JudgementsChanged: []JudgementChange{},
		EntitiesAdded: []EditionEntity{}, EntitiesRemoved: []EditionEntity{},
		RelationsAdded: []EditionRelation{}, RelationsRemoved: []EditionRelation{},
	}
	oldSrc := map[string]EditionSource{}
	for _, s := range old.Sources {
		oldSrc[s.ID] = s
	}
	newSrc := map[string]bool{}
	for _, s := range new.Sources {
		newSrc[s.ID] = true
		o, ok := oldSrc[s.ID]
		switch {
		case !ok:
			c.SourcesAdded = append(c.SourcesAdded, s)
		case o.SHA256 != s.SHA256 || o.Grade != s.Grade:
			c.SourcesChanged = append(c.SourcesChanged, SourceChange{o, s, o.SHA256 != s.SHA256, o.Grade != s.Grade})
		}
		if ok {
			was := map[int]string{}
			for _, p := range o.Cited {
				was[p.Paragraph] = p.SHA256
			}
			for _, p := range s.Cited {
				if sum, ok := was[p.Paragraph]; ok && sum != p.SHA256 {
					c.ParagraphsChanged = append(c.ParagraphsChanged, ParagraphChange{s, p.Paragraph})
				}
			}
		}
	}
	for _, s := range old.Sources {
		if !newSrc[s.ID] {
			c.SourcesRemoved = append(c.SourcesRemoved, s)
		}
	}

	key := func(r ClaimRecord) string { return r.Entity + "\x00" + r.Market + "\x00" + r.Source + "\x00" + r.Quote }
	oldClaims := map[string][]ClaimRecord{}
	for _, r := range old.Claims {
		oldClaims[key(r)] = append(oldClaims[key(r)], r)
	}
	newClaims := map[string][]ClaimRecord{}
	for _, r := range new.Claims {
		newClaims[key(r)] = append(newClaims[key(r)], r)
	}
	for _, r := range new.Claims {
		olds := oldClaims[key(r)]
		switch {
		case len(olds) == 0:
			c.ClaimsAdded = append(c.ClaimsAdded, r)
		case !hasText(olds, r.Claim) && len(olds) == 1 && len(newClaims[key(r)]) == 1:
			c.ClaimsReworded = append(c.ClaimsReworded, ClaimChange{olds[0], r})
		case !hasText(olds, r.Claim):
			c.ClaimsAdded = append(c.ClaimsAdded, r)
		}
	}
	for _, r := range old.Claims {
		news := newClaims[key(r)]
		switch {
		case len(news) == 0:
			c.ClaimsRemoved = append(c.ClaimsRemoved, r)
		case !hasText(news, r.Claim) && !(len(news) == 1 && len(oldClaims[key(r)]) == 1):
			c.ClaimsRemoved = append(c.ClaimsRemoved, r)
		}
	}

	oldJ := map[string]EditionJudgement{}
	for _, j := range old.Judgements {
		oldJ[j.ID] = j
	}
	newJ := map[string]bool{}
	for _, j := range new.Judgements {
		newJ[j.ID] = true
		o, ok := oldJ[j.ID]
		switch {
		case !ok:
			c.JudgementsAdded = append(c.JudgementsAdded, j)
		case o != j:
			c.JudgementsChanged = append(c.JudgementsChanged, JudgementChange{o, j})
		}
	}
	for _, j := range old.Judgements {
		if !newJ[j.ID] {
			c.JudgementsWithdrawn = append(c.JudgementsWithdrawn, j)
		}
	}

	oldE, newE := map[string]bool{}, map[string]bool{}
	for _, e := range old.Entities {
		oldE[e.ID] = true
	}
	for _, e := range new.Entities {
		newE[e.ID] = true
		if !oldE[e.ID] {
			c.EntitiesAdded = append(c.EntitiesAdded, e)
		}
	}
	for _, e := range old.Entities {
		if !newE[e.ID] {
			c.EntitiesRemoved = append(c.EntitiesRemoved, e)
		}
	}
	oldR, newR := map[EditionRelation]bool{}, map[EditionRelation]bool{}
	for _, r := range old.Relations {
		oldR[r] = true
	}
	for _, r := range new.Relations {
		newR[r] = true
		if !oldR[r] {
			c.RelationsAdded = append(c.RelationsAdded, r)
		}
	}
	for _, r := range old.Relations {
		if !newR[r] {
			c.RelationsRemoved = append(c.RelationsRemoved, r)
		}
	}
	return c
}

func hasText(rs []ClaimRecord, text string) bool {
	for _, r := range rs {
		if r.Claim == text {
			return true
		}
	}
	return false
}

// Group is one kind of change, as a reader sees it: a title and a line
// for each change ("+ …" added, "- …" removed, "~ …" changed).
type Group struct {
	Title string
	Lines []string
}

// Groups returns the changes for a reader, by kind, each group's lines
// sorted; kinds without a change are left out.
func (c *Changes) Groups() []Group {
	var out []Group
	section := func(title string, lines []string) {
		if len(lines) > 0 {
			sort.Strings(lines)
			out = append(out, Group{title, lines})
		}
	}
	var ls []string
	for _, s := range c.SourcesAdded {
		ls = append(ls, fmt.Sprintf("+ %s %s %q, graded %s", s.Ref, s.ID, s.Title, s.Grade))
	}
	for _, s := range c.SourcesRemoved {
		ls = append(ls, fmt.Sprintf("- %s %s %q", s.Ref, s.ID, s.Title))
	}
	for _, s := range c.SourcesChanged {
		var what []string
		if s.Text {
			what = append(what, "its text changed (another digest)")
		}
		if s.Grade {
			what = append(what, fmt.Sprintf("regraded %s → %s", s.Old.Grade, s.New.Grade))
		}
		ls = append(ls, fmt.Sprintf("~ %s %s: %s", s.New.Ref, s.New.ID, strings.Join(what, "; ")))
	}
	for _, p := range c.ParagraphsChanged {
		ls = append(ls, fmt.Sprintf("~ %s ¶%d (%s), which the prose cites by number: its text changed", p.Source.Ref, p.Paragraph, p.Source.ID))
	}
	section("Sources", ls)

	ls = nil
	for _, j := range c.JudgementsAdded {
		ls = append(ls, fmt.Sprintf("+ %s: %s (%s, %s confidence)", j.ID, j.Statement, j.Likelihood, j.Confidence))
	}
	for _, j := range c.JudgementsWithdrawn {
		ls = append(ls, fmt.Sprintf("- %s withdrawn: %s", j.ID, j.Statement))
	}
	for _, j := range c.JudgementsChanged {
		var what []string
		if j.Old.Likelihood != j.New.Likelihood {
			what = append(what, fmt.Sprintf("likelihood %s → %s", j.Old.Likelihood, j.New.Likelihood))
		}
		if j.Old.Confidence != j.New.Confidence {
			what = append(what, fmt.Sprintf("confidence %s → %s", j.Old.Confidence, j.New.Confidence))
		}
		if j.Old.Statement != j.New.Statement {
			what = append(what, fmt.Sprintf("reworded: %q", j.New.Statement))
		}
		ls = append(ls, fmt.Sprintf("~ %s: %s", j.New.ID, strings.Join(what, "; ")))
	}
	section("Judgements", ls)

	ls = nil
	cite := func(r ClaimRecord) string {
		on := r.Entity
		if on == "" {
			on = r.Market
		}
		return fmt.Sprintf("%s [%s ¶%d · %s]", on, r.Ref, r.Paragraph, r.Grade)
	}
	for _, r := range c.ClaimsAdded {
		ls = append(ls, fmt.Sprintf("+ %s: %s", cite(r), r.Claim))
	}
	for _, r := range c.ClaimsRemoved {
		ls = append(ls, fmt.Sprintf("- %s: %s", cite(r), r.Claim))
	}
	for _, r := range c.ClaimsReworded {
		ls = append(ls, fmt.Sprintf("~ %s: %q → %q", cite(r.New), r.Old.Claim, r.New.Claim))
	}
	section("Claims", ls)

	ls = nil
	for _, e := range c.EntitiesAdded {
		ls = append(ls, fmt.Sprintf("+ %s %s (%s)", e.Kind, e.ID, e.Name))
	}
	for _, e := range c.EntitiesRemoved {
		ls = append(ls, fmt.Sprintf("- %s %s (%s)", e.Kind, e.ID, e.Name))
	}
	for _, r := range c.RelationsAdded {
		ls = append(ls, fmt.Sprintf("+ %s %s %s", r.From, r.Type, r.To))
	}
	for _, r := range c.RelationsRemoved {
		ls = append(ls, fmt.Sprintf("- %s %s %s", r.From, r.Type, r.To))
	}
	section("Entities and relations", ls)
	return out
}

// WriteText writes c for a reader: a line a change, grouped by kind.
func (c *Changes) WriteText(w io.Writer) {
	fmt.Fprintf(w, "From %s to %s:\n", c.Old, c.New)
	if c.Empty() {
		fmt.Fprintln(w, "  nothing changed in the sources, entities, relations, claims or judgements")
		return
	}
	for _, g := range c.Groups() {
		fmt.Fprintf(w, "\n%s (%d):\n", g.Title, len(g.Lines))
		for _, l := range g.Lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
}
