package link

import (
	"testing"

	"golang.org/x/tools/txtar"
)

// TestTextRefs checks that references in the plain-text fields are
// resolved into the fields renderers show, as the Markdown renderers show
// them: a source as "S1" or "S1 ¶2", an entity by its name or label.
func TestTextRefs(t *testing.T) {
	d, err := load(t, txtar.Parse([]byte(`
-- documents/doc.yaml --
id: doc
ref: S1
title: A test document
publisher: Test publisher
publisher_kind: official
language: en
captured: web page
origin_file: doc.txt
sha256: SHA
description: The page [[S:doc]] is.
grade:
  reliability: B
  credibility: 2
  reason: '[[S:doc#1]] is its own witness.'
-- entities/agencies.yaml --
- id: ncb
  name: National Central Bureau
  kind: unit
  claims:
    - text: >-
        As [[S:doc#2]] says, it answers to the
        [[criminal-police|head of the police]].
      cites:
        - source: doc
          quote: The NCB answers to the First Deputy Minister
  relations:
    - type: part-of
      to: criminal-police
      note: according to [[S:doc]], of the [[criminal-police]]
      cites:
        - source: doc
          quote: The NCB for Belarus is part of the Criminal Police.
- id: criminal-police
  name: Criminal Police
  kind: unit
-- entities/people.yaml --
- id: head
  name: A. Head
  kind: person
  role: Head, according to [[S:doc#2]]
-- markets.yaml --
markets:
  - id: human-trafficking
    coverage: mentioned
    note: Only [[S:doc#1]] mentions it.
    findings:
      - text: '[[S:doc]] names the police.'
        cites:
          - source: doc
            quote: The NCB for Belarus is part of the Criminal Police.
`)))
	if err != nil {
		t.Fatal(err)
	}
	doc := d.Documents[0]
	ncb := d.Entity("ncb")
	m := d.Markets.Market("human-trafficking")
	tests := []struct {
		field, got, want string
	}{
		{"document description", doc.Description, "The page S1 is."},
		{"grade reason", doc.Grade.Reason, "S1\u00a0¶1\u00a0·\u00a0B2 is its own witness."},
		{"claim text", ncb.Claims[0].Text, "As S1\u00a0¶2\u00a0·\u00a0B2 says, it answers to the head of the police."},
		{"relation note", ncb.Relations[0].Note, "according to S1, of the Criminal Police"},
		{"role", d.Entity("head").Role, "Head, according to S1\u00a0¶2\u00a0·\u00a0B2"},
		{"market note", m.Note, "Only S1\u00a0¶1\u00a0·\u00a0B2 mentions it."},
		{"market finding", m.Findings[0].Text, "S1 names the police."},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.field, tt.got, tt.want)
		}
	}
	if w := ncb.Claims[0].Written.Text; w != "As [[S:doc#2]] says, it answers to the [[criminal-police|head of the police]]." {
		t.Errorf("the claim as written is %q; the load stage's record must stay as written", w)
	}
}

// TestNotLiteralRefs checks what is not a source reference typed by hand:
// code in Markdown, YAML comments, words that only contain S and digits.
func TestNotLiteralRefs(t *testing.T) {
	tests := []struct{ name, files string }{
		{"code span and block", "-- notes/10-about.md --\n# About\n\nCitations read `[S1 ¶12 · B2]`.\n\n```\nS1\n```\n\n    S2 indented\n"},
		{"YAML comment", "-- entities/agencies.yaml --\n# S1 lists it (S1 ¶1)\n- id: ncb # as in S1\n  name: NCB\n  kind: unit\n"},
		{"words with S and digits", "-- notes/10-about.md --\n# About\n\nThe MS13 gang, an S-300 missile, the PS3 and S1x.\n"},
		{"references", "-- notes/10-about.md --\n# About\n\n[[S:doc]] and [[S:doc#1]], [[S:doc|the page]].\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := load(t, txtar.Parse([]byte(tt.files))); err != nil {
				t.Errorf("reported as a mistake:\n%v", err)
			}
		})
	}
}
