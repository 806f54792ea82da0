/* Cegah TPPO: the site search, loaded with search/<lang>.js on the first search (kie.js starts it).
 * Words are matched by their root: the index carries the site's own words -> roots (made at build time
 * by kie.search_index with a real stemmer and a root dictionary); a typed word the site never uses is
 * cut by the affix rules below until it becomes a word the site has, or else matched by its beginning.
 * Also: the synonym groups of content/search/synonyms.yml, one typo in words of 5+ letters, BM25
 * ranking with title and heading boosts, one result per page with its best section.
 * Works the same online, offline, from file:// and over plain http: nothing but two script files.
 */
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}]+/gu;
  var K1 = 1.2, B = 0.75;
  var TITLE = 3, HEADING = 2; // a word in the page title / section heading counts as that many in its text
  var STEM = 1, PREFIX = 0.7, SYNONYM = 0.9, TYPO = 0.5; // how much a match of each kind is worth

  /* Affix rules per language, only for words the site does not use (the site's own words are in the
   * index's table). A language without rules gets exact words and prefixes. Indonesian: the particles,
   * possessives and suffixes, and the prefixes with the sound the nasal prefix swallowed (menipu -> tipu). */
  var AFFIXES = {
    id: {
      suffixes: ["lah", "kah", "pun", "nya", "ku", "mu", "kan", "an", "i"],
      prefixes: ["di", "ke", "se", "ter", "ber", "be", "per", "pe", "memper", "diper", "meng", "menge", "meny",
        "men", "mem", "me", "peng", "penge", "peny", "pen", "pem"],
      restore: { meny: "s", peny: "s", men: "t", pen: "t", mem: "p", pem: "p", meng: "k", peng: "k" }
    },
    en: { suffixes: ["'s", "s", "es", "ies", "ed", "d", "ied", "ing", "ly", "ment", "ments", "ness", "er", "ers"] }
  };

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }
  function words(text) {
    return fold(text).match(WORD) || [];
  }

  function affixCandidates(rules, word) {
    var out = [word];
    var stripped = [word];
    (rules.suffixes || []).forEach(function () { // up to three suffixes: -kan + -nya + -lah
      stripped.slice().forEach(function (w) {
        rules.suffixes.forEach(function (s) {
          if (w.length - s.length >= 3 && w.slice(-s.length) === s && stripped.indexOf(w.slice(0, -s.length)) < 0) {
            stripped.push(w.slice(0, -s.length));
            if (s === "ies" || s === "ied") stripped.push(w.slice(0, -3) + "y");
          }
        });
      });
    });
    stripped.forEach(function (w) {
      out.push(w);
      (rules.prefixes || []).forEach(function (p) {
        if (w.length - p.length < 3 || w.slice(0, p.length) !== p) return;
        var rest = w.slice(p.length);
        out.push(rest);
        if (rules.restore && rules.restore[p] && /^[aiueo]/.test(rest)) out.push(rules.restore[p] + rest);
        (rules.prefixes || []).forEach(function (q) { // two prefixes: di-per-, ber-ke-
          if (rest.length - q.length >= 3 && rest.slice(0, q.length) === q) out.push(rest.slice(q.length));
        });
      });
    });
    return out;
  }

  /* One typo: a letter changed, added, left out, or two letters swapped. */
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* ---------- The index: built once, when it loads ---------- */
  function prepare(data) {
    var rootOf = Object.create(null); // the site's word -> its root (only where they differ)
    Object.keys(data.roots || {}).forEach(function (root) {
      data.roots[root].split(" ").forEach(function (w) { rootOf[w] = root; });
    });
    var root = function (w) { return rootOf[w] || w; };
    var postings = Object.create(null); // root -> [section, weighted count, section, weighted count, ...]
    var sections = [];
    var total = 0;
    data.pages.forEach(function (page, p) {
      var titleWords = words(page.t).map(root);
      page.titleRoots = Object.create(null);
      titleWords.forEach(function (r) { page.titleRoots[r] = true; });
      page.s.forEach(function (s) {
        var counts = Object.create(null);
        var add = function (list, weight) {
          list.forEach(function (r) { counts[r] = (counts[r] || 0) + weight; });
        };
        var heading = s[0] ? words(s[1]).map(root) : [];
        var body = words(s[2]).map(root);
        add(titleWords, TITLE);
        add(heading, HEADING);
        add(body, 1);
        var id = sections.length;
        var length = body.length + heading.length + titleWords.length;
        sections.push({ page: p, anchor: s[0], heading: s[1], text: s[2], length: length });
        total += length;
        Object.keys(counts).forEach(function (r) { (postings[r] = postings[r] || []).push(id, counts[r]); });
      });
    });
    var known = Object.create(null); // every word of the site, with its root
    Object.keys(postings).forEach(function (r) { known[r] = r; });
    Object.keys(rootOf).forEach(function (w) { known[w] = rootOf[w]; });
    var average = total / Math.max(1, sections.length);
    var norm = new Float64Array(sections.length); // BM25's length normalisation, per section
    sections.forEach(function (s, i) { norm[i] = K1 * (1 - B + B * s.length / average); });
    var index = {
      lang: data.lang, pages: data.pages, sections: sections, postings: postings, known: known, norm: norm,
      vocabulary: Object.keys(known), synonyms: []
    };
    index.synonyms = (data.synonyms || []).map(function (group) {
      return group.map(function (phrase) { return words(phrase).map(function (w) { return rootFor(index, w); }); });
    });
    return index;
  }

  /* The root of a typed word: the site's table, else the affix rules down to a word the site has. */
  function rootFor(index, word) {
    if (index.known[word]) return index.known[word];
    var rules = AFFIXES[index.lang];
    if (!rules) return word;
    var found = affixCandidates(rules, word).filter(function (c) { return index.known[c]; });
    return found.length ? index.known[found[0]] : word;
  }

  /* ---------- A query: concepts (a word, or a synonym phrase), each with alternatives ---------- */
  function concepts(index, query, typing) {
    var typed = words(query).filter(function (w) { return w.length > 1 || /\d/.test(w); });
    var roots = typed.map(function (w) { return rootFor(index, w); });
    var out = [];
    for (var i = 0; i < typed.length; i++) {
      var group = synonymAt(index, roots, i);
      if (group) {
        out.push({ words: typed.slice(i, i + group.length), alternatives: group.alternatives });
        i += group.length - 1;
        continue;
      }
      var word = typed[i], r = roots[i], alternatives = [];
      if (index.postings[r]) alternatives.push({ roots: [r], weight: STEM });
      var last = i === typed.length - 1 && typing;
      if (!alternatives.length || last) alternatives = alternatives.concat(prefixed(index, word));
      if (!alternatives.length && AFFIXES[index.lang]) { // "repatriated": the site has "repatriation"
        affixCandidates(AFFIXES[index.lang], word).slice(1).some(function (stem) {
          alternatives = stem.length >= 5 ? prefixed(index, stem) : [];
          return alternatives.length;
        });
      }
      if (!alternatives.length && word.length >= 5) alternatives = typos(index, word);
      out.push({ words: [word], alternatives: alternatives });
    }
    return out;
  }
  function synonymAt(index, roots, i) {
    var best = null;
    index.synonyms.forEach(function (group) {
      group.forEach(function (phrase) {
        if (!phrase.length || (best && best.length >= phrase.length)) return;
        for (var k = 0; k < phrase.length; k++) if (roots[i + k] !== phrase[k]) return;
        best = {
          length: phrase.length,
          alternatives: group.map(function (other) {
            return { roots: other, weight: other === phrase ? STEM : SYNONYM };
          })
        };
      });
    });
    return best;
  }
  function prefixed(index, word) {
    if (word.length < 3) return [];
    var seen = Object.create(null), out = [];
    for (var i = 0; i < index.vocabulary.length && out.length < 60; i++) {
      var w = index.vocabulary[i];
      if (w.length > word.length && w.lastIndexOf(word, 0) === 0) {
        var r = index.known[w];
        if (!seen[r] && r !== index.known[word] && index.postings[r]) {
          seen[r] = true;
          out.push({ roots: [r], weight: PREFIX });
        }
      }
    }
    return out;
  }
  function typos(index, word) {
    var seen = Object.create(null), out = [];
    index.vocabulary.forEach(function (w) {
      var r = index.known[w];
      if (w.length >= 4 && !seen[r] && index.postings[r] && oneEdit(word, w)) {
        seen[r] = true;
        out.push({ roots: [r], weight: TYPO, typo: true });
      }
    });
    return out;
  }

  /* ---------- Ranking ---------- */
  var REFINE = 40; // the best pages by words are then checked for the exact words and phrase
  function idf(index, r) {
    var df = index.postings[r] ? index.postings[r].length / 2 : 0;
    var n = index.sections.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
  /* BM25 of one alternative in every section that has all its words, kept where it beats the concept's best. */
  function scoreAlternative(index, alt, best, typo, touched) {
    var n = alt.roots.length, sum = n > 1 ? new Float64Array(index.sections.length) : best;
    var seen = n > 1 ? new Uint8Array(index.sections.length) : null;
    for (var k = 0; k < n; k++) {
      var list = index.postings[alt.roots[k]] || [], w = idf(index, alt.roots[k]) * alt.weight / n;
      for (var j = 0; j < list.length; j += 2) {
        var s = list[j], tf = list[j + 1];
        var v = w * tf * (K1 + 1) / (tf + index.norm[s]);
        if (n > 1) {
          if (seen[s] === k) { sum[s] += v; seen[s] = k + 1; }
        } else if (v > best[s]) {
          if (best[s] === 0) touched.push(s);
          best[s] = v;
          typo[s] = alt.typo ? 1 : 0;
        }
      }
    }
    if (n > 1) {
      for (var i = 0; i < sum.length; i++) {
        if (seen[i] === n && sum[i] > best[i]) {
          if (best[i] === 0) touched.push(i);
          best[i] = sum[i];
          typo[i] = alt.typo ? 1 : 0;
        }
      }
    }
  }

  function search(index, query, typing) {
    var parts = concepts(index, query, typing);
    if (!parts.length) return [];
    var nSections = index.sections.length, nPages = index.pages.length;
    var maxIdf = Math.log(1 + nSections);
    var weightOf = parts.map(function (c) {
      return c.alternatives.reduce(function (m, a) { return Math.max(m, idf(index, a.roots[0])); }, 0) || maxIdf;
    });
    var allWeight = weightOf.reduce(function (a, b) { return a + b; }, 0);
    var sectionScore = new Float64Array(nSections);
    var covered = new Float64Array(nPages), lastConcept = new Int32Array(nPages).fill(-1);
    var typoPage = new Uint8Array(nPages), inTitle = new Float64Array(nPages);
    var hitSections = [];
    parts.forEach(function (c, ci) {
      var best = new Float64Array(nSections), typo = new Uint8Array(nSections), touched = [];
      c.roots = Object.create(null);
      c.alternatives.forEach(function (alt) {
        scoreAlternative(index, alt, best, typo, touched);
        alt.roots.forEach(function (r) { c.roots[r] = true; });
      });
      touched.forEach(function (s) {
        var p = index.sections[s].page;
        if (sectionScore[s] === 0) hitSections.push(s);
        sectionScore[s] += best[s];
        if (lastConcept[p] !== ci) {
          lastConcept[p] = ci;
          covered[p] += weightOf[ci];
          if (typo[s]) typoPage[p] = 1;
          // the page *about* the words says them in its title: BM25 alone saturates on a repeated word
          inTitle[p] += c.alternatives.reduce(function (m, alt) {
            var all = alt.roots.every(function (r) { return index.pages[p].titleRoots[r]; });
            return all ? Math.max(m, alt.weight * idf(index, alt.roots[0])) : m;
          }, 0);
        } else if (!typo[s]) {
          typoPage[p] = 0;
        }
      });
    });
    var bestOf = new Float64Array(nPages), bestSection = new Int32Array(nPages).fill(-1), rest = new Float64Array(nPages);
    // the section shown under a result is the best one that has text of its own (a heading whose text is all in
    // its subsections would show nothing to read)
    var shownOf = new Float64Array(nPages), shown = new Int32Array(nPages).fill(-1);
    hitSections.forEach(function (s) {
      var p = index.sections[s].page, v = sectionScore[s];
      if (v > bestOf[p]) { rest[p] += bestOf[p]; bestOf[p] = v; bestSection[p] = s; } else rest[p] += v;
      if (index.sections[s].text && v > shownOf[p]) { shownOf[p] = v; shown[p] = s; }
    });
    var results = [];
    var roots = parts.reduce(function (all, c) { return Object.assign(all, c.roots); }, {});
    for (var p = 0; p < nPages; p++) {
      if (bestSection[p] < 0) continue;
      var share = covered[p] / allWeight;
      results.push({
        page: index.pages[p], section: index.sections[shown[p] >= 0 ? shown[p] : bestSection[p]], at: p,
        typo: !!typoPage[p], roots: roots,
        score: (bestOf[p] + 0.2 * rest[p] + TITLE * inTitle[p]) * share * share
      });
    }
    var byScore = function (a, b) { return b.score - a.score; };
    results.sort(byScore);
    // the exact phrase and the exact words count more than words matched by their roots (typos already
    // count TYPO): a boost, not a rule, so the page *about* "jeratan utang" still comes before a page
    // that only says "terjerat utang" once
    var phrase = words(query).join(" ");
    var top = results.slice(0, REFINE);
    top.forEach(function (result) {
      var text = shownText(result);
      var literal = parts.filter(function (c) { return wholeWord(text, c.words.join(" ")); }).length / parts.length;
      var isPhrase = parts.length > 1 && wholeWord(text, phrase);
      result.score *= (1 + 0.3 * literal) * (isPhrase ? 1.5 : 1);
    });
    return top.sort(byScore).concat(results.slice(REFINE));
  }
  /* The page title and the best section, folded: where the exact words and phrase are looked for. */
  function shownText(result) {
    var section = result.section;
    if (section.folded === undefined) {
      section.folded = " " + words(result.page.t + " " + section.heading + " " + section.text).join(" ") + " ";
    }
    return section.folded;
  }
  function wholeWord(folded, phrase) {
    return !!phrase && folded.indexOf(" " + phrase + " ") >= 0;
  }

  /* A piece of the section's text around the first word that matched. */
  function snippet(index, result) {
    var text = result.section.text, at = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) {
      if (result.roots[rootFor(index, fold(m[0]))]) { at = m.index; break; }
    }
    var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - 50)));
    return { before: (start > 0 ? "…" : "") + text.slice(start, at), rest: text.slice(at, at + 160), cut: at + 160 < text.length };
  }

  window.kieSearch = { fold: fold, prepare: prepare, search: search, concepts: concepts, rootFor: rootFor, snippet: snippet };

  /* ---------- The search box (Material's markup) ---------- */
  var configNode = document.getElementById("kie-config");
  var input = document.querySelector(".md-search__input");
  var list = document.querySelector(".md-search-result__list");
  var meta = document.querySelector(".md-search-result__meta");
  if (!configNode || !input || !list || !meta) return;
  var config = JSON.parse(configNode.textContent);
  var contract = window.kie.contract; // names shared with the build (kie.views.contract), written into kie.js
  var t = config.t;
  var root = new URL(config.root.replace(/\/?$/, "/"), location.href);
  var index = null;

  function show(results) {
    list.textContent = "";
    meta.textContent = results.length ? t.search_found.replace("#", results.length) : t.search_none;
    results.slice(0, 20).forEach(function (result) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = new URL(result.page.u + (result.section.anchor ? "#" + result.section.anchor : ""), root).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h2");
      title.textContent = result.page.t;
      article.appendChild(title);
      var p = document.createElement("p");
      if (result.section.anchor && fold(result.section.heading) !== fold(result.page.t)) {
        var heading = document.createElement("strong"); // the section under the page: where the words are
        heading.textContent = "› " + result.section.heading;
        p.appendChild(heading);
        p.appendChild(document.createElement("br"));
        article.appendChild(p);
      }
      if (result.section.text) {
        var piece = snippet(index, result);
        var mark = document.createElement("mark");
        var word = /^[\p{L}\p{N}]+/u.exec(piece.rest);
        mark.textContent = word ? word[0] : "";
        p.appendChild(document.createTextNode(piece.before));
        p.appendChild(mark);
        p.appendChild(document.createTextNode(piece.rest.slice(mark.textContent.length) + (piece.cut ? "…" : "")));
        article.appendChild(p);
      }
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }
  function run() {
    if (!index) return;
    var value = input.value;
    if (!words(value).length) { list.textContent = ""; meta.textContent = t.search_prompt; return; }
    show(search(index, value, !/\s$/.test(value)));
  }
  function start() {
    index = prepare(window[contract.searchIndexGlobal]);
    input.addEventListener("input", run);
    input.form.addEventListener("submit", run);
    input.form.addEventListener("reset", function () { list.textContent = ""; meta.textContent = t.search_prompt; });
    if (input.value) run(); else meta.textContent = t.search_prompt;
  }
  var loaded = window[contract.searchIndexGlobal];
  if (loaded && loaded.pages) return start();
  var script = document.createElement("script"); // a script, not fetch(): works from file:// too
  script.src = new URL(contract.searchIndex.replace("{lang}", config.lang), root).href;
  script.onload = start;
  script.onerror = function () { meta.textContent = t.search_unavailable; };
  document.head.appendChild(script);
})();
