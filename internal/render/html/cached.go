package html

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"
)

// maxCacheKeys is how many values a layout may give cached as its key.
const maxCacheKeys = 3

// cacheKey names one output of a template: the template and the values it
// depends on.
type cacheKey struct {
	name string
	keys [maxCacheKeys]any
}

// templateCache holds what the layouts' "cached" function executed, for
// one set of layouts in one Render: the output of a template is made once
// for each key and reused by every page after. It is what Hugo's
// partialCached is to its partials.
//
// A layout calls it where a small template is executed many times with
// few distinct values, as the grade badge is next to every source a page
// names: {{cached "grade" $d.Grade $d.Grade.Reliability $d.Grade.Credibility}}
// executes "grade" with $d.Grade as its dot, once for each reliability
// and credibility. The keys are what the output depends on, which the
// layout states: a template whose output also depends on something the
// keys leave out (the page's own address, say, which every relative link
// does) must not be cached.
type templateCache struct {
	set  *template.Template
	mu   sync.Mutex
	made map[cacheKey]template.HTML
}

// newTemplateCache returns the cache of set's templates; set's "cached"
// function must be bound to it (fn) before set is executed.
func newTemplateCache(set *template.Template) *templateCache {
	return &templateCache{set: set, made: make(map[cacheKey]template.HTML)}
}

// errUnbound is what "cached" returns in a set it was not bound in.
var errUnbound = errors.New("cached: not available here")

// fn is the layouts' "cached" function: cached NAME DOT KEY... returns the
// output of the template NAME executed with DOT, made once per NAME and
// KEYs (one to maxCacheKeys values that can be compared with ==).
func (c *templateCache) fn(name string, dot any, keys ...any) (template.HTML, error) {
	if len(keys) == 0 || len(keys) > maxCacheKeys {
		return "", fmt.Errorf("cached %q: give 1 to %d keys, the values the output depends on, not %d", name, maxCacheKeys, len(keys))
	}
	k := cacheKey{name: name}
	for i, v := range keys {
		if v != nil && !reflect.TypeOf(v).Comparable() {
			return "", fmt.Errorf("cached %q: key %d is a %T, which cannot be compared: give the fields the output depends on", name, i+1, v)
		}
		k.keys[i] = v
	}
	c.mu.Lock()
	out, ok := c.made[k]
	c.mu.Unlock()
	if ok {
		return out, nil
	}
	// Made outside the lock: the template may call cached itself. Two
	// pages that ask at once both make it, alike.
	var b strings.Builder
	if err := c.set.ExecuteTemplate(&b, name, dot); err != nil {
		return "", err
	}
	out = template.HTML(b.String()) // the template's own escaped output
	c.mu.Lock()
	c.made[k] = out
	c.mu.Unlock()
	return out, nil
}
