package html

import (
	"path"
	"strings"
)

// relURL returns the address of target as written on the page from: both
// are file names relative to the site root, and target may end in a
// "#fragment". A target on the same page becomes its bare fragment; a
// target with no file part is a fragment of from. The result never names a
// directory and never starts with a slash.
func relURL(from, target string) string {
	file, frag, hasFrag := strings.Cut(target, "#")
	if hasFrag && (file == "" || file == from) {
		return "#" + frag
	}
	if file == "" {
		file = from
	}
	fromDir := dirParts(path.Dir(from))
	toDir := dirParts(path.Dir(file))
	common := 0
	for common < len(fromDir) && common < len(toDir) && fromDir[common] == toDir[common] {
		common++
	}
	var b strings.Builder
	for range fromDir[common:] {
		b.WriteString("../")
	}
	for _, d := range toDir[common:] {
		b.WriteString(d)
		b.WriteByte('/')
	}
	b.WriteString(path.Base(file))
	if hasFrag {
		b.WriteByte('#')
		b.WriteString(frag)
	}
	return b.String()
}

// dirParts splits a directory as path.Dir returns it into its elements;
// "." has none.
func dirParts(dir string) []string {
	if dir == "." || dir == "" {
		return nil
	}
	return strings.Split(dir, "/")
}
