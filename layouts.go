// Package dossier holds what the dossier binary carries with it: the default
// layouts (templates and stylesheet), so that the binary works from any
// directory. A layouts directory given with --layouts replaces them.
package dossier

import "embed"

// Layouts is the layouts/ directory of this repository.
//
//go:embed layouts
var Layouts embed.FS
