package build

import (
	"io/fs"
	"time"
)

// fileSig is what a file's metadata tells of its content, as git's index
// and rsync read it: its size, its modification time and its inode. A
// build records the signature of each output it leaves (stamp.Files); the
// next one takes a file whose signature is still the one recorded to
// hold what the record says, without reading it, unless the signature is
// racy (see trusted).
type fileSig struct {
	Size  int64  `json:"s"`
	Mtime int64  `json:"m"` // nanoseconds since 1970
	Ino   uint64 `json:"i,omitempty"`
}

// sigOf returns the signature of the regular file fi describes, and
// false for anything else.
func sigOf(fi fs.FileInfo) (fileSig, bool) {
	if !fi.Mode().IsRegular() {
		return fileSig{}, false
	}
	return fileSig{Size: fi.Size(), Mtime: fi.ModTime().UnixNano(), Ino: inode(fi)}, true
}

// trusted reports whether a file whose signature was recorded as sig, in
// a record written at the time recorded (the record file's own
// modification time, on the same clock), may be taken to be unchanged
// while its signature is still sig. A file changed in the same tick of
// the file system's clock as it was last written keeps its modification
// time; when that tick is not before the record was written, the change
// may have come after the signature was taken, and the file must be read.
func trusted(sig fileSig, recorded time.Time) bool {
	return !recorded.IsZero() && sig.Mtime < recorded.UnixNano()
}
