// citation-check.js NAME SOURCES.json CSL.json BIB.bib [NAME SOURCES.json
// CSL.json BIB.bib ...] [-- NAME SOURCES.json CSL.json BIB.bib ...]: reads
// each dossier's citation exports with the tools their users import them
// into, and compares what each tool reads with the sources' metadata.
// SOURCES.json is written by the test from the loaded sources: for each
// source, in reference order, its id, title, publisher, language, and its
// author, date (ISO 8601, to the day, month or year), dated (an estimate,
// as readers see it) and url, each null when the metadata does not state
// it.
//
//   - CSL-JSON: validated against the official schema (csl-schema/), then
//     rendered with citeproc-js, the processor Zotero uses, in a probe style
//     that prints every variable the exports carry as citeproc-js read it,
//     and in APA (7th edition, as @citation-js/plugin-csl ships it).
//   - BibTeX: read by biber, biblatex's own back end (--tool
//     --validate-datamodel, written out as biblatexml), and by citation-js's
//     BibTeX parser, which turns LaTeX into text as a reference manager
//     imports it.
//
// Every title, author, publisher, date and address (a web address, http or
// https: the exports take no other) must come out as the metadata gives it,
// and what the metadata does not state must not come out at all: the
// metadata has no access date, so none may appear. The only
// warnings of biber's data model allowed are for the mandatory fields the
// metadata does not state: the author, the date, and the kind of a report.
//
// The dossiers are checked in one run, so that the APA style is compiled
// once and biber, slow to start, reads them all at once (a file biber cannot
// parse is then read again alone, so that its errors name it). Each "--"
// starts a group that biber reads in a run of its own: a file that is meant
// not to parse, given apart, costs one more run of biber, not one for every
// file. It prints "NAME: ok: N sources" or "NAME: problem" for every
// problem, and exits 1 on any.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

// The arguments split at each "--": each group's dossiers go to biber in
// one run.
const argGroups = [[]];
for (const a of process.argv.slice(2)) {
  if (a === "--") argGroups.push([]);
  else argGroups[argGroups.length - 1].push(a);
}
if (argGroups.some((args) => args.length === 0 || args.length % 4 !== 0)) {
  console.error("usage: node citation-check.js NAME SOURCES.json CSL.json BIB.bib [NAME SOURCES.json CSL.json BIB.bib ...] [-- NAME SOURCES.json CSL.json BIB.bib ...]");
  process.exit(2);
}
const groups = argGroups.map((args) => {
  const group = [];
  for (let i = 0; i < args.length; i += 4) {
    const d = { name: args[i], cslFile: args[i + 2], bibFile: args[i + 3], problems: [], cslTypes: new Map() };
    d.sources = JSON.parse(fs.readFileSync(args[i + 1], "utf8"));
    d.bib = fs.readFileSync(d.bibFile, "utf8");
    d.problem = (msg) => d.problems.push(msg);
    d.compare = (where, what, got, want) => {
      if ((got ?? null) !== (want ?? null)) d.problem(`${where}: ${what} is ${show(got)}; the metadata gives ${show(want)}`);
    };
    group.push(d);
  }
  return group;
});
const dossiers = groups.flat();

const show = (v) => (v == null ? "nothing" : JSON.stringify(v));
// webURL is u when the exports must carry it: an absolute http(s) address.
function webURL(u) {
  if (u == null) return null;
  try {
    const p = new URL(u);
    return p.protocol === "http:" || p.protocol === "https:" ? u : null;
  } catch {
    return null;
  }
}
// sameURL compares two addresses as a browser reads them (citation-js
// percent-encodes what is not ASCII).
function sameURL(a, b) {
  if (a == null || b == null) return a == b;
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return a === b;
  }
}
// quotes undoes the typographic quotes a CSL processor sets for straight
// ones, as the style's locale asks.
const quotes = (s) => (s == null ? s : s.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'"));
const unxml = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
// entryKeys matches the head of each BibTeX entry: its type and key.
const entryKeys = /^(@\w+\s*\{\s*)([^,\s]*)(\s*,)/gm;

// ---- CSL-JSON ----

// probeStyle prints, for each item, each variable the exports may carry, as
// citeproc-js read it, between markers; a date to the parts it gives.
const probeStyle = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Probe</title><id>probe</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout>
    <text variable="title" prefix="⟦title=" suffix="⟧"/>
    <names variable="author" prefix="⟦author=" suffix="⟧"><name/></names>
    <text variable="publisher" prefix="⟦publisher=" suffix="⟧"/>
    <date variable="issued" prefix="⟦issued=" suffix="⟧"><date-part name="year"/><date-part name="month" form="numeric-leading-zeros" prefix="-"/><date-part name="day" form="numeric-leading-zeros" prefix="-"/></date>
    <date variable="accessed" prefix="⟦accessed=" suffix="⟧"><date-part name="year"/><date-part name="month" form="numeric-leading-zeros" prefix="-"/><date-part name="day" form="numeric-leading-zeros" prefix="-"/></date>
    <text variable="URL" prefix="⟦URL=" suffix="⟧"/>
  </layout></bibliography>
</style>`;

// The schema's validator and citeproc-js's engines, each made once, on
// first use. The engines read the items of every dossier, each under an id
// of its own.
let validateCSL;
let engines;
const cslItems = new Map();
function citeproc() {
  if (!engines) {
    const CSL = require("citeproc");
    const styles = require("@citation-js/plugin-csl/lib/styles.json");
    const locales = require("@citation-js/plugin-csl/lib/locales.json");
    const sys = { retrieveLocale: (l) => locales[l] || locales["en-US"], retrieveItem: (id) => cslItems.get(id) };
    engines = { probe: new CSL.Engine(sys, probeStyle, "en-US"), apa: new CSL.Engine(sys, styles.apa, "en-US") };
    for (const e of Object.values(engines)) e.setOutputFormat("text");
  }
  return engines;
}

function checkCSL(d) {
  let items;
  try {
    items = JSON.parse(fs.readFileSync(d.cslFile, "utf8"));
  } catch (err) {
    d.problem(`CSL-JSON: not JSON: ${err.message}`);
    return;
  }
  if (!validateCSL) {
    const Ajv = require("ajv");
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "csl-schema", "csl-data.json"), "utf8"));
    validateCSL = new Ajv({ allErrors: true, strict: false }).compile(schema);
  }
  if (!validateCSL(items)) {
    for (const e of validateCSL.errors) {
      const m = /^\/(\d+)/.exec(e.instancePath);
      const id = m && items[m[1]] ? items[m[1]].id : "";
      const extra = e.params && e.params.additionalProperty ? `: ${e.params.additionalProperty}` : "";
      d.problem(`CSL-JSON: schema: ${id} ${e.instancePath} ${e.message}${extra}`);
    }
  }
  if (!Array.isArray(items)) return;
  d.compare("CSL-JSON", "the list of ids", items.map((i) => i.id).join(", "), d.sources.map((s) => s.id).join(", "));
  const byId = new Map(items.map((i) => [i.id, i]));
  const ids = [];
  for (const s of d.sources) {
    const it = byId.get(s.id);
    if (!it) continue;
    d.cslTypes.set(s.id, it.type);
    d.compare(`CSL-JSON ${s.id}`, "language", it.language, s.language);
    const id = `${d.name}\u0000${s.id}`;
    cslItems.set(id, { ...it, id });
    ids.push(id);
  }
  if (ids.length === 0) return;

  const render = (engine) => {
    engine.updateItems(ids);
    const [meta, entries] = engine.makeBibliography();
    if (meta.bibliography_errors.length > 0) d.problem(`CSL-JSON: citeproc-js: ${JSON.stringify(meta.bibliography_errors)}`);
    return new Map(meta.entry_ids.map((e, i) => [e[0].split("\u0000")[1], entries[i].trim()]));
  };
  let probed, apa;
  try {
    probed = render(citeproc().probe);
    apa = render(citeproc().apa);
  } catch (err) {
    d.problem(`CSL-JSON: citeproc-js cannot render it: ${err.message}`);
    return;
  }
  for (const s of d.sources) {
    if (!byId.has(s.id)) continue;
    const where = `CSL-JSON ${s.id} (citeproc-js)`;
    const got = {};
    for (const m of (probed.get(s.id) || "").matchAll(/⟦(\w+)=(.*?)⟧/g)) got[m[1]] = m[2];
    d.compare(where, "title", quotes(got.title), quotes(s.title));
    d.compare(where, "author", got.author, s.author);
    d.compare(where, "publisher", got.publisher, s.publisher);
    d.compare(where, "date", got.issued, s.date || s.dated);
    d.compare(where, "access date", got.accessed, null);
    d.compare(where, "address", got.URL, webURL(s.url));

    const entry = quotes(apa.get(s.id) || "");
    const year = s.date ? s.date.slice(0, 4) : s.dated || "n.d.";
    for (const [what, want] of [["title", quotes(s.title)], ["author", s.author], ["publisher", s.publisher], ["date", year], ["address", webURL(s.url)]]) {
      if (want != null && !entry.includes(want)) d.problem(`CSL-JSON ${s.id} (APA): the ${what} ${show(want)} is not in ${show(entry)}`);
    }
    if (/Retrieved|Accessed/i.test(entry)) d.problem(`CSL-JSON ${s.id} (APA): an access date the metadata does not give: ${show(entry)}`);
  }
}

// ---- BibTeX ----

// checkKeys checks the keys of the entries: valid, once each, the sources'
// ids in reference order.
function checkKeys(d) {
  const keys = [...d.bib.matchAll(entryKeys)].map((m) => m[2]);
  for (const k of keys) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_:.-]*$/.test(k)) d.problem(`BibTeX: key ${show(k)} is not a valid key`);
  }
  if (new Set(keys).size !== keys.length) d.problem(`BibTeX: a key is used twice: ${keys.join(", ")}`);
  d.compare("BibTeX", "the list of keys", keys.join(", "), d.sources.map((s) => s.id).join(", "));
}

// biber runs biber on a file of BibTeX and returns what it printed, its
// exit status, and the entries it read (id → {type, body}).
function biber(text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "citation-check-"));
  try {
    fs.writeFileSync(path.join(dir, "sources.bib"), text);
    const xmlFile = path.join(dir, "out.xml");
    const run = spawnSync("biber", ["--tool", "--validate-datamodel", "--output-format=biblatexml", "--output-file", xmlFile, "sources.bib"], { cwd: dir, encoding: "utf8" });
    if (run.error) return { error: run.error.message, lines: [], entries: new Map() };
    const lines = `${run.stdout}\n${run.stderr}`.split("\n").filter((l) => /^(WARN|ERROR|FATAL)/.test(l));
    const entries = new Map();
    if (fs.existsSync(xmlFile)) {
      const xml = fs.readFileSync(xmlFile, "utf8");
      for (const m of xml.matchAll(/<bltx:entry id="([^"]*)" entrytype="([^"]*)">([\s\S]*?)<\/bltx:entry>/g)) entries.set(unxml(m[1]), { type: m[2], body: m[3] });
    }
    return { status: run.status, lines, entries };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// checkBiber reads the files of a group of dossiers with biber, once for
// all, each entry's key prefixed with its dossier's number; when biber
// reports an error, which stops it writing anything, it reads each file
// again alone. A group of one is read once, alone.
function checkBiber(dossiers) {
  if (dossiers.length === 1) {
    biberRead(dossiers[0], biber(dossiers[0].bib));
    return;
  }
  const prefix = (i) => `d${i}-`;
  const all = biber(dossiers.map((d, i) => d.bib.replace(entryKeys, (_, head, key, comma) => head + prefix(i) + key + comma)).join("\n"));
  if (!all.error && all.status === 0 && !all.lines.some((l) => !/^WARN/.test(l))) {
    dossiers.forEach((d, i) => {
      const entries = new Map([...all.entries].filter(([k]) => k.startsWith(prefix(i))).map(([k, e]) => [k.slice(prefix(i).length), e]));
      // A warning that names no entry of any dossier concerns them all.
      const lines = all.lines.filter((l) => l.includes(`'${prefix(i)}`) || !/'d\d+-/.test(l));
      biberRead(d, { status: 0, entries, lines: lines.map((l) => l.replaceAll(`'${prefix(i)}`, "'")) });
    });
    return;
  }
  for (const d of dossiers) biberRead(d, biber(d.bib));
}

// biberRead compares what biber read of d's file with the metadata.
function biberRead(d, run) {
  if (run.error) {
    d.problem(`BibTeX: biber: ${run.error}`);
    return;
  }
  for (const line of run.lines) {
    if (!/^WARN/.test(line)) {
      d.problem(`BibTeX: biber: ${line}`);
      continue;
    }
    const m = /Entry '([^']*)' \([^)]*\): Missing mandatory field (- one of 'date, year' must be defined|'author'|'type')/.exec(line);
    const s = m && d.sources.find((x) => x.id === m[1]);
    const e = s && run.entries.get(s.id);
    const unstated = s && ((m[2] === "'author'" && s.author == null) || (m[2].includes("date") && s.date == null) || (m[2] === "'type'" && e && e.type === "report"));
    if (!unstated) d.problem(`BibTeX: biber: ${line}`);
  }
  if (run.status !== 0) d.problem(`BibTeX: biber exited ${run.status}`);
  for (const s of d.sources) {
    const e = run.entries.get(s.id);
    const where = `BibTeX ${s.id} (biber)`;
    if (e === undefined) {
      d.problem(`${where}: no entry`);
      continue;
    }
    const lists = [...e.body.matchAll(/<bltx:(institution|organization|publisher)>([\s\S]*?)<\/bltx:\1>/g)];
    d.compare(where, "the number of publishers", lists.flatMap((l) => [...l[2].matchAll(/<bltx:item>/g)]).length, s.publisher == null ? 0 : 1);
    const names = /<bltx:names type="author">([\s\S]*?)<\/bltx:names>/.exec(e.body);
    d.compare(where, "the number of authors", names ? [...names[1].matchAll(/<bltx:name>/g)].length : 0, s.author == null ? 0 : 1);
    const url = /<bltx:url>([\s\S]*?)<\/bltx:url>/.exec(e.body);
    d.compare(where, "address", url ? unxml(url[1]) : null, webURL(s.url));
    const date = /<bltx:date>([\s\S]*?)<\/bltx:date>/.exec(e.body);
    d.compare(where, "date", date ? date[1] : null, s.date);
    if (/<bltx:date type="url">/.test(e.body)) d.problem(`${where}: an access date (urldate), which the metadata does not give`);
  }
}

// checkCitationJS reads the file with citation-js's BibTeX parser and
// compares each value with the metadata, and each type with the CSL-JSON's.
function checkCitationJS(d) {
  const { plugins } = require("@citation-js/core");
  require("@citation-js/plugin-bibtex");
  // Read twice: as the text it holds, and as a style that sets titles in
  // sentence case (biblatex-apa) reads it, where only a braced capital
  // keeps its case (CSL's nocase markup).
  const parse = plugins.config.get("@bibtex").parse;
  const readAs = (sentenceCase) => {
    parse.sentenceCase = sentenceCase;
    try {
      return plugins.input.chain(d.bib, { generateGraph: false, forceType: "@biblatex/text", target: "@csl/list+object" });
    } finally {
      parse.sentenceCase = "never";
    }
  };
  let read, sentenceCased;
  try {
    read = readAs("never");
    sentenceCased = new Map(readAs("always").map((r) => [r["citation-key"], r]));
  } catch (err) {
    d.problem(`BibTeX: citation-js cannot read it: ${err.message.split("\n")[0]}`);
    return;
  }
  const byKey = new Map(read.map((r) => [r["citation-key"], r]));
  for (const s of d.sources) {
    const r = byKey.get(s.id);
    const where = `BibTeX ${s.id} (citation-js)`;
    if (!r) {
      d.problem(`${where}: no entry`);
      continue;
    }
    d.compare(where, "title", r.title, s.title);
    const sc = sentenceCased.get(s.id);
    const nocase = (t) => (t == null ? t : t.replace(/<span class="nocase">|<\/span>/g, ""));
    d.compare(where, "title in sentence case", sc ? nocase(sc.title) : null, s.title);
    const authors = (r.author || []).map((a) => a.literal || [a.given, a.family].filter(Boolean).join(" "));
    d.compare(where, "author", authors.length ? authors.join(" and ") : null, s.author);
    if (authors.length > 1) d.problem(`${where}: ${authors.length} authors, where the metadata gives one`);
    d.compare(where, "publisher", typeof r.publisher === "string" || r.publisher == null ? r.publisher : JSON.stringify(r.publisher), s.publisher);
    const parts = r.issued && r.issued["date-parts"] ? r.issued["date-parts"][0] : null;
    const date = parts ? parts.map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, "0"))).join("-") : null;
    d.compare(where, "date", date, s.date);
    if (r.accessed) d.problem(`${where}: an access date, which the metadata does not give: ${show(r.accessed)}`);
    if (!sameURL(r.URL, webURL(s.url))) d.compare(where, "address", r.URL, webURL(s.url));
    if (s.dated && !(r.note || "").includes(s.dated)) d.problem(`${where}: the note ${show(r.note)} does not give the date ${show(s.dated)}`);
    // The type must be the CSL-JSON's; biblatex has no type for CSL's
    // article, so its @misc (citation-js's document) stands for it.
    const csl = d.cslTypes.get(s.id);
    if (csl && r.type !== csl && !(csl === "article" && r.type === "document")) {
      d.problem(`${where}: type ${r.type}, where the CSL-JSON has ${csl}`);
    }
  }
}

for (const d of dossiers) {
  checkCSL(d);
  checkKeys(d);
  checkCitationJS(d);
}
for (const g of groups) checkBiber(g);
let failed = false;
for (const d of dossiers) {
  if (d.problems.length === 0) {
    console.log(`${d.name}: ok: ${d.sources.length} sources`);
    continue;
  }
  failed = true;
  d.problems.forEach((p) => console.log(`${d.name}: ${p}`));
  console.log(`${d.name}: ${d.problems.length} problems in the exports of ${d.sources.length} sources`);
}
process.exit(failed ? 1 : 0);
