package cache

import (
	"crypto/sha256"
	"debug/elf"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var program = sha256.Sum256([]byte("dossier v1"))

func TestPutGet(t *testing.T) {
	c := Open(t.TempDir(), program)
	k := c.Key("highlight", []byte("go"), []byte("package main"))
	if _, ok := c.Get(k); ok {
		t.Fatal("an empty store has an entry")
	}
	if err := c.Put(k, []byte("tokens")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get(k); !ok || string(got) != "tokens" {
		t.Errorf("Get = %q, %v; want what was put", got, ok)
	}
}

// TestKeys: a key depends on every part, on where the parts split, on the
// kind and on the program.
func TestKeys(t *testing.T) {
	c := Open(t.TempDir(), program)
	other := Open(t.TempDir(), sha256.Sum256([]byte("dossier v2")))
	base := c.Key("k", []byte("ab"), []byte("c"))
	for name, k := range map[string]Key{
		"other split":   c.Key("k", []byte("a"), []byte("bc")),
		"one part":      c.Key("k", []byte("abc")),
		"other kind":    c.Key("j", []byte("ab"), []byte("c")),
		"other program": other.Key("k", []byte("ab"), []byte("c")),
		"a part more":   c.Key("k", []byte("ab"), []byte("c"), nil),
	} {
		if k.sum == base.sum {
			t.Errorf("%s: same key %s", name, k)
		}
	}
	if again := c.Key("k", []byte("ab"), []byte("c")); again != base {
		t.Errorf("the same parts give %s and %s", base, again)
	}
}

// TestDamagedEntry: an entry whose content does not match its digest, or
// that is cut short, is a miss.
func TestDamagedEntry(t *testing.T) {
	for name, damage := range map[string]func([]byte) []byte{
		"changed":   func(b []byte) []byte { b[len(b)-1] ^= 1; return b },
		"truncated": func(b []byte) []byte { return b[:len(b)-2] },
		"empty":     func(b []byte) []byte { return nil },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			c := Open(dir, program)
			k := c.Key("pages", []byte("x"))
			if err := c.Put(k, []byte("a rendered page")); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, k.file())
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, damage(data), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, ok := Open(dir, program).Get(k); ok {
				t.Errorf("a damaged entry was read back: %q", got)
			}
		})
	}
}

// TestPrune keeps what the build used, of the kinds pruned, and removes
// the rest and leftover temporary files.
func TestPrune(t *testing.T) {
	dir := t.TempDir()
	first := Open(dir, program)
	used, unused, kept := first.Key("a", []byte("1")), first.Key("a", []byte("2")), first.Key("b", []byte("3"))
	for _, k := range []Key{used, unused, kept} {
		if err := first.Put(k, []byte(k.String())); err != nil {
			t.Fatal(err)
		}
	}
	leftover := filepath.Join(dir, "a", ".tmp-123")
	if err := os.WriteFile(leftover, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	second := Open(dir, program)
	if _, ok := second.Get(used); !ok {
		t.Fatal("an entry put by the first build is missing")
	}
	if err := second.Prune("a"); err != nil {
		t.Fatal(err)
	}
	third := Open(dir, program)
	for k, want := range map[Key]bool{used: true, unused: false, kept: true} {
		if _, ok := third.Get(k); ok != want {
			t.Errorf("after pruning, %s there: %v, want %v", k, ok, want)
		}
	}
	if _, err := os.Stat(leftover); err == nil {
		t.Error("pruning left a temporary file")
	}
}

// TestNil: a nil store holds nothing and fails at nothing.
func TestNil(t *testing.T) {
	var c *Cache
	k := c.Key("a", []byte("x"))
	if err := c.Put(k, []byte("y")); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(k); ok {
		t.Error("a nil store returned an entry")
	}
	if err := c.Prune("a"); err != nil {
		t.Error(err)
	}
}

// TestGoBuildID: the program's digest comes from the build ID the go
// command wrote into the test binary, as go tool buildid reads it; a file
// that is not an executable has none, and is digested whole.
func TestGoBuildID(t *testing.T) {
	t.Parallel()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := elf.Open(exe); err != nil {
		t.Skip("not an ELF executable:", err)
	}
	id := goBuildID(exe)
	if strings.Count(id, "/") < 1 || len(id) < 40 {
		t.Errorf("build ID of the test binary: %q", id)
	}
	text := filepath.Join(t.TempDir(), "not-elf")
	if err := os.WriteFile(text, []byte("#!/bin/sh\necho hello\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if id := goBuildID(text); id != "" {
		t.Errorf("build ID of a shell script: %q", id)
	}
}
