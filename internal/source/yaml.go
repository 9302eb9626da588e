package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"

	"go.yaml.in/yaml/v3"

	"dossier/internal/diag"
)

// at is a YAML value together with the line it was written on, so that
// validation after decoding can still point at the right line.
type at[T any] struct {
	V      T
	Line   int
	Set    bool       // the key was present
	Column int        // column of the value on Line, from 1
	Style  yaml.Style // how the value is written: plain, quoted, literal block …
}

func (a *at[T]) UnmarshalYAML(n *yaml.Node) error {
	a.Line, a.Column, a.Style = n.Line, n.Column, n.Style
	a.Set = true
	return n.Decode(&a.V)
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// decodeYAML decodes data strictly into v: unknown keys, a second document
// and type mismatches are errors, reported as file:line: message.
func decodeYAML(file string, data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(v)
	if errors.Is(err, io.EOF) {
		return diag.Errorf(file, 0, "file is empty")
	}
	if err != nil {
		return yamlError(file, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return diag.Errorf(file, extra.Line, "a second YAML document; a metadata file holds one")
	}
	return nil
}

// yamlError turns go-yaml's messages, which carry "line N:" inside the text,
// into diag errors with the line in its proper place. A TypeError may hold
// several; they are all reported.
func yamlError(file string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		var list diag.List
		for _, msg := range te.Errors {
			list.Add(lineError(file, msg))
		}
		return list.Err()
	}
	return lineError(file, err.Error())
}

var unknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)

func lineError(file, msg string) error {
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		text := m[2]
		if u := unknownField.FindStringSubmatch(text); u != nil {
			text = fmt.Sprintf("unknown key %q", u[1])
		}
		return diag.Errorf(file, n, "%s", text)
	}
	return diag.Errorf(file, 0, "%s", msg)
}
