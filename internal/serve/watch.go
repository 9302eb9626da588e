package serve

import (
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watcher reports the files that change under a set of folders, the
// folders created in them included. Editors' swap and backup files are
// left out.
type watcher struct {
	fs      *fsnotify.Watcher
	changes chan string
	errs    chan error
	done    chan struct{}
}

func newWatcher(dirs []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fs: fw, changes: make(chan string), errs: make(chan error), done: make(chan struct{})}
	for _, d := range dirs {
		if err := w.addTree(d); err != nil {
			fw.Close()
			return nil, err
		}
	}
	go w.run()
	return w, nil
}

// addTree watches dir and every folder below it.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return w.fs.Add(p)
		}
		return nil
	})
}

func (w *watcher) run() {
	defer close(w.changes)
	for {
		select {
		case <-w.done:
			return
		case e, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ignored(e.Name) || e.Op == fsnotify.Chmod {
				continue
			}
			if e.Op.Has(fsnotify.Create) {
				_ = w.addTree(e.Name) // a new folder; a file is not a tree
			}
			select {
			case w.changes <- e.Name:
			case <-w.done:
				return
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			case <-w.done:
				return
			}
		}
	}
}

// Close stops watching.
func (w *watcher) Close() error {
	close(w.done)
	return w.fs.Close()
}

// ignored reports whether a changed file is an editor's swap, backup or
// lock file rather than a source.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".#") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") ||
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#")
}
