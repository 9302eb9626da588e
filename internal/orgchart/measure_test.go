package orgchart

import "dossier/internal/fonts"

// goFontsMeasurer measures in the faces the briefing embeds, as the PDF
// renderer's Measurer does, so that the tests and goldens see the widths
// the briefing uses.
func goFontsMeasurer() (Measurer, error) { return fonts.Sans() }
