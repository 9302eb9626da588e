package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestParseArgs parses flags before, between and after the arguments, and
// stops at "--", but not at a "--" that is a flag's value.
func TestParseArgs(t *testing.T) {
	tests := []struct {
		args      []string
		pos       []string
		sources   string
		find      string
		verbose   bool
		wantUsage bool
	}{
		{args: nil},
		{args: []string{"a", "b"}, pos: []string{"a", "b"}},
		{args: []string{"--sources", "s", "a"}, pos: []string{"a"}, sources: "s"},
		{args: []string{"a", "--sources", "s"}, pos: []string{"a"}, sources: "s"},
		{args: []string{"a", "--find", "tonnes", "b", "--verbose"}, pos: []string{"a", "b"}, find: "tonnes", verbose: true},
		{args: []string{"a", "-find=x y", "-sources=s", "b"}, pos: []string{"a", "b"}, find: "x y", sources: "s"},
		{args: []string{"--verbose", "a", "--", "--find", "b"}, pos: []string{"a", "--find", "b"}, verbose: true},
		{args: []string{"--", "-x"}, pos: []string{"-x"}},
		{args: []string{"a", "--find", "--", "b", "--verbose"}, pos: []string{"a", "b"}, find: "--", verbose: true},
		{args: []string{"--verbose", "--", "a", "--sources", "s"}, pos: []string{"a", "--sources", "s"}, verbose: true},
		{args: []string{"a", "-"}, pos: []string{"a", "-"}},
		{args: []string{"a", "--nope"}, wantUsage: true},
		{args: []string{"a", "--find"}, wantUsage: true},
	}
	for _, tt := range tests {
		fl := flag.NewFlagSet("test", flag.ContinueOnError)
		fl.SetOutput(io.Discard)
		sources := fl.String("sources", "", "")
		find := fl.String("find", "", "")
		verbose := fl.Bool("verbose", false, "")
		pos, err := parseArgs(fl, tt.args)
		if tt.wantUsage {
			if !errors.Is(err, errUsage) {
				t.Errorf("parseArgs(%q) = %q, %v; want errUsage", tt.args, pos, err)
			}
			continue
		}
		if err != nil || !slices.Equal(pos, tt.pos) || *sources != tt.sources || *find != tt.find || *verbose != tt.verbose {
			t.Errorf("parseArgs(%q) = %q, %v, --sources %q --find %q --verbose %v; want %q, --sources %q --find %q --verbose %v",
				tt.args, pos, err, *sources, *find, *verbose, tt.pos, tt.sources, tt.find, tt.verbose)
		}
	}
}

// TestFlagsAfterArguments runs commands with their flags after their
// arguments, as users of Hugo and Pandoc write them: each flag is taken
// as a flag, not as an argument.
func TestFlagsAfterArguments(t *testing.T) {
	t.Parallel()
	noEnv := func(string) string { return "" }
	capture := filepath.Join(t.TempDir(), "fresh-capture.txt")
	if err := os.WriteFile(capture, []byte("A captured text, with words to cite.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh")
	tests := []struct {
		name   string
		before []string // a command to run first
		args   []string
		code   int
		out    string // in stdout or stderr
	}{
		{name: "paragraphs --find after the id",
			args: []string{"paragraphs", "kestrel-institute-brief", "--find", "most seizures are made", "--sources", fictional.sources},
			out:  "S2 ¶2    kestrel-institute-brief  Valdoria is a destination"},
		{name: "new source --sources after the file",
			before: []string{"new", "dossier", "--sources", fresh},
			args:   []string{"new", "source", capture, "--sources", fresh},
			out:    filepath.Join(fresh, "documents", "fresh-capture.yaml")},
		{name: "-- ends the flags",
			args: []string{"paragraphs", "--sources", fictional.sources, "--", "--find"}, code: 1,
			out: `"--find"`},
		{name: "a stray argument before a flag",
			args: []string{"build", "extra", "--sources", fictional.sources}, code: 2,
			out: `dossier build: unexpected argument "extra"`},
		{name: "a wrong flag after an argument",
			args: []string{"verify", "x.tar.gz", "--nope"}, code: 2,
			out: "flag provided but not defined: -nope"},
		{name: "help after an argument",
			args: []string{"diff", "a", "b", "-h"}, code: 0,
			out: "usage: dossier diff [--json] OLD NEW"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if tt.before != nil {
				if code := run(tt.before, &stdout, &stderr, noEnv); code != 0 {
					t.Fatalf("run(%q) = %d: %s", tt.before, code, stderr.String())
				}
			}
			code := run(tt.args, &stdout, &stderr, noEnv)
			if code != tt.code || !strings.Contains(stdout.String()+stderr.String(), tt.out) {
				t.Errorf("run(%q) = %d, output:\n%s%s\nwant %d and %q", tt.args, code, stdout.String(), stderr.String(), tt.code, tt.out)
			}
		})
	}
}
