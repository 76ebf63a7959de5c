/*
 * Essays search worker: answers Material's search UI from the sharded index that
 * tools/essays/browser_index.py writes under search/shards/, fetching only what a query needs.
 *
 * It speaks Material's worker protocol (integrations/search/worker/message in Material 9.x):
 * SETUP 0 -> READY 1, QUERY 2 (data: the box's text) -> RESULT 3 (data: { items }), where items
 * is a list of groups, one per essay: the matched pairs, best first, then the essay itself
 * (location without '#', score 0), each { location, title, text, score, terms }.
 * Material never sends SETUP here (partials/search-engine.html keeps it from fetching its own
 * index), so READY is sent as soon as the worker starts, and the manifest is fetched then: the
 * worker starts when the reader opens search, so the manifest is in before the first query.
 * The partial adds `typing: true` to a QUERY whose text last changed by a key (one character
 * typed or deleted): more keys may follow, so the search waits for them to pause before it
 * fetches. Text that arrives whole (an input method's commit, a paste) is searched at once.
 * Material renders the first 10 groups of a RESULT at once and the rest as the reader scrolls
 * to them, so a query is answered twice: with its first 10 groups as soon as their text is in,
 * then with them all (`total.listed` says how many the second answer holds).
 * A RESULT also names its query (`query`), so the partial can drop one that the box's text has
 * already left behind (Material would show it under the new text, e.g. "No matching documents").
 *
 * A query is analysed as the build analyses text (tools/essays/analysis.py): English words
 * folded (NFKC), lowercased and stemmed with porter2; each Han run as its character bigrams, a
 * single character as itself. Every term must occur in the pair (AND), as `essays search` asks;
 * pairs are ranked by BM25 from the impacts and document frequencies in the index.
 *
 * Loaded in a page (tests), it only defines self.EssaysSearch.
 */
(function (scope) {
  "use strict"

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var MAX_GROUPS = 20  // essays listed; their pairs' text is fetched, nothing else's
  var SETTLE_MS = 150  // typing: fetch for the word being typed once the keys pause, not per key
  var AT_ONCE = 10  // groups Material renders as soon as a RESULT comes (the rest on scrolling)
  var TITLE_BOOST = 0.5  // a query word in the essay's title lifts its pairs (as whoosh's essay field)

  /* -- analysis: analysis.py's tokenizer, fold and porter2 --------------------------------- */

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

  /* fold.json, once, before a query with Han characters is analysed (強化學習 is 强化学习). */
  async function loadFolding(index, query) {
    if (toSimplified.size || !new RegExp("[" + HAN + "]", "u").test(query)) return
    var pairs = Array.from(await fetchJSON(versioned(index, "fold.json")))
    for (var i = 0; i + 1 < pairs.length; i += 2) toSimplified.set(pairs[i], pairs[i + 1])
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

  // porter2, as whoosh.lang.porter2 (tests/browser/test_porter2.py compares them word by word)
  var R_EXP = /[^aeiouy]*[aeiouy]+[^aeiouy](\w*)/y
  var EXCEPTIONAL = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
    gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky",
    news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  }
  var EARLY_EXIT = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]
  var DOUBLES = ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]
  var S2 = [
    ["ization", "ize", []], ["ational", "ate", []], ["fulness", "ful", []], ["ousness", "ous", []],
    ["iveness", "ive", []], ["tional", "tion", []], ["biliti", "ble", []], ["lessli", "less", []],
    ["entli", "ent", []], ["ation", "ate", []], ["alism", "al", []], ["aliti", "al", []],
    ["ousli", "ous", []], ["iviti", "ive", []], ["fulli", "ful", []], ["enci", "ence", []],
    ["anci", "ance", []], ["abli", "able", []], ["izer", "ize", []], ["ator", "ate", []],
    ["alli", "al", []], ["bli", "ble", []], ["ogi", "og", ["l"]],
    ["li", "", ["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"]]
  ]
  var S3 = [
    ["ational", "ate", false], ["tional", "tion", false], ["alize", "al", false],
    ["icate", "ic", false], ["iciti", "ic", false], ["ative", "", true], ["ical", "ic", false],
    ["ness", "", false], ["ful", "", false]
  ]
  var S4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism",
            "ate", "iti", "ous", "ive", "ize"]

  function ends(word, suffix) { return word.slice(-suffix.length) === suffix && word.length >= suffix.length }
  function cut(word, n) { return word.slice(0, word.length - n) }

  function rAfter(word, pos) {
    R_EXP.lastIndex = pos
    var m = R_EXP.exec(word)
    return m ? m.index + m[0].length - m[1].length : word.length
  }
  function getR1(word) {
    if (word.startsWith("gener") || word.startsWith("arsen")) return 5
    if (word.startsWith("commun")) return 6
    return rAfter(word, 0)
  }
  function getR2(word) { return rAfter(word, getR1(word)) }

  function endsWithShortSyllable(word) {
    if (word.length === 2 && /^[aeiouy][^aeiouy]$/.test(word)) return true
    return /^.*[^aeiouy][aeiouy][^aeiouywxY]$/.test(word)
  }
  function isShortWord(word) { return endsWithShortSyllable(word) && getR1(word) === word.length }

  function step0(word) {
    if (ends(word, "'s'")) return cut(word, 3)
    if (ends(word, "'s")) return cut(word, 2)
    if (ends(word, "'")) return cut(word, 1)
    return word
  }
  function step1a(word) {
    if (ends(word, "sses")) return cut(word, 4) + "ss"
    if (ends(word, "ied") || ends(word, "ies")) return cut(word, 3) + (word.length > 4 ? "i" : "ie")
    if (ends(word, "us") || ends(word, "ss")) return word
    if (ends(word, "s")) {
      var preceding = cut(word, 1)
      return /[aeiouy]./.test(preceding) ? preceding : word
    }
    return word
  }
  function step1bHelper(word) {
    if (ends(word, "at") || ends(word, "bl") || ends(word, "iz")) return word + "e"
    if (DOUBLES.some(function (d) { return ends(word, d) })) return cut(word, 1)
    if (isShortWord(word)) return word + "e"
    return word
  }
  function step1b(word, r1) {
    if (ends(word, "eedly")) return word.length - 5 >= r1 ? cut(word, 3) : word
    if (ends(word, "eed")) return word.length - 3 >= r1 ? cut(word, 1) : word
    var suffixes = ["ed", "edly", "ing", "ingly"]
    for (var i = 0; i < suffixes.length; i++) {
      if (ends(word, suffixes[i])) {
        var preceding = cut(word, suffixes[i].length)
        return /[aeiouy]/.test(preceding) ? step1bHelper(preceding) : word
      }
    }
    return word
  }
  function step1c(word) {
    if (ends(word, "y") || (ends(word, "Y") && word.length > 1)) {
      if ("aeiouy".indexOf(word[word.length - 2]) < 0 && word.length > 2) return cut(word, 1) + "i"
    }
    return word
  }
  function step2(word, r1) {
    for (var i = 0; i < S2.length; i++) {
      var end = S2[i][0], repl = S2[i][1], prev = S2[i][2], attempt = null
      if (ends(word, end)) {
        attempt = word
        if (word.length - end.length >= r1) {
          var stemmed = cut(word, end.length)
          if (!prev.length || prev.some(function (p) { return ends(stemmed, p) })) attempt = stemmed + repl
        }
      }
      if (attempt) return attempt
    }
    return word
  }
  function step3(word, r1, r2) {
    for (var i = 0; i < S3.length; i++) {
      var end = S3[i][0], repl = S3[i][1], needsR2 = S3[i][2], attempt = null
      if (ends(word, end)) {
        attempt = word
        var at = word.length - end.length
        if (at >= r1 && (!needsR2 || at >= r2)) attempt = cut(word, end.length) + repl
      }
      if (attempt) return attempt
    }
    return word
  }
  function step4(word, r2) {
    for (var i = 0; i < S4.length; i++) {
      if (ends(word, S4[i])) return word.length - S4[i].length >= r2 ? cut(word, S4[i].length) : word
    }
    if ((ends(word, "sion") || ends(word, "tion")) && word.length - 3 >= r2) return cut(word, 3)
    return word
  }
  function step5(word, r1, r2) {
    if (ends(word, "l")) return word.length - 1 >= r2 && word[word.length - 2] === "l" ? cut(word, 1) : word
    if (ends(word, "e")) {
      if (word.length - 1 >= r2) return cut(word, 1)
      if (word.length - 1 >= r1 && !endsWithShortSyllable(cut(word, 1))) return cut(word, 1)
    }
    return word
  }

  function stem(word) {
    if (word.length <= 2) return word
    if (word.startsWith("'")) word = word.slice(1)
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONAL, word)) return EXCEPTIONAL[word]
    if (word.startsWith("y")) word = "Y" + word.slice(1)
    word = word.replace(/([aeiouy])y/g, "$1Y")
    var r1 = getR1(word), r2 = getR2(word)
    word = step1a(step0(word))
    if (EARLY_EXIT.indexOf(word) >= 0) return word
    word = step1c(step1b(word, r1))
    word = step5(step4(step3(step2(word, r1), r1, r2), r2), r1, r2)
    return word.replace(/Y/g, "y")
  }

  /* -- the index: fetched on demand, each file once ---------------------------------------- */

  var ROOT = new URL("../../search/shards/", scope.location.href)
  var files = new Map()  // path -> Promise of its JSON
  var lists = new Map()  // term -> Promise of { df, docs, impacts } or null
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

  function postings(index, term) {
    if (!lists.has(term)) {
      var shard = "terms/" + (hash(term) % index.shards) + ".json"
      lists.set(term, fetchJSON(versioned(index, shard)).then(function (terms) {
        var entry = Object.prototype.hasOwnProperty.call(terms, term) ? terms[term] : null
        if (!entry) return null
        var titles = entry[2] ? decode(entry[2].length / 2, entry[2]) : null
        if (typeof entry[1] !== "string") return withTitles(decode(entry[0], entry[1]), titles)
        return fetchJSON(versioned(index, "postings/" + entry[1] + ".json")).then(function (gaps) {
          return withTitles(decode(entry[0], gaps), titles)
        })
      }))
      lists.get(term).catch(function () { lists.delete(term) })
    }
    return lists.get(term)
  }

  function decode(df, gaps) {
    var docs = new Int32Array(df), impacts = new Uint8Array(df), doc = -1
    for (var i = 0; i < df; i++) {
      doc += gaps[2 * i] + 1
      docs[i] = doc
      impacts[i] = gaps[2 * i + 1]
    }
    return { df: df, docs: docs, impacts: impacts }
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
      var weight = TITLE_BOOST * bm25(index, index.essays, list.titles)
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
      var weight = bm25(index, index.docs, list)
      var kept = [], keptScores = [], j = 0
      for (var i = 0; i < docs.length; i++) {
        while (j < list.df && list.docs[j] < docs[i]) j++
        if (j < list.df && list.docs[j] === docs[i]) {
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
    var first = null
    var pairs = hits.map(function (hit) {
      var i = hit.doc % index.stride
      var text = texts.get(textFile(index, essay, i))
      first = first || text
      var pair = text.pairs[i % index.bucket]
      var en = mark(pair[1], wanted), zh = mark(pair[2], wanted), hant = mark(pair[3] || pair[2], wanted)
      var terms = {}
      en.words.concat(zh.words, hant.words).forEach(function (word) { terms[word] = true })
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
    // Material renders title and text as HTML: the title is text, escaped as the pairs are
    pairs.push({ location: first.url, title: escape(first.title), text: "", score: 0, terms: {} })
    return pairs
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
    return { html: html + escape(text.slice(last)), words: words }
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]
    })
  }

  /* The text files of these groups' pairs, into `texts` (path -> JSON). */
  function loadTexts(index, groups, texts) {
    var paths = new Set()
    groups.forEach(function (group) {
      group[1].forEach(function (hit) { paths.add(textFile(index, group[0], hit.doc % index.stride)) })
    })
    return Promise.all(Array.from(paths, function (path) {
      return fetchJSON(path).then(function (text) { texts.set(path, text) })
    }))
  }

  /* Answer `query` through reply(data): for the first AT_ONCE groups, then for all. */
  async function search(query, typing, ticket, reply) {
    await loadFolding(await loadManifest(), query)
    var terms = queryTerms(query)
    if (!terms.length) return reply({ items: [] })
    if (typing && !terms.every(function (t) { return lists.has(t.term) })) {
      await new Promise(function (resolve) { setTimeout(resolve, SETTLE_MS) })
      if (ticket !== latest) return  // another key came: this query is gone
    }
    var index = await loadManifest()
    var found = await Promise.all(terms.map(function (t) { return postings(index, t.term) }))
    if (found.some(function (list) { return !list })) return reply({ items: [] })
    var groups = groupByEssay(index, rank(index, found))
    var shown = groups.slice(0, MAX_GROUPS)
    var total = {
      essays: groups.length, listed: shown.length,
      pairs: groups.reduce(function (n, g) { return n + g[1].length }, 0)
    }
    var wanted = {
      words: new Set(terms.filter(function (t) { return !t.han }).map(function (t) { return t.term })),
      runs: new Set(terms.filter(function (t) { return t.han }).map(function (t) { return t.han }))
    }
    var texts = new Map()
    for (var part of shown.length > AT_ONCE ? [shown.slice(0, AT_ONCE), shown] : [shown]) {
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

  scope.EssaysSearch = { stem: stem, queryTerms: queryTerms, hash: hash, mark: mark, item: item }

  if (typeof WorkerGlobalScope !== "undefined" && scope instanceof WorkerGlobalScope) {
    scope.addEventListener("message", function (event) {
      var message = event.data || {}
      if (message.type === SETUP) scope.postMessage({ type: READY })
      else if (message.type === QUERY) answer(String(message.data || ""), message.typing === true)
    })
    scope.postMessage({ type: READY })
    loadManifest().catch(function () {})  // every search needs it first: fetch it now
  }
})(self)
