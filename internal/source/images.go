package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // image.DecodeConfig reads JPEG
	_ "image/png"  // and PNG
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"

	"dossier/internal/diag"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// images loads the pictures the note at file (name, in the sources
// folder) shows from files: each address is read relative to the note's
// folder and must stay inside the sources folder; the file must be a PNG
// or JPEG image. Every problem is a file:line error.
func (l *loader) images(file, name string, doc ast.Node, src []byte) (map[string]*model.Image, error) {
	refs := markdown.LocalImages(doc, src)
	if len(refs) == 0 {
		return nil, nil
	}
	var errs diag.List
	out := map[string]*model.Image{}
	for _, ref := range refs {
		if _, done := out[ref.Dest]; done {
			continue
		}
		img, err := l.image(path.Dir(name), ref.Dest)
		if err != nil {
			errs.Add(diag.Errorf(file, ref.Line, "%w", err))
			continue
		}
		out[ref.Dest] = img
	}
	return out, errs.Err()
}

// image reads the picture at the address dest, relative to the folder dir
// of the sources.
func (l *loader) image(dir, dest string) (*model.Image, error) {
	shown := Excerpt(dest)
	p, err := url.PathUnescape(dest)
	switch {
	case err != nil:
		return nil, fmt.Errorf("the image address %q is not a valid address: %w", shown, err)
	case p == "":
		return nil, errors.New("an image without an address: name its file")
	case strings.ContainsAny(p, "?#"):
		return nil, fmt.Errorf("the image address %q has a query or fragment: name the file alone", shown)
	case strings.HasPrefix(p, "/") || strings.Contains(p, "\\"):
		return nil, fmt.Errorf("the image address %q is not relative: write the path of the file from the note's folder, with /", shown)
	}
	rel := path.Join(dir, p)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return nil, fmt.Errorf("the image %q is outside the sources folder: the outputs publish only what the sources hold; copy it into the sources folder", shown)
	}
	data, err := readFile(l.fsys, rel, l.limits.FileSize)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("the image %q is missing: no file %s", shown, diag.Quote(l.path(rel)))
	case err != nil:
		return nil, fmt.Errorf("the image %s: %w", diag.Quote(l.path(rel)), err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != "png" && format != "jpeg" {
		return nil, fmt.Errorf("the image %s is not a PNG or JPEG picture, the formats both outputs show: convert it", diag.Quote(l.path(rel)))
	}
	// Read from the file's header, before any pixel is decoded.
	if px := int64(cfg.Width) * int64(cfg.Height); px > l.limits.ImagePixels {
		return nil, fmt.Errorf("the image %s is %d×%d pixels, more than the %d a picture may have: scale it down (raise the limit with --max-image-pixels if it is right)", diag.Quote(l.path(rel)), cfg.Width, cfg.Height, l.limits.ImagePixels)
	}
	ext := ".png"
	if format == "jpeg" {
		ext = ".jpg"
	}
	sum := sha256.Sum256(data)
	return &model.Image{
		Path:   l.path(rel),
		Name:   "images/" + hex.EncodeToString(sum[:8]) + ext,
		Format: format,
		Data:   data,
		Width:  cfg.Width,
		Height: cfg.Height,
	}, nil
}
