//go:build !unix

package build

import "os"

// prevTree is the previous build's output, whose files a build links into
// its staging directory rather than write them again (stage.linkIf). Every
// name is relative to the output directory, and no operation leads out of
// it: here each goes through an os.Root.
type prevTree struct{ root *os.Root }

func openPrevTree(out string) (*prevTree, error) {
	r, err := os.OpenRoot(out)
	if err != nil {
		return nil, err
	}
	return &prevTree{root: r}, nil
}

// lstat returns the size of the file name and whether it is a regular
// file, not following a final symbolic link.
func (p *prevTree) lstat(name string) (int64, bool, error) {
	fi, err := p.root.Lstat(name)
	if err != nil {
		return 0, false, err
	}
	return fi.Size(), fi.Mode().IsRegular(), nil
}

// link makes newname a hard link to oldname, which has the same base name.
func (p *prevTree) link(oldname, newname string) error { return p.root.Link(oldname, newname) }

// open opens the file name for reading.
func (p *prevTree) open(name string) (*os.File, error) { return p.root.Open(name) }

// remove removes the file name.
func (p *prevTree) remove(name string) error { return p.root.Remove(name) }

func (p *prevTree) close() { p.root.Close() }
