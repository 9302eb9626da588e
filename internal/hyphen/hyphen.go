// Package hyphen finds where a word may be hyphenated at a line's end, by
// Frank Liang's algorithm (the one TeX uses) over the TeX hyphenation
// patterns of the hyph-utf8 project, kept verbatim in patterns/ beside
// their licences: American English (hyph-en-us) and Russian (hyph-ru).
//
// A Hyphenator is built once per language and is safe for concurrent use.
package hyphen

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
)

//go:embed patterns/*.txt
var patternFS embed.FS

// Hyphenator knows the patterns and exceptions of one language.
type Hyphenator struct {
	// patterns maps the letters of a pattern (with '.' for a word's edge)
	// to its digits: one more than letters, the value between them.
	patterns   map[string][]uint8
	maxLen     int              // the longest pattern, in runes
	exceptions map[string][]int // whole words hyphenated by hand
	left       int              // fewest letters before the first hyphen
	right      int              // fewest letters after the last hyphen
	mu         sync.Mutex       // guards cache
	cache      map[string][]int // points of words already hyphenated
}

// languages maps a language tag to its pattern files' stem and its limits.
var languages = map[string]struct {
	stem        string
	left, right int
}{
	"en": {"hyph-en-us", 2, 3},
	"ru": {"hyph-ru", 2, 2},
}

var loaded sync.Map // language → func() (*Hyphenator, error)

// For returns the Hyphenator of a language tag ("en", "en-GB", "ru"), or
// nil when there are no patterns for it. The patterns are parsed on the
// first call for a language.
func For(lang string) *Hyphenator {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if _, ok := languages[lang]; !ok {
		return nil
	}
	f, _ := loaded.LoadOrStore(lang, sync.OnceValues(func() (*Hyphenator, error) { return load(lang) }))
	h, err := f.(func() (*Hyphenator, error))()
	if err != nil {
		panic(err) // the embedded patterns are part of the program
	}
	return h
}

func load(lang string) (*Hyphenator, error) {
	l := languages[lang]
	pat, err := patternFS.ReadFile("patterns/" + l.stem + ".pat.txt")
	if err != nil {
		return nil, fmt.Errorf("hyphen: %w", err)
	}
	h := New(l.left, l.right)
	sc := bufio.NewScanner(strings.NewReader(string(pat)))
	for sc.Scan() {
		for _, p := range strings.Fields(sc.Text()) {
			h.AddPattern(p)
		}
	}
	if hyp, err := patternFS.ReadFile("patterns/" + l.stem + ".hyp.txt"); err == nil {
		for _, w := range strings.Fields(string(hyp)) {
			h.AddException(w)
		}
	}
	return h, nil
}

// New returns a Hyphenator without patterns that leaves at least left
// letters before the first hyphen and right after the last.
func New(left, right int) *Hyphenator {
	return &Hyphenator{
		patterns:   make(map[string][]uint8),
		exceptions: make(map[string][]int),
		left:       left,
		right:      right,
		cache:      make(map[string][]int),
	}
}

// AddPattern adds one Liang pattern such as "hy3ph" or ".ach4".
func (h *Hyphenator) AddPattern(p string) {
	var letters []rune
	digits := []uint8{0}
	for _, r := range p {
		if r >= '0' && r <= '9' {
			digits[len(digits)-1] = uint8(r - '0')
			continue
		}
		letters = append(letters, unicode.ToLower(r))
		digits = append(digits, 0)
	}
	if len(letters) == 0 {
		return
	}
	h.patterns[string(letters)] = digits
	h.maxLen = max(h.maxLen, len(letters))
}

// AddException adds a word hyphenated by hand, such as "as-so-ciate".
func (h *Hyphenator) AddException(w string) {
	var points []int
	n := 0
	for _, r := range w {
		if r == '-' {
			points = append(points, n)
			continue
		}
		n++
	}
	h.exceptions[strings.ToLower(strings.ReplaceAll(w, "-", ""))] = points
}

// Points returns where word may be hyphenated: each value i means a hyphen
// may stand after the word's first i runes. word must be letters only;
// case does not matter. The limits of New apply.
func (h *Hyphenator) Points(word string) []int {
	lower := strings.ToLower(word)
	h.mu.Lock()
	pts, ok := h.cache[lower]
	h.mu.Unlock()
	if ok {
		return pts
	}
	pts = h.points(lower)
	h.mu.Lock()
	h.cache[lower] = pts
	h.mu.Unlock()
	return pts
}

func (h *Hyphenator) points(word string) []int {
	rs := []rune(word)
	n := len(rs)
	if n < h.left+h.right {
		return nil
	}
	var out []int
	if ex, ok := h.exceptions[word]; ok {
		for _, p := range ex {
			if p >= h.left && p <= n-h.right {
				out = append(out, p)
			}
		}
		return out
	}
	// The word between dots; values[i] is the value before dotted[i].
	dotted := make([]rune, 0, n+2)
	dotted = append(dotted, '.')
	dotted = append(dotted, rs...)
	dotted = append(dotted, '.')
	values := make([]uint8, len(dotted)+1)
	for i := range dotted {
		for j := i + 1; j <= len(dotted) && j-i <= h.maxLen; j++ {
			d, ok := h.patterns[string(dotted[i:j])]
			if !ok {
				continue
			}
			for k, v := range d {
				values[i+k] = max(values[i+k], v)
			}
		}
	}
	// A hyphen after the word's p-th rune sits before dotted[p+1].
	for p := h.left; p <= n-h.right; p++ {
		if values[p+1]%2 == 1 {
			out = append(out, p)
		}
	}
	return out
}

// Hyphenate returns word with hyphens at every point, for tests and
// debugging: "hy-phen-ation".
func (h *Hyphenator) Hyphenate(word string) string {
	rs := []rune(word)
	var b strings.Builder
	last := 0
	for _, p := range h.Points(word) {
		b.WriteString(string(rs[last:p]))
		b.WriteByte('-')
		last = p
	}
	b.WriteString(string(rs[last:]))
	return b.String()
}
