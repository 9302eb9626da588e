package source

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"dossier/internal/model"
)

// fixture turns a txtar archive into a file system; files in override
// replace or add to the archive's, byte for byte (txtar always ends a file
// with a newline). In a documents/*.yaml file, the word SHA stands for the
// SHA-256 of the .txt file beside it, so fixtures need not carry digests.
func fixture(t *testing.T, archive string, override map[string]string) fstest.MapFS {
	t.Helper()
	ar := txtar.Parse([]byte(archive))
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	for name, data := range override {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	for name, f := range fsys {
		if !strings.HasPrefix(name, "documents/") || !strings.HasSuffix(name, ".yaml") {
			continue
		}
		if txt, ok := fsys[strings.TrimSuffix(name, ".yaml")+".txt"]; ok {
			sum := sha256.Sum256(txt.Data)
			f.Data = []byte(strings.ReplaceAll(string(f.Data), "SHA", hex.EncodeToString(sum[:])))
		}
	}
	return fsys
}

// settings is a valid dossier.yaml for fixtures.
const settings = `-- dossier.yaml --
title: Test dossier
cutoff: 2026-01-31
`

// meta returns a valid metadata file for fixtures, with the given cleaning
// section (indented by two spaces per level, starting at "cleaning:").
func meta(id, cleaning string) string {
	return `id: ` + id + `
title: A test document
publisher: Test publisher
publisher_kind: official
language: en
captured: web page
origin_file: x.txt
sha256: SHA
grade:
  reliability: B
  credibility: 2
  reason: a test source
` + cleaning
}

func newBenchDoc() *model.Document { return &model.Document{Language: "en"} }
