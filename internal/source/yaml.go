package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

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
		return diag.Errorf(file, 0, "file is empty, or holds only comments: write what it is for (the README shows each file's keys), or delete it")
	}
	if err != nil {
		return yamlError(file, data, err, yamlKeys(reflect.TypeOf(v)))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return diag.Errorf(file, extra.Line, "a second YAML document; a metadata file holds one")
	}
	return nil
}

// yamlError turns go-yaml's messages, which carry "line N:" inside the text,
// into diag errors with the line in its proper place, in words an analyst
// can act on: no Go type names, a tab named as such, and the line that
// breaks the indentation rather than the one before it. A TypeError may
// hold several; they are all reported. keys are the keys the file may
// use, from which an unknown key gets its nearest.
func yamlError(file string, data []byte, err error, keys []string) error {
	if n := unquotedRef(data); n > 0 {
		// go-yaml reads the value as a list, and reports the line
		// before, or none, in words about keys.
		return diag.Errorf(file, n, "a value that starts with [[ is read by YAML as a list: put the whole value in single quotes, as in text: '[[S:id#3]] says …' (a ' inside it is written '')")
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		// Each message may quote the file; a file that is not YAML of
		// this kind at all would be echoed line by line.
		const most = 5
		var list diag.List
		for i, msg := range te.Errors {
			if i == most {
				list.Add(diag.Errorf(file, 0, "%d more problems like these: is this the right file?", len(te.Errors)-most))
				break
			}
			list.Add(lineError(file, data, msg, keys))
		}
		return list.Err()
	}
	return lineError(file, data, strings.TrimPrefix(err.Error(), "yaml: "), keys)
}

// yamlKeys lists the YAML keys of t, a struct or what holds structs
// (pointers, slices, maps), and of every struct inside it, sorted.
func yamlKeys(t reflect.Type) []string {
	seen := map[reflect.Type]bool{}
	keys := map[string]bool{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name != "" && name != "-" {
				keys[name] = true
			}
			walk(f.Type)
		}
	}
	walk(t)
	return slices.Sorted(maps.Keys(keys))
}

// refValue matches a line whose value starts with a reference, unquoted:
// "text: [[S:doc]] alleges …", "- [[S:doc#3]] says …".
var refValue = regexp.MustCompile(`^\s*(?:-\s+)?(?:[^\s#'"\[{][^:#]*:\s+)?\[\[[^\[\],\s]+\]\]`)

// unquotedRef returns the number of the first line whose value starts
// with an unquoted [[reference]], or 0.
func unquotedRef(data []byte) int {
	for i, line := range strings.Split(string(data), "\n") {
		if refValue.MatchString(line) {
			return i + 1
		}
	}
	return 0
}

// keyHints end the message about an unknown key that says what a
// citation does otherwise: it finds its paragraph by the words it quotes.
var keyHints = map[string]string{
	"paragraph": "; a citation finds its paragraph by the words it quotes (quote: …), never by its number, so that it stays right when cleaning renumbers the paragraphs; dossier paragraphs ID shows them",
	"para":      "; a citation finds its paragraph by the words it quotes (quote: …), never by its number; dossier paragraphs ID shows them",
	"page":      "; a citation finds its paragraph by the words it quotes (quote: …); a source has paragraphs, not pages",
}

var (
	unknownField = regexp.MustCompile(`^field (\S+) not found in type \S+$`)
	cannotDecode = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (\\S+)$")
	// A list or a set of keys where something else belongs: go-yaml
	// quotes no value then.
	cannotDecodeNode = regexp.MustCompile(`^cannot unmarshal !!(\w+) into (\S+)$`)
)

func lineError(file string, data []byte, msg string, keys []string) error {
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return diag.Errorf(file, 0, "%s", Excerpt(msg))
	}
	n, _ := strconv.Atoi(m[1])
	text := m[2]
	lines := strings.Split(string(data), "\n")
	switch {
	case unknownField.MatchString(text):
		key := unknownField.FindStringSubmatch(text)[1]
		text = fmt.Sprintf("unknown key %q", Excerpt(key))
		if hint, ok := keyHints[strings.ToLower(key)]; ok && slices.Contains(keys, "quote") {
			text += hint
		} else {
			text += diag.DidYouMean(diag.Closest(key, keys))
		}
	case cannotDecode.MatchString(text):
		c := cannotDecode.FindStringSubmatch(text)
		text = fmt.Sprintf("%q is %s, where %s belongs", Excerpt(c[2]), tagWords(c[1]), typeWords(c[3]))
	case cannotDecodeNode.MatchString(text):
		c := cannotDecodeNode.FindStringSubmatch(text)
		text = fmt.Sprintf("here is %s, where %s belongs", tagWords(c[1]), typeWords(c[2]))
	case strings.Contains(text, "cannot start any token"), strings.Contains(text, "tab character"):
		if t := lineWith(lines, n, "\t"); t > 0 {
			n, text = t, "a tab: YAML indents with spaces, never with tabs"
		}
	case strings.Contains(text, "did not find expected key"), strings.Contains(text, "mapping values are not allowed"):
		if b := misaligned(lines, n); b > 0 {
			n = b
		}
		text = "this line does not line up with the keys around it: indent it by as many spaces as the key it belongs with, or quote a value that holds a colon"
	case strings.Contains(text, "found unexpected end of stream"):
		text = "the file ends inside a quoted value: a \" or ' is missing its partner"
	case strings.Contains(text, "did not find expected ',' or ']'"):
		text = "a list in [brackets] is not closed with ]"
	}
	return diag.Errorf(file, n, "%s", text)
}

// tagWords names a YAML tag in words.
func tagWords(tag string) string {
	switch tag {
	case "str":
		return "text"
	case "int", "float":
		return "a number"
	case "bool":
		return "true or false"
	case "seq":
		return "a list"
	case "map":
		return "a set of keys"
	case "null":
		return "empty"
	}
	return "a " + tag
}

// typeWords names what a Go type takes, in words, without its name.
func typeWords(typ string) string {
	switch {
	case strings.HasPrefix(typ, "[]"):
		return "a list (one \"- item\" per line, or [a, b])"
	case strings.HasPrefix(typ, "int"), strings.HasPrefix(typ, "uint"):
		return "a whole number"
	case strings.HasPrefix(typ, "float"):
		return "a number"
	case typ == "bool":
		return "true or false"
	case typ == "string":
		return "text"
	}
	return "keys with their values, each on a line of its own, indented under it"
}

// lineWith returns the number of the first line from n on that holds s, or
// 0.
func lineWith(lines []string, n int, s string) int {
	for i := max(n-1, 0); i < len(lines); i++ {
		if strings.Contains(lines[i], s) {
			return i + 1
		}
	}
	return 0
}

// misaligned returns the number of the first line from n on that steps
// back to an indentation no line before it uses, which is where a mistake
// in the indentation usually is (go-yaml reports an earlier line), or 0.
func misaligned(lines []string, n int) int {
	used := map[int]bool{}
	prev := -1
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		indent := len(l) - len(t)
		if i+1 >= n && indent < prev && !used[indent] {
			return i + 1
		}
		used[indent] = true
		prev = indent
	}
	return 0
}
