package source

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/model"
	"dossier/internal/testutil"
)

// show prints blocks compactly: "H1 text", "P1 text" (¶1), "L2 text" (¶2).
func show(blocks []model.Block) []string {
	var out []string
	for _, b := range blocks {
		switch b.Kind {
		case model.Heading:
			out = append(out, fmt.Sprintf("H%d %s", b.Level, b.Text))
		case model.Paragraph:
			out = append(out, fmt.Sprintf("P%d %s", b.Number, b.Text))
		case model.ListItem:
			out = append(out, fmt.Sprintf("L%d %s", b.Number, b.Text))
		}
	}
	return out
}

func TestClean(t *testing.T) {
	tests := []struct {
		name     string
		cleaning string
		text     string
		want     []string
		dropped  []string // "line-endline rule"
	}{
		{
			name: "lines: each line a paragraph, bullets, continuation, label heading",
			text: "First line.\nSecond line.\n\nMIA structure:\n\n  • Headquarters;\n  • Member since :\n    29 September 1993\n",
			want: []string{"P1 First line.", "P2 Second line.", "H2 MIA structure", "L3 Headquarters", "L4 Member since : 29 September 1993"},
		},
		{
			name: "a long line ending in a colon is no heading",
			text: "Other national bodies responsible for specific aspects also include:\n\n• One;\n",
			want: []string{"P1 Other national bodies responsible for specific aspects also include:", "L2 One"},
		},
		{
			name: "spaces: no-break spaces and tabs fold",
			text: "A\u00a0 b\tc  d \n",
			want: []string{"P1 A b c d"},
		},
		{
			name:    "whitespace blobs and repeated lines are dropped",
			text:    "Title \n\nTitle\n   \n \t\nBody.\n",
			want:    []string{"P1 Title", "P2 Body."},
			dropped: []string{"3-3 repeated-line", "4-5 whitespace"},
		},
		{
			name:     "wrapped: lines re-join, across a blank in mid-sentence, hyphen kept",
			cleaning: "cleaning:\n  layout: wrapped\n  caps_headings: true\n",
			text:     " PEOPLE\nBelarus is a country \nof origin. Low-\nlevel officials \n\nin the country.\n\nNext paragraph.\n There is more.\n",
			want:     []string{"H1 PEOPLE", "P1 Belarus is a country of origin. Low-level officials in the country.", "P2 Next paragraph.", "P3 There is more."},
		},
		{
			name:     "wrapped: an item's next lines, not indented, go on with it where it breaks mid-sentence",
			cleaning: "cleaning:\n  layout: wrapped\n",
			text:     "Markets include:\n• arms trafficked from the east, which are\nlikely sold on;\n• fuel\nsmuggling.\nThe next paragraph.\n• Cigarettes\nSmuggled cigarettes are a paragraph of their own.\n",
			want:     []string{"P1 Markets include:", "L2 arms trafficked from the east, which are likely sold on", "L3 fuel smuggling.", "P4 The next paragraph.", "L5 Cigarettes", "P6 Smuggled cigarettes are a paragraph of their own."},
		},
		{
			name:     "wrapped: a soft hyphen at a line's end goes when the text writes the word whole, and only then",
			cleaning: "cleaning:\n  layout: wrapped\n",
			text:     "The information is shared, and the well-known bureau shares informa-\ntion with a well-\nknown partner at a low-\nlevel desk.\n",
			want:     []string{"P1 The information is shared, and the well-known bureau shares information with a well-known partner at a low-level desk."},
		},
		{
			name:     "declared heading levels win over caps",
			cleaning: "cleaning:\n  layout: wrapped\n  caps_headings: true\n  headings:\n    - text: SUB PART\n      level: 2\n",
			text:     "PART\nText.\n\nSUB PART\nMore text.\n",
			want:     []string{"H1 PART", "P1 Text.", "H2 SUB PART", "P2 More text."},
		},
		{
			name: "glued sentences split, abbreviations do not",
			text: "It ends here.Then more.NCB Minsk too. The U.S.A. stay.\n",
			want: []string{"P1 It ends here.", "P2 Then more.", "P3 NCB Minsk too. The U.S.A. stay."},
		},
		{
			name:     "split and list rules",
			cleaning: "cleaning:\n  split:\n    - after: In BelarusX\n      as: heading\n      why: glued\n  lists:\n    - after: \"include:\"\n      separator: \";\"\n      why: glued list\n",
			text:     "In BelarusXBodies include:One;Two;Three.\n",
			want:     []string{"H1 In BelarusX", "P1 Bodies include:", "L2 One", "L3 Two", "L4 Three."},
		},
		{
			name:     "the longest split first, and never inside a word",
			cleaning: "cleaning:\n  split:\n    - after: Our work\n      as: heading\n      why: glued\n    - after: Our workers\n      as: heading\n      why: glued\n",
			text:     "Our workWe help the port.\nOur workersThey are many.\n",
			want:     []string{"H1 Our work", "P1 We help the port.", "H1 Our workers", "P2 They are many."},
		},
		{
			name:     "drop a line, and drop from a line to the end",
			cleaning: "cleaning:\n  drop:\n    - line: Back to Europe\n      why: navigation\n    - from: Our site uses\n      why: cookie banner\n",
			text:     "Kept.\nBack to Europe\n\nAlso kept.\n\nOur site uses cookies.\n\nTell me more",
			want:     []string{"P1 Kept.", "P2 Also kept."},
			dropped:  []string{"2-2 drop", "6-8 drop"},
		},
		{
			name:     "drop every line a pattern matches whole: page numbers inside wrapped paragraphs",
			cleaning: "cleaning:\n  layout: wrapped\n  drop:\n    - pattern: '(?i)page \\d+ of \\d+'\n      why: page numbers\n    - pattern: '\\d{1,3}'\n      why: bare page numbers\n",
			text:     "The bureau reportedly works\nPage 2 of 9\nwith other bodies.\n\n12\n\nIt has 12 staff, and\n\n13\n\nno more. Page 4 of 9 says so.\nPAGE 3 OF 9\n",
			want:     []string{"P1 The bureau reportedly works with other bodies.", "P2 It has 12 staff, and no more. Page 4 of 9 says so."},
			dropped:  []string{"2-2 drop", "5-5 drop", "9-9 drop", "12-12 drop"},
		},
		{
			name:     "drop a block of lines, from one marker to another",
			cleaning: "cleaning:\n  drop:\n    - from: Skip to\n      to: Search\n      why: site header\n",
			text:     "Skip to content\nHome\nNews\nSearch\n\nThe text.\n\nSearch again.",
			want:     []string{"P1 The text.", "P2 Search again."},
			dropped:  []string{"1-4 drop"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture(t, settings+"-- documents/x.yaml --\n"+meta("x", tt.cleaning), map[string]string{"documents/x.txt": tt.text})
			d, err := Load(fsys, Options{})
			if err != nil {
				t.Fatal(err)
			}
			doc := d.Documents[0]
			if diff := cmp.Diff(tt.want, show(doc.Blocks)); diff != "" {
				t.Errorf("blocks (-want +got):\n%s", diff)
			}
			var dropped []string
			for _, dr := range doc.Dropped {
				dropped = append(dropped, fmt.Sprintf("%d-%d %s", dr.Line, dr.EndLine, dr.Rule))
			}
			if diff := cmp.Diff(tt.dropped, dropped); diff != "" {
				t.Errorf("dropped (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBlockLinesAndAnchors(t *testing.T) {
	fsys := fixture(t, settings+"-- documents/x.yaml --\n"+meta("x", "")+"-- documents/x.txt --\nIntro:\n\nOne.\n\n\nTwo.\n", nil)
	d, err := Load(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Documents[0].Blocks {
		got = append(got, fmt.Sprintf("%d %s %s", b.Line, b.Anchor, b.Label()))
	}
	want := []string{"1 h-intro ", "3 p1 ¶1", "6 p2 ¶2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestNormalizeAndGluedAt checks the hand-written scans of the "spaces"
// and "glued-sentences" rules against the regular expressions they
// replace, on texts made of the characters that matter to them.
func TestNormalizeAndGluedAt(t *testing.T) {
	t.Parallel()
	spaceRun := regexp.MustCompile(`[ \t\x{00A0}\x{2007}\x{202F}\x{2009}\x{200A}]+`)
	glued := regexp.MustCompile(`[\p{Ll})][.!?]\p{Lu}\p{L}`)
	alphabet := []string{" ", "  ", "\t", "\u00a0", "\u2007", "\u202f", "\u2009", "\u200a", "\u2003", "a", "Z", "я", "Б", ".", "!", "?", ")", "(", "1", "\xff", "\r"}
	for _, s := range testutil.RandomTexts(1, 20000, alphabet) {
		want := strings.TrimSpace(spaceRun.ReplaceAllString(strings.TrimSuffix(s, "\r"), " "))
		if got := normalize(s); got != want {
			t.Fatalf("normalize(%q) = %q, want %q", s, got, want)
		}
		wantCut := -1
		if loc := glued.FindStringIndex(s); loc != nil {
			_, n := utf8.DecodeRuneInString(s[loc[0]:])
			wantCut = loc[0] + n + 1 // after the punctuation
		}
		if got := gluedAt(s); got != wantCut {
			t.Fatalf("gluedAt(%q) = %d, want %d", s, got, wantCut)
		}
	}
}

// TestLetters: letters counts as a plain reading of every character with
// the script tables does, ASCII fast path or not.
func TestLetters(t *testing.T) {
	t.Parallel()
	ref := func(text string) (cyr, lat int) {
		for _, r := range text {
			switch {
			case unicode.Is(unicode.Cyrillic, r):
				cyr++
			case unicode.Is(unicode.Latin, r):
				lat++
			}
		}
		return cyr, lat
	}
	for _, text := range []string{
		"", "Minsk, 2019: the NCB", "Министерство внутренних дел", "Zürich ŁÓDŹ æøå", "[@`{ 0-9 ~\x7f",
		"mixed Минск text", "bad \xff\xfe bytes Ж", "ﬁ ligature, ℓ, Ａ fullwidth",
	} {
		c, l := letters(text)
		if wc, wl := ref(text); c != wc || l != wl {
			t.Errorf("letters(%q) = %d, %d; want %d, %d", text, c, l, wc, wl)
		}
	}
}
