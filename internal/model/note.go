package model

import "github.com/yuin/goldmark/ast"

// Note is a piece of analyst-written prose in Markdown, such as the
// introduction. The load stage parses it once with the shared goldmark
// configuration (package markdown); renderers walk Doc and never parse again.
type Note struct {
	ID     string   // from the file name: "10-about.md" gives "about"
	Title  string   // text of the first level-1 heading
	Path   string   // e.g. "sources/notes/10-about.md"
	Source []byte   // the Markdown text; AST segments index into it
	Doc    ast.Node // the parsed document
}
