// Package serve is what dossier serve runs: it builds the dossier into
// memory, serves the site on a local address, watches the sources and the
// layouts, rebuilds on every change and reloads the pages open in a
// browser.
//
// A rebuild renders the site first and swaps it in whole as soon as it is
// ready, so that the pages reload quickly; the briefing follows, rendered
// in the background and served at /briefing.pdf once it is done. A rebuild
// that fails keeps the last good site and briefing and shows the errors,
// each as file:line: what is wrong, in the terminal and over every open
// page. While no build has succeeded, every page is a page of the last
// build's errors, which reloads into the site once one does. The reload
// script is put into the pages as they are served; the site the build
// writes to disk never holds it.
//
// The server reads nothing but the site it built: a path is looked up in
// memory, never on the disk.
package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"dossier/internal/build"
	"dossier/internal/diag"
	"dossier/internal/highlight"
	"dossier/internal/output"
)

// Options configures a Server.
type Options struct {
	// Build gives the sources, their name in messages, the layouts, the
	// build time and the base URL, as for build.Run; Out is not used.
	Build build.Options
	// Now gives the build time of each rebuild; nil keeps Build.Built.
	Now func() time.Time
	// Log is where the server reports each build; nil for none.
	Log io.Writer
}

// Server holds the last good build in memory and serves it. Its zero
// value is not usable; make one with New.
type Server struct {
	opts Options
	log  io.Writer
	hl   *highlight.Highlighter // kept across builds: each code block is lexed once

	mu      sync.Mutex
	site    map[string][]byte // the last good site, by path below site/
	base    string            // the base of site's pages (build.Bases); "" keeps none of them
	runs    *memStore         // the records of the briefing's runs of pages, kept across builds
	docs    *memStore         // what loading made of each document, kept across builds
	found   *memStore         // what resolving found in each, kept across builds
	pdf     []byte            // the last good briefing; nil until one is built
	errs    []string          // the errors of the last build; nil when it succeeded
	clients map[chan event]bool
	// stopPDF stops the briefing of the last good build, if it is still
	// being rendered; pdfDone is closed when that render has ended.
	stopPDF context.CancelFunc
	pdfDone chan struct{}
	// Tests set these: startPDF is called as a briefing's render starts,
	// endPDF with its error as it ends.
	startPDF func()
	endPDF   func(error)

	builds sync.Mutex // one build at a time
}

// event is what the page script receives: "reload", or "errors" with the
// messages of a failed build.
type event struct {
	Name string
	Data []string
}

// New returns a Server for opts. It builds nothing until Rebuild.
func New(opts Options) (*Server, error) {
	hl, err := highlight.New(highlight.DefaultStyle)
	if err != nil {
		return nil, err
	}
	log := opts.Log
	if log == nil {
		log = io.Discard
	}
	return &Server{opts: opts, log: log, hl: hl, clients: map[chan event]bool{}, runs: &memStore{}, docs: &memStore{}, found: &memStore{}}, nil
}

// Rebuild builds the dossier again. On success the new site replaces the
// old one and every open page reloads; the briefing is rendered in the
// background and replaces the old one when it is done. A rebuild stops the
// briefing still being rendered for the build before, which the change
// has made out of date, so that the new site has the processor to itself
// and renders of a large dossier do not pile up while its author saves
// again and again. On failure the last good site stays, and the errors go
// to the log and to every open page. The returned error is the build's.
func (s *Server) Rebuild() error {
	s.builds.Lock()
	defer s.builds.Unlock()
	start := time.Now()
	opts := s.opts.Build
	if s.opts.Now != nil {
		opts.Built = s.opts.Now()
	}
	s.mu.Lock()
	if s.stopPDF != nil {
		s.stopPDF()
	}
	s.mu.Unlock()

	site, base, p, err := s.buildSite(opts)
	if err != nil {
		msgs := messages(err)
		failed := fmt.Sprintf("%d %s", len(msgs), plural(len(msgs), "error", "errors"))
		if stage := diag.Stage(err); stage != "" {
			failed = stage + ", " + failed
		}
		s.mu.Lock()
		s.errs = msgs
		serving := "serving the last good site"
		if s.site == nil {
			serving = "no site built yet: the pages show these errors until a build succeeds"
		}
		s.mu.Unlock()
		// The summary on a line of its own, then each error on its own
		// as file:line: what is wrong, as dossier check prints them, for
		// an editor or terminal to jump to.
		fmt.Fprintf(s.log, "build failed (%s); %s:\n", failed, serving)
		for _, m := range msgs {
			fmt.Fprintln(s.log, m)
		}
		s.broadcast(event{Name: "errors", Data: msgs})
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	s.mu.Lock()
	s.site, s.base, s.errs = site, base, nil
	prev := s.pdfDone
	s.stopPDF, s.pdfDone = cancel, done
	s.mu.Unlock()
	fmt.Fprintf(s.log, "site built in %s: %d pages\n", time.Since(start).Round(time.Millisecond), len(site))
	s.broadcast(event{Name: "reload"})

	go func() {
		defer close(done)
		defer cancel()
		if prev != nil {
			// One briefing at a time: the one stopped above ends at
			// the next of its parts (a note, a source).
			<-prev
		}
		if s.startPDF != nil {
			s.startPDF()
		}
		start := time.Now()
		s.runs.begin()
		pdf, warnings, err := p.PDFContext(ctx)
		s.runs.end(err == nil && ctx.Err() == nil)
		if s.endPDF != nil {
			s.endPDF(err)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case ctx.Err() != nil:
			// A newer build started: it renders its own, or keeps the
			// last briefing when it fails.
		case err != nil:
			fmt.Fprintf(s.log, "briefing failed: %v\n", err)
		default:
			for _, w := range warnings {
				fmt.Fprintf(s.log, "  %s\n", w)
			}
			s.pdf = pdf
			fmt.Fprintf(s.log, "briefing built in %s\n", time.Since(start).Round(time.Millisecond))
		}
	}()
	return nil
}

// buildSite loads and resolves the sources and renders the site; it
// returns the site by path below site/, its base (build.LoadSite), and what the
// briefing needs. The pages of the sources and entities are taken from
// the last good site when its base is the same (after an edit to a note,
// say), rather than rendered again.
func (s *Server) buildSite(opts build.Options) (map[string][]byte, string, *build.Prepared, error) {
	s.docs.begin()
	s.found.begin()
	d, bases, err := build.LoadSite(opts, build.Kept{Docs: s.docs, Resolved: s.found})
	s.docs.end(err == nil)
	s.found.end(err == nil)
	if err != nil {
		return nil, "", nil, err
	}
	base := bases.Pages
	p, err := build.Prepare(d, opts.Layouts, s.hl)
	if err != nil {
		return nil, "", nil, err
	}
	p.KeepRuns(runsOf{s.runs, bases.Runs})
	site := map[string][]byte{}
	s.mu.Lock()
	last, lastBase := s.site, s.base
	s.mu.Unlock()
	var kept sync.Mutex // the site's workers keep pages at once
	if base != "" && base == lastBase {
		p.KeepPages(func(name string) bool {
			rest, _ := strings.CutPrefix(name, build.SiteDir+"/")
			data, ok := last[rest]
			if ok {
				kept.Lock()
				site[rest] = data
				kept.Unlock()
			}
			return ok
		})
	}
	files := &output.Mem{}
	if err := p.Site(files); err != nil {
		return nil, "", nil, err
	}
	for name, data := range files.Files {
		if rest, ok := strings.CutPrefix(name, build.SiteDir+"/"); ok {
			site[rest] = data
		}
	}
	return site, base, p, nil
}

// memStore keeps what a build's step (loading, or the briefing) made for
// the next in memory: what one use of it read or wrote is what the next
// may read, once that use has ended well (end). The Server keeps three:
// the loaded documents (source.Known), so that after an edit to a note no
// source is read, checked and cleaned again; what resolving found in them
// (link.Known), so that their names and quotes are not looked for again;
// and the briefing's runs of pages (pdfrender.RunStore), so that the
// briefing copies every part but the note. One use at a time; its methods may be called concurrently.
type memStore struct {
	mu       sync.Mutex
	old, now map[string][]byte // the last good use's; this use's, nil outside one
	hits     int               // entries given back, in all (for tests)
}

// begin starts a use of the store.
func (m *memStore) begin() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.now = map[string][]byte{}
}

// end ends the use begin started: when it succeeded, what it read or
// wrote is what the next use may read.
func (m *memStore) end(ok bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if ok {
		m.old = m.now
	}
	m.now = nil
}

func (m *memStore) Get(key string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.old[key]
	if ok && m.now != nil {
		m.now[key] = data
		m.hits++
	}
	return data, ok
}

func (m *memStore) Put(key string, data []byte) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.now != nil {
		m.now[key] = bytes.Clone(data)
	}
}

// runsOf is the store of the briefing's runs as a render with one base
// (build.Bases.Runs) uses it: records of other bases are other keys.
type runsOf struct {
	m    *memStore
	base string
}

func (r runsOf) Get(key string) ([]byte, bool) { return r.m.Get(r.base + "\x00" + key) }

func (r runsOf) Put(key string, data ...[]byte) { r.m.Put(r.base+"\x00"+key, bytes.Join(data, nil)) }

// messages splits a build error into its messages, one per problem, each
// as file:line: what is wrong (see diag.Entries).
func messages(err error) []string {
	var out []string
	for _, e := range diag.Entries(err) {
		out = append(out, e.String())
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// broadcast sends e to every open page, skipping one that is not keeping
// up (it gets the next event, or reconnects).
func (s *Server) broadcast(e event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c <- e:
		default:
		}
	}
}

// The paths the server answers besides the site's files.
const (
	EventsPath = "/_dossier/events" // the server-sent events of the reload script
	PDFPath    = "/briefing.pdf"    // the briefing
)

// ServeHTTP serves the site of the last good build: a path names a file
// of the site ("/" and a folder its index.html); an HTML page gets the
// reload script; a path that names no file gets 404.html with status 404.
// Before a build has succeeded, a page is the errors of the last one
// (errorPage), with status 503.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case EventsPath:
		s.events(w, r)
		return
	case PDFPath:
		s.mu.Lock()
		pdf, failed := s.pdf, s.errs != nil
		s.mu.Unlock()
		if pdf == nil && failed {
			// A failed build stopped the briefing under way, if any.
			http.Error(w, "the build failed, and no briefing has been built yet: the site's pages and the terminal show the errors", http.StatusServiceUnavailable)
			return
		}
		if pdf == nil {
			w.Header().Set("Retry-After", "2")
			http.Error(w, "the briefing is being built; try again in a moment", http.StatusServiceUnavailable)
			return
		}
		s.write(w, r, "briefing.pdf", pdf, http.StatusOK)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	s.mu.Lock()
	site, errs := s.site, s.errs
	s.mu.Unlock()
	if site == nil {
		// No build has succeeded yet. A page asked for after a failed
		// one shows its errors, and reloads into the site once a build
		// succeeds.
		if errs != nil && wantsPage(r, name) {
			s.write(w, r, "index.html", errorPage(errs), http.StatusServiceUnavailable)
			return
		}
		http.Error(w, "the site is not built yet", http.StatusServiceUnavailable)
		return
	}
	data, ok := site[name]
	if _, isDir := site[path.Join(name, "index.html")]; !ok && isDir {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	if !ok {
		name, status = "404.html", http.StatusNotFound
		if data, ok = site[name]; !ok {
			http.NotFound(w, r)
			return
		}
	}
	s.write(w, r, name, data, status)
}

// wantsPage reports whether r, for the file name of the site, asks for
// an HTML page: a name ending in .html (a folder's index.html), one with
// no extension, or a request that accepts HTML.
func wantsPage(r *http.Request, name string) bool {
	ext := path.Ext(name)
	return ext == ".html" || ext == "" || strings.Contains(r.Header.Get("Accept"), "text/html")
}

// errorPage is the page served in place of every page while no build
// has succeeded: the errors of the last build, each as file:line: what
// is wrong, escaped. The reload script, put in as it is served, keeps
// them up to date and reloads the page once a build succeeds.
func errorPage(errs []string) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The build failed: dossier serve</title>
</head>
<body style="margin:0;padding:1.5em;font:16px/1.5 system-ui,sans-serif;background:#fff5f5;color:#5c0011">
<h1 style="font-size:1.4em;margin-top:0">The build failed: there is no site to show yet</h1>
<p>Fix the files the errors name; this page reloads into the site as soon as a build succeeds.</p>
<pre id="` + errorsID + `" data-no-site role="alert" style="white-space:pre-wrap;font:14px/1.5 ui-monospace,monospace">`)
	b.WriteString(html.EscapeString(strings.Join(errs, "\n")))
	b.WriteString("</pre>\n</body>\n</html>\n")
	return b.Bytes()
}

// errorsID is the id of the element that shows a failed build's errors,
// on an error page or over a page of the site.
const errorsID = "dossier-serve-errors"

// write answers with data as the file name, the reload script put into an
// HTML page.
func (s *Server) write(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// inject puts the reload script before </body>, or at the end.
func inject(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(reloadScript))
	out = append(out, page[:i]...)
	out = append(out, reloadScript...)
	return append(out, page[i:]...)
}

// reloadScript listens to the server: it reloads the page after a good
// build and shows the errors of a failed one over the page.
const reloadScript = `<script>
(function () {
  var box = document.getElementById("` + errorsID + `");
  function show(errs) {
    if (!box) {
      box = document.createElement("div");
      box.id = "` + errorsID + `";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
        "background:#fff5f5;color:#5c0011;border-top:4px solid #a8071a;padding:1em 1.5em;" +
        "font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap;box-shadow:0 -4px 16px rgba(0,0,0,.2)";
      document.body.appendChild(box);
    }
    // An error page (no site yet) says so itself; over a page of the
    // site, the box says that the page is the last good build's.
    box.textContent = (box.hasAttribute("data-no-site") ? "" : "The build failed; this is the last good site.\n\n") + errs.join("\n");
  }
  // An error page asks to be reloaded at once if a site has been built
  // since it was served.
  var es = new EventSource("` + EventsPath + `" + (box && box.hasAttribute("data-no-site") ? "?` + noSiteQuery + `" : ""));
  es.addEventListener("reload", function () { location.reload(); });
  es.addEventListener("errors", function (e) { show(JSON.parse(e.data)); });
})();
</script>
`

// noSiteQuery is the query of the event stream of an error page (see
// errorPage).
const noSiteQuery = "nosite"

// events streams the build events to one page. A page that connects
// after a failed build is told its errors at once; an error page that
// connects (with noSiteQuery) once a site has been built is told to
// reload, so that a build that succeeded while it was loading is not
// missed.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	c := make(chan event, 4)
	s.mu.Lock()
	s.clients[c] = true
	switch {
	case s.site != nil && r.URL.Query().Has(noSiteQuery):
		// An error page served before a build succeeded.
		c <- event{Name: "reload"}
	case s.errs != nil:
		c <- event{Name: "errors", Data: s.errs}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	fmt.Fprint(w, ": dossier serve\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			data, err := json.Marshal(e.Data)
			if err != nil || e.Data == nil {
				data = []byte("null")
			}
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.Name, data)
			flusher.Flush()
		}
	}
}

// Watch rebuilds whenever a file changes under one of dirs, until ctx is
// done: changes that come within delay of each other make one rebuild.
// Folders created later are watched too. It returns ctx's error, or the
// watcher's when it cannot watch.
func (s *Server) Watch(ctx context.Context, delay time.Duration, dirs ...string) error {
	w, err := newWatcher(dirs)
	if err != nil {
		return err
	}
	defer w.Close()
	var timer <-chan time.Time
	var changed []string // since the last rebuild, each once
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case name, ok := <-w.changes:
			if !ok {
				return errors.New("serve: the file watcher stopped")
			}
			if !slices.Contains(changed, name) {
				changed = append(changed, name)
			}
			timer = time.After(delay)
		case err := <-w.errs:
			fmt.Fprintf(s.log, "watching: %v\n", err)
		case <-timer:
			timer = nil
			fmt.Fprintf(s.log, "changed: %s\n", strings.Join(changed, ", "))
			changed = changed[:0]
			_ = s.Rebuild() // reported to the log and the pages
		}
	}
}
