package archive

import (
	"archive/tar"
	"archive/zip"
	"compress/flate"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"
)

// Manifest is the name of the checksum file in the top directory of every
// archive.
const Manifest = "SHA256SUMS"

// Format is an archive format.
type Format string

// The formats Write and Verify know.
const (
	TarGz Format = "tar.gz" // a gzip-compressed tar file; the default
	Zip   Format = "zip"
)

// ParseFormat returns the format named s: "tar.gz" (also "tgz") or "zip".
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "tar.gz", "tgz":
		return TarGz, nil
	case "zip":
		return Zip, nil
	}
	return "", fmt.Errorf("archive format %q: want tar.gz or zip", s)
}

// Ext returns the file name extension of the format, with its dot.
func (f Format) Ext() string { return "." + string(f) }

// Options configures Write.
type Options struct {
	// Top is the directory every entry is placed under, e.g.
	// "dossier-2025-06-30". It must be a single clean path element.
	Top string
	// Paths are the files and directories of the root to archive, e.g.
	// "site" and "briefing.pdf"; nil archives the whole root.
	Paths []string
	// ModTime is the modification time of every entry, to the second.
	ModTime time.Time
	// Format is the archive format; TarGz when empty.
	Format Format
}

// file is one entry to write: a directory or a regular file, by its path
// relative to the root.
type file struct {
	name string
	dir  bool
	size int64
}

// Write writes the files of root selected by opts to w as an archive, with
// the manifest last, and returns the first error. Only directories and
// regular files may be archived: a symbolic link or any other kind of file
// is an error, as is a file that changes size while it is read. The
// manifest is computed from the bytes as they are written, so it always
// describes the archive, even if a file changes meanwhile. On error, w has
// received part of an archive; callers write to a temporary file.
func Write(w io.Writer, root fs.FS, opts Options) error {
	if !fs.ValidPath(opts.Top) || opts.Top == "." || strings.Contains(opts.Top, "/") || checkWriteName(opts.Top) != nil {
		return fmt.Errorf("archive top directory %q: want a single path element", opts.Top)
	}
	format := opts.Format
	if format == "" {
		format = TarGz
	}
	files, err := collect(root, opts.Paths)
	if err != nil {
		return err
	}
	var aw entryWriter
	switch format {
	case TarGz:
		aw, err = newTarWriter(w)
	case Zip:
		aw = newZipWriter(w)
	default:
		err = fmt.Errorf("archive format %q: want tar.gz or zip", format)
	}
	if err != nil {
		return err
	}
	mtime := opts.ModTime.UTC().Truncate(time.Second)
	top := opts.Top + "/"
	if err := aw.dir(top, mtime); err != nil {
		return err
	}
	var manifest strings.Builder
	for _, f := range files {
		if f.dir {
			if err := aw.dir(top+f.name+"/", mtime); err != nil {
				return err
			}
			continue
		}
		sum, err := copyFile(aw, root, f, top+f.name, mtime)
		if err != nil {
			return err
		}
		fmt.Fprintf(&manifest, "%s  %s\n", hex.EncodeToString(sum), f.name)
	}
	m := manifest.String()
	body, err := aw.file(top+Manifest, int64(len(m)), mtime)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(body, m); err != nil {
		return err
	}
	return aw.close()
}

// collect lists the directories and regular files under paths in root,
// sorted by name, so that every directory comes before what it holds.
func collect(root fs.FS, paths []string) ([]file, error) {
	if paths == nil {
		paths = []string{"."}
	}
	seen := map[string]bool{}
	var files []file
	for _, p := range paths {
		if !fs.ValidPath(p) {
			return nil, fmt.Errorf("archive: %q is not a clean relative path", p)
		}
		err := fs.WalkDir(root, p, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if name == "." || seen[name] {
				return nil
			}
			seen[name] = true
			if err := checkWriteName(name); err != nil {
				return err
			}
			switch {
			case d.IsDir():
				files = append(files, file{name: name, dir: true})
				return nil
			case !d.Type().IsRegular():
				return fmt.Errorf("archive: %s is not a regular file (%v)", name, d.Type())
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			files = append(files, file{name: name, size: info.Size()})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		if f.name == Manifest {
			return nil, fmt.Errorf("archive: %s would be overwritten by the manifest", f.name)
		}
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	return files, nil
}

// checkWriteName rejects names that sha256sum would have to escape, or that
// would not be read back as the same path.
func checkWriteName(name string) error {
	if strings.ContainsAny(name, "\\\n\r") {
		return fmt.Errorf("archive: %q: a backslash or line break in a file name cannot be listed in %s", name, Manifest)
	}
	return nil
}

// copyFile writes one regular file to aw and returns its SHA-256.
func copyFile(aw entryWriter, root fs.FS, f file, name string, mtime time.Time) ([]byte, error) {
	r, err := root.Open(f.name)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	body, err := aw.file(name, f.size, mtime)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(body, h), r)
	switch {
	case err != nil:
		return nil, fmt.Errorf("archive: %s: %w", f.name, err)
	case n != f.size:
		return nil, fmt.Errorf("archive: %s changed size while it was archived (%d bytes, then %d)", f.name, f.size, n)
	}
	return h.Sum(nil), nil
}

// entryWriter is what Write needs of a tar or zip writer.
type entryWriter interface {
	dir(name string, mtime time.Time) error
	file(name string, size int64, mtime time.Time) (io.Writer, error)
	close() error
}

type tarWriter struct {
	gz *gzip.Writer
	tw *tar.Writer
}

func newTarWriter(w io.Writer) (*tarWriter, error) {
	// The zero gzip.Header has no name, no comment and a zero time.
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	return &tarWriter{gz: gz, tw: tar.NewWriter(gz)}, nil
}

func (t *tarWriter) dir(name string, mtime time.Time) error {
	return t.tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: name, Mode: 0o755, ModTime: mtime})
}

func (t *tarWriter) file(name string, size int64, mtime time.Time) (io.Writer, error) {
	err := t.tw.WriteHeader(&tar.Header{Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o644, ModTime: mtime})
	return t.tw, err
}

func (t *tarWriter) close() error {
	return errors.Join(t.tw.Close(), t.gz.Close())
}

type zipWriter struct{ zw *zip.Writer }

func newZipWriter(w io.Writer) *zipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	return &zipWriter{zw: zw}
}

func (z *zipWriter) dir(name string, mtime time.Time) error {
	h := &zip.FileHeader{Name: name, Method: zip.Store, Modified: mtime}
	h.SetMode(fs.ModeDir | 0o755)
	_, err := z.zw.CreateHeader(h)
	return err
}

func (z *zipWriter) file(name string, _ int64, mtime time.Time) (io.Writer, error) {
	h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: mtime}
	h.SetMode(0o644)
	return z.zw.CreateHeader(h)
}

func (z *zipWriter) close() error { return z.zw.Close() }
