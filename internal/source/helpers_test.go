package source

import (
	"testing"
	"testing/fstest"

	"dossier/internal/model"
	"dossier/internal/testutil"
)

func fixture(t *testing.T, archive string, override map[string]string) fstest.MapFS {
	return testutil.Fixture(t, archive, override)
}

const settings = testutil.Settings

func meta(id, cleaning string) string { return testutil.Meta(id, cleaning) }

func newBenchDoc() *model.Document { return &model.Document{Language: "en"} }
