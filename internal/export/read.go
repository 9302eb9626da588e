package export

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// maxEdition bounds what is read of an edition file, which an archive
// from elsewhere could make as large as it likes.
const maxEdition = 256 << 20

// ReadEdition reads the edition data of a build folder, a site folder, an
// archive or an edition.json file.
func ReadEdition(name string) (*Edition, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	var data []byte
	switch {
	case fi.IsDir():
		for _, p := range []string{EditionFile, strings.TrimPrefix(EditionFile, "site/")} {
			if data, err = os.ReadFile(filepath.Join(name, filepath.FromSlash(p))); err == nil {
				break
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s holds no %s: is it a build folder from this version of dossier?", name, EditionFile)
		}
	case strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".tgz"):
		data, err = fromTarGz(name)
	case strings.HasSuffix(name, ".zip"):
		data, err = fromZip(name)
	default:
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var e Edition
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("%s: not the edition data of a dossier: %w", name, err)
	}
	return &e, nil
}

// inArchive reports whether an archive entry is the edition data: under
// the archive's one top folder, site/data/edition.json.
func inArchive(entry string) bool {
	_, rest, ok := strings.Cut(path.Clean(entry), "/")
	return ok && rest == EditionFile
}

func fromTarGz(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil, fmt.Errorf("holds no %s", EditionFile)
		}
		if err != nil {
			return nil, err
		}
		if h.Typeflag == tar.TypeReg && inArchive(h.Name) {
			return io.ReadAll(io.LimitReader(tr, maxEdition))
		}
	}
}

func fromZip(name string) ([]byte, error) {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	for _, f := range zr.File {
		if inArchive(f.Name) && !f.FileInfo().IsDir() {
			r, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer r.Close()
			return io.ReadAll(io.LimitReader(r, maxEdition))
		}
	}
	return nil, fmt.Errorf("holds no %s", EditionFile)
}
