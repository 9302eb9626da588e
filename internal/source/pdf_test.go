package source

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/google/go-cmp/cmp"
)

// layoutHead is the start of what pdftotext -bbox-layout writes, up to its
// pages; its title holds a control character, which is no part of the text.
const layoutHead = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
<head>
<title>Harbour Watch &amp; partners` + "\x01" + `</title>
<meta name="Producer" content="Skia/PDF m156"/>
</head>
<body>
<doc>
`

// layoutTail is the end of what pdftotext -bbox-layout writes, after its
// pages.
const layoutTail = `</doc>
</body>
</html>
`

// TestPDFText takes a PDF's text from the layout pdftotext gives of it: a
// line a line, a blank line after each block (where pdftotext's default
// mode sets none between the blocks of a flow), a form feed at each
// page's end (one alone for an empty page), the words' entities read.
func TestPDFText(t *testing.T) {
	layout := layoutHead + `  <page width="612.000000" height="792.000000">
    <flow>
      <block xMin="30.000000" yMin="40.000000" xMax="190.000000" yMax="66.000000">
        <line xMin="30.000000" yMin="40.000000" xMax="190.000000" yMax="66.000000">
          <word xMin="30.000000" yMin="40.000000" xMax="110.000000" yMax="66.000000">Kestrava</word>
          <word xMin="116.000000" yMin="40.000000" xMax="160.000000" yMax="66.000000">Port</word>
          <word xMin="166.000000" yMin="40.000000" xMax="190.000000" yMax="66.000000">Review</word>
        </line>
      </block>
      <block xMin="30.000000" yMin="80.000000" xMax="150.000000" yMax="93.000000">
        <line xMin="30.000000" yMin="80.000000" xMax="150.000000" yMax="93.000000">
          <word xMin="30.000000" yMin="80.000000" xMax="100.000000" yMax="93.000000">Harbour</word>
          <word xMin="103.000000" yMin="80.000000" xMax="150.000000" yMax="93.000000">Watch</word>
        </line>
      </block>
    </flow>
    <flow>
      <block xMin="30.000000" yMin="110.000000" xMax="100.000000" yMax="130.000000">
        <line xMin="30.000000" yMin="110.000000" xMax="100.000000" yMax="130.000000">
          <word xMin="30.000000" yMin="110.000000" xMax="100.000000" yMax="130.000000">Summary</word>
        </line>
      </block>
      <block xMin="30.000000" yMin="140.000000" xMax="250.000000" yMax="166.000000">
        <line xMin="30.000000" yMin="140.000000" xMax="250.000000" yMax="153.000000">
          <word xMin="30.000000" yMin="140.000000" xMax="80.000000" yMax="153.000000">Smith</word>
          <word xMin="83.000000" yMin="140.000000" xMax="90.000000" yMax="153.000000">&amp;</word>
          <word xMin="93.000000" yMin="140.000000" xMax="130.000000" yMax="153.000000">Jones</word>
          <word xMin="133.000000" yMin="140.000000" xMax="160.000000" yMax="153.000000">call</word>
          <word xMin="163.000000" yMin="140.000000" xMax="190.000000" yMax="153.000000">the</word>
          <word xMin="193.000000" yMin="140.000000" xMax="250.000000" yMax="153.000000">port&apos;s</word>
        </line>
        <line xMin="30.000000" yMin="153.000000" xMax="240.000000" yMax="166.000000">
          <word xMin="30.000000" yMin="153.000000" xMax="120.000000" yMax="166.000000">&quot;inspection</word>
          <word xMin="123.000000" yMin="153.000000" xMax="150.000000" yMax="166.000000">rate</word>
          <word xMin="153.000000" yMin="153.000000" xMax="160.000000" yMax="166.000000">&lt;</word>
          <word xMin="163.000000" yMin="153.000000" xMax="190.000000" yMax="166.000000">1%&quot;</word>
          <word xMin="193.000000" yMin="153.000000" xMax="200.000000" yMax="166.000000">&gt;</word>
          <word xMin="203.000000" yMin="153.000000" xMax="240.000000" yMax="166.000000">risky.</word>
        </line>
      </block>
    </flow>
  </page>
  <page width="612.000000" height="792.000000">
  </page>
  <page width="612.000000" height="792.000000">
    <flow>
      <block xMin="30.000000" yMin="40.000000" xMax="150.000000" yMax="53.000000">
        <line xMin="30.000000" yMin="40.000000" xMax="150.000000" yMax="53.000000">
          <word xMin="30.000000" yMin="40.000000" xMax="90.000000" yMax="53.000000">Findings</word>
        </line>
      </block>
      <block xMin="30.000000" yMin="60.000000" xMax="150.000000" yMax="73.000000">
        <line xMin="30.000000" yMin="60.000000" xMax="150.000000" yMax="73.000000">
          <word xMin="30.000000" yMin="60.000000" xMax="90.000000" yMax="73.000000">Manifests</word>
          <word xMin="93.000000" yMin="60.000000" xMax="120.000000" yMax="73.000000">arrive</word>
          <word xMin="123.000000" yMin="60.000000" xMax="150.000000" yMax="73.000000">late.</word>
        </line>
      </block>
      <block xMin="30.000000" yMin="80.000000" xMax="150.000000" yMax="93.000000">
        <line xMin="30.000000" yMin="80.000000" xMax="150.000000" yMax="93.000000">
          <word xMin="30.000000" yMin="80.000000" xMax="90.000000" yMax="93.000000">Tobacco</word>
          <word xMin="93.000000" yMin="80.000000" xMax="110.000000" yMax="93.000000">is</word>
          <word xMin="113.000000" yMin="80.000000" xMax="150.000000" yMax="93.000000">smuggled.</word>
        </line>
      </block>
    </flow>
    <flow>
      <block xMin="290.000000" yMin="760.000000" xMax="300.000000" yMax="773.000000">
        <line xMin="290.000000" yMin="760.000000" xMax="300.000000" yMax="773.000000">
          <word xMin="290.000000" yMin="760.000000" xMax="300.000000" yMax="773.000000">3</word>
        </line>
      </block>
    </flow>
  </page>
` + layoutTail
	want := "Kestrava Port Review\n\nHarbour Watch\n\n" +
		"Summary\n\nSmith & Jones call the port's\n\"inspection rate < 1%\" > risky.\n\n\f" +
		"\f" +
		"Findings\n\nManifests arrive late.\n\nTobacco is smuggled.\n\n3\n\n\f"
	for _, tc := range []struct {
		name string
		r    io.Reader
	}{
		{"read at once", strings.NewReader(layout)},
		{"read a byte at a time", iotest.OneByteReader(strings.NewReader(layout))},
	} {
		var got strings.Builder
		n, err := PDFText(&got, tc.r)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(want, got.String()); diff != "" || n != 0 {
			t.Errorf("%s: replaced %d; text (-want +got):\n%s", tc.name, n, diff)
		}
	}
}

// xWord is a <word> of a line at y 100 to 112, from x0 to x1.
func xWord(x0, x1 float64, text string) string {
	return fmt.Sprintf(`<word xMin="%f" yMin="100.000000" xMax="%f" yMax="112.000000">%s</word>`, x0, x1, text)
}

// xWords are <word>s of a line, each as wide as it has letters, a space
// apart.
func xWords(texts ...string) string {
	var b strings.Builder
	x := 0.0
	for _, t := range texts {
		w := 6 * float64(len(t))
		b.WriteString(xWord(x, x+w, t))
		x += w + 3
	}
	return b.String()
}

// xLine, xBlock, xFlow and xPage make those elements of what they hold.
func xLine(words ...string) string {
	return `<line xMin="0.000000" yMin="100.000000" xMax="500.000000" yMax="112.000000">` + strings.Join(words, "") + "</line>\n"
}
func xBlock(lines ...string) string { return "<block>" + strings.Join(lines, "") + "</block>\n" }
func xFlow(blocks ...string) string { return "<flow>" + strings.Join(blocks, "") + "</flow>\n" }
func xPage(flows ...string) string  { return "<page>" + strings.Join(flows, "") + "</page>\n" }

// TestPDFTextLines writes the words of a line a space apart unless their
// boxes touch, as pdftotext does, whichever way the line runs; joins a
// word a hyphen breaks at a line's end, but not across flows or pages,
// and keeps a dash; and writes a control character as U+FFFD.
func TestPDFTextLines(t *testing.T) {
	for _, tc := range []struct {
		name, pages, want string
		replaced          int
	}{
		{name: "words apart", pages: xPage(xFlow(xBlock(xLine(xWords("Kessmar", "port"))))), want: "Kessmar port"},
		{name: "a bold start touching its plain end", pages: xPage(xFlow(xBlock(xLine(xWord(0, 24, "Kess"), xWord(24, 42, "mar"), xWord(42.1, 44, ","), xWord(47, 59, "it"))))), want: "Kessmar, it"},
		{name: "overlapping words", pages: xPage(xFlow(xBlock(xLine(xWord(0, 24.2, "Kess"), xWord(24, 42, "mar"))))), want: "Kessmar"},
		{name: "letters spaced out", pages: xPage(xFlow(xBlock(xLine(xWord(0, 6, "S"), xWord(9, 15, "U"), xWord(18, 24, "M"), xWord(27, 33, "M"))))), want: "SUMM"},
		{name: "letters spaced out, words wider", pages: xPage(xFlow(xBlock(xLine(xWord(0, 6, "O"), xWord(8, 14, "N"), xWord(20, 26, "A"), xWord(28, 34, "I"), xWord(36, 42, "R"))))), want: "ON AIR"},
		{name: "a leader's dots", pages: xPage(xFlow(xBlock(xLine(xWord(0, 2, "."), xWord(6, 8, "."), xWord(12, 14, "."))))), want: ". . ."},
		{name: "a line running down", pages: xPage(xFlow(xBlock(`<line xMin="0" yMin="0" xMax="12" yMax="100"><word xMin="0" yMin="0" xMax="12" yMax="50">Kessmar</word><word xMin="0" yMin="53" xMax="12" yMax="100">port</word></line>`))), want: "Kessmar port"},
		{name: "words without boxes", pages: xPage(xFlow(xBlock("<line><word>Kessmar</word><word>port</word></line>"))), want: "Kessmar port"},
		{name: "a hyphen in a block", pages: xPage(xFlow(xBlock(xLine(xWords("inter-")), xLine(xWords("national", "law"))))), want: "international law"},
		{name: "a hyphen at a block's end", pages: xPage(xFlow(xBlock(xLine(xWords("probabil-"))), xBlock(xLine(xWords("ity")))), xFlow(xBlock(xLine(xWords("2"))))), want: "probability\n\n2"},
		{name: "a soft hyphen", pages: xPage(xFlow(xBlock(xLine(xWords("consti\u00AD")), xLine(xWords("tutional"))))), want: "constitutional"},
		{name: "a hyphen at a flow's end", pages: xPage(xFlow(xBlock(xLine(xWords("well-")))), xFlow(xBlock(xLine(xWords("known"))))), want: "well-\n\nknown"},
		{name: "a hyphen at a page's end", pages: xPage(xFlow(xBlock(xLine(xWords("cross-"))))) + xPage(xFlow(xBlock(xLine(xWords("border"))))), want: "cross-\n\n\fborder"},
		{name: "a dash", pages: xPage(xFlow(xBlock(xLine(xWords("Kessmar", "-")), xLine(xWords("the", "port"))))), want: "Kessmar -\nthe port"},
		{name: "control characters", pages: xPage(xFlow(xBlock(xLine(xWords("a\x01b", "\x0c", "\t"))))), want: "a\uFFFDb \uFFFD \t", replaced: 2},
		{name: "control characters by reference", pages: xPage(xFlow(xBlock(xLine(xWords("a&#10;b&#13;c"))))), want: "a\uFFFDb\uFFFDc", replaced: 2},
		{name: "not UTF-8", pages: xPage(xFlow(xBlock(xLine(xWords("caf\xe9"))))), want: "caf\uFFFD"},
	} {
		var got strings.Builder
		n, err := PDFText(&got, strings.NewReader(layoutHead+tc.pages+layoutTail))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if want := tc.want + "\n\n\f"; got.String() != want || n != tc.replaced {
			t.Errorf("%s: %q, %d replaced; want %q, %d", tc.name, got.String(), n, want, tc.replaced)
		}
	}
}

// TestPDFTextErrors refuses what is not pdftotext's layout, or is cut
// short, and returns the error of the writer.
func TestPDFTextErrors(t *testing.T) {
	for _, tc := range []struct {
		name, layout, want string
	}{
		{"no pages", "Syntax Error: Couldn't read xref table\n", "no <doc>"},
		{"cut short", layoutHead + "<page><flow><block><line><word>Kess", "unexpected EOF"},
		{"not XML", layoutHead + "<page><flow></block>", "element <flow> closed by </block>"},
	} {
		_, err := PDFText(io.Discard, strings.NewReader(tc.layout))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one saying %q", tc.name, err, tc.want)
		}
	}
	full := errors.New("disk full")
	_, err := PDFText(failingWriter{full}, strings.NewReader(layoutHead+xPage(xFlow(xBlock(xLine(xWords("Kessmar")))))+layoutTail))
	if !errors.Is(err, full) {
		t.Errorf("with a writer that fails: %v, want %v", err, full)
	}
}

// failingWriter is an io.Writer that returns err.
type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }
