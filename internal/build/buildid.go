package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	pdfrender "dossier/internal/render/pdf"
)

// BuildIDFile is the file in the site that holds the build id, which the
// briefing records too (model.Dossier.BuildID).
const BuildIDFile = "build-id.txt"

// buildID digests what a build is made of: every file of the sources and
// the layouts, by name and content (inputs, see digestInputs), the base
// URL and the build time. Two
// builds of the same inputs at the same SOURCE_DATE_EPOCH have the same
// id, as they have the same bytes.
func buildID(opts Options, inputs [sha256.Size]byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%x\x00%s\x00%d", inputs, opts.BaseURL, opts.Built.Unix())
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// CheckComplete checks that the output folder out holds the site and the
// briefing of one complete build: both record the same build id. A build
// killed while swapping its outputs in, or outputs put together by hand,
// fail it, saying to build again.
func CheckComplete(out string) error {
	data, err := os.ReadFile(filepath.Join(out, SiteDir, BuildIDFile))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s has no %s: it was not written by a complete build; run dossier build again", filepath.Join(out, SiteDir), BuildIDFile)
	}
	if err != nil {
		return err
	}
	id := strings.TrimSpace(string(data))
	pdf, err := os.ReadFile(filepath.Join(out, PDFFile))
	if err != nil {
		return err
	}
	if id == "" || !bytes.Contains(pdf, []byte("<xmpMM:InstanceID>"+pdfrender.BuildInstance+id+"</xmpMM:InstanceID>")) {
		return fmt.Errorf("the site and the briefing in %s come from different builds (a build was interrupted, or files were copied in): run dossier build again", out)
	}
	return nil
}
