package source

import (
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"dossier/internal/model"
)

// dataFile is a data file whose plain-text prose fields are recorded as
// model.Written: its name, as shown in messages, and its lines.
type dataFile struct {
	name  string
	lines []string
}

func newDataFile(name string, data []byte) *dataFile {
	return &dataFile{name: name, lines: strings.Split(string(data), "\n")}
}

// written records a piece of plain analyst prose decoded from the file:
// its text, trimmed, and the line of each of its words, so that the
// resolve stage can report a mistake inside a value that runs over several
// lines at the line it is on. YAML folds the lines of a plain or quoted
// scalar, and of a ">" block, into one: the words of the value are
// matched, in order, with the words of the file from where the value
// starts.
func (f *dataFile) written(a at[string]) model.Written {
	w := model.Written{Text: strings.TrimSpace(a.V), Path: f.name, Line: a.Line}
	if w.Text == "" || a.Line == 0 {
		return w
	}
	lines := f.lines
	line, col := a.Line-1, max(a.Column-1, 0) // where the value starts, from 0
	if a.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		line, col = line+1, 0 // the text starts on the line after "|" or ">"
	}
	var rawLines []int // the line, from 1, of each word of the file from the value on
	words := len(strings.Fields(w.Text))
	for l := line; l < len(lines) && len(rawLines) < words; l++ {
		s := lines[l]
		if l == line {
			s = s[min(col, len(s)):]
		}
		for range strings.Fields(s) {
			rawLines = append(rawLines, l+1)
		}
	}
	if len(rawLines) > 0 {
		w.Line = rawLines[0]
	}
	// Walk the words of the text with their offsets; a line with no word
	// (a blank line in a ">" block) still counts.
	k, last, inWord := 0, w.Line, false
	for i, r := range w.Text {
		space := unicode.IsSpace(r)
		if !space && !inWord {
			if k >= len(rawLines) {
				break
			}
			for ; last < rawLines[k]; last++ {
				w.Breaks = append(w.Breaks, i)
			}
			k++
		}
		inWord = !space
	}
	return w
}
