package main

import (
	"flag"
	"strings"
	"unicode"

	"dossier/internal/source"
)

// limitFlags adds the flags that raise the limits of what the loader
// reads to fl, and returns the limits they set.
func limitFlags(fl *flag.FlagSet) *source.Limits {
	var lim source.Limits
	fl.Int64Var(&lim.FileSize, "max-file-size", source.DefaultMaxFileSize, "refuse a source file larger than `BYTES`")
	fl.IntVar(&lim.LineLength, "max-line-length", source.DefaultMaxLineLength, "refuse a line of a source file longer than `BYTES`")
	fl.IntVar(&lim.Entities, "max-entities", source.DefaultMaxEntities, "refuse sources declaring more than `N` entities")
	fl.Int64Var(&lim.ImagePixels, "max-image-pixels", source.DefaultMaxImagePixels, "refuse a picture of more than `N` pixels (width times height)")
	return &lim
}

// printable escapes the control characters of s other than line feed and
// tab (an escape sequence, a carriage return, a NUL) as \x1b or \u0085,
// so that text from the sources written to a terminal cannot move the
// cursor, recolour it or forge lines.
func printable(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !isControl(r):
			b.WriteRune(r)
		case r < 0x100:
			b.WriteString(`\x` + hex2(byte(r)))
		default:
			b.WriteString(`\u` + hex2(byte(r>>8)) + hex2(byte(r)))
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	return r != '\n' && r != '\t' && (unicode.IsControl(r) || r == 0x2028 || r == 0x2029 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069)
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}
