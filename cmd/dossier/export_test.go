package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFtMExport loads each dossier's FollowTheMoney export with the
// reference model (@alephdata/followthemoney, pinned in .ci/node): every
// schema exists, every property belongs to its schema, every value fits
// its type, every entity a property points at is in the file. The checker
// is first shown a broken export, so that it cannot pass by checking
// nothing.
func TestFtMExport(t *testing.T) {
	check := filepath.Join(nodeTools, "ftm-check.js")
	if _, err := os.Stat(filepath.Join(nodeTools, "node_modules/@alephdata/followthemoney")); err != nil {
		missing(t, "@alephdata/followthemoney (npm ci --prefix .ci/node)")
	}
	needTools(t, "node")
	broken := filepath.Join(t.TempDir(), "broken.ftm.json")
	if err := os.WriteFile(broken, []byte(`{"id":"a","schema":"PublicBody","properties":{"name":["A"],"colour":["red"]}}`+"\n"+`{"id":"c","schema":"Spaceship","properties":{}}`+"\n"+
		`{"id":"b","schema":"Membership","properties":{"member":["a"],"organization":["nowhere"],"startDate":["spring"]}}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("node", check, broken).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "has no property colour") || !strings.Contains(string(out), "points at nowhere") || !strings.Contains(string(out), "spring is not a date") || !strings.Contains(string(out), "no schema Spaceship") {
		t.Fatalf("the checker passed a broken export (%v):\n%s", err, out)
	}
	forEach(t, func(t *testing.T, x *fixture) {
		file := filepath.Join(x.site(t), "data", "dossier.ftm.json")
		out, err := exec.Command("node", check, file).CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "ok: ") {
			t.Errorf("node ftm-check.js %s: %v\n%s", file, err, out)
		}
	})
}
