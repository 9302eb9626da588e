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
	// Images are the pictures the note shows, by the address its Markdown
	// writes (![alt](img/port.png) gives "img/port.png"); nil for none.
	Images map[string]*Image
}

// Image is a picture from a file of the sources that a note shows. Both
// outputs carry it: the site as a file named after its content, the
// briefing embedded.
type Image struct {
	Path   string // the file in the sources folder, as messages name it: "sources/notes/img/port.png"
	Name   string // the file in the site: "images/" + a digest of Data + ".png" or ".jpg"
	Format string // "png" or "jpeg"
	Data   []byte
	Width  int // in pixels
	Height int
}
