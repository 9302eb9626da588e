// Package output is the seam between the renderers and the disk.
//
// Renderers write files through a Writer; the build stage supplies one that
// writes into a staging directory and swaps it in only when the whole build
// succeeded, and tests supply a Mem to inspect what was written.
package output

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Writer stores files by slash-separated name relative to the output root,
// e.g. "site/sources/interpol-minsk.html".
type Writer interface {
	WriteFile(name string, data []byte) error
}

// CheckName reports whether name is a clean relative path that stays inside
// the output root. Writers call it so that no id or title in the sources can
// make the build write elsewhere.
func CheckName(name string) error {
	if !fs.ValidPath(name) || name == "." || strings.Contains(name, `\`) || path.Clean(name) != name {
		return fmt.Errorf("output name %q is not a clean relative path", name)
	}
	return nil
}

// Mem is an in-memory Writer. Its zero value is ready to use.
type Mem struct {
	Files map[string][]byte
}

// WriteFile stores a copy of data under name. Writing the same name twice is
// an error: two pages claiming one file is a bug worth hearing about.
func (m *Mem) WriteFile(name string, data []byte) error {
	if err := CheckName(name); err != nil {
		return err
	}
	if m.Files == nil {
		m.Files = make(map[string][]byte)
	}
	if _, dup := m.Files[name]; dup {
		return fmt.Errorf("output %s written twice", name)
	}
	m.Files[name] = append([]byte(nil), data...)
	return nil
}

// Names returns the names written, sorted.
func (m *Mem) Names() []string {
	names := make([]string, 0, len(m.Files))
	for n := range m.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
