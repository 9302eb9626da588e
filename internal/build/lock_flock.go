//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package build

import (
	"errors"
	"os"
	"strconv"
	"syscall"
)

// tryLock takes an flock(2) lock on the file p without waiting: the
// kernel releases it when the process ends, however it ends, so a killed
// build leaves no stale lock behind (only the file, which the next build
// takes over and removes). unlock removes the file, runs then while the
// lock is still held, and lets go.
func tryLock(p string) (unlock func(then func()), err error) {
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errLocked
		}
		return nil, err
	}
	// The holder removes the file when it is done; a file locked after
	// it was removed is no longer the lock: try again.
	fi, err := f.Stat()
	if now, serr := os.Stat(p); err != nil || serr != nil || !os.SameFile(fi, now) {
		f.Close()
		return nil, errLocked
	}
	f.Truncate(0)
	f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return func(then func()) {
		os.Remove(p) // while still held, so that the output is left as it was
		then()
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
