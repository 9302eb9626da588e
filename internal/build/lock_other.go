//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package build

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
)

// tryLock creates the file p, which must not exist yet, and removes it
// when unlocked. Where flock(2) is not available a killed build leaves it
// behind; the message of the next build names the process to check
// before removing it.
func tryLock(p string) (unlock func(then func()), err error) {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errLocked
	}
	if err != nil {
		return nil, err
	}
	f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
	f.Close()
	return func(then func()) { os.Remove(p); then() }, nil
}
