package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"dossier/internal/model"
)

// The browser tests open the built site in headless Chromium, straight from
// file:// as an archivist would, and drive it with chromedp: they follow
// links, run the accessibility checker axe-core in the page, and print a
// page to PDF. The HTML validity test runs html-validate on every page.
// .ci/run installs Chromium (Debian's chromium package) and the npm
// checkers (.ci/node).

// nodeTools is where .ci/run installs the npm checkers.
const nodeTools = "../../.ci/node"

// chromium returns the path of the browser, from DOSSIER_CHROMIUM or the
// PATH; without one the test is skipped, or fails under
// DOSSIER_REQUIRE_TOOLS.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DOSSIER_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	missing(t, "chromium")
	return ""
}

// The tests share one headless Chromium, started by the first test that
// needs it and stopped by TestMain; each test drives a tab of its own.
var shared struct {
	once   sync.Once
	ctx    context.Context // the browser's first tab; new tabs open from it
	cancel func()
	err    error
}

// browser returns a context for driving a new tab of the shared Chromium,
// closed when the test ends.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromium(t)
	shared.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(exe),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.WindowSize(1280, 1000),
			chromedp.Flag("allow-file-access-from-files", false),
			// chromedp's own list, and the omnibox popups: Chromium
			// 156 loads their web UI (chrome://omnibox-popup.top-chrome)
			// even headless, in a renderer of its own that kept both
			// cores busy for seconds after every start and slowed each
			// page load; the browser tests took 60 s of CPU with it, 41–47
			// without. RenderDocument makes a new frame host in the
			// browser and renderer for every navigation between
			// documents: 35 ms of CPU of every page the tests open
			// (about 4 s of the browser tests' 49).
			chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,WebUIOmniboxPopup,WebUIOmniboxAimPopup,RenderDocument"),
			// V8 no further than its baseline compiler (Sparkplug): the
			// tests' scripts (axe-core most) run once a page, too briefly
			// to repay the optimising compilers, which took a fifth of
			// the browser tests' CPU (45 s of it, 36 s without).
			chromedp.Flag("js-flags", "--max-opt=1"),
		)
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelTab := chromedp.NewContext(actx)
		shared.ctx, shared.cancel = ctx, func() { cancelTab(); cancelAlloc() }
		shared.err = chromedp.Do(ctx)
	})
	if shared.err != nil {
		t.Fatalf("starting %s: %v", exe, shared.err)
	}
	ctx, cancelTab := chromedp.NewContext(shared.ctx)
	ctx, cancelTime := context.WithTimeout(ctx, 180*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return ctx
}

// stopBrowser stops the shared Chromium, if a test started it.
func stopBrowser() {
	if shared.cancel != nil {
		shared.cancel()
	}
}

// fileURL is the file:// address of a file of the built site.
func fileURL(site, name string) string {
	abs, _ := filepath.Abs(filepath.Join(site, filepath.FromSlash(name)))
	return "file://" + filepath.ToSlash(abs)
}

// cdp runs an action and fails the test on an error.
func cdp[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// do runs actions that return nothing and fails the test on an error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// TestBrowserNavigation follows links a reader would follow through the
// fictional dossier, from the index to a source, from a name in its text
// to the entity, and from a citation back to the exact paragraph.
func TestBrowserNavigation(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	site := fictional.site(t)

	do(t, ctx, "open the index", chromedp.Navigate(fileURL(site, "index.html")))
	if title := cdp(t, ctx, "title", chromedp.Title()); !strings.Contains(title, "Valdoria (fictional)") {
		t.Errorf("index title %q", title)
	}
	// The list of sources on the overview leads to each source.
	do(t, ctx, "follow the list of sources to a source",
		chromedp.Click(chromedp.CSS(`table.sources a[href="sources/vmpo-annual-review.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`article.source h1`)))
	h1 := cdp(t, ctx, "heading", chromedp.Text(chromedp.CSS(`article.source h1`)))
	href := cdp(t, ctx, "location", chromedp.Location())
	if !strings.HasSuffix(href, "/site/sources/vmpo-annual-review.html") || !strings.Contains(h1, "Annual review of public order") {
		t.Fatalf("the list of sources led to %s (h1 %q)", href, h1)
	}

	do(t, ctx, "follow a name to its entity",
		chromedp.Click(chromedp.CSS(`a.mention[href="../entities/narcotics-unit.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(`article.entity h1`)))
	h1 = cdp(t, ctx, "heading", chromedp.Text(chromedp.CSS(`article.entity h1`)))
	href = cdp(t, ctx, "location", chromedp.Location())
	if !strings.HasSuffix(href, "/site/entities/narcotics-unit.html") || h1 != "Narcotics Unit" {
		t.Fatalf("the mention led to %s (h1 %q)", href, h1)
	}

	do(t, ctx, "follow a citation",
		chromedp.Click(chromedp.CSS(`a.cite`)),
		chromedp.WaitVisible(chromedp.CSS(`article.source`)))
	href = cdp(t, ctx, "location", chromedp.Location())
	target := cdp(t, ctx, "target", chromedp.Evaluate[string](`(document.querySelector(":target") || {}).id || ""`))
	if !strings.Contains(href, "/site/sources/") || !strings.HasPrefix(target, "p") || !strings.HasSuffix(href, "#"+target) {
		t.Errorf("the citation led to %s, whose target is %q; want a numbered paragraph", href, target)
	}

	// The menu does not list every source (no page grows with their
	// number): it leads back to the list on the overview.
	do(t, ctx, "follow the sidebar to the list of sources",
		chromedp.Click(chromedp.CSS(`nav.sidebar a[href="../index.html#sources"]`)),
		chromedp.WaitVisible(chromedp.CSS(`table.sources`)))
	href = cdp(t, ctx, "location", chromedp.Location())
	if !strings.HasSuffix(href, "/site/index.html#sources") {
		t.Errorf("the sidebar's Sources led to %s, want the overview's list of sources", href)
	}
}

// TestBrowserPages opens one page of each kind of each dossier (see
// browserPages) and checks it as two readers would see it, at a desktop's
// width and, the same page narrowed, at a phone's: the layout (see
// layoutCheck) at both widths, and accessibility with axe-core, which
// must find no violations. Each page is loaded once; narrowing the window
// reflows it as a phone's would lay it out. Colours differ with the width
// (paragraph numbers are muted in the margin, not in the text) and with
// the colour scheme, so axe-core checks the contrast of the text at both
// widths, light and dark (see checkContrast and checkNarrowContrast), on
// the pages that try the templates (see browserPage.dark).
func TestBrowserPages(t *testing.T) {
	axe, err := os.ReadFile(filepath.Join(nodeTools, "node_modules/axe-core/axe.min.js"))
	if err != nil {
		missing(t, "axe-core (npm ci --prefix .ci/node)")
	}
	forEach(t, func(t *testing.T, x *fixture) {
		ctx := browser(t)
		site := x.site(t)
		narrowed := 0 // texts whose contrast was measured again at 390 px
		defer func() {
			if x == fictional && narrowed == 0 && !t.Failed() {
				t.Error("no text was measured again at 390 px: what only a phone shows, or shows in other colours, went unchecked")
			}
		}()
		for _, page := range browserPages(t, x) {
			name := page.name
			file, query, _ := strings.Cut(name, "?")
			if _, err := os.Stat(filepath.Join(site, file)); err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			u := fileURL(site, file)
			if query != "" {
				u += "?" + query
			}
			do(t, ctx, name, colorScheme("light"), chromedp.EmulateViewport(1280, 900), chromedp.Navigate(u))
			checkLayout(t, ctx, name, 1280)
			checkTableWords(t, ctx, name, 1280)
			if page.axe {
				checkAccessibility(t, ctx, name, string(axe))
				if page.narrow {
					do(t, ctx, name, chromedp.Evaluate[chromedp.Void](textLooks("light", false)))
				}
				do(t, ctx, name, colorScheme("dark"))
				if page.dark {
					checkContrast(t, ctx, name+" at 1280 px, dark")
				} else {
					checkFigureContrast(t, ctx, name+" at 1280 px, dark")
				}
				if page.narrow {
					do(t, ctx, name, chromedp.Evaluate[chromedp.Void](textLooks("dark", false)))
				}
			}
			do(t, ctx, name, colorScheme("light"), chromedp.EmulateViewport(390, 900))
			checkLayout(t, ctx, name, 390)
			checkTableWords(t, ctx, name, 390)
			checkRecordLines(t, ctx, name)
			if page.narrow {
				narrowed += checkNarrowContrast(t, ctx, name, "light")
				do(t, ctx, name, colorScheme("dark"))
				narrowed += checkNarrowContrast(t, ctx, name, "dark")
			}
		}
	})
}

// checkTableWords checks that no short word of code in a table (up to 20
// letters, such as a cleaning rule's name in "Removed in cleaning") is
// broken across lines ("dro" / "p"): a column squeezed to a letter's width
// does that. A digest or a path may break where it cannot fit.
func checkTableWords(t *testing.T, ctx context.Context, name string, width int) {
	t.Helper()
	for _, w := range cdp(t, ctx, name, chromedp.Evaluate[[]string](`[...document.querySelectorAll("main td code, main th code")].filter(c => !/\s/.test(c.textContent.trim()) && c.textContent.trim().length <= 20 && c.getClientRects().length > 1).map(c => c.textContent)`)) {
		t.Errorf("%d px, %s: %q is broken across lines in a table", width, name, w)
	}
}

// checkRecordLines checks, at a phone's width, that the lines of a record
// shown as written (the provenance YAML of a source's page) stay whole:
// wrapped, a line would run on at column 0 and the YAML would lose the
// indentation that is its structure. Such a box scrolls sideways instead.
func checkRecordLines(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, p := range cdp(t, ctx, name, chromedp.Evaluate[[]string](`[...document.querySelectorAll(".provenance pre")].flatMap(pre => {
	const lh = parseFloat(getComputedStyle(pre).lineHeight), top = pre.getBoundingClientRect().top;
	const r = document.createRange();
	r.selectNodeContents(pre);
	const shown = new Set([...r.getClientRects()].filter(x => x.height > 0).map(x => Math.floor((x.top - top) / lh))).size;
	const lines = pre.textContent.replace(/\n$/, "").split("\n").length;
	return shown > lines ? [lines + " lines shown on " + shown] : [];
})`)) {
		t.Errorf("390 px, %s: the provenance record wraps: %s", name, p)
	}
}

// colorScheme has the open page drawn in a colour scheme, "light" or
// "dark", as for a reader whose system prefers it.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// checkAccessibility runs axe-core in the open page, at 1280 px and in
// light colours, and loads it for checkContrast; it measures the contrast
// of figures' text as checkContrast does.
func checkAccessibility(t *testing.T, ctx context.Context, name, axe string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[*runtime.RemoteObject](axe)); err != nil {
		t.Fatalf("%s: loading axe-core: %v", name, err)
	}
	res := cdp(t, ctx, name, chromedp.Evaluate[axeResult](`axe.run(document, {resultTypes: ["violations", "incomplete"], elementRef: true}).then(r => (`+axeReport+`))`, chromedp.EvalAwaitPromise))
	res.report(t, name)
	checkFigureContrast(t, ctx, name)
	// A page that failed to load, or a run that checked nothing, would
	// have no violations either.
	if res.Passes < 10 {
		t.Errorf("axe-core, %s: passed only %d rules", name, res.Passes)
	}
}

// checkContrast runs axe-core's colour-contrast rule in the open page, into
// which checkAccessibility loaded it, and checks the text of its figures,
// which axe-core cannot (see svgContrast).
func checkContrast(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	contrast(t, ctx, name, "document")
}

// contrast runs axe-core's colour-contrast rule on the part of the open
// page that the script context gives (axe-core's context: the document,
// or the elements to include), and svgContrast on its figures.
func contrast(t *testing.T, ctx context.Context, name, context string) {
	t.Helper()
	res := cdp(t, ctx, name, chromedp.Evaluate[axeResult](`axe.run(`+context+`, {runOnly: ["color-contrast"], resultTypes: ["violations", "incomplete"], elementRef: true}).then(r => (`+axeReport+`))`, chromedp.EvalAwaitPromise))
	res.report(t, name)
	if res.Passes < 1 && len(res.Violations) == 0 {
		t.Errorf("axe-core, %s: the contrast of no text was measured", name)
	}
	checkFigureContrast(t, ctx, name)
}

// checkFigureContrast checks the text of the open page's figures against
// what it is drawn on (see svgContrast), which axe-core cannot.
func checkFigureContrast(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, f := range cdp(t, ctx, name, chromedp.Evaluate[[]string](svgContrast)) {
		t.Errorf("%s: figure text below 4.5:1: %s", name, f)
	}
}

// checkNarrowContrast checks, at 390 px in a colour scheme, the contrast
// of the text that the page, open at 1280 px in that scheme, did not show,
// or showed in other colours, at another size or weight, or over other
// backgrounds (see textLooks). Axe-core's contrast rule depends on nothing
// else of a text, so the rest was measured at 1280 px; measuring only what
// the width changed saves two of the four full runs of the rule a page
// would take. It returns how many texts it measured.
func checkNarrowContrast(t *testing.T, ctx context.Context, name, scheme string) int {
	t.Helper()
	n := cdp(t, ctx, name, chromedp.Evaluate[int](textLooks(scheme, true)))
	if n == 0 {
		return 0
	}
	contrast(t, ctx, name+" at 390 px, "+scheme, "{include: window.dossierNarrow}")
	return n
}

// textLooks returns a script that notes how each element holding text
// looks in the open page, in the colour scheme it is drawn in: its colour,
// size, weight, shadow and opacity, and the backgrounds it is drawn over,
// up to the first opaque one. Run with compare false, it keeps the looks
// for the scheme; with compare true, it lists the elements that now look
// otherwise, or were not shown when the looks were kept, in
// window.dossierNarrow, and returns how many it listed.
func textLooks(scheme string, compare bool) string {
	return fmt.Sprintf(`(() => {
	const kept = (window.dossierLooks ||= {})[%q] ||= new WeakMap();
	const look = el => {
		const s = getComputedStyle(el);
		const parts = [s.color, s.fontSize, s.fontWeight, s.textShadow, s.visibility];
		for (let e = el; e; e = e.parentElement) {
			const c = getComputedStyle(e);
			parts.push(c.opacity, c.filter, c.mixBlendMode, c.backgroundImage, c.backgroundColor);
			if (c.backgroundImage === "none" && /^rgb\(/.test(c.backgroundColor)) break;
		}
		return parts.join("|");
	};
	const marked = window.dossierNarrow = [];
	for (const el of document.body.querySelectorAll("*")) {
		if (![...el.childNodes].some(n => n.nodeType === 3 && n.data.trim()) || !el.getClientRects().length) continue;
		const l = look(el);
		if (!%t) { kept.set(el, l); continue; }
		if (kept.get(el) !== l) marked.push(el);
	}
	return marked.length;
})()`, scheme, compare)
}

// axeReport turns axe-core's results r into an axeResult. Of the text
// whose contrast axe-core leaves "incomplete", it leaves out only what
// does not hide a failure: symbols that are not text (nonBmp: the marks of
// the role matrix) and the text of figures, which axe-core cannot see the
// boxes of (an SVG text over its rect is "bgOverlap") and svgContrast
// measures instead.
const axeReport = `{
	Violations: r.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " — " +
		v.nodes.slice(0, 3).map(n => n.target.join(" ") + (n.any[0] && n.any[0].data && n.any[0].data.contrastRatio ? " (" + n.any[0].data.contrastRatio + ":1)" : "")).join("; ")),
	Unmeasured: r.incomplete.filter(v => v.id == "color-contrast").flatMap(v => v.nodes).map(n => ({
		what: n.target.join(" "),
		why: (n.any[0] && n.any[0].data && n.any[0].data.messageKey) || "unknown",
		svg: !!(n.element && n.element.closest("svg")),
	})).filter(n => n.why != "nonBmp" && !n.svg).map(n => n.what + ": " + n.why),
	Passes: r.passes.length}`

// svgContrast measures the contrast of every text of the page's figures
// (SVG) with what it is drawn on: the nearest rect before it that holds
// it, or else the background of the figure's frame. It returns the texts
// below 4.5:1, with their colours.
const svgContrast = `(() => {
	const rgb = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const v = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1}; };
	const over = (top, under) => ({r: top.r*top.a + under.r*(1-top.a), g: top.g*top.a + under.g*(1-top.a), b: top.b*top.a + under.b*(1-top.a), a: 1});
	const lum = c => { const f = x => { x /= 255; return x <= 0.03928 ? x/12.92 : Math.pow((x+0.055)/1.055, 2.4); }; return 0.2126*f(c.r) + 0.7152*f(c.g) + 0.0722*f(c.b); };
	const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const pageBg = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c && c.a > 0) return c.a < 1 ? over(c, pageBg(e.parentElement) || {r: 255, g: 255, b: 255, a: 1}) : c; } return {r: 255, g: 255, b: 255, a: 1}; };
	const holds = (r, t) => { const a = r.getBoundingClientRect(), b = t.getBoundingClientRect(); const x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2; return x >= a.left && x <= a.right && y >= a.top && y <= a.bottom; };
	const bad = [];
	for (const svg of document.querySelectorAll("main svg")) {
		const base = pageBg(svg.parentElement);
		for (const t of svg.querySelectorAll("text")) {
			if (!t.getClientRects().length || !t.textContent.trim()) continue;
			const fg = rgb(getComputedStyle(t).fill);
			if (!fg) continue;
			let bg = null;
			for (let n = t; n && n !== svg && !bg; n = n.parentNode) {
				for (let s = n.previousElementSibling; s && !bg; s = s.previousElementSibling) {
					const rects = s.matches("rect") ? [s] : [...s.querySelectorAll("rect")].reverse();
					for (const r of rects) {
						const f = rgb(getComputedStyle(r).fill);
						if (f && f.a > 0 && getComputedStyle(r).fillOpacity != "0" && holds(r, t)) { bg = f.a < 1 ? over(f, base) : f; break; }
					}
				}
			}
			bg = bg || base;
			const c = ratio(fg.a < 1 ? over(fg, bg) : fg, bg);
			if (c < 4.5) bad.push(JSON.stringify(t.textContent.trim()) + " " + getComputedStyle(t).fill + " on rgb(" + [bg.r, bg.g, bg.b].map(Math.round).join(", ") + "): " + c.toFixed(2) + ":1");
		}
	}
	return bad;
})()`

// axeResult is what checkAccessibility and checkContrast read of a run of
// axe-core.
type axeResult struct {
	Violations []string // rules broken, with up to three elements each
	// Unmeasured is the text whose contrast axe-core could not tell (over
	// a gradient or a picture, under another element) and leaves
	// "incomplete", with the reason (see axeReport): a rule that measured
	// nothing would pass whatever the colours, so such text is an error.
	Unmeasured []string
	Passes     int // rules passed
}

// report fails the test on each violation and on text whose contrast was
// not measured.
func (res axeResult) report(t *testing.T, name string) {
	t.Helper()
	for _, v := range res.Violations {
		t.Errorf("axe-core, %s: %s", name, v)
	}
	if n := len(res.Unmeasured); n > 0 {
		t.Errorf("axe-core, %s: the contrast of %d elements could not be measured, such as %s", name, n, strings.Join(res.Unmeasured[:min(n, 3)], "; "))
	}
}

// browserPage is a page TestBrowserPages opens, and how far axe-core
// checks it.
type browserPage struct {
	name string // relative to the site, with a query if any
	// axe has axe-core check it at a desktop's width in light colours,
	// and the contrast of its figures' text (see svgContrast) in dark.
	axe bool
	// dark has axe-core measure the contrast of all its text in dark
	// colours too; it needs axe. The fictional dossier's pages, one of
	// each template, have it; the repository's, which its templates
	// share, need not measure that again (on 2026-12-03 each colour of
	// their text in dark, over its backgrounds, was on those pages too).
	// The colours of figures follow their content (the repository's
	// route diagram has stated routes, an unknown end and routes listed
	// in a box, the fictional one none), so those are measured on every
	// page in both schemes.
	dark bool
	// narrow has axe-core check the contrast at a phone's width too, in
	// both schemes, of the text the width shows only (the contents link,
	// tables' captions) or in other colours (see checkNarrowContrast);
	// it needs axe. The fictional dossier's pages, one of each
	// template, have it; the repository's, which its templates share,
	// need not measure that again on their longer content.
	narrow bool
}

// browserPages are the pages of a dossier TestBrowserPages opens. On the
// fictional dossier, whose pages the tests own, one of each kind (see
// fictionalPages). On the repository's, which has every kind
// too, only the pages its larger content makes heaviest (the home page, a
// source, the largest agency, the markets), to keep make test fast; axe-
// core, which judges the markup and styles the templates make (the
// fictional pages try every kind), runs on the two whose content is most
// the dossier's own: the largest agency's claims and chart, the markets'
// tables, measuring their contrast at a desktop's width in light colours
// (see browserPage.dark and browserPage.narrow).
func browserPages(t *testing.T, x *fixture) []browserPage {
	d := x.load(t)
	if x == fictional {
		return fictionalPages(d)
	}
	pages := []browserPage{{name: "index.html"}, {name: "sources/" + d.Documents[0].ID + ".html"}}
	var biggest *model.Entity
	for _, e := range d.Entities {
		if e.Kind == model.Agency && (biggest == nil || len(e.Claims)+len(e.Parts) > len(biggest.Claims)+len(biggest.Parts)) {
			biggest = e
		}
	}
	if biggest != nil {
		pages = append(pages, browserPage{name: "entities/" + biggest.ID + ".html", axe: true})
	}
	if d.Markets != nil {
		pages = append(pages, browserPage{name: "markets.html", axe: true})
	}
	return pages
}

// fictionalPages are the pages of d that TestBrowserPages opens: one of
// each kind, each checked by axe-core but the entities' (all made by one
// template), of which axe-core checks one with a structure chart and one
// without.
func fictionalPages(d *model.Dossier) []browserPage {
	var pages []browserPage
	add := func(name string) { pages = append(pages, browserPage{name, true, true, true}) }
	for _, name := range []string{"index.html", "entities.html", "search.html?q=a", "404.html"} {
		add(name)
	}
	for _, doc := range d.Documents[:1] {
		add("sources/" + doc.ID + ".html")
	}
	for _, n := range d.Notes[:min(1, len(d.Notes))] {
		add("notes/" + n.ID + ".html")
	}
	seen := map[model.EntityKind]bool{}
	axed := map[bool]bool{} // by whether the entity's page has a chart
	for _, e := range d.Entities {
		if !seen[e.Kind] {
			seen[e.Kind] = true
			chart := e.Kind == model.Agency || e.Kind == model.Unit
			ax := !axed[chart]
			pages = append(pages, browserPage{"entities/" + e.ID + ".html", ax, ax, ax})
			axed[chart] = true
		}
	}
	if d.Markets != nil {
		for _, name := range []string{"markets.html", "markets/resilience.html", "markets/actors.html"} {
			add(name)
		}
		for _, m := range d.Markets.Markets[:1] {
			add("markets/" + string(m.ID) + ".html")
		}
	}
	return pages
}

// TestBrowserSearch searches as a reader does, from the box on a page,
// and checks the results: paragraphs of the sources, entities and
// markets, each linking to a page of the site.
func TestBrowserSearch(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	site := fictional.site(t)
	do(t, ctx, "search from a source page",
		chromedp.Navigate(fileURL(site, "sources/vmpo-annual-review.html")),
		chromedp.SendKeys(chromedp.CSS(`#site-q`), "container terminal\r"),
		chromedp.WaitVisible(chromedp.CSS(`#search-results li`)))
	href := cdp(t, ctx, "location", chromedp.Location())
	if !strings.Contains(href, "/site/search.html?q=container+terminal") {
		t.Errorf("the search box led to %s", href)
	}
	status := cdp(t, ctx, "status", chromedp.Text(chromedp.CSS(`#search-status`)))
	if !strings.Contains(status, "for “container terminal”") {
		t.Errorf("status %q", status)
	}
	links := cdp(t, ctx, "results", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results li > a")].map(a => a.href)`))
	if len(links) == 0 {
		t.Fatal("no results")
	}
	for _, l := range links {
		if !strings.HasPrefix(l, "file://") || !strings.Contains(l, "/site/") {
			t.Errorf("result link %s", l)
		}
	}

	// Cyrillic, and an entity by one of its other names.
	for _, tt := range []struct{ q, want string }{
		{"валдорском", "sources/vmpo-annual-review.html#p"},
		{"VMPO", "entities/vmpo.html"},
		{"increased sharply", "markets/synthetic-drug-trade.html"},
	} {
		do(t, ctx, tt.q, chromedp.Navigate(fileURL(site, "search.html")+"?q="+url.QueryEscape(tt.q)),
			chromedp.WaitVisible(chromedp.CSS(`#search-status`)))
		links := cdp(t, ctx, "results", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#search-results li > a")].map(a => a.getAttribute("href"))`))
		found := false
		for _, l := range links {
			found = found || strings.HasPrefix(l, tt.want)
		}
		if !found {
			t.Errorf("search %q: no result under %s among %q", tt.q, tt.want, links)
		}
	}

	// The order of the results: by kind, then by how well each matches,
	// then by the grade of its source.
	for _, tt := range []struct {
		q     string
		first string // the first result that is not a key judgement
	}{
		{"Kessmar", "entities/"},
		{"Customs Service", "entities/customs-service.html"},
		{"Valdorian Interior Ministry", "entities/vmpo.html"}, // by an other name only
	} {
		do(t, ctx, tt.q, chromedp.Navigate(fileURL(site, "search.html")+"?q="+url.QueryEscape(tt.q)),
			chromedp.WaitVisible(chromedp.CSS(`#search-status`)))
		results := cdp(t, ctx, "results", chromedp.Evaluate[[]searchResult](`[...document.querySelectorAll("#search-results li")].map(li => ({
			Kind: li.className.replace(/^result result-/, ""),
			Label: li.querySelector(".result-kind").textContent,
			Href: li.querySelector("a").getAttribute("href"),
			Title: li.querySelector("a").textContent}))`))
		checkSearchOrder(t, tt.q, results)
		for _, r := range results {
			if r.Kind != "judgement" {
				if !strings.HasPrefix(r.Href, tt.first) {
					t.Errorf("search %q: the first result after the judgements is %s, want %s…", tt.q, r.Href, tt.first)
				}
				break
			}
		}
	}
}

// searchResult is one result as the search page lists it.
type searchResult struct {
	Kind  string // judgement, entity, market, note, source
	Label string // "Key judgement", "agency", "S1 ¶12 · B2"
	Href  string
	Title string
}

// checkSearchOrder checks that results come by kind (judgements, agencies
// and units, other entities, markets, notes, paragraphs), paragraphs by
// grade (the words searched must be in no source's title: a paragraph
// found only by its source's title comes after those that name them), and
// that no title says the same thing twice.
func checkSearchOrder(t *testing.T, q string, results []searchResult) {
	t.Helper()
	if len(results) == 0 {
		t.Errorf("search %q: no results", q)
		return
	}
	rank := func(r searchResult) int {
		switch {
		case r.Kind == "judgement":
			return 0
		case r.Kind == "entity" && (r.Label == string(model.Agency) || r.Label == string(model.Unit)):
			return 1
		case r.Kind == "entity":
			return 2
		case r.Kind == "market":
			return 3
		case r.Kind == "note":
			return 4
		}
		return 5
	}
	lastGrade := ""
	for i, r := range results {
		if i > 0 && rank(r) < rank(results[i-1]) {
			t.Errorf("search %q: %s (%s) comes after %s (%s)", q, r.Href, r.Label, results[i-1].Href, results[i-1].Label)
		}
		if r.Kind == "source" {
			_, grade, _ := strings.Cut(r.Label, "· ")
			if grade < lastGrade {
				t.Errorf("search %q: %s graded %s comes after one graded %s", q, r.Href, grade, lastGrade)
			}
			lastGrade = grade
		}
		parts := strings.Split(r.Title, " — ")
		if len(parts) > 1 && strings.HasSuffix(parts[0], parts[len(parts)-1]) {
			t.Errorf("search %q: the title %q says the same twice", q, r.Title)
		}
	}
}

// TestBrowserFocus tabs through the first controls of a page, as a
// keyboard user does, and checks that each one focus lands on can be seen:
// a control hidden from sight (the header search's submit button, which
// Enter in the box stands for) must not take focus.
func TestBrowserFocus(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	site := fictional.site(t)
	for _, width := range []int64{1280, 390} {
		do(t, ctx, "open a source page", chromedp.EmulateViewport(width, 900), chromedp.Navigate(fileURL(site, "sources/vmpo-annual-review.html")))
		for i := 1; i <= 6; i++ {
			do(t, ctx, "tab", chromedp.KeyEvent(kb.Tab))
			f := cdp(t, ctx, "focus", chromedp.Evaluate[struct {
				What string
				Seen bool
			}](`(() => {
	const e = document.activeElement, r = e.getBoundingClientRect();
	return {What: e.outerHTML.slice(0, 80), Seen: r.width >= 4 && r.height >= 4 && getComputedStyle(e).clip == "auto" && getComputedStyle(e).clipPath == "none"};
})()`))
			if !f.Seen {
				t.Errorf("%d px, tab %d: focus is on %s, which cannot be seen", width, i, f.What)
			}
		}
	}
}

// TestBrowserNotFound serves the fictional site, built without a base URL,
// under a sub-path as a static server does, with 404.html for every
// address it does not have, and asks for missing pages at the top of the
// site, in a folder of it and in a folder that is not; and opens 404.html
// from file://. Each time the page must be styled, and its links (the
// overview, the menu, the search form) must lead to the site.
func TestBrowserNotFound(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	site := fictional.site(t)
	const prefix = "/a/b/site/"
	notFound, err := os.ReadFile(filepath.Join(site, "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Not http.FileServer, which redirects …/index.html to …/.
		rel, ok := strings.CutPrefix(r.URL.Path, prefix)
		if f, err := os.Open(filepath.Join(site, filepath.FromSlash(rel))); ok && err == nil {
			defer f.Close()
			if fi, err := f.Stat(); err == nil && !fi.IsDir() {
				http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(notFound)
	}))
	defer srv.Close()
	for _, tc := range []struct{ url, root string }{
		{srv.URL + prefix + "no-such-page.html", srv.URL + prefix},
		{srv.URL + prefix + "entities/no-such-entity.html", srv.URL + prefix},
		{srv.URL + prefix + "sources/gone/deeper.html", srv.URL + prefix},
		{fileURL(site, "404.html"), strings.TrimSuffix(fileURL(site, "index.html"), "index.html")},
	} {
		do(t, ctx, tc.url, chromedp.Navigate(tc.url), chromedp.WaitVisible(chromedp.CSS(`h1`)))
		res := cdp(t, ctx, tc.url, chromedp.Evaluate[struct {
			Styled bool
			Links  []string
		}](`({
	Styled: getComputedStyle(document.querySelector(".frame")).display == "grid" && getComputedStyle(document.querySelector(".skip")).position == "absolute",
	Links: [...document.querySelectorAll("main a, nav.sidebar a, footer a, .site-header a")].map(a => a.href).concat([document.querySelector("form.site-search").action]),
})`))
		if !res.Styled {
			t.Errorf("%s: the 404 page is not styled", tc.url)
		}
		ok := len(res.Links) >= 5
		if !ok {
			t.Errorf("%s: only %d links", tc.url, len(res.Links))
		}
		for _, l := range res.Links {
			if !strings.HasPrefix(l, tc.root) {
				t.Errorf("%s: a link leads to %s, outside the site %s", tc.url, l, tc.root)
				ok = false
			}
		}
		if !ok {
			continue // the click would wait for a page that does not come
		}
		do(t, ctx, tc.url, chromedp.Click(chromedp.CSS(`main a[href$="index.html"]`)), chromedp.WaitVisible(chromedp.CSS(`body.page-index`)))
		if href := cdp(t, ctx, "location", chromedp.Location()); href != tc.root+"index.html" {
			t.Errorf("%s: Go to the overview led to %s, want %sindex.html", tc.url, href, tc.root)
		}
	}
}

// TestBrowserPrintChart prints the page of the agency with the largest
// chart, and each dossier's page of charts, and checks that a chart's
// heading and the sentence introducing it are printed on the page where
// the chart starts, not left alone at the foot of the page before.
func TestBrowserPrintChart(t *testing.T) {
	needTools(t, "pdftotext")
	forEach(t, func(t *testing.T, x *fixture) {
		ctx := browser(t)
		site := x.site(t)
		d := x.load(t)
		var biggest *model.Entity
		for _, e := range d.Entities {
			if e.Kind == model.Agency && (biggest == nil || len(e.Parts) > len(biggest.Parts)) {
				biggest = e
			}
		}
		if biggest == nil {
			t.Skip("no agency")
		}
		name := "entities/" + biggest.ID + ".html"
		do(t, ctx, name, chromedp.Navigate(fileURL(site, name)))
		pdf := cdp(t, ctx, "print", chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
		file := filepath.Join(t.TempDir(), "printed.pdf")
		if err := os.WriteFile(file, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		const intro = "The box of this page is highlighted."
		found := false
		for i, page := range strings.Split(tool(t, "pdftotext", "-enc", "UTF-8", file, "-"), "\f") {
			before, after, ok := strings.Cut(squash(page), intro)
			if !ok {
				continue
			}
			found = true
			after = strings.ReplaceAll(after, d.Settings.Marking, "")
			if len(strings.Fields(after)) < 3 {
				t.Errorf("%s, printed: the chart's heading and introduction end page %d, and the chart starts on the next", name, i+1)
			}
			if !strings.Contains(before, "Organisation chart") {
				t.Errorf("%s, printed: the chart's heading is not on page %d, with its introduction and the chart", name, i+1)
			}
		}
		if !found {
			t.Errorf("%s, printed: no %q", name, intro)
		}
	})
}

// TestBrowserPrint prints a source page to PDF as a reader would and
// checks that the text is there and the screen furniture is not.
func TestBrowserPrint(t *testing.T) {
	t.Parallel()
	needTools(t, "pdftotext")
	ctx := browser(t)
	site := fictional.site(t)
	do(t, ctx, "open a source", chromedp.Navigate(fileURL(site, "sources/vmpo-annual-review.html")))
	pdf := cdp(t, ctx, "print", chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	file := filepath.Join(t.TempDir(), "printed.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	text := squash(tool(t, "pdftotext", "-enc", "UTF-8", file, "-"))
	for _, want := range []string{"Annual review of public order", "TLP:CLEAR", "The Narcotics Unit cooperates with the Customs Service of Valdoria on seizures at the port of Kessmar."} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed page lacks %q", want)
		}
	}
	// What the screen shows around the text: the skip link, the sidebar,
	// the search box, the pager.
	screen := squash(cdp(t, ctx, "screen text", chromedp.Evaluate[string](`document.body.innerText`)))
	for _, furniture := range []string{"Skip to content", "Glossary terms", "Search the dossier", "NEXT"} {
		if !strings.Contains(screen, furniture) {
			t.Errorf("the page on screen lacks %q, which its print must leave out", furniture)
		} else if strings.Contains(text, furniture) {
			t.Errorf("the printed page shows the screen's %q", furniture)
		}
	}
}

// TestHTMLValid runs html-validate (its standard and accessibility rules)
// on every page of the fictional dossier's site and on a sample of the
// repository's (see sampledEntities).
func TestHTMLValid(t *testing.T) {
	bin := filepath.Join(nodeTools, "node_modules/.bin/html-validate")
	if _, err := os.Stat(bin); err != nil {
		missing(t, "html-validate (npm ci --prefix .ci/node)")
	}
	t.Parallel()
	// The pages of every dossier go to one run of html-validate, whose
	// start (1.4 s of CPU) would otherwise be paid for each.
	var mu sync.Mutex
	var pages []string
	t.Run("sites", func(t *testing.T) {
		for _, x := range dossiers {
			t.Run(x.name, func(t *testing.T) {
				t.Parallel()
				var keep func(rel string) bool
				if x != fictional {
					keep = sampledEntities(x.load(t))
				}
				p := sitePages(t, x.site(t), keep)
				mu.Lock()
				pages = append(pages, p...)
				mu.Unlock()
			})
		}
	})
	if t.Failed() {
		return
	}
	args := append([]string{"--config", filepath.Join(nodeTools, "htmlvalidate.json"), "--formatter", "text"}, pages...)
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Errorf("html-validate on %d pages: %v\n%s", len(pages), err, out)
	}
}

// sampledEntities returns which pages of the repository's dossier
// TestHTMLValid checks: every page but the entities', of which (all made
// by one template, and all of the fictional dossier's checked) the first
// of each kind and the ten with the most claims and parts.
func sampledEntities(d *model.Dossier) func(rel string) bool {
	keep := map[string]bool{}
	kinds := map[model.EntityKind]bool{}
	for _, e := range d.Entities {
		if !kinds[e.Kind] {
			kinds[e.Kind] = true
			keep["entities/"+e.ID+".html"] = true
		}
	}
	big := slices.Clone(d.Entities)
	slices.SortStableFunc(big, func(a, b *model.Entity) int {
		return (len(b.Claims) + len(b.Parts)) - (len(a.Claims) + len(a.Parts))
	})
	for _, e := range big[:min(10, len(big))] {
		keep["entities/"+e.ID+".html"] = true
	}
	return func(rel string) bool { return !strings.HasPrefix(rel, "entities/") || keep[rel] }
}

// sitePages lists the pages of site that keep accepts (by slash path
// relative to the site; every page when keep is nil).
func sitePages(t *testing.T, site string, keep func(rel string) bool) []string {
	var pages []string
	err := filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, err := filepath.Rel(site, p)
		if err == nil && (keep == nil || keep(filepath.ToSlash(rel))) {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 10 {
		t.Fatalf("only %d pages", len(pages))
	}
	return pages
}

// checkLayout runs layoutCheck in the open page, laid out width px wide,
// and reports what a reader would see go wrong: an element that sticks out
// of the viewport sideways or is cut off by a box that clips it (only a
// box meant to scroll, overflow-x: auto, may hold something wider than
// itself), and two pieces of text drawn over each other. The text of
// figures (SVG) is left to the figures' own tests.
func checkLayout(t *testing.T, ctx context.Context, name string, width int) {
	t.Helper()
	res := cdp(t, ctx, name, chromedp.Evaluate[layoutReport](layoutCheck))
	if res.Texts < 10 {
		t.Errorf("%d px, %s: only %d pieces of text checked", width, name, res.Texts)
	}
	for _, p := range res.Problems {
		t.Errorf("%d px, %s: %s", width, name, p)
	}
}

// layoutReport is what layoutCheck finds in a page.
type layoutReport struct {
	Problems []string
	Texts    int // the pieces of text (line boxes of text nodes) compared
}

// layoutCheck is the script TestBrowserLayout runs in a page.
const layoutCheck = `(() => {
  const W = document.documentElement.clientWidth;
  const problems = [];
  const name = el => {
    let s = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
      (el.classList.length ? "." + [...el.classList].join(".") : "");
    const p = el.parentElement;
    return p && p !== document.body ? name(p) + " > " + s : s;
  };
  const what = el => name(el) + " “" + (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40) + "”";
  // scroller returns the nearest ancestor that scrolls sideways, clipper
  // the nearest that clips without scrolling.
  const overflow = new Map(); // element → its computed overflow-x and -y
  const style = el => {
    let o = overflow.get(el);
    if (!o) {
      const st = getComputedStyle(el);
      o = {x: st.overflowX, y: st.overflowY};
      overflow.set(el, o);
    }
    return o;
  };
  const ancestor = (el, test) => {
    for (let p = el.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      if (test(style(p).x)) return p;
    }
    return null;
  };
  const scrolls = o => o === "auto" || o === "scroll";
  const clips = o => o === "hidden" || o === "clip";
  if (document.documentElement.scrollWidth > W + 1) {
    problems.push("the page is " + document.documentElement.scrollWidth + " px wide, wider than the " + W + " px window");
  }
  const reported = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (reported.some(r => r.contains(el)) || el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1 || r.right <= 0) continue; // hidden, or moved off-screen on purpose
    const scroller = ancestor(el, scrolls);
    const clipper = ancestor(el, clips);
    if (clipper && (!scroller || clipper.contains(scroller))) {
      const c = clipper.getBoundingClientRect();
      if (c.width > 1 && (r.right > c.right + 1 || r.left < c.left - 1)) {
        problems.push(what(el) + " is cut off by " + name(clipper) + " (" + Math.round(r.left) + "–" + Math.round(r.right) + " px in a box " + Math.round(c.left) + "–" + Math.round(c.right) + " px)");
        reported.push(el);
        continue;
      }
    }
    if (!scroller && (r.right > W + 1 || r.left < -1)) {
      problems.push(what(el) + " overflows the window (" + Math.round(r.left) + "–" + Math.round(r.right) + " px of " + W + ")");
      reported.push(el);
    }
  }
  // The line boxes of every visible text node, outside figures, cut to
  // the boxes that clip or scroll them (a closed disclosure, a visually
  // hidden label, text scrolled out of a sidebar show nothing).
  const cut = (r, el) => {
    let {left, top, right, bottom} = r;
    for (let p = el; p && p !== document.documentElement; p = p.parentElement) {
      const o = style(p);
      if (o.x !== "visible" || o.y !== "visible") {
        const c = p.getBoundingClientRect();
        left = Math.max(left, c.left); top = Math.max(top, c.top);
        right = Math.min(right, c.right); bottom = Math.min(bottom, c.bottom);
      }
    }
    return {left, top, right, bottom};
  };
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.data.trim() || !el || el.closest("svg, script, style")) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const raw of range.getClientRects()) {
      const r = cut(raw, el);
      if (r.right - r.left > 1 && r.bottom - r.top > 1 && r.right > 0) boxes.push({r, n});
    }
  }
  // Two boxes overlap when they share more than 2 px each way: glyph
  // boxes of adjacent lines may touch.
  boxes.sort((a, b) => a.r.top - b.r.top);
  let overlaps = 0;
  for (let i = 0; i < boxes.length && overlaps < 10; i++) {
    const a = boxes[i].r;
    for (let j = i + 1; j < boxes.length && boxes[j].r.top < a.bottom - 2; j++) {
      const b = boxes[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 2) {
        const ta = boxes[i].n, tb = boxes[j].n;
        problems.push("text “" + ta.data.trim().slice(0, 30) + "” (" + name(ta.parentElement) + ") overlaps “" +
          tb.data.trim().slice(0, 30) + "” (" + name(tb.parentElement) + ")");
        if (++overlaps >= 10) break;
      }
    }
  }
  return {Problems: problems, Texts: boxes.length};
})()`
