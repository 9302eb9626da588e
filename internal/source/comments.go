package source

import (
	"bytes"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// withoutComments returns a YAML file as written, less its comments: a
// line that is only a comment goes, and a comment after a value is cut
// with the spaces before it. What the file says is unchanged: a # inside
// quotes, inside a block scalar (| or >), or not preceded by a space (an
// address's #fragment) is not a comment, as YAML reads it.
//
// The provenance record on a source's page shows its metadata file; the
// comments are the analyst's own notes (a to-do, a doubt, a contact), which
// new source writes too, and are not published.
func withoutComments(data []byte) []byte {
	var (
		out   bytes.Buffer
		quote byte // the quote a flow scalar that runs on to the next line is in, or 0
		block = -1 // the indentation of the key whose block scalar the lines are in, or -1
	)
	out.Grow(len(data))
	for rest := data; len(rest) > 0; {
		var line []byte
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			line, rest = rest, nil
		}
		body := bytes.TrimRight(line, "\r\n")
		eol := line[len(body):]
		indent := len(body) - len(bytes.TrimLeft(body, " "))
		blank := len(bytes.TrimSpace(body)) == 0
		if block >= 0 {
			if blank || indent > block {
				out.Write(line) // the block's text, # and all
				continue
			}
			block = -1
		}
		if quote == 0 && blank {
			out.Write(line)
			continue
		}
		cut, q := commentStart(body, quote)
		quote = q
		kept := bytes.TrimRight(body[:cut], " \t")
		if len(kept) == 0 && cut < len(body) {
			continue // a line that is only a comment
		}
		out.Write(kept)
		out.Write(eol)
		if quote == 0 {
			block = blockParent(kept)
		}
	}
	return out.Bytes()
}

// commentStart returns where the comment on line starts (len(line) for
// none), reading it from inside the quote given (0 for none), and the
// quote the line ends inside.
func commentStart(line []byte, quote byte) (int, byte) {
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote == '"' && c == '\\':
			i++ // an escaped character, \" included
		case quote != 0 && c == quote:
			if quote == '\'' && i+1 < len(line) && line[i+1] == '\'' {
				i++ // '' is a quote inside single quotes
				continue
			}
			quote = 0
		case quote != 0:
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return i, 0
		case (c == '"' || c == '\'') && startsScalar(line[:i]):
			quote = c
		}
	}
	return len(line), quote
}

// startsScalar reports whether a quote after before opens a quoted
// scalar: it stands where a value starts (at the start of the line, after
// "- ", ": " or "? ", or after "[", "{" or ","), not inside a plain one
// (it's).
func startsScalar(before []byte) bool {
	b := bytes.TrimRight(before, " \t")
	if len(b) == 0 {
		return true
	}
	switch b[len(b)-1] {
	case '[', '{', ',':
		return true
	case ':', '-', '?':
		return len(b) < len(before)
	}
	return false
}

// blockParent returns the indentation a block scalar opened on line (its
// comment cut) must exceed, or -1 when the line opens none: the column of
// the key ("key: |", "- key: >-") or of the sequence entry ("- |").
func blockParent(line []byte) int {
	s := strings.TrimRight(string(line), " \t")
	i := strings.LastIndexAny(s, " \t")
	if i < 0 {
		return -1
	}
	head, ind := strings.TrimRight(s[:i], " \t"), s[i+1:]
	if ind == "" || (ind[0] != '|' && ind[0] != '>') {
		return -1
	}
	for _, c := range ind[1:] {
		if c != '-' && c != '+' && (c < '1' || c > '9') {
			return -1
		}
	}
	// The column after the indentation and the sequence entries ("- ").
	col, dash := 0, -1
	for col < len(head) {
		switch {
		case head[col] == ' ':
			col++
		case head[col] == '-' && (col+1 == len(head) || head[col+1] == ' '):
			dash = col
			col++
		default:
			if strings.HasSuffix(head, ":") {
				return col // the key's column
			}
			return -1
		}
	}
	return dash // "- |": the entry's column
}

// provenanceRecord returns a metadata file for its source's provenance
// record: withoutComments, checked by reading both back. Should cutting
// the comments ever change what the file says, the record is the file as
// the YAML encoder writes it, without its comments: never a comment shown,
// never a value changed.
func provenanceRecord(data []byte) []byte { return recordWith(data, withoutComments) }

// recordWith is provenanceRecord with the cutting of comments given, so
// that tests can check what happens when it goes wrong.
func recordWith(data []byte, without func([]byte) []byte) []byte {
	if bytes.IndexByte(data, '#') < 0 {
		return data // no comment, and nothing to read twice
	}
	cut := without(data)
	if bytes.Equal(cut, data) {
		return data
	}
	var was, is any
	if yaml.Unmarshal(data, &was) != nil {
		return cut // not YAML: the load reports it
	}
	if yaml.Unmarshal(cut, &is) == nil && reflect.DeepEqual(was, is) {
		return cut
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return cut
	}
	dropComments(&n)
	out, err := yaml.Marshal(&n)
	if err != nil {
		return cut
	}
	return out
}

// dropComments clears the comments of n and of the nodes under it.
func dropComments(n *yaml.Node) {
	n.HeadComment, n.LineComment, n.FootComment = "", "", ""
	for _, c := range n.Content {
		dropComments(c)
	}
}
