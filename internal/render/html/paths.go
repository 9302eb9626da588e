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
	// Leave the folders the two have in common, then go up out of each
	// folder of from's left and down into each of file's. Every link of
	// every page is made here, so the folders are walked in place rather
	// than split into slices.
	up, down := dirOf(from), dirOf(file)
	for up != "" && down != "" {
		u, urest, _ := strings.Cut(up, "/")
		d, drest, _ := strings.Cut(down, "/")
		if u != d {
			break
		}
		up, down = urest, drest
	}
	var b strings.Builder
	base := path.Base(file)
	b.Grow(len(up) + len(down) + len(base) + len(frag) + 8)
	if up != "" {
		for range strings.Count(up, "/") + 1 {
			b.WriteString("../")
		}
	}
	if down != "" {
		b.WriteString(down)
		b.WriteByte('/')
	}
	b.WriteString(base)
	if hasFrag {
		b.WriteByte('#')
		b.WriteString(frag)
	}
	return b.String()
}

// dirOf is the folder of a file name relative to the site root, as
// path.Dir returns it, but "" for the root itself.
func dirOf(name string) string {
	if dir := path.Dir(name); dir != "." {
		return dir
	}
	return ""
}
