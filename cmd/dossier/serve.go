package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"dossier/internal/build"
	"dossier/internal/serve"
)

// serveCmd builds the dossier into memory and serves it until interrupted,
// rebuilding on every change to the sources or the layouts.
func serveCmd(args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	fl := flag.NewFlagSet("dossier serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	sources := fl.String("sources", "sources", "read the sources from `DIR`, and watch it")
	limits := limitFlags(fl)
	layouts := fl.String("layouts", "", "use the templates and stylesheet in `DIR` instead of the built-in ones, and watch it")
	port := fl.Int("port", 1414, "listen on port `N` (0 picks a free one)")
	bind := fl.String("bind", "127.0.0.1", "listen on the address `ADDR`; the default serves this machine only")
	baseURL := fl.String("base-url", "", "the address the site will be published at, as `URL` (as for build)")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	lfs, built, err := inputs(*sources, *layouts, getenv)
	if err != nil {
		return err
	}
	now := func() time.Time { return time.Now().UTC() }
	if getenv("SOURCE_DATE_EPOCH") != "" {
		now = func() time.Time { return built }
	}
	srv, err := serve.New(serve.Options{
		Build: build.Options{
			Sources:     os.DirFS(*sources),
			SourcesName: *sources,
			Layouts:     lfs,
			BaseURL:     *baseURL,
			Built:       built,
			SourcesDir:  *sources,
			Limits:      *limits,
		},
		Now: now,
		Log: stderr,
	})
	if err != nil {
		return err
	}
	// The first build: its errors are reported like any other's, and the
	// server starts anyway, so that fixing them reloads the page.
	_ = srv.Rebuild()

	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintf(stdout, "serving http://%s/ (the briefing at %s); watching %s", ln.Addr(), serve.PDFPath, *sources)
	if *layouts != "" {
		fmt.Fprintf(stdout, " and %s", *layouts)
	}
	fmt.Fprintln(stdout, "; press Ctrl-C to stop")

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	watched := []string{*sources}
	if *layouts != "" {
		watched = append(watched, *layouts)
	}
	watchErr := make(chan error, 1)
	go func() { watchErr <- srv.Watch(ctx, 100*time.Millisecond, watched...) }()

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with the server: open event streams close on Ctrl-C.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-watchErr:
		if !errors.Is(err, context.Canceled) {
			hs.Close()
			return fmt.Errorf("serve: %w", err)
		}
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = hs.Shutdown(shutdown)
	fmt.Fprintln(stdout, "stopped")
	return nil
}
