package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeCommand runs dossier serve on the fictional dossier on a free
// port of this machine, fetches a page from the address it prints, and
// stops it as Ctrl-C does.
func TestServeCommand(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(binary, "serve", "--sources", fictional.sources, "--port", "0")
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+epoch)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// done is closed when the command has ended and waitErr is set: by
	// the end of the test, or by Cleanup when the test stops first.
	done := make(chan struct{})
	var waitErr error
	waiting := false
	t.Cleanup(func() {
		cmd.Process.Kill()
		if !waiting {
			cmd.Wait()
			return
		}
		select {
		case <-done:
		case <-time.After(5 * time.Second):
		}
	})
	lines := bufio.NewReader(stdout)
	first, err := lines.ReadString('\n')
	if err != nil {
		t.Fatalf("reading what dossier serve printed: %v\n%s", err, stderr.String())
	}
	addr := regexp.MustCompile(`^serving (http://127\.0\.0\.1:\d+/) `).FindStringSubmatch(first)
	if addr == nil {
		t.Fatalf("dossier serve printed %q; want the address it serves", first)
	}
	res, err := http.Get(addr[1] + "sources/vmpo-annual-review.html")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), "Annual review of public order") || !strings.Contains(string(page), "EventSource") {
		t.Errorf("GET a source page = %d; want the page with the reload script", res.StatusCode)
	}

	var rest []byte
	waiting = true
	go func() {
		rest, _ = io.ReadAll(lines) // what it prints until it ends; Wait comes after
		waitErr = cmd.Wait()
		close(done)
	}()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
		if waitErr != nil || !strings.Contains(string(rest), "stopped") {
			t.Errorf("dossier serve ended with %v, printing %q\n%s", waitErr, rest, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Error("dossier serve did not stop on SIGINT")
	}
	if !strings.Contains(stderr.String(), "site built in") {
		t.Errorf("dossier serve reported no build:\n%s", stderr.String())
	}
}
