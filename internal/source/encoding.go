package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// lookupEncoding finds the text encoding a document declares by any of
// its IANA names ("windows-1251", "KOI8-R", "UTF-16", "ISO-8859-1"). It
// returns nil for UTF-8, which needs no decoding.
func lookupEncoding(name string) (encoding.Encoding, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "", "utf-8", "utf8":
		return nil, nil
	case "utf-16":
		// Byte order from the BOM, big-endian without one, as RFC 2781 says.
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), nil
	}
	e, err := ianaindex.IANA.Encoding(n)
	if err != nil || e == nil {
		return nil, fmt.Errorf("encoding %q is not one this build knows; give its IANA name, such as windows-1251, koi8-r, iso-8859-1 or utf-16", name)
	}
	return e, nil
}

// decode turns raw, the verbatim bytes of a text in encoding e, into UTF-8
// text. The bytes themselves are kept and their digest checked; only the
// text the pipeline reads is decoded.
func decode(raw []byte, e encoding.Encoding) (string, error) {
	out, _, err := transform.Bytes(e.NewDecoder(), raw)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(out) {
		return "", fmt.Errorf("decoding gave invalid UTF-8")
	}
	return string(out), nil
}

// guessEncoding names the encoding a text that is not UTF-8 is likely in,
// for the message that asks the analyst to declare it: UTF-16 by its
// byte-order mark or its NUL bytes; for 8-bit text with many bytes from
// 0xC0 up, the Cyrillic code pages (KOI8-R puts the lower-case letters,
// the commonest, at 0xC0–0xDF; windows-1251 at 0xE0–0xFF); else
// windows-1252, the Western code page.
func guessEncoding(raw []byte) string {
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return "utf-16"
	case bytes.Count(raw, []byte{0}) > len(raw)/8:
		return "utf-16"
	}
	var c0, e0, high int
	for _, b := range raw {
		switch {
		case b >= 0xE0:
			e0++
		case b >= 0xC0:
			c0++
		}
		if b >= 0x80 {
			high++
		}
	}
	if c0+e0 > high/2 && c0+e0 >= 4 {
		if c0 > e0 {
			return "koi8-r"
		}
		return "windows-1251"
	}
	return "windows-1252"
}
