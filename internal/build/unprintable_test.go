package build

import (
	"os"
	"slices"
	"strings"
	"testing"

	"dossier/internal/diag"
	"dossier/internal/testutil"
)

// TestUnprintableWarnings builds sources with characters the briefing
// cannot print: each line that holds some gets a warning naming its file,
// line and characters; what the briefing can print (Hebrew, Chinese)
// gets none, and the build succeeds.
func TestUnprintableWarnings(t *testing.T) {
	fsys := testutil.Fixture(t, sources, map[string]string{
		"notes/10-about.md": "# About\n\nSee [[S:doc#1]].\n\nNamed as דוד לוי and 王小明.\n\nAlso as محمد.\n\nFlagged 😀 and शक्ति.\n",
	})
	d, err := Load(Options{Sources: fsys, SourcesName: "sources", Layouts: os.DirFS("../../layouts"), Built: built})
	if err != nil {
		t.Fatal(err)
	}
	_, warnings, err := Render(d, os.DirFS("../../layouts"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range warnings {
		if !w.Warning {
			t.Errorf("%s is not marked as a warning", w)
		}
		got = append(got, w.String())
	}
	want := []string{
		`sources/notes/10-about.md:7: warning: the briefing cannot print U+062D 'ح', U+062F 'د', U+0645 'م': Arabic script needs shaping`,
		`sources/notes/10-about.md:9: warning: the briefing cannot print U+0915 'क', U+0924 'त', U+0936 'श', U+093F 'ि', U+094D '्': Devanagari script needs shaping`,
		`sources/notes/10-about.md:9: warning: the briefing cannot print U+1F600 '😀': an emoji`,
	}
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("warning %d:\n%s\nwant it to start\n%s", i, got[i], want[i])
		}
	}
	if i := slices.IndexFunc(warnings, func(e diag.Entry) bool {
		return strings.Contains(e.Message, "王") || strings.Contains(e.Message, "ד")
	}); i >= 0 {
		t.Errorf("a warning for what the briefing prints: %s", warnings[i])
	}
}

// TestStrict: under Strict the warnings fail the build, at their
// file:line, and nothing is written.
func TestStrict(t *testing.T) {
	out := t.TempDir()
	_, err := Run(Options{
		Sources: testutil.Fixture(t, sources, map[string]string{"notes/10-about.md": "# About\n\nSee [[S:doc#1]], محمد.\n"}),
		Layouts: os.DirFS("../../layouts"),
		Out:     out,
		Built:   built,
		Strict:  true,
	})
	want := "notes/10-about.md:3: the briefing cannot print U+062D"
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "(an error under --strict)") {
		t.Fatalf("Run = %v, want an error with %q", err, want)
	}
	if files := tree(t, out); len(files) != 0 {
		t.Errorf("a strict build that failed wrote %d files", len(files))
	}
}

// TestUpToDateStrict: a strict build that finds the outputs up to date
// fails on the warnings of the build that made them.
func TestUpToDateStrict(t *testing.T) {
	out := t.TempDir()
	opts := Options{
		Sources: testutil.Fixture(t, sources, map[string]string{"notes/10-about.md": "# About\n\nSee [[S:doc#1]], محمد.\n"}),
		Layouts: os.DirFS("../../layouts"),
		Out:     out,
		Built:   built,
		Cache:   true,
	}
	if _, err := Run(opts); err != nil {
		t.Fatal(err)
	}
	opts.Strict = true
	if _, err := Run(opts); err == nil || !strings.Contains(err.Error(), "(an error under --strict)") {
		t.Errorf("a strict build over up-to-date outputs with warnings: %v", err)
	}
}
