package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"testing"

	"github.com/go-pdf/fpdf"
)

// TestBodyStream checks patch 14 of the fpdf fork (BeginBody, EndBody,
// PageBody): a page's body is a stream of its own, inside q and Q, whose
// bytes are those of what it draws whatever the pages around it drew, and
// ending it sets fpdf's state back as the body found it; KeepBody keeps it
// past writing the document.
func TestBodyStream(t *testing.T) {
	t.Parallel()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompressFinishedPages(true)
	f.SetFont("Helvetica", "", 10)
	body := func() {
		f.BeginBody()
		f.SetFont("Helvetica", "B", 14)
		f.SetDrawColor(200, 0, 0)
		f.SetLineWidth(2)
		f.Line(10, 10, 50, 10)
		f.Text(10, 20, "the same")
		f.EndBody()
	}
	f.AddPage()
	body()
	if r, g, b := f.GetDrawColor(); r+g+b != 0 || f.GetLineWidth() == 2 {
		t.Errorf("after EndBody: draw colour %d %d %d, line width %g; want the state before the body", r, g, b, f.GetLineWidth())
	}
	// What comes after a body (a footer) and before the next (a header)
	// is not in either.
	f.SetFont("Helvetica", "I", 7)
	f.Text(10, 290, "page 1")
	f.AddPage()
	f.Text(10, 5, "header of page 2")
	body()
	f.KeepBody(1)
	f.AddPage() // a page without a body
	f.Text(10, 10, "no body")
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	one, n, ok := f.PageBody(1)
	if !ok {
		t.Fatal("PageBody(1) after writing, with KeepBody: none")
	}
	text := inflate(t, one)
	if len(text) != n || !bytes.HasPrefix(text, []byte("q\n")) || !bytes.HasSuffix(text, []byte("Q\n")) || !bytes.Contains(text, []byte("(the same) Tj")) || bytes.Contains(text, []byte("page 1")) {
		t.Errorf("page 1's body (%d bytes, %d said): %q; want q … Q with its text and no footer", len(text), n, text)
	}
	if _, _, ok := f.PageBody(2); ok {
		t.Error("PageBody(2) after writing, without KeepBody: kept")
	}
	if _, _, ok := f.PageBody(3); ok {
		t.Error("PageBody(3), a page without a body: found one")
	}
	// The second page's body, drawn after a footer and a header in other
	// fonts, is the same stream: a document writes each body once, so two
	// equal ones are the same compressed bytes in the file.
	if c := bytes.Count(out.Bytes(), one); c != 2 {
		t.Errorf("page 1's body is in the document %d times; want 2 (pages 1 and 2)", c)
	}
}

func inflate(t *testing.T, b []byte) []byte {
	t.Helper()
	r, err := zlib.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
