package pdf_test

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"time"

	"dossier/internal/highlight"
	"dossier/internal/model"
	"dossier/internal/render/pdf"
	"dossier/internal/wording"
)

// The build stage renders the briefing into memory with the highlighter and
// the wording it shares with the HTML renderer.
func ExampleRender() {
	d := &model.Dossier{
		Settings: model.Settings{Title: "Example briefing", Marking: "TLP:CLEAR", PageSize: model.A4},
		Documents: []*model.Document{{
			ID: "example", Ref: "S1", Title: "An example source", PublisherKind: model.Official,
			Grade:  model.Grade{Reliability: 'B', Credibility: 2, Reason: "For the example."},
			Blocks: []model.Block{{Kind: model.Paragraph, Text: "The only paragraph.", Number: 1}},
		}},
		Built: time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC),
	}
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		log.Fatal(err)
	}
	// The wording the briefing shares with the site, from the layouts.
	words, err := wording.Load(os.DirFS("../../../layouts"), d)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.Render(&buf, d, pdf.Options{Highlighter: hl, Wording: words}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")))
	// Output: true
}
