package pdf

import (
	"os"
	"os/exec"
	"testing"
)

// needTool skips t when tool is not on the PATH, or fails it when
// DOSSIER_REQUIRE_TOOLS is set (as .ci/run sets it), so that CI cannot
// pass without reading the PDF back.
func needTool(t *testing.T, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err == nil {
		return
	}
	if os.Getenv("DOSSIER_REQUIRE_TOOLS") != "" {
		t.Fatalf("%s is not installed (DOSSIER_REQUIRE_TOOLS is set; .ci/run installs it)", tool)
	}
	t.Skipf("%s is not installed; .ci/run installs it", tool)
}
