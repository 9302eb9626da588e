package pdf

import (
	"strings"

	"dossier/internal/model"
)

// badge is the kind of a badge drawn around a run: a claim's evidence
// (model.Evidence) or a background passage.
type badge string

// backgroundBadge marks a background passage.
const backgroundBadge badge = "background"

// Badges are told apart by shape and fill, not by colour alone, so that
// they read in greyscale print as on screen, and match the site's:
//
//	stated      a thin solid outline, upright text
//	hedged      a dashed outline on a light fill, italic text
//	alleged     a solid black box, white bold text
//	background  a dotted outline, grey text
var (
	badgeSize  = 6.5 // points
	badgeInk   = rgb{0x22, 0x22, 0x22}
	badgeLight = rgb{0xee, 0xee, 0xee}
	badgeWhite = rgb{0xff, 0xff, 0xff}
)

// badgeRun returns a badge of kind with the label text; the label keeps
// together on one line.
func badgeRun(kind badge, label string) run {
	st := textStyle{size: badgeSize, color: badgeInk}
	switch kind {
	case badge(model.Hedged):
		st.italic = true
	case badge(model.Alleged):
		st.bold, st.color = true, badgeWhite
	case backgroundBadge:
		st.color = muted
	}
	label = strings.ReplaceAll(label, " ", "\u00a0")
	return run{text: "\u00a0" + label + "\u00a0", st: st, badge: kind}
}

// drawBadge draws the box of a badge piece at x, under its text.
func (s *doc) drawBadge(p frag, x, baseline float64) {
	size := p.st.sizeMM()
	y, h := baseline-0.86*size, 1.18*size
	s.f.SetLineWidth(0.2)
	switch p.badge {
	case badge(model.Alleged):
		s.setFill(badgeInk)
		s.f.Rect(x, y, p.w, h, "F")
	case badge(model.Hedged):
		s.setFill(badgeLight)
		s.setDraw(badgeInk)
		s.f.SetDashPattern([]float64{0.6, 0.4}, 0)
		s.f.Rect(x, y, p.w, h, "FD")
		s.f.SetDashPattern(nil, 0)
	case backgroundBadge:
		s.setDraw(muted)
		s.f.SetDashPattern([]float64{0.15, 0.35}, 0)
		s.f.Rect(x, y, p.w, h, "D")
		s.f.SetDashPattern(nil, 0)
	default:
		s.setDraw(badgeInk)
		s.f.Rect(x, y, p.w, h, "D")
	}
}

// evidence returns the badge of a claim with a space after it: "stated",
// "hedged", or "alleged · S5 F3" naming the sources and grades of an
// allegation; the source's hedge follows the badge when the claim's own
// words carry none (model.Claim.Worded).
func (s *doc) evidence(c *model.Claim) []run {
	ev := c.Evidence()
	label := string(ev)
	if ev == model.Alleged {
		var by []string
		seen := map[*model.Document]bool{}
		for i := range c.Cites {
			if d := c.Cites[i].Doc; d != nil && !seen[d] {
				seen[d] = true
				by = append(by, d.Ref+" "+d.Grade.String())
			}
		}
		if len(by) > 0 {
			label += " · " + strings.Join(by, ", ")
		}
	}
	runs := []run{badgeRun(badge(ev), label), {text: " ", st: body}}
	if ev == model.Hedged && !c.Worded {
		runs = append(runs, run{text: "“" + c.Hedge + "” ", st: textStyle{size: bodySize, color: muted, italic: true}})
	}
	return runs
}

// roleMark is the sign of a role in the matrix, by its evidence: the
// shape tells them apart in greyscale.
func roleMark(ev model.Evidence) string {
	switch ev {
	case model.Hedged:
		return "○"
	case model.Alleged:
		return "▲"
	}
	return "●"
}

// evidenceKey draws the key to the badges: the snippet evidence/key, then
// each badge with the snippet that says what it means.
//
// The four are set two by two in two columns, when the page has room for
// them: a key is looked up, not read through.
func (s *doc) evidenceKey() {
	s.say("evidence/key")
	small := textStyle{size: 8.5, color: ink}
	keys := []badge{badge(model.Stated), badge(model.Hedged), badge(model.Alleged), backgroundBadge}
	cols := s.cols.n < 2 && s.room() > keyRoom
	if cols {
		s.startColumns(2, glossaryGap, false)
	}
	for i, k := range keys {
		if cols && i == len(keys)/2 {
			s.newPage() // the second column
		}
		runs := []run{badgeRun(k, string(k)), {text: " ", st: small}}
		runs = append(runs, s.sayRuns("evidence/"+string(k), small)...)
		s.item(runs)
	}
	if cols {
		s.endColumns()
		s.after = paraGap
	}
}

// keyRoom is the room, in millimetres, the key to the badges needs left on
// a page to be set there in two columns.
const keyRoom = 60.0
