package html

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/highlight"
	"dossier/internal/output"
)

// ordered is an output.Writer that records the order of the writes too.
type ordered struct {
	output.Mem
	order []string
}

func (o *ordered) WriteFile(name string, data []byte) error {
	o.order = append(o.order, name)
	return o.Mem.WriteFile(name, data)
}

// TestParallelIsSerial renders the repository's dossier one page at a
// time and with several workers: the files, their bytes and the order in
// which they are written are the same.
func TestParallelIsSerial(t *testing.T) {
	t.Parallel()
	d := loadDir(t, sourcesDir)
	figs := layoutFigures(t, d)
	run := func(workers int) *ordered {
		hl, err := highlight.New(highlight.DefaultStyle)
		if err != nil {
			t.Fatal(err)
		}
		var out ordered
		if err := Render(d, &out, Options{Layouts: os.DirFS(layoutsDir), Highlighter: hl, Figures: figs, Workers: workers}); err != nil {
			t.Fatal(err)
		}
		return &out
	}
	serial := run(1)
	for _, workers := range []int{2, 7} {
		got := run(workers)
		if diff := cmp.Diff(serial.order, got.order); diff != "" {
			t.Errorf("%d workers write in another order (-serial +parallel):\n%s", workers, diff)
		}
		for name, data := range serial.Files {
			if string(got.Files[name]) != string(data) {
				t.Errorf("%d workers: %s differs from the serial render", workers, name)
			}
		}
	}
}
