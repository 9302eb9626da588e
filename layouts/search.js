// search.js: the offline search of the dossier site. The index is a script
// (search-index.*.js) that sets window.dossierSearch, so that it loads from
// file:// where fetching JSON would not. Nothing is loaded from the network.
//
// search.html?q=TERMS lists the paragraphs of the sources, the entities,
// the markets and the notes that contain every term; a term matches the
// start of a word, case and accents aside, in Latin or Cyrillic script.
//
// Results come by kind (the index's r: judgements, agencies and units,
// other entities, markets, notes, then the paragraphs of the sources);
// within a kind, what matches well comes first (a thing named by the query
// itself, then one with every term in its name or an other name, or a
// paragraph with every term in its text rather than only in its source's
// title), then what rests on the better source grade
// (the index's g: A1 first), then what names the terms more often.
(function () {
  "use strict";

  var MAX_RESULTS = 200;
  var SNIPPET = 90; // characters either side of the first match

  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function terms(q) {
    return fold(q).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; });
  }

  // wordStart reports whether position i of text starts a word.
  function wordStart(text, i) {
    return i === 0 || /[^\p{L}\p{N}]/u.test(text.charAt(i - 1));
  }

  // find returns the positions where term starts a word in text.
  function find(text, term) {
    var at = [];
    for (var i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
      if (wordStart(text, i)) {
        at.push(i);
      }
    }
    return at;
  }

  function search(docs, ts) {
    var results = [];
    docs.forEach(function (d, order) {
      if (d.fx === undefined) {
        d.ft = fold(d.t);
        d.fa = d.a ? d.a.split("; ") : [];
        d.ffa = d.fa.map(fold);
        d.fx = fold(d.x);
      }
      var score = 0;
      var first = -1;
      var named = true; // every term in the name or an other name
      var inBody = true; // every term in the text
      var alias = -1; // the other name that matched first
      for (var i = 0; i < ts.length; i++) {
        var inTitle = find(d.ft, ts[i]).length;
        var inAlias = 0;
        for (var j = 0; j < d.ffa.length; j++) {
          if (find(d.ffa[j], ts[i]).length > 0) {
            inAlias++;
            if (alias < 0 && inTitle === 0) {
              alias = j;
            }
          }
        }
        var inText = find(d.fx, ts[i]);
        if (inTitle === 0 && inAlias === 0 && inText.length === 0) {
          return;
        }
        named = named && (inTitle > 0 || inAlias > 0);
        inBody = inBody && inText.length > 0;
        score += (inTitle > 0 || inAlias > 0 ? 10 : 0) + inText.length;
        if (inText.length > 0 && (first < 0 || inText[0] < first)) {
          first = inText[0];
        }
      }
      var quality = (d.k === "source" ? inBody : named) ? 1 : 2;
      if (d.k !== "source" && named) {
        var q = ts.join(" ");
        if (terms(d.t).join(" ") === q || d.fa.some(function (a) { return terms(a).join(" ") === q; })) {
          quality = 0; // the name, or an other name, is the query
        }
      }
      if (quality < 2) {
        first = -1; // a thing found by its name: its text from the start
      }
      results.push({ doc: d, score: score, quality: quality, first: first, alias: alias, order: order });
    });
    results.sort(function (a, b) {
      return (a.doc.r - b.doc.r) || (a.quality - b.quality) || (a.doc.g - b.doc.g) ||
        (b.score - a.score) || (a.order - b.order);
    });
    return results;
  }

  // highlight appends text to el with every term marked. Folding keeps
  // the length of most text; where it does not, the text is shown unmarked.
  function highlight(el, text, ts) {
    var folded = fold(text);
    if (folded.length !== text.length) {
      el.appendChild(document.createTextNode(text));
      return;
    }
    var marks = [];
    ts.forEach(function (t) {
      find(folded, t).forEach(function (i) { marks.push([i, i + t.length]); });
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var at = 0;
    marks.forEach(function (m) {
      if (m[0] < at) {
        return;
      }
      el.appendChild(document.createTextNode(text.slice(at, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      el.appendChild(mark);
      at = m[1];
    });
    el.appendChild(document.createTextNode(text.slice(at)));
  }

  function snippet(r) {
    var x = r.doc.x;
    if (x.length <= 2 * SNIPPET || r.first < 0) {
      return x.length <= 2 * SNIPPET ? x : x.slice(0, 2 * SNIPPET) + "…";
    }
    var from = Math.max(0, r.first - SNIPPET);
    var to = Math.min(x.length, r.first + SNIPPET);
    return (from > 0 ? "…" : "") + x.slice(from, to) + (to < x.length ? "…" : "");
  }

  function show(index) {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    if (!input || !status || !list) {
      return;
    }
    var q = new URLSearchParams(window.location.search).get("q") || "";
    input.value = q;
    var ts = terms(q);
    if (ts.length === 0) {
      status.textContent = "Type one or more words: every result contains them all.";
      return;
    }
    var results = search(index.docs, ts);
    var shown = results.slice(0, MAX_RESULTS);
    status.textContent = results.length === 0
      ? "Nothing found for “" + q + "”."
      : results.length + (results.length === 1 ? " result" : " results") + " for “" + q + "”" +
        (results.length > shown.length ? ", the first " + shown.length + " shown." : ".");
    shown.forEach(function (r) {
      var li = document.createElement("li");
      li.className = "result result-" + r.doc.k;
      var a = document.createElement("a");
      a.href = r.doc.u;
      highlight(a, r.doc.t, ts);
      var kind = document.createElement("span");
      kind.className = "result-kind";
      kind.textContent = r.doc.c;
      var p = document.createElement("p");
      if (r.alias >= 0) {
        var also = document.createElement("span");
        also.className = "result-alias";
        also.appendChild(document.createTextNode("Also named "));
        highlight(also, r.doc.fa[r.alias], ts);
        p.appendChild(also);
        p.appendChild(document.createTextNode(r.doc.x ? " · " : ""));
      }
      highlight(p, snippet(r), ts);
      li.appendChild(kind);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(a);
      li.appendChild(p);
      list.appendChild(li);
    });
    if (form) {
      document.title = "“" + q + "” · " + document.title;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.dossierSearch) {
      show(window.dossierSearch);
    } else {
      var status = document.getElementById("search-status");
      if (status) {
        status.textContent = "The search index did not load.";
      }
    }
  });
})();
