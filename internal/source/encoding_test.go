package source

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// TestEncodings loads texts saved in other encodings: declared, each is
// decoded, its verbatim bytes digested as they are; undeclared, the build
// names the likely encoding and the fix.
func TestEncodings(t *testing.T) {
	const russian = "Министерство внутренних дел охраняет порядок.\n"
	win1251, _ := charmap.Windows1251.NewEncoder().String(russian)
	koi8, _ := charmap.KOI8R.NewEncoder().String(russian)
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(russian)
	latin, _ := charmap.Windows1252.NewEncoder().String("Café des Ministères, à Paris.\n")

	for _, tt := range []struct {
		name, text, encoding, guess string
	}{
		{"windows-1251", win1251, "windows-1251", "windows-1251"},
		{"koi8-r", koi8, "KOI8-R", "koi8-r"},
		{"utf-16", utf16, "utf-16", "utf-16"},
		{"windows-1252", latin, "windows-1252", "windows-1252"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			// Declared: decoded.
			cleaning := "encoding: " + tt.encoding + "\nother_languages: [ru]\n"
			d, err := Load(fixture(t, settings+"-- documents/x.yaml --\n"+meta("x", cleaning), map[string]string{"documents/x.txt": tt.text}), Options{})
			if err != nil {
				t.Fatalf("declared %s: %v", tt.encoding, err)
			}
			got := d.Documents[0].Blocks[0].Text
			if !strings.Contains(got, "Министерство") && !strings.Contains(got, "Café") {
				t.Errorf("declared %s: the text reads %q", tt.encoding, got)
			}
			// Undeclared: the likely encoding and the fix.
			_, err = Load(fixture(t, settings+"-- documents/x.yaml --\n"+meta("x", "other_languages: [ru]\n"), map[string]string{"documents/x.txt": tt.text}), Options{})
			if err == nil || !strings.Contains(err.Error(), "not UTF-8; it looks like "+tt.guess+": declare encoding: "+tt.guess+" in documents/x.yaml") {
				t.Errorf("undeclared: %v; want it to name %s and the fix", err, tt.guess)
			}
		})
	}

	_, err := Load(fixture(t, settings+"-- documents/x.yaml --\n"+meta("x", "encoding: ebcdic-martian\n"), map[string]string{"documents/x.txt": "Text.\n"}), Options{})
	if err == nil || !strings.Contains(err.Error(), `documents/x.yaml:14: encoding "ebcdic-martian" is not one this build knows`) {
		t.Errorf("an unknown encoding: %v", err)
	}
}

// TestOriginFile checks that origin_file names the text beside it.
func TestOriginFile(t *testing.T) {
	m := strings.Replace(meta("x", ""), "origin_file: ORIGIN", "origin_file: other.txt", 1)
	_, err := Load(fixture(t, settings+"-- documents/x.yaml --\n"+m, map[string]string{"documents/x.txt": "Text.\n"}), Options{})
	if err == nil || !strings.Contains(err.Error(), `documents/x.yaml:8: origin_file "other.txt" is not the name of the text beside it, x.txt, nor of a file it was extracted from (x.pdf, say)`) {
		t.Errorf("a mismatched origin_file: %v", err)
	}
}
