package pdf

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"dossier/internal/link"
	"dossier/internal/markdown"
	"dossier/internal/model"
)

// scaleWords are the words the generated texts are made of.
var scaleWords = strings.Fields(`the ministry reported that officers of the department worked with
partners across the region on investigations into trafficking fraud and smuggling while the bureau
exchanged notices with member countries according to its annual statement published after a
conference where delegates discussed cooperation procedures budgets training equipment and the
oversight of international requests`)

// scaleDossier generates a dossier of n sources of ten paragraphs (about
// 3 KB each), n/2 entities with a cited claim each whose names occur in
// the texts, and n/10 notes with a 20-line Go block: the shape of the
// corpus in issue 13, built as a model directly, resolved.
func scaleDossier(tb testing.TB, n int) *model.Dossier {
	tb.Helper()
	nEnt := max(n/2, 1)
	entName := func(i int) string {
		return fmt.Sprintf("Bureau %s %d", strings.ToUpper(scaleWords[i%len(scaleWords)][:1])+scaleWords[i%len(scaleWords)][1:], i)
	}
	d := &model.Dossier{
		Settings: model.Settings{
			Title: "Generated briefing", Subtitle: "A corpus for benchmarks", Marking: "TLP:CLEAR",
			Cutoff: model.Date{Year: 2026, Month: 11, Day: 24}, PageSize: model.A4, Language: "en",
		},
		Built: time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC),
	}
	w := 0
	words := func(k int) string {
		var b strings.Builder
		for j := 0; j < k; j++ {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(scaleWords[w%len(scaleWords)])
			w = w*7 + 3
			w %= 1 << 20
		}
		return b.String()
	}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("doc-%04d", i)
		doc := &model.Document{
			ID: id, Ref: fmt.Sprintf("S%d", i+1), Title: fmt.Sprintf("Report %d on %s", i+1, words(4)),
			Publisher: "Publisher " + fmt.Sprint(i%17), PublisherKind: model.Official, Language: "en",
			Author: "unknown", Published: model.Maybe(fmt.Sprintf("20%02d-0%d-1%d", i%25, 1+i%9, i%10)), URL: model.Maybe("https://example.org/" + id),
			Captured: "web page", Description: "A generated page: " + words(12) + ".",
			Grade:    model.Grade{Reliability: 'B', Credibility: 2, Reason: "Generated."},
			TextPath: "sources/documents/" + id + ".txt", MetaPath: "sources/documents/" + id + ".yaml", OriginFile: id + ".txt",
			SHA256: strings.Repeat("ab12", 16), Meta: []byte("id: " + id + "\n"), Lines: 20,
		}
		doc.Blocks = append(doc.Blocks, model.Block{Kind: model.Heading, Level: 1, Text: "Section " + words(3)})
		for p := 1; p <= 10; p++ {
			text := fmt.Sprintf("Paragraph %d of report %d: ", p, i+1) + words(25) + ". " +
				entName((i*10+p)%nEnt) + " " + words(15) + ", and " + entName((i*3+p*7)%nEnt) + " " + words(8) + "."
			doc.Blocks = append(doc.Blocks, model.Block{Kind: model.Paragraph, Text: text, Number: p, Anchor: fmt.Sprintf("p%d", p)})
		}
		d.Documents = append(d.Documents, doc)
	}
	for i := 0; i < nEnt; i++ {
		// Cite a paragraph by the words that open it, unique in its source.
		src, p := d.Documents[i%n], 1+i%10
		quote := fmt.Sprintf("Paragraph %d of report %d:", p, i%n+1)
		kind := []model.EntityKind{model.Agency, model.Unit, model.Person, model.Place, model.Instrument, model.Term}[i%6]
		desc := []byte(fmt.Sprintf("The body [[S:%s#%d]] describes: %s.", src.ID, p, words(20)))
		e := &model.Entity{
			ID: fmt.Sprintf("ent-%04d", i), Name: entName(i), Kind: kind,
			Description: &model.Prose{Source: desc, Doc: markdown.Parse(markdown.New(), desc), Path: "sources/entities/gen.yaml", Line: i*10 + 1},
			Claims:      []model.Claim{{Text: "It " + words(12) + ".", Cites: []model.Citation{{Source: src.ID, Quote: quote}}}},
			Path:        "sources/entities/gen.yaml", Line: i*10 + 1,
		}
		if kind == model.Person {
			e.Role = "Head of " + words(3)
		}
		d.Entities = append(d.Entities, e)
	}
	for i := 0; i < max(n/10, 1); i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "# Note %d\n\nThis note cites [[S:doc-%04d#2]] and says %s.\n\n## Details\n\n%s.\n\n", i+1, (i*10)%n, words(30), words(60))
		b.WriteString("```go\npackage main\n\nimport \"fmt\"\n\nfunc main() {\n")
		for j := 0; j < 13; j++ {
			fmt.Fprintf(&b, "\tfmt.Println(%q, %d)\n", words(4), j)
		}
		b.WriteString("}\n```\n")
		src := []byte(b.String())
		d.Notes = append(d.Notes, &model.Note{ID: fmt.Sprintf("note-%03d", i), Title: fmt.Sprintf("Note %d", i+1),
			Path: fmt.Sprintf("sources/notes/%03d-note.md", i), Source: src, Doc: markdown.Parse(markdown.New(), src)})
	}
	if err := link.Resolve(d); err != nil {
		tb.Fatal(err)
	}
	return d
}

// benchmarkScale renders a generated dossier of n sources.
func benchmarkScale(b *testing.B, n int) {
	d := scaleDossier(b, n)
	benchmarkRender(b, d, optionsFor(b, d))
}

// benchmarkRender renders d with opts b.N times, and reports the CPU time
// a render takes as well.
func benchmarkRender(b *testing.B, d *model.Dossier, opts Options) {
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if err := Render(io.Discard, d, opts); err != nil {
			b.Fatal(err)
		}
	}
	// On a shared machine the wall time depends on the load; the CPU time
	// (of both cores, GC included) much less.
	if c := cpuTime() - cpu; c > 0 {
		b.ReportMetric(float64(c.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

func BenchmarkRenderScale100(b *testing.B)  { benchmarkScale(b, 100) }
func BenchmarkRenderScale1000(b *testing.B) { benchmarkScale(b, 1000) }

// BenchmarkRenderRunsCopied renders a generated dossier of 1,000 sources
// with a store that holds every run of its briefing (see runs.go), as a
// build after an edit to notes alone finds it, less the note edited: what
// is left is the cover, the contents, the index, copying the runs and
// writing the document.
func BenchmarkRenderRunsCopied(b *testing.B) {
	d := scaleDossier(b, 1000)
	opts := optionsFor(b, d)
	store := &mapStore{}
	opts.Runs = store
	if err := Render(io.Discard, d, opts); err != nil {
		b.Fatal(err)
	}
	benchmarkRender(b, d, opts)
}

// TestScaleDossier renders a small generated dossier: the benchmarks'
// model is valid.
func TestScaleDossier(t *testing.T) {
	t.Parallel()
	d := scaleDossier(t, 20)
	if err := Render(io.Discard, d, optionsFor(t, d)); err != nil {
		t.Fatal(err)
	}
}

// TestScaleWrite writes the briefing of a generated dossier of
// DOSSIER_SCALE_N sources to DOSSIER_SCALE_PDF, to compare the output of two
// versions of the renderer byte for byte; it is skipped unless both are set.
func TestScaleWrite(t *testing.T) {
	out, n := os.Getenv("DOSSIER_SCALE_PDF"), os.Getenv("DOSSIER_SCALE_N")
	if out == "" || n == "" {
		t.Skip("DOSSIER_SCALE_PDF and DOSSIER_SCALE_N not set")
	}
	k, err := strconv.Atoi(n)
	if err != nil {
		t.Fatal(err)
	}
	d := scaleDossier(t, k)
	var buf bytes.Buffer
	if err := Render(&buf, d, optionsFor(t, d)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCoverListsFew: the cover of a dossier without an assessment lists
// the first coverSources sources, and says where the others are, so that
// it stays one page however many there are; the contents follow it on
// page 2.
func TestCoverListsFew(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		n    int
		more string // what the cover says of the others; "" for nothing
	}{
		{coverSources, ""},
		{coverSources + 1, "S16, one more source, is listed in the annex of sources."},
		{coverSources + 2, "S16 and S17, two more sources, are listed in the annex of sources."},
		{40, "S16–S40, 25 more sources, are listed in the annex of sources."},
	} {
		t.Run(strconv.Itoa(tc.n), func(t *testing.T) {
			t.Parallel()
			d := scaleDossier(t, tc.n)
			b, err := Settle(d, optionsFor(t, d))
			if err != nil {
				t.Fatal(err)
			}
			pdf, err := b.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			pages := pageTexts(t, writeTemp(t, pdf), b.f.PageNo())
			cover := strings.Join(strings.Fields(pages[1]), " ")
			if !strings.Contains(cover, fmt.Sprintf("S%d Report %d", coverSources, coverSources)) {
				t.Errorf("the cover does not list S%d:\n%s", coverSources, cover)
			}
			if strings.Contains(cover, fmt.Sprintf("S%d Report", coverSources+1)) {
				t.Errorf("the cover lists S%d:\n%s", coverSources+1, cover)
			}
			if got := strings.Contains(cover, "annex of sources"); got != (tc.more != "") || tc.more != "" && !strings.Contains(cover, tc.more) {
				t.Errorf("the cover says of the other sources: want %q, in\n%s", tc.more, cover)
			}
			if !strings.Contains(pages[2], "Contents") {
				t.Errorf("page 2 is not the contents: the cover runs on\n%s", pages[2])
			}
		})
	}
}

// TestContentsDropSourcesTexts: with more sources than the contents hold,
// the sources' texts leave the contents (not the outline), which fit
// their pages again.
func TestContentsDropSourcesTexts(t *testing.T) {
	t.Parallel()
	d := scaleDossier(t, 150)
	s, listed := fittedContents(t, d)
	texts, inOutline := 0, 0
	for i, e := range s.entries {
		if e.Level == 1 && e.Part {
			inOutline++
			if listed[i] {
				texts++
			}
		}
	}
	if texts != 0 || inOutline != len(d.Documents) {
		t.Errorf("%d sources' texts in the contents and %d in the outline; want none and %d", texts, inOutline, len(d.Documents))
	}
}
