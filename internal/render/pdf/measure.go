package pdf

import (
	"fmt"

	"dossier/internal/fonts"
	"dossier/internal/orgchart"
)

// Measurer returns the orgchart.Measurer for the text of figures, regular
// and bold, in the faces the briefing embeds and draws figures with
// (fonts.Sans), so that a figure laid out with it (package figure) fits its
// boxes in the briefing. It is safe for concurrent use.
func Measurer() (orgchart.Measurer, error) {
	m, err := fonts.Sans()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return m, nil
}
