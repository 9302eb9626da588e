package serve

import (
	"bufio"
	"bytes"
	"context"
	"dossier/internal/export"
	"errors"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dossier"
	"dossier/internal/build"
	"dossier/internal/testutil"
)

// fixture is a small dossier: one source, one agency.
var fixture = testutil.Settings + `-- documents/doc.yaml --
` + testutil.Meta("doc", "") + `-- documents/doc.txt --
The Home Ministry keeps order.
-- entities/agencies.yaml --
- id: ministry
  name: Home Ministry
  kind: agency
  claims:
    - text: The Ministry keeps order.
      cites:
        - source: doc
          quote: The Home Ministry keeps order.
-- notes/10-about.md --
# About

First words.
`

// newServer writes the fixture into a folder, builds it once and serves
// it; it returns the server, its address and the folder.
func newServer(t *testing.T) (*Server, *httptest.Server, string) {
	t.Helper()
	srv, dir := unbuilt(t, nil)
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return srv, hs, dir
}

// unbuilt writes the fixture into a folder and returns a server for it,
// which has built nothing yet, and the folder. It logs to log, nil for
// nowhere.
func unbuilt(t *testing.T, log io.Writer) (*Server, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, testutil.Fixture(t, fixture, nil)); err != nil {
		t.Fatal(err)
	}
	layouts, err := layoutsFS()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Options{Build: build.Options{
		Sources: os.DirFS(dir), SourcesName: dir, Layouts: layouts,
		Built: time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC),
	}, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	return srv, dir
}

// TestRebuildStopsTheOutdatedBriefing rebuilds before the briefing of the
// build before has been rendered: that render stops, the two never run at
// once, and the briefing served is the new build's. (That a render stops
// between its parts, however far it has gone, is package pdf's
// TestSettleStopsWhenCancelled.)
func TestRebuildStopsTheOutdatedBriefing(t *testing.T) {
	var log testutil.SyncBuffer
	srv, dir := unbuilt(t, &log)
	release := make(chan struct{})
	var (
		mu     sync.Mutex
		starts int
		ended  []error
	)
	srv.startPDF = func() {
		mu.Lock()
		starts++
		n, done := starts, len(ended)
		mu.Unlock()
		if n == 1 {
			<-release // the first build's briefing waits for the second build
		} else if done != 1 {
			t.Errorf("the second briefing started with %d of the first ended, want 1", done)
		}
	}
	srv.endPDF = func(err error) {
		mu.Lock()
		ended = append(ended, err)
		mu.Unlock()
	}
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	note := filepath.Join(dir, "notes", "10-about.md")
	if err := os.WriteFile(note, []byte("# About\n\nSecond words.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	close(release)
	srv.mu.Lock()
	done := srv.pdfDone
	srv.mu.Unlock()
	<-done

	mu.Lock()
	defer mu.Unlock()
	if len(ended) != 2 || !errors.Is(ended[0], context.Canceled) || ended[1] != nil {
		t.Fatalf("the renders ended with %v; want context.Canceled, then nil", ended)
	}
	srv.mu.Lock()
	pdf := srv.pdf
	srv.mu.Unlock()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Error("no briefing served after the second build's was rendered")
	}
	if n := strings.Count(log.String(), "briefing built"); n != 1 {
		t.Errorf("the log tells of %d briefings built, want 1:\n%s", n, log.String())
	}
}

// layoutsFS returns the built-in layouts.
func layoutsFS() (fs.FS, error) { return fs.Sub(dossier.Layouts, "layouts") }

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(body)
}

// TestServe serves the built site from memory: pages with the reload
// script, the briefing once built, 404.html for a path that names no file.
func TestServe(t *testing.T) {
	_, hs, _ := newServer(t)
	code, page := get(t, hs.URL+"/")
	if code != http.StatusOK || !strings.Contains(page, "<title>") || !strings.Contains(page, EventsPath) {
		t.Errorf("GET / = %d; want the index page with the reload script:\n%.300s", code, page)
	}
	if code, page := get(t, hs.URL+"/entities/ministry.html"); code != http.StatusOK || !strings.Contains(page, "Home Ministry") {
		t.Errorf("GET an entity page = %d", code)
	}
	if code, page := get(t, hs.URL+"/no/such.html"); code != http.StatusNotFound || !strings.Contains(page, EventsPath) {
		t.Errorf("GET a missing page = %d; want 404 with the site's 404 page", code)
	}
	if code, css := get(t, hs.URL+"/"+firstAsset(t, page, ".css")); code != http.StatusOK || strings.Contains(css, "<script") {
		t.Errorf("GET the stylesheet = %d, or it was given the script", code)
	}
	// The briefing is rendered in the background.
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, pdf := get(t, hs.URL+PDFPath)
		if code == http.StatusOK {
			if !strings.HasPrefix(pdf, "%PDF-") {
				t.Errorf("GET %s is not a PDF", PDFPath)
			}
			break
		}
		if code != http.StatusServiceUnavailable || time.Now().After(deadline) {
			t.Fatalf("GET %s = %d", PDFPath, code)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// firstAsset finds the address of the page's first asset with ext.
func firstAsset(t *testing.T, page, ext string) string {
	t.Helper()
	i := strings.Index(page, "assets/")
	for i >= 0 {
		end := strings.IndexAny(page[i:], `"' `)
		if name := page[i : i+end]; strings.HasSuffix(name, ext) {
			return name
		}
		next := strings.Index(page[i+1:], "assets/")
		if next < 0 {
			break
		}
		i += 1 + next
	}
	t.Fatalf("no %s asset in the page", ext)
	return ""
}

// events opens the event stream, with query when it is given, and
// returns its lines as they come.
func events(t *testing.T, hs *httptest.Server, query ...string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	url := hs.URL + EventsPath
	if len(query) > 0 {
		url += "?" + strings.Join(query, "&")
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 16)
	go func() {
		defer res.Body.Close()
		defer close(lines)
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if sc.Text() != "" && !strings.HasPrefix(sc.Text(), ":") {
				lines <- sc.Text()
			}
		}
	}()
	return lines
}

// next returns the next event's name and data.
func next(t *testing.T, lines <-chan string) (name, data string) {
	t.Helper()
	for _, dst := range []*string{&name, &data} {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the event stream ended")
			}
			*dst = l
		case <-time.After(20 * time.Second):
			t.Fatal("no event")
		}
	}
	return name, data
}

// TestFailedRebuild breaks a source: the last good site stays, and the
// open pages are told the error with its file and line; mending it
// reloads them.
func TestFailedRebuild(t *testing.T) {
	srv, hs, dir := newServer(t)
	lines := events(t, hs)
	_, before := get(t, hs.URL+"/entities/ministry.html")

	_, mend := breakKind(t, dir, "agnecy")
	if err := srv.Rebuild(); err == nil {
		t.Fatal("the broken sources built")
	}
	name, data := next(t, lines)
	if name != "event: errors" || !strings.Contains(data, "agencies.yaml:3:") || !strings.Contains(data, "agnecy") {
		t.Errorf("got %q %q; want the errors event naming agencies.yaml:3", name, data)
	}
	if _, after := get(t, hs.URL+"/entities/ministry.html"); after != before {
		t.Error("a failed build changed the page served")
	}
	// A page opened now is told at once.
	if name, _ := next(t, events(t, hs)); name != "event: errors" {
		t.Errorf("a page connecting after the failure got %q", name)
	}

	mend()
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if name, _ := next(t, lines); name != "event: reload" {
		t.Errorf("got %q after the mend; want reload", name)
	}
}

// TestFailedRebuildLog breaks a source after a good build: the terminal
// is told the stage and the count on a line of their own, then each error
// on its own line as file:line: what is wrong, as dossier check prints
// it, and the pages get the same lines.
func TestFailedRebuildLog(t *testing.T) {
	var log testutil.SyncBuffer
	srv, dir := unbuilt(t, &log)
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	file, _ := breakKind(t, dir, "agnecy")
	if err := srv.Rebuild(); err == nil {
		t.Fatal("the broken sources built")
	}
	// From the failure on: the briefing of the good build, rendered in
	// the background, may have been reported before it.
	after := log.String()
	after = after[max(0, strings.Index(after, "build failed")):]
	lines := strings.Split(strings.TrimSuffix(after, "\n"), "\n")
	if len(lines) != 2 || lines[0] != "build failed (load, 1 error); serving the last good site:" || !strings.HasPrefix(lines[1], file+":3: ") {
		t.Errorf("the log of the failed build:\n%s\nwant the summary, then %s:3: and the error", after, file)
	}
	srv.mu.Lock()
	errs := srv.errs
	srv.mu.Unlock()
	if len(errs) != 1 || errs[0] != lines[len(lines)-1] {
		t.Errorf("the pages are told %q; want the line the log has", errs)
	}
}

// TestFirstBuildFailed starts on broken sources: the terminal says there
// is no site yet, and every page asked for is a page of the errors, each
// as file:line: what is wrong, escaped, with the reload script; an asset
// is not. Mending the sources reloads the page into the site; an error
// page that connects after that is told to reload at once.
func TestFirstBuildFailed(t *testing.T) {
	var log testutil.SyncBuffer
	srv, dir := unbuilt(t, &log)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	file, mend := breakKind(t, dir, "<b>agnecy</b>")
	if err := srv.Rebuild(); err == nil {
		t.Fatal("the broken sources built")
	}
	if want := "build failed (load, 1 error); no site built yet: the pages show these errors until a build succeeds:\n" + file + ":3: "; !strings.HasPrefix(log.String(), want) {
		t.Errorf("the log:\n%s\nwant it to start %q", log.String(), want)
	}
	for _, p := range []string{"/", "/entities/ministry.html", "/notes/"} {
		code, page := get(t, hs.URL+p)
		if code != http.StatusServiceUnavailable || !strings.Contains(page, "there is no site to show yet") ||
			!strings.Contains(page, html.EscapeString(file)+":3: ") || !strings.Contains(page, "&lt;b&gt;agnecy&lt;/b&gt;") ||
			strings.Contains(page, "<b>agnecy") || !strings.Contains(page, EventsPath) {
			t.Errorf("GET %s = %d:\n%s\nwant 503 and the page of the errors, escaped, with the reload script", p, code, page)
		}
	}
	if code, body := get(t, hs.URL+"/assets/style.css"); code != http.StatusServiceUnavailable || strings.Contains(body, "<script") {
		t.Errorf("GET an asset = %d, %q; want 503 and no page", code, body)
	}
	if code, body := get(t, hs.URL+PDFPath); code != http.StatusServiceUnavailable || !strings.Contains(body, "the build failed") {
		t.Errorf("GET %s = %d, %q; want 503 saying the build failed", PDFPath, code, body)
	}
	lines := events(t, hs)
	if name, data := next(t, lines); name != "event: errors" || !strings.Contains(data, "agencies.yaml:3:") {
		t.Errorf("the error page's events: %q %q; want its errors", name, data)
	}

	mend()
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if name, _ := next(t, lines); name != "event: reload" {
		t.Errorf("got %q after the mend; want reload", name)
	}
	if code, page := get(t, hs.URL+"/"); code != http.StatusOK || strings.Contains(page, "there is no site") {
		t.Errorf("GET / after the mend = %d; want the site", code)
	}
	// An error page whose events start only now reloads at once.
	if name, _ := next(t, events(t, hs, noSiteQuery)); name != "event: reload" {
		t.Errorf("an error page connecting after the mend got %q; want reload", name)
	}
}

// TestWatch edits a note and expects the pages to be told to reload, and
// the page served to change.
func TestWatch(t *testing.T) {
	srv, hs, dir := newServer(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Watch(ctx, 20*time.Millisecond, dir) }()
	t.Cleanup(func() { cancel(); <-done })
	lines := events(t, hs)
	time.Sleep(100 * time.Millisecond) // let the watcher start

	note := filepath.Join(dir, "notes", "10-about.md")
	if err := os.WriteFile(note, []byte("# About\n\nSecond words.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if name, _ := next(t, lines); name != "event: reload" {
		t.Fatalf("got %q; want reload", name)
	}
	if _, page := get(t, hs.URL+"/notes/about.html"); !strings.Contains(page, "Second words.") {
		t.Error("the note's page did not change")
	}
}

// TestWrittenSiteHasNoScript checks that the reload script is only put
// into pages as they are served: the built site does not hold it.
func TestWrittenSiteHasNoScript(t *testing.T) {
	layouts, err := layoutsFS()
	if err != nil {
		t.Fatal(err)
	}
	d, err := build.Load(build.Options{Sources: testutil.Fixture(t, fixture, nil), Layouts: layouts})
	if err != nil {
		t.Fatal(err)
	}
	files, _, err := build.Render(d, layouts)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files.Files {
		if strings.Contains(string(data), EventsPath) {
			t.Errorf("%s holds the reload script", name)
		}
	}
}

// breakKind writes kind in place of the first agency's kind in the
// sources in dir, which stops a build at line 3 of the file it returns;
// mend writes the file back as it was.
func breakKind(t *testing.T, dir, kind string) (file string, mend func()) {
	t.Helper()
	file = filepath.Join(dir, "entities", "agencies.yaml")
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(good), "kind: agency", "kind: "+kind, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return file, func() {
		t.Helper()
		if err := os.WriteFile(file, good, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRebuildKeepsPages: after a note's edit, a rebuild takes the pages
// of the sources and entities from the last site rather than rendering
// them again, and serves what a server building from nothing would;
// after any other edit, it renders them.
func TestRebuildKeepsPages(t *testing.T) {
	srv, dir := unbuilt(t, nil)
	if err := srv.Rebuild(); err != nil {
		t.Fatal(err)
	}
	kept := func() (map[string]bool, map[string][]byte) {
		t.Helper()
		last := srv.site
		if err := srv.Rebuild(); err != nil {
			t.Fatal(err)
		}
		same := map[string]bool{}
		for name, data := range srv.site {
			if old := last[name]; len(old) > 0 && len(data) > 0 && &old[0] == &data[0] {
				same[name] = true // the very bytes of the last site
			}
		}
		return same, srv.site
	}
	note := filepath.Join(dir, "notes", "10-about.md")
	if err := os.WriteFile(note, []byte("# About\n\nOther words on the [[ministry]].\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	same, site := kept()
	keep := []string{"sources/doc.html", "entities/ministry.html", "entities.html"}
	for _, f := range export.Files() {
		keep = append(keep, f.Name) // the exports but the edition's record
	}
	for _, page := range keep {
		if !same[page] {
			t.Errorf("after a note's edit, %s was rendered again", page)
		}
	}
	if same["notes/10-about.html"] || len(same) != len(keep) {
		t.Errorf("after a note's edit, kept %v; want the source's and the entity's pages, the list of entities and the exports, only", same)
	}
	fresh, _ := unbuilt(t, nil)
	fresh.opts.Build.Sources = os.DirFS(dir)
	if err := fresh.Rebuild(); err != nil {
		t.Fatal(err)
	}
	for name, data := range fresh.site {
		if !bytes.Equal(site[name], data) {
			t.Errorf("%s differs from a build from nothing", name)
		}
	}
	if len(site) != len(fresh.site) {
		t.Errorf("%d pages, a build from nothing %d", len(site), len(fresh.site))
	}

	if err := os.WriteFile(filepath.Join(dir, "dossier.yaml"), []byte("title: Another title\ncutoff: 2026-01-31\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if same, _ := kept(); len(same) != 0 {
		t.Errorf("after the settings' edit, kept %v", same)
	}
}

// TestRebuildCopiesRuns: after a note's edit, the source is not loaded
// again, nor are its names and quotes looked for again, and the briefing copies its other parts from the last build's
// (package pdf's runs), keeping in memory only what that build used, and
// is the briefing a build from nothing makes.
func TestRebuildCopiesRuns(t *testing.T) {
	srv, dir := unbuilt(t, nil)
	briefing := func(s *Server) []byte {
		t.Helper()
		if err := s.Rebuild(); err != nil {
			t.Fatal(err)
		}
		s.mu.Lock()
		done := s.pdfDone
		s.mu.Unlock()
		<-done
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.pdf == nil {
			t.Fatal("no briefing")
		}
		return s.pdf
	}
	briefing(srv)
	records := len(srv.runs.old)
	// drawn is the number of records of the pass written out: the first
	// pass records the index too (package pdf's dryRun), and finds the
	// record of the pass written out, in this dossier whose contents take
	// no more pages than the first pass gives them.
	drawn := 0
	for key := range srv.runs.old {
		if !strings.Contains(key, "\x00dry/") {
			drawn++
		}
	}
	if drawn == 0 {
		t.Fatal("the briefing kept no run of pages")
	}
	note := filepath.Join(dir, "notes", "10-about.md")
	if err := os.WriteFile(note, []byte("# About\n\nOther words on the [[ministry]].\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	found := srv.found.hits
	briefing(srv)
	if srv.docs.hits != 1 {
		t.Errorf("after a note's edit, took %d documents from the last load; want the one source", srv.docs.hits)
	}
	// The source's names, and the paragraph each of its quotes is in.
	if srv.found.hits-found < 2 {
		t.Errorf("after a note's edit, took %d records of what resolving found from the last load; want the names in the one source and its quotes", srv.found.hits-found)
	}
	// The note now names the ministry: the index, which lists the pages
	// where each entity is named, is drawn again too.
	if srv.runs.hits != drawn-2 {
		t.Errorf("after a note's edit, copied %d runs of pages; want %d, all but the note's and the index's", srv.runs.hits, drawn-2)
	}
	if len(srv.runs.old) != records {
		t.Errorf("the store holds %d records after the edit; want %d, the last build's", len(srv.runs.old), records)
	}
	// Other words, the same names on the same pages: only the note.
	if err := os.WriteFile(note, []byte("# About\n\nOther words, again, on the [[ministry]].\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv.runs.hits = 0
	got := briefing(srv)
	if srv.runs.hits != drawn-1 {
		t.Errorf("after a second edit: copied %d runs of pages; want %d, all but the note's", srv.runs.hits, drawn-1)
	}
	fresh, _ := unbuilt(t, nil)
	fresh.opts.Build.Sources = os.DirFS(dir)
	if want := briefing(fresh); !bytes.Equal(got, want) {
		t.Error("the briefing with runs copied differs from a build from nothing")
	}
}
