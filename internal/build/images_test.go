package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"

	"dossier/internal/testutil"
)

// TestImagesInBothOutputs builds a note with a picture: the site holds the
// file under a name from its content, the note's page shows it from
// there, and the briefing embeds it.
func TestImagesInBothOutputs(t *testing.T) {
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 12, 8))); err != nil {
		t.Fatal(err)
	}
	fsys := testutil.Fixture(t, sources, map[string]string{
		"notes/10-about.md":  "# About\n\nSee [[S:doc#1]].\n\n![The port](img/port.png)\n",
		"notes/img/port.png": pic.String(),
	})
	d, err := Load(Options{Sources: fsys, SourcesName: "sources", Layouts: os.DirFS("../../layouts"), Built: built})
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := Render(d, os.DirFS("../../layouts"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pic.Bytes())
	name := "images/" + hex.EncodeToString(sum[:8]) + ".png"
	if got := files.Files[SiteDir+"/"+name]; !bytes.Equal(got, pic.Bytes()) {
		t.Errorf("site/%s: %d bytes, want the picture's %d", name, len(got), pic.Len())
	}
	page := string(files.Files[SiteDir+"/notes/about.html"])
	if want := `<img src="../` + name + `" alt="The port" width="12" height="8" />`; !strings.Contains(page, want) {
		t.Errorf("the note's page lacks %s", want)
	}
	if !bytes.Contains(files.Files[PDFFile], []byte("/Subtype /Image")) {
		t.Error("the briefing embeds no image")
	}
}
