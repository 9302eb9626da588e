package html

import (
	"bytes"
	"fmt"
	"html/template"
)

// wordingHTML is a snippet of wording (see package wording) rendered once
// for every page: as blocks, and, for a snippet of one paragraph, as the
// paragraph's content, to set inside an element of the layout.
type wordingHTML struct {
	block  template.HTML
	inline template.HTML
	err    error // why the snippet cannot be set inline; nil if it can
}

// wording renders every snippet of the options' wording once, into the
// frame, and takes the sidebar's labels from it.
func (r *run) wording() error {
	r.frame.wordSet = r.opts.Wording
	r.frame.words = map[string]wordingHTML{}
	for _, sn := range r.opts.Wording.Snippets() {
		var w wordingHTML
		var buf bytes.Buffer
		if err := r.md.Renderer().Render(&buf, sn.Source, sn.Doc); err != nil {
			return fmt.Errorf("layouts: %s: %w", sn.Path, err)
		}
		w.block = template.HTML(bytes.TrimRight(buf.Bytes(), "\n")) // goldmark escapes text; raw HTML is off
		p, err := sn.Inline()
		if err != nil {
			w.err = err
		} else {
			buf.Reset()
			if err := r.md.Renderer().Render(&buf, sn.Source, p); err != nil {
				return fmt.Errorf("layouts: %s: %w", sn.Path, err)
			}
			s := bytes.TrimSpace(buf.Bytes())
			s = bytes.TrimPrefix(s, []byte("<p>"))
			s = bytes.TrimSuffix(s, []byte("</p>"))
			w.inline = template.HTML(s) // a paragraph's content, cut between elements
		}
		r.frame.words[sn.Name] = w
	}
	if r.d.Markets != nil {
		label, err := r.opts.Wording.Get("markets/priorities-label")
		if err != nil {
			return err
		}
		for i := range r.frame.MarketLinks {
			if r.frame.MarketLinks[i].Name == marketsPage+"#"+prioritiesID {
				r.frame.MarketLinks[i].Label = label.Text()
			}
		}
	}
	return nil
}

// Wording returns the snippet of wording name ("markets/intro") as HTML
// blocks: {{.Wording "markets/intro"}}.
func (p *page) Wording(name string) (template.HTML, error) {
	w, ok := p.Site.words[name]
	if !ok {
		return "", p.missing(name)
	}
	return w.block, nil
}

// WordingInline returns the snippet of wording name, which must be one
// paragraph, as that paragraph's content, to set inside an element of the
// layout: <p class="lede">{{.WordingInline "markets/intro"}}</p>.
func (p *page) WordingInline(name string) (template.HTML, error) {
	w, ok := p.Site.words[name]
	if !ok {
		return "", p.missing(name)
	}
	return w.inline, w.err
}

// missing is the error for a snippet the layouts do not hold, naming the
// file that should hold it.
func (p *page) missing(name string) error {
	if _, err := p.Site.wordSet.Get(name); err != nil {
		return err
	}
	return fmt.Errorf("no snippet %q", name)
}
