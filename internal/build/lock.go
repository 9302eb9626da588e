package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// lockFile is the file in the output directory that a build holds locked
// for as long as it runs, with its process id in it; the build removes it
// when it is done.
const lockFile = ".lock"

// errLocked is what tryLock returns when another process holds the lock.
var errLocked = errors.New("locked")

// Lock takes the lock of the output directory out, creating out if need
// be, so that two builds never write into it at once. When another build
// holds it, Lock says on log which process that is and waits for it.
// The returned function releases the lock, and then removes out if Lock
// made it and it is empty, as it is after a build that failed: a failed
// build leaves no folder where there was none.
func Lock(out string, log io.Writer) (unlock func(), err error) {
	made := false
	mkdir := func() error {
		_, err := os.Lstat(out)
		if errors.Is(err, fs.ErrNotExist) {
			made = true
		}
		return os.MkdirAll(out, 0o755)
	}
	if err := mkdir(); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil && made {
			os.Remove(out) // only if empty
		}
	}()
	p := filepath.Join(out, lockFile)
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not the lock file a build makes (it is a %s): remove it", p, kind(fi.Mode()))
	}
	said := false
	for gone := 0; ; {
		unlock, err := tryLock(p)
		if err == nil {
			// The folder is removed before the lock is let go, so that a
			// build waiting for it finds it gone and makes it again,
			// rather than taking a lock in a folder it did not make.
			return func() {
				unlock(func() {
					if made {
						os.Remove(out) // only if empty: not after a build that wrote its outputs
					}
				})
			}, nil
		}
		if errors.Is(err, fs.ErrNotExist) && gone < 10 {
			// A build that failed in a folder it made has just removed
			// it: make it again.
			gone++
			if err := mkdir(); err != nil {
				return nil, err
			}
			continue
		}
		if !errors.Is(err, errLocked) {
			return nil, fmt.Errorf("locking the output folder: %w", err)
		}
		if !said && log != nil {
			fmt.Fprintf(log, "waiting for %s: another build (%s) is writing into %s\n", p, holder(p), out)
			said = true
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// holder names the process that holds the lock file p, as it wrote
// itself there.
func holder(p string) string {
	data, err := os.ReadFile(p)
	pid, perr := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || perr != nil {
		return "process unknown"
	}
	return fmt.Sprintf("process %d", pid)
}
