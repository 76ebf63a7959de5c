/*
 * Essays search worker: answers Material's search UI from the sharded index that
 * tools/essays/browser_index.py writes under search/shards/, fetching only what a query needs.
 *
 * It speaks Material's worker protocol (integrations/search/worker/message in Material 9.x):
 * SETUP 0 -> READY 1, QUERY 2 (data: the box's text) -> RESULT 3 (data: { items }), where items
 * is a list of groups, one per essay: the matched pairs, best first, then the essay itself
 * (location without '#', score 0), each { location, title, text, score, terms }.
 * Material never sends SETUP here (partials/search-engine.html keeps it from fetching its own
 * index), so READY is sent as soon as the worker starts, and the manifest, the glossary and the
 * fold table are fetched then: the worker starts when the reader opens search, so they are in
 * before the first query.
 * The partial adds `typing: true` to a QUERY whose text last changed by a key (one character
 * typed or deleted): more keys may follow, so the search waits for them to pause before it
 * fetches. Text that arrives whole (an input method's commit, a paste) is searched at once.
 * Material renders the first 10 groups of a RESULT at once and the rest as the reader scrolls
 * to them, so a query is answered up to three times: with the best pair of each essay whose
 * text comes in one wave of fetches (WAVE), with its first 10 groups, then with them all
 * (`total.listed` says how many the last answer holds).
 * A RESULT also names its query (`query`), so the partial can drop one that the box's text has
 * already left behind (Material would show it under the new text, e.g. "No matching documents").
 *
 * A frequent term's postings may be split (browser_index.py): a search fetches first only
 * the postings of the essays it lists first, which hold its best pairs; a search of several
 * words fetches the rest when those do not settle its answer (settled()).
 * A query is analysed as the build analyses text (tools/essays/analysis.py): English words
 * folded (NFKC), lowercased and stemmed with Snowball English; each Han run as its character
 * bigrams, a single character as itself. Every term must occur in the pair (AND), as
 * `essays search` asks; pairs are ranked by BM25 from the impacts and document frequencies in
 * the index.
 *
 * Loaded in a page (tests), it only defines self.EssaysSearch.
 */
(function (scope) {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var MAX_GROUPS = 20  // essays listed; their pairs' text is fetched, nothing else's
  // typing: fetch for the word being typed once the keys pause, not per key. A burst of keys
  // comes under 80 ms apart (the bench's 20 ms keys, 25-80 ms on a loaded machine); a person's
  // keys 100-300 ms apart, which a longer pause did not save a fetch for, only delayed the
  // last key's answer (150 ms was half of our part of the first results: README, Performance)
  var SETTLE_MS = 80
  var AT_ONCE = 10  // groups Material renders as soon as a RESULT comes (the rest on scrolling)
  // text files Chromium fetches side by side from one host over HTTP/1.1 (6 connections): the
  // first answer holds the groups whose text comes in this one wave, and shows a screen of
  // results a round trip sooner than waiting for the 10-11 files of AT_ONCE groups
  var WAVE = 6
  var TITLE_BOOST = 0.5  // a query word in the essay's title lifts its pairs (as whoosh's essay field)
  var SAME_SCORE = 1e-9  // relative: a sum in another order (browser_index.py)

  /* -- analysis: analysis.py's tokenizer, fold and Snowball English stems ------------------- */

  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ebef}"
  var WORD_CHAR = "(?:(?![" + HAN + "])[\\p{L}\\p{N}])"
  var TOKEN = new RegExp("([" + HAN + "]+)|" + WORD_CHAR + "+(?:['\u2019](?:[stdmSTDM]|re|RE|ve|VE|ll|LL)(?!" +
                         WORD_CHAR + "))?", "gu")
  var STEMMABLE = /^[a-z][a-z']*$/

  var toSimplified = new Map()  // fold.json: Traditional character -> Simplified (analysis.py's t2s)

  function fold(text) {
    text = text.normalize("NFKC").replace(/\u2019/g, "'")
    return toSimplified.get(text) || text
  }

  var HAS_HAN = new RegExp("[" + HAN + "]", "u")
  var folding = null  // Promise: fold.json read into toSimplified

  /* fold.json, once, before a query with Han characters is analysed (強化學習 is 强化学习);
     fetched as the worker starts, so a committed Chinese word does not wait for it. */
  function loadFolding(index) {
    if (!folding) {
      folding = fetchJSON(versioned(index, "fold.json")).then(function (table) {
        var pairs = Array.from(table)
        for (var i = 0; i + 1 < pairs.length; i += 2) toSimplified.set(pairs[i], pairs[i + 1])
      })
      folding.catch(function () { folding = null })
    }
    return folding
  }

  /* The query's terms, each once: [{ term, han }] where han is the folded Han run for
     Chinese terms (to mark it in results) and null for other words. */
  function queryTerms(text) {
    var found = new Map()
    var match
    TOKEN.lastIndex = 0
    while ((match = TOKEN.exec(text)) !== null) {
      if (match[1]) {
        var chars = Array.from(match[1]).map(fold)
        var run = chars.join("")
        if (chars.length === 1) found.set(run, run)
        for (var i = 0; i + 1 < chars.length; i++) found.set(chars[i] + chars[i + 1], run)
      } else {
        var word = fold(match[0]).toLowerCase()
        found.set(STEMMABLE.test(word) ? stem(word) : word, null)
      }
    }
    return Array.from(found, function (entry) { return { term: entry[0], han: entry[1] } })
  }

  function termOf(word) {
    word = fold(word).toLowerCase()
    return STEMMABLE.test(word) ? stem(word) : word
  }

  // The Snowball English stemmer, as algorithms/english.sbl (github.com/snowballstem/snowball)
  // defines it and snowballstemmer runs it for the build (analysis.py); each step is the .sbl
  // routine of its name. tests/browser/test_search_engine.py stems Snowball's whole published
  // vocabulary with it.
  var VOWEL = /[aeiouy]/
  var EXCEPTIONS = {  // exception1: whole words, before anything else
    skis: "ski", skies: "sky", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli",
    only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes"
  }
  // R1 starts after these prefixes, so general and generous keep gener, internal its inter
  var R1_PREFIX = /^(?:gener|commun|arsen|past|univers|later|emerg|organ|inter)/
  var REGION = /[^aeiouy]*[aeiouy]+[^aeiouy]/y  // up to the first non-vowel after a vowel
  var STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
    ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al",
    alli: "al", fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive",
    biliti: "ble", bli: "ble", ogist: "og", ogi: "og", fulli: "ful", lessli: "less", li: ""
  }
  var STEP3 = {
    tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "",
    ness: "", ative: ""
  }
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
               "ism", "ate", "iti", "ous", "ive", "ize", "ion"]
  // Snowball's `among` takes the longest suffix listed; of suffixes ending at $, the leftmost
  // match is the longest one
  function suffixes(list) { return new RegExp("(?:" + list.join("|") + ")$") }
  var STEP2_SUFFIX = suffixes(Object.keys(STEP2)), STEP3_SUFFIX = suffixes(Object.keys(STEP3))
  var STEP4_SUFFIX = suffixes(STEP4)

  function cut(word, n) { return word.slice(0, word.length - n) }

  function regionAfter(word, pos) {
    REGION.lastIndex = pos
    return REGION.exec(word) ? REGION.lastIndex : word.length
  }
  function shortv(word) {  // ends in a short syllable (hop, ap), or in past (pasted -> paste)
    return /[^aeiouy][aeiouy][^aeiouywxY]$|^[aeiouy][^aeiouy]$|past$/.test(word)
  }

  function step1a(word) {
    word = word.replace(/'(?:s'?)?$/, "")  // ' 's 's'
    if (/sses$/.test(word)) return cut(word, 2)
    if (/ie[ds]$/.test(word)) return cut(word, 3) + (word.length > 4 ? "i" : "ie")
    if (/(?:us|ss)$/.test(word)) return word
    if (/s$/.test(word) && VOWEL.test(word.slice(0, -2))) return cut(word, 1)  // gas, this stay
    return word
  }
  function step1b(word, r1) {
    var m = /(?:eed|eedly|ed|edly|ing|ingly)$/.exec(word)
    if (!m) return word
    var before = word.slice(0, m.index)
    if (m[0] === "eed" || m[0] === "eedly") {  // agreed -> agree, but proceed stays
      return m.index >= r1 && !/^(?:proc|exc|succ)$/.test(before) ? before + "ee" : word
    }
    if (m[0] === "ing") {
      if (/^[^aeiouy]y$/.test(before)) return before[0] + "ie"  // dying -> die
      if (/^(?:inn|out|cann|herr|earr|even)$/.test(before)) return word  // inning, evening
    }
    if (!VOWEL.test(before)) return word  // sing, bed
    if (/(?:at|bl|iz)$/.test(before)) return before + "e"  // luxuriat -> luxuriate
    if (/(?:bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(before)) {
      return /^[aeo]..$/.test(before) ? before : cut(before, 1)  // add, ebb, err stay; hopp -> hop
    }
    return before.length === r1 && shortv(before) ? before + "e" : before  // hop -> hope
  }
  function step1c(word) {  // cry -> cri, by stays
    return /.[^aeiouy][yY]$/.test(word) ? cut(word, 1) + "i" : word
  }
  function step2(word, r1) {
    var m = STEP2_SUFFIX.exec(word)
    if (!m || m.index < r1) return word
    var before = word.slice(0, m.index)
    if (m[0] === "ogi" && !/l$/.test(before)) return word
    if (m[0] === "li" && !/[cdeghkmnrt]$/.test(before)) return word
    return before + STEP2[m[0]]
  }
  function step3(word, r1, r2) {
    var m = STEP3_SUFFIX.exec(word)
    if (!m || m.index < r1 || (m[0] === "ative" && m.index < r2)) return word
    return word.slice(0, m.index) + STEP3[m[0]]
  }
  function step4(word, r2) {
    var m = STEP4_SUFFIX.exec(word)
    if (!m || m.index < r2) return word
    if (m[0] === "ion" && !/[st]$/.test(word.slice(0, m.index))) return word
    return word.slice(0, m.index)
  }
  function step5(word, r1, r2) {
    var last = word.length - 1
    if (word[last] === "e" && (last >= r2 || (last >= r1 && !shortv(word.slice(0, last))))) {
      return word.slice(0, last)
    }
    if (word[last] === "l" && last >= r2 && word[last - 1] === "l") return word.slice(0, last)
    return word
  }

  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word]
    if (word.length < 3) return word
    // prelude: a leading apostrophe goes; a y that is a consonant (first, or after a vowel) is Y
    word = word.replace(/^'/, "").replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y")
    var prefix = R1_PREFIX.exec(word)
    var r1 = prefix ? prefix[0].length : regionAfter(word, 0), r2 = regionAfter(word, r1)
    word = step1c(step1b(step1a(word), r1))
    word = step5(step4(step3(step2(word, r1), r1, r2), r2), r1, r2)
    return word.replace(/Y/g, "y")
  }

  /* -- the index: fetched on demand, each file once ---------------------------------------- */

  var ROOT = new URL("../../search/shards/", scope.location.href)
  var files = new Map()  // path -> Promise of its JSON
  var lists = new Map()  // term -> Promise of { df, docs, impacts } or null
  var bests = new Map()  // term -> Promise of what a one-word search needs (firstPostings)
  var manifest = null

  function fetchJSON(path, init) {
    if (!files.has(path)) {
      var loading = fetch(new URL(path, ROOT), init).then(function (response) {
        if (!response.ok) throw new Error(path + ": HTTP " + response.status)
        return response.json()
      })
      loading.catch(function () { files.delete(path) })  // a failed fetch is tried again
      files.set(path, loading)
    }
    return files.get(path)
  }

  function loadManifest() {
    // revalidated once per worker, so a rebuilt site is seen; every other file is versioned
    if (!manifest) {
      manifest = fetchJSON("manifest.json", { cache: "no-cache" })
      manifest.catch(function () { manifest = null })
    }
    return manifest
  }

  function versioned(index, path) { return path + "?v=" + index.version }

  function hash(term) {  // browser_index.term_hash: FNV-1a over code points
    var h = 0x811c9dc5
    for (var char of term) h = Math.imul(h ^ char.codePointAt(0), 0x01000193) >>> 0
    return h
  }

  /* A term's entry in its terms file: [df, postings, titles?], or null. */
  function entryOf(index, term) {
    var shard = "terms/" + (hash(term) % index.shards) + ".json"
    return fetchJSON(versioned(index, shard)).then(function (terms) {
      return Object.prototype.hasOwnProperty.call(terms, term) ? terms[term] : null
    })
  }

  function postingsFile(index, name) { return fetchJSON(versioned(index, "postings/" + name + ".json")) }

  /* Every posting of a term: { df, docs, impacts, titles }, or null when no pair has it. */
  function postings(index, term) {
    if (!lists.has(term)) {
      lists.set(term, entryOf(index, term).then(function (entry) {
        if (!entry) return null
        var titles = entry[2] ? decode(entry[2].length / 2, entry[2]) : null
        var files = typeof entry[1] === "string" ? [entry[1]]
          : Array.isArray(entry[1]) ? null : [entry[1].best, entry[1].rest]
        if (!files) return withTitles(decode(entry[0], entry[1]), titles)
        return Promise.all(files.map(function (name) { return postingsFile(index, name) }))
          .then(function (parts) { return withTitles(merge(parts.map(unpack)), titles) })
      }))
      lists.get(term).catch(function () { lists.delete(term) })
    }
    return lists.get(term)
  }

  /* What a one-word search needs of a term: of a split term (browser_index.py), the postings
     of the essays it lists first, which hold the best pairs, with `essays` (how many have the
     term); of any other, every posting. */
  function firstPostings(index, term) {
    if (lists.has(term)) return lists.get(term)
    if (!bests.has(term)) {
      bests.set(term, entryOf(index, term).then(function (entry) {
        var split = entry && entry[1] && !Array.isArray(entry[1]) && typeof entry[1] === "object"
        if (!split || entry[1].listed < MAX_GROUPS) return postings(index, term)
        return postingsFile(index, entry[1].best).then(function (packed) {
          var list = unpack(packed)
          list.df = entry[0]  // BM25 counts every pair that has it
          list.essays = entry[1].essays
          list.most = entry[1].most  // the highest impact not in this file
          return withTitles(list, entry[2] ? decode(entry[2].length / 2, entry[2]) : null)
        })
      }))
      bests.get(term).catch(function () { bests.delete(term) })
    }
    return bests.get(term)
  }

  function decode(count, gaps) {
    var docs = new Int32Array(count), impacts = new Uint8Array(count), doc = -1
    for (var i = 0; i < count; i++) {
      doc += gaps[2 * i] + 1
      docs[i] = doc
      impacts[i] = gaps[2 * i + 1]
    }
    return { df: count, docs: docs, impacts: impacts }
  }

  /* A postings file: [levels, ranks, gaps] (packed.py) */
  function unpack(packed) {
    var levels = packed[0], ranks = packed[1], gaps = packed[2], count = ranks.length
    var docs = new Int32Array(count), impacts = new Uint8Array(count), doc = -1, at = 0
    for (var i = 0; i < count; i++) {
      var gap = gaps.charCodeAt(at++) - 48
      if (gap === 0xc000) gap = (gaps.charCodeAt(at++) - 48) * 0x4000 + gaps.charCodeAt(at++) - 48
      docs[i] = doc += gap + 1
      impacts[i] = levels[ranks.charCodeAt(i) - 48]
    }
    return { df: count, docs: docs, impacts: impacts }
  }

  /* Decoded lists over disjoint documents as one. */
  function merge(parts) {
    if (parts.length === 1) return parts[0]
    var postings = []
    parts.forEach(function (list) {
      for (var i = 0; i < list.docs.length; i++) postings.push([list.docs[i], list.impacts[i]])
    })
    postings.sort(function (a, b) { return a[0] - b[0] })
    var docs = new Int32Array(postings.length), impacts = new Uint8Array(postings.length)
    postings.forEach(function (p, i) { docs[i] = p[0]; impacts[i] = p[1] })
    return { df: postings.length, docs: docs, impacts: impacts }
  }

  function withTitles(list, titles) {
    list.titles = titles  // { df, docs: essay numbers, impacts } or null
    return list
  }

  /* -- ranking: every term in the pair, BM25 ------------------------------------------------ */

  function bm25(index, count, list) {  // a list's weight per impact level
    var idf = Math.log(1 + (count - list.df + 0.5) / (list.df + 0.5))
    return idf * (index.k1 + 1) / index.levels
  }

  /* The bonus of each essay whose title has query terms. */
  function titleBonus(index, found) {
    var bonus = new Map()
    found.forEach(function (list) {
      if (!list.titles) return
      var weight = (index.title_boost || TITLE_BOOST) * bm25(index, index.essays, list.titles)
      list.titles.docs.forEach(function (essay, i) {
        bonus.set(essay, (bonus.get(essay) || 0) + weight * list.titles.impacts[i])
      })
    })
    return bonus
  }

  function rank(index, found) {
    found = found.slice().sort(function (a, b) { return a.df - b.df })
    var docs = Array.from(found[0].docs), scores = new Float64Array(docs.length)
    found.forEach(function (list) {
      var weight = bm25(index, index.docs, list), length = list.docs.length
      var kept = [], keptScores = [], j = 0
      for (var i = 0; i < docs.length; i++) {
        while (j < length && list.docs[j] < docs[i]) j++
        if (j < length && list.docs[j] === docs[i]) {
          kept.push(docs[i])
          keptScores.push(scores[i] + weight * list.impacts[j])
        }
      }
      docs = kept
      scores = keptScores
    })
    var bonus = titleBonus(index, found)
    return docs.map(function (doc, i) {
      return { doc: doc, score: scores[i] + (bonus.get(Math.floor(doc / index.stride)) || 0) }
    })
      .sort(function (a, b) { return b.score - a.score || a.doc - b.doc })
  }

  /* Whether the first MAX_GROUPS essays ranked from first files (lists with `most`) are those
     every posting gives: no essay that a list lacks can score as high (README, "Several
     words"). */
  function settled(index, found, groups) {
    if (groups.length < MAX_GROUPS) return false
    var floor = groups[MAX_GROUPS - 1][1][0].score
    var bonus = titleBonus(index, found)
    var parts = found.map(function (list) {
      var best = new Map()
      for (var i = 0; i < list.docs.length; i++) {
        var essay = Math.floor(list.docs[i] / index.stride)
        best.set(essay, Math.max(best.get(essay) || 0, list.impacts[i]))
      }
      return { weight: bm25(index, index.docs, list), best: best, most: list.most }
    })
    for (var essay = 0; essay < index.essays; essay++) {
      var bound = essayBound(parts, essay, bonus.get(essay) || 0)
      if (bound !== null && bound * (1 + SAME_SCORE) >= floor) return false
    }
    return true
  }

  /* What an essay can score at most; null if ranked exactly or if it cannot match. */
  function essayBound(parts, essay, bound) {
    var whole = true
    for (var part of parts) {
      var level = part.best.get(essay)
      if (level === undefined && part.most === undefined) return null
      if (level === undefined) { level = part.most; whole = false }
      bound += part.weight * level
    }
    return whole ? null : bound
  }

  function groupByEssay(index, hits) {
    var groups = new Map()
    hits.forEach(function (hit) {
      var essay = Math.floor(hit.doc / index.stride)
      if (!groups.has(essay)) groups.set(essay, [])
      groups.get(essay).push(hit)
    })
    return Array.from(groups)
  }

  /* -- results: the shape Material's UI renders --------------------------------------------- */

  function textFile(index, essay, pair) {
    return versioned(index, "text/" + essay + "-" + Math.floor(pair / index.bucket) + ".json")
  }

  function item(index, essay, hits, texts, wanted) {
    var first = null, every = {}
    var pairs = hits.map(function (hit) {
      var i = hit.doc % index.stride
      var text = texts.get(textFile(index, essay, i))
      first = first || text
      var pair = text.pairs[i % index.bucket]
      var enAt = firstAt(pair[1], wanted), zhAt = firstAt(pair[2], wanted)
      var en = snippet(pair[1], wanted, SNIPPET.en, zhAt), zh = snippet(pair[2], wanted, SNIPPET.zh, enAt)
      var hant = snippet(pair[3] || pair[2], wanted, SNIPPET.zh, enAt)
      var terms = {}
      en.words.concat(zh.words, hant.words).forEach(function (word) { terms[word] = every[word] = true })
      return {
        location: text.url + "#p" + pair[0],
        title: "\u00b6" + pair[0],
        // both scripts, the page's stylesheet shows the reader's (html[data-script])
        text: '<p><span lang="en">' + en.html + '</span> <span lang="zh-Hans" data-script="hans">' +
          zh.html + '</span><span lang="zh-Hant" data-script="hant">' + hant.html + "</span></p>",
        score: hit.score,
        terms: terms
      }
    })
    // Material renders title and text as HTML: the title is text, escaped as the pairs are.
    // Its link carries the words of every pair listed (Material makes `?h=` of them).
    pairs.push({ location: first.url, title: titleHtml(first.title), text: "", score: 0, terms: every })
    return pairs
  }

  /* "English · 中文" in both orders, as the page's interface words are (.ui: the Chinese first
     in 中文 mode); any other title as it is. */
  function titleHtml(title) {
    var halves = title.split(" \u00b7 ")
    if (halves.length !== 2) return escape(title)
    var en = escape(halves[0]), zh = escape(halves[1])
    return '<span class="ui" lang="en">' + en + " \u00b7 " + zh + "</span>" +
      '<span class="ui" lang="zh-Hans">' + zh + " \u00b7 " + en + "</span>"
  }

  /* A result shows a window of each half around its first match, in characters: about two
     lines of the result list, either language. */
  var SNIPPET = { en: 180, zh: 80 }

  /* Where a text's first match is, as a fraction of its length; -1 without one. */
  function firstAt(text, wanted) {
    var first = mark(text, wanted).first
    return first < 0 ? -1 : first / text.length
  }

  /* mark() on the part of `text` around its first match, cut at spaces where there are any,
     an ellipsis where text was left out. A half with no match of its own (the words were in
     the other language) shows the part at the other half's match (`hint`, a fraction). */
  function snippet(text, wanted, size, hint) {
    var whole = mark(text, wanted)
    if (text.length <= size) return whole
    var at = whole.first >= 0 ? whole.first : Math.round(Math.max(hint || 0, 0) * text.length)
    var start = Math.max(0, Math.min(at - Math.floor(size / 4), text.length - size))
    var end = Math.min(text.length, start + size)
    if (start > 0) start = wordStart(text, start, at)
    if (end < text.length) end = wordEnd(text, end)
    var part = mark(text.slice(start, end), wanted)
    part.html = (start > 0 ? "\u2026" : "") + part.html + (end < text.length ? "\u2026" : "")
    return part
  }

  function wordStart(text, start, limit) {
    var space = text.indexOf(" ", start)
    return space >= 0 && space < limit && space - start < 20 ? space + 1 : start
  }

  function wordEnd(text, end) {
    var space = text.lastIndexOf(" ", end)
    return space > end - 20 ? space : end
  }

  /* The text as HTML with the query's matches marked, and the words marked. */
  function mark(text, wanted) {
    var ranges = [], match
    TOKEN.lastIndex = 0
    while ((match = TOKEN.exec(text)) !== null) {
      if (!match[1] && wanted.words.has(termOf(match[0])))
        ranges.push([match.index, match.index + match[0].length])
    }
    var folded = Array.from(text).map(fold).join("")
    var plain = folded.length === text.length ? folded : text  // offsets must stay the same
    wanted.runs.forEach(function (run) {
      for (var at = plain.indexOf(run); at >= 0; at = plain.indexOf(run, at + run.length))
        ranges.push([at, at + run.length])
    })
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] })
    var html = "", words = [], last = 0
    ranges.forEach(function (range) {
      if (range[0] < last) return
      var word = text.slice(range[0], range[1])
      html += escape(text.slice(last, range[0])) + "<mark>" + escape(word) + "</mark>"
      if (words.indexOf(word) < 0) words.push(word)
      last = range[1]
    })
    return { html: html + escape(text.slice(last)), words: words,
             first: ranges.length ? ranges[0][0] : -1 }
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]
    })
  }

  /* The text files of these groups' pairs, into `texts` (path -> JSON). */
  function loadTexts(index, groups, texts) {
    var paths = textPaths(index, groups, new Set())
    return Promise.all(Array.from(paths, function (path) {
      return fetchJSON(path).then(function (text) { texts.set(path, text) })
    }))
  }

  /* The text files the pairs of `groups` are in, added to `paths`. */
  function textPaths(index, groups, paths) {
    groups.forEach(function (group) {
      group[1].forEach(function (hit) { paths.add(textFile(index, group[0], hit.doc % index.stride)) })
    })
    return paths
  }

  /* The answers to a query, each a list of groups: first the essays whose best pair's text
     comes in one wave of fetches (WAVE, at least one essay), each with that pair alone
     (Material folds an essay's other pairs under "N more on this page"); then the AT_ONCE
     groups Material renders at once; then every group listed. The first is left out when the
     wave holds every pair of the second; the last when it is the second. */
  function answerParts(index, shown) {
    var paths = new Set(), wave = 0
    for (; wave < shown.length; wave++) {
      var more = textPaths(index, [bestPair(shown[wave])], new Set(paths))
      if (wave > 0 && more.size > WAVE) break
      paths = more
    }
    var screen = shown.slice(0, AT_ONCE), parts = [screen]
    if (textPaths(index, screen, new Set()).size > WAVE) parts.unshift(shown.slice(0, wave).map(bestPair))
    if (shown.length > AT_ONCE) parts.push(shown)
    return parts
  }

  function bestPair(group) { return [group[0], group[1].slice(0, 1)] }

  /* -- glossary expansion: terms.expand.py's, for the browser --------------------------------- */

  var glossary = null  // [[en, [approved], [forbidden]], ...] from glossary.json ([] without one)

  async function loadGlossary(index) {
    if (glossary) return glossary
    try { glossary = await fetchJSON(versioned(index, "glossary.json")) } catch (e) { glossary = [] }
    return glossary
  }

  /* The query as groups of alternatives, each alternative a list of terms: every query term
     its own group, except where the query names a glossary term (in English by stems, in
     Chinese by an approved or forbidden rendering): that part is one group, the term or any
     of its translations. null when the query names no term, or is written in the syntax. */
  function glossaryGroups(query, entries) {
    if (!entries.length || /["():*]|\b(?:AND|OR|NOT)\b/.test(query)) return null
    var words = [], match
    TOKEN.lastIndex = 0
    while ((match = TOKEN.exec(query)) !== null) {  // (queryTerms uses TOKEN too: terms after)
      if (!match[1]) words.push({ start: match.index, end: match.index + match[0].length, text: match[0] })
    }
    words.forEach(function (word) { word.term = queryTerms(word.text)[0].term })
    var spans = [], folded = Array.from(query).map(fold).join("")
    entries.forEach(function (entry) {
      var stems = queryTerms(entry[0]).map(function (t) { return t.term })
      for (var i = 0; i + stems.length <= words.length; i++) {
        if (stems.every(function (s, k) { return words[i + k].term === s }))
          spans.push([words[i].start, words[i + stems.length - 1].end, entry])
      }
      entry[1].concat(entry[2]).forEach(function (rendering) {
        var form = Array.from(rendering).map(fold).join("")
        for (var at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + form.length))
          spans.push([at, at + form.length, entry])
      })
    })
    if (!spans.length) return null
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] })
    var groups = [], last = 0
    function plain(text) { queryTerms(text).forEach(function (t) { groups.push([[t]]) }) }
    spans.forEach(function (span) {
      if (span[0] < last) return  // inside a longer term already taken
      plain(query.slice(last, span[0]))
      var forms = [query.slice(span[0], span[1]), span[2][0]].concat(span[2][1])
      groups.push(forms.map(queryTerms))
      last = span[1]
    })
    plain(query.slice(last))
    return groups
  }

  /* Pairs that have, for every group, all the terms of one of its alternatives: scored with
     the best alternative's BM25 sum, groups added. */
  async function rankGroups(index, groups) {
    var total = null
    for (var group of groups) {
      var best = new Map()
      for (var alternative of group) {
        var lists = await Promise.all(alternative.map(function (t) { return postings(index, t.term) }))
        if (!lists.length || lists.some(function (list) { return !list })) continue
        rank(index, lists).forEach(function (hit) {
          best.set(hit.doc, Math.max(best.get(hit.doc) || 0, hit.score))
        })
      }
      if (total === null) total = best
      else total = new Map(Array.from(total).filter(function (e) { return best.has(e[0]) })
        .map(function (e) { return [e[0], e[1] + best.get(e[0])] }))
    }
    return Array.from(total || [], function (e) { return { doc: e[0], score: e[1] } })
      .sort(function (a, b) { return b.score - a.score || a.doc - b.doc })
  }

  /* Answer `query` through reply(data): for the first AT_ONCE groups, then for all. */
  async function search(query, typing, ticket, reply) {
    var index = await loadManifest()
    if (HAS_HAN.test(query)) await loadFolding(index)
    var groups = glossaryGroups(query, await loadGlossary(index))
    var terms = groups ? [].concat.apply([], [].concat.apply([], groups)) : queryTerms(query)
    if (!terms.length) return reply({ items: [] })
    var one = !groups && terms.length === 1  // a one-word search: a split term's best essays do
    var cached = one ? function (t) { return lists.has(t.term) || bests.has(t.term) }
      : function (t) { return lists.has(t.term) }
    if (typing && !terms.every(cached)) {
      await new Promise(function (resolve) { setTimeout(resolve, SETTLE_MS) })
      if (ticket !== latest) return  // another key came: this query is gone
    }
    var hits, found = null, early = false
    if (groups) {
      hits = await rankGroups(index, groups)
    } else {
      found = await Promise.all(terms.map(function (t) { return firstPostings(index, t.term) }))
      if (found.some(function (list) { return !list })) return reply({ items: [] })
      hits = rank(index, found)
      var partial = !one && found.some(function (list) { return list.most !== undefined })
      if (partial && settled(index, found, groupByEssay(index, hits))) {
        early = true
      } else if (partial) {
        if (ticket !== latest) return
        found = await Promise.all(terms.map(function (t) { return postings(index, t.term) }))
        hits = rank(index, found)
      }
    }
    if (ticket !== latest) return  // a newer query came meanwhile: fetch no text for this one
    var groupsByEssay = groupByEssay(index, hits)
    var shown = groupsByEssay.slice(0, MAX_GROUPS)
    var total = {
      essays: groupsByEssay.length, listed: shown.length,
      pairs: groupsByEssay.reduce(function (n, g) { return n + g[1].length }, 0)
    }
    if (one && found[0].essays) total = { essays: found[0].essays, listed: shown.length, pairs: found[0].df }
    if (early) total.more = true  // more may match than the first files hold
    var wanted = {
      words: new Set(terms.filter(function (t) { return !t.han }).map(function (t) { return t.term })),
      runs: new Set(terms.filter(function (t) { return t.han }).map(function (t) { return t.han }))
    }
    var texts = new Map()
    for (var part of answerParts(index, shown)) {
      await loadTexts(index, part, texts)
      if (ticket !== latest) return
      reply({
        items: part.map(function (group) { return item(index, group[0], group[1], texts, wanted) }),
        total: total
      })
    }
  }

  /* -- the protocol ------------------------------------------------------------------------- */

  var latest = 0

  async function answer(query, typing) {
    var ticket = ++latest
    function reply(data) {  // only for the latest query: an older one's answer is stale
      if (ticket === latest) scope.postMessage({ type: RESULT, data: data, query: query })
    }
    try {
      await search(query, typing, ticket, reply)
    } catch (error) {
      console.warn("essays search: " + error)
      reply({ items: [] })
    }
  }

  scope.EssaysSearch = { stem: stem, queryTerms: queryTerms, hash: hash, mark: mark, item: item,
                         snippet: snippet,
                         glossaryGroups: glossaryGroups }

  if (typeof WorkerGlobalScope !== "undefined" && scope instanceof WorkerGlobalScope) {
    scope.addEventListener("message", function (event) {
      var message = event.data || {}
      if (message.type === SETUP) scope.postMessage({ type: READY })
      else if (message.type === QUERY) answer(String(message.data || ""), message.typing === true)
    })
    scope.postMessage({ type: READY })
    // every search needs the manifest and the glossary first, a Chinese one the fold table:
    // fetch them now, side by side, while the reader types
    loadManifest().then(function (index) {
      return Promise.all([loadGlossary(index), loadFolding(index)])
    }).catch(function () {})
  }
})(self)
