package pdf

import (
	"bytes"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dossier/internal/fonts"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// scriptDossier is a small dossier whose one note says text.
func scriptDossier(t *testing.T, text string) *model.Dossier {
	t.Helper()
	d := testDossier(t)
	src := []byte("# Names\n\n" + text + "\n")
	d.Notes = []*model.Note{{ID: "names", Title: "Names", Path: "sources/notes/10-names.md", Source: src, Doc: markdown.Parse(markdown.New(), src)}}
	d.Documents = d.Documents[:1]
	return d
}

// TestScripts renders names in several scripts: each is set in the face
// that has it, embedded only when used, and what no face prints is
// reported, never drawn silently.
func TestScripts(t *testing.T) {
	needTool(t, "pdffonts")
	needTool(t, "pdftotext")
	tests := []struct {
		name        string
		text        string
		fonts       []string // fallback faces the PDF embeds
		unprintable []rune
		extract     string // what pdftotext gives back; "" to skip
	}{
		{"Latin, Cyrillic, a decomposed accent", "Jean-Luc Hébert, Ольга Петрова and Rene\u0301 Dupont.", nil, nil, "Jean-Luc Hébert, Ольга Петрова and René Dupont."},
		{"Chinese, Japanese, Korean", "The suspect 王小明 (Wang Xiaoming), 山田太郎, やまだ たろう, 김정은.", []string{fonts.CJKFamily}, nil, "김정은"},
		{"Hebrew in bold", "**דוד לוי** was named.", []string{fonts.HebrewFamily + "B"}, nil, ""},
		{"Arabic, Devanagari, emoji", "Named as محمد and शक्ति, flagged 😀.", nil, []rune("دمحककतशि्\U0001F600"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := scriptDossier(t, tt.text)
			opts := optionsFor(t, d)
			var got []rune
			opts.Unprintable = func(list []Unprintable) {
				for _, u := range list {
					got = append(got, u.Char)
					if u.Why == "" {
						t.Errorf("%U: no reason", u.Char)
					}
				}
			}
			var buf bytes.Buffer
			if err := Render(&buf, d, opts); err != nil {
				t.Fatal(err)
			}
			want := slices.Clone(tt.unprintable)
			slices.Sort(want)
			want = slices.Compact(want)
			if !slices.Equal(got, want) {
				t.Errorf("unprintable %q, want %q", got, want)
			}
			embedded := pdfFonts(t, buf.Bytes())
			for _, f := range []string{fonts.HebrewFamily, fonts.HebrewFamily + "B", fonts.CJKFamily} {
				if has, want := slices.Contains(embedded, "utf8"+f), slices.Contains(tt.fonts, f); has != want {
					t.Errorf("font %s embedded: %v, want %v (fonts %q)", f, has, want, embedded)
				}
			}
			if tt.extract != "" {
				if text := pdfText(t, buf.Bytes()); !strings.Contains(text, tt.extract) {
					t.Errorf("the PDF's text lacks %q", tt.extract)
				}
			}
		})
	}
}

// pdfFonts lists the fonts pdffonts finds in pdf, by name without their
// subset tag; every font must be a subset, named with a tag (PDF 32000-1,
// 9.6.4: six capitals and a plus), as preflight tools check.
func pdfFonts(t *testing.T, pdf []byte) []string {
	t.Helper()
	cmd := exec.Command("pdffonts", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	var names []string
	for _, l := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(l); len(f) > 0 {
			tag, name, ok := strings.Cut(f[0], "+")
			if !ok || !subsetTag.MatchString(tag) {
				t.Errorf("font %s is named without a subset tag", f[0])
			}
			names = append(names, name)
		}
	}
	return names
}

// subsetTag is the tag a font subset's name starts with.
var subsetTag = regexp.MustCompile(`^[A-Z]{6}$`)

// pdfText returns the text of pdf as pdftotext reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestVisual(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Latin only", "Latin only"},
		{"שלום", "םולש"},
		{"דוד לוי", "יול דוד"},
		{"Mr דוד לוי, 2020", "Mr יול דוד, 2020"},
		{"שָׁלוֹם", "םוֹלשָׁ"}, // points stay after their letters
		{"(דוד)", "(דוד)"},
		{"محمد, next", "دمحم, next"},
		{"שלום, ", "םולש, "},
	}
	for _, tt := range tests {
		if got := visual(tt.in); got != tt.want {
			t.Errorf("visual(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestVisualOrder(t *testing.T) {
	pieces := func(texts ...string) []frag {
		var fs []frag
		for _, s := range texts {
			fs = append(fs, frag{run: &run{}, text: s})
		}
		return fs
	}
	tests := []struct{ in, want []string }{
		{[]string{"Named", " ", "דוד", " ", "לוי", " ", "today"}, []string{"Named", " ", "לוי", " ", "דוד", " ", "today"}},
		{[]string{"דוד", " ", "לוי"}, []string{"לוי", " ", "דוד"}},
		{[]string{"a", " ", "דוד", " ", "b"}, []string{"a", " ", "דוד", " ", "b"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range visualOrder(pieces(tt.in...)) {
			got = append(got, p.text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("visualOrder(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestScriptsShareLines renders other scripts, in a note and in a source's
// paragraph (which prefetch may break on another core): the briefing is
// the same, byte for byte, as plain passes make it, and what it cannot
// print is reported although its lines came from the cache.
func TestScriptsShareLines(t *testing.T) {
	t.Parallel()
	d := scriptDossier(t, "王小明, **דוד לוי** and محمد 😀.")
	doc := *d.Documents[0]
	doc.Blocks = append(slices.Clone(doc.Blocks), model.Block{Kind: model.Paragraph, Text: "Also 김민준 and शक्ति 🚢.", Number: 9, Anchor: "p9"})
	d.Documents = []*model.Document{&doc}
	opts := optionsFor(t, d)
	var got []rune
	opts.Unprintable = func(list []Unprintable) {
		for _, u := range list {
			got = append(got, u.Char)
		}
	}
	var buf bytes.Buffer
	if err := Render(&buf, d, opts); err != nil {
		t.Fatal(err)
	}
	if want := renderPlain(t, d, opts); !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("Render wrote %d bytes, the plain passes %d, and they differ", buf.Len(), len(want))
	}
	for _, r := range []rune("مक😀🚢") {
		if !slices.Contains(got, r) {
			t.Errorf("%U %q is not reported (got %q)", r, r, got)
		}
	}
}
