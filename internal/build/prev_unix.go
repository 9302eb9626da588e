//go:build unix

package build

import (
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/sys/unix"
)

// prevTree is the previous build's output, whose files a build links into
// its staging directory rather than write them again (stage.linkIf). Every
// name is relative to the output directory, and no operation leads out of
// it.
//
// An os.Root would walk every folder of a name, opening and closing each,
// for every operation: five folders opened and closed to link one page of
// the site, a third of what keeping a page cost. Here each folder is opened
// once, through the os.Root, which refuses any that a symbolic link leads
// out of, and then named by its descriptor: the operations on a file are
// made relative to its folder's, never following a symbolic link in its
// place.
type prevTree struct {
	root *os.Root
	mu   sync.Mutex
	dirs map[string]*os.File // by folder name, "." for the output directory
}

func openPrevTree(out string) (*prevTree, error) {
	r, err := os.OpenRoot(out)
	if err != nil {
		return nil, err
	}
	return &prevTree{root: r, dirs: make(map[string]*os.File)}, nil
}

// dir returns the descriptor of the folder of name, and name's base.
func (p *prevTree) dir(name string) (int, string, error) {
	d := filepath.Dir(name)
	p.mu.Lock()
	defer p.mu.Unlock()
	f, ok := p.dirs[d]
	if !ok {
		var err error
		if f, err = p.root.Open(d); err != nil {
			return -1, "", err
		}
		p.dirs[d] = f
	}
	return int(f.Fd()), filepath.Base(name), nil
}

// lstat returns the size of the file name and whether it is a regular
// file, not following a final symbolic link.
func (p *prevTree) lstat(name string) (int64, bool, error) {
	fd, base, err := p.dir(name)
	if err != nil {
		return 0, false, err
	}
	var st unix.Stat_t
	if err := unix.Fstatat(fd, base, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return 0, false, &os.PathError{Op: "lstat", Path: name, Err: err}
	}
	return st.Size, st.Mode&unix.S_IFMT == unix.S_IFREG, nil
}

// link makes newname a hard link to oldname (to a symbolic link itself,
// not to what it names).
func (p *prevTree) link(oldname, newname string) error {
	ofd, obase, err := p.dir(oldname)
	if err != nil {
		return err
	}
	nfd, nbase, err := p.dir(newname)
	if err != nil {
		return err
	}
	if err := unix.Linkat(ofd, obase, nfd, nbase, 0); err != nil {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: err}
	}
	return nil
}

// open opens the file name for reading; it fails on a symbolic link.
func (p *prevTree) open(name string) (*os.File, error) {
	fd, base, err := p.dir(name)
	if err != nil {
		return nil, err
	}
	f, err := unix.Openat(fd, base, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(f), name), nil
}

// remove removes the file name.
func (p *prevTree) remove(name string) error {
	fd, base, err := p.dir(name)
	if err != nil {
		return err
	}
	if err := unix.Unlinkat(fd, base, 0); err != nil {
		return &os.PathError{Op: "remove", Path: name, Err: err}
	}
	return nil
}

func (p *prevTree) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, f := range p.dirs {
		f.Close()
	}
	clear(p.dirs)
	p.root.Close()
}
