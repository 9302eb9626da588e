package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestRunUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string // in stdout or stderr
	}{
		{nil, 2, "Usage:"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"bild"}, 2, `unknown command "bild"; did you mean "build"?`},
		{[]string{"ser"}, 2, `did you mean "serve"?`},
		{[]string{"verfiy"}, 2, `did you mean "verify"?`},
		{[]string{"version"}, 0, "dossier "},
		{[]string{"build", "--sources", "../../README.md"}, 1, "../../README.md is a file"},
		{[]string{"build", "--sources", "."}, 1, ". has no dossier.yaml"},
		{[]string{"serve", "--sources", "/nonexistent/dir"}, 1, "there is no folder /nonexistent/dir"},
		{[]string{"help"}, 0, "dossier build"},
		{[]string{"build", "--no-such-flag"}, 2, "flag provided but not defined"},
		{[]string{"build", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"build", "--sources", "/nonexistent/dir"}, 1, "there is no folder /nonexistent/dir in "},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr, func(string) string { return "" })
		if code != tt.code || !strings.Contains(stdout.String()+stderr.String(), tt.out) {
			t.Errorf("run(%q) = %d, output:\n%s%s\nwant %d and %q", tt.args, code, stdout.String(), stderr.String(), tt.code, tt.out)
		}
	}
}

func TestBuildTime(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return v
			}
			return ""
		}
	}
	got, err := buildTime(env("1700000000"))
	if err != nil || !got.Equal(time.Unix(1700000000, 0)) || got.Location() != time.UTC {
		t.Errorf("buildTime(1700000000) = %v, %v", got, err)
	}
	for _, bad := range []string{"yesterday", "-5", "1.5"} {
		if _, err := buildTime(env(bad)); err == nil {
			t.Errorf("buildTime(%q): want an error", bad)
		}
	}
	if got, err := buildTime(env("")); err != nil || time.Since(got) > time.Minute {
		t.Errorf("buildTime unset = %v, %v; want now", got, err)
	}
}
