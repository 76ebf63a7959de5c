/*
 * Essays: the reading-language toggle, reveal-a-translation-on-click, and landing on a pair.
 *
 * The mode lives in <html data-lang-mode="both|en|zh"> and the script of the Chinese in
 * <html data-script="hans|hant">, set before first paint by partials/choices.html and kept by
 * essays-choices.js; CSS does all the showing and hiding. This script says what else a change
 * of them changes (a revealed translation hides, the interface's words follow the mode),
 * also across Material's instant navigation (which swaps the page but keeps <html>).
 */
(function () {
  "use strict"

  var choice = window.essaysChoice

  function currentMode() {
    return choice.get("lang")
  }

  choice.keep("lang", {
    control: "data-lang-mode-set",
    changed: function () {
      document.querySelectorAll(".pair--reveal").forEach(hideTranslation)
      applyInterface()
    }
  })
  choice.keep("script", { control: "data-script-set", changed: applyInterface })

  /* The class alone: a pair is no control, and aria-expanded is not allowed on it (axe). */
  function showTranslation(pair) {
    pair.classList.add("pair--reveal")
  }

  function hideTranslation(pair) {
    pair.classList.remove("pair--reveal")
  }

  /* A click on a paragraph in a single-language mode shows its translation; again hides it.
     Links, controls and text selections keep their usual meaning. */
  function onClick(event) {
    if (event.target.closest("[data-lang-mode-set]")) return  // essays-choices.js
    if (currentMode() === "both") return
    if (event.target.closest("a, button, input, label, summary, pre")) return
    var selection = window.getSelection && String(window.getSelection())
    if (selection) return
    var pair = event.target.closest(".pair:not(.pair--heading)")
    if (!pair) return
    pair.classList.contains("pair--reveal") ? hideTranslation(pair) : showTranslation(pair)
  }

  /* Landing on #pN (from search, a shared link or a permalink): flash the pair, and in a
     single-language mode show its translation too, since the match may be in the other one.
     The #pN of a deleted pair is a .pair-gone marker: land on the pair now in its place. */
  function land() {
    var id
    try {
      id = decodeURIComponent(location.hash.slice(1))
    } catch (malformed) { // a shared link with a broken %-escape: no pair to land on
      return
    }
    var pair = id && document.getElementById(id)
    var gone = pair && pair.classList.contains("pair-gone") ? pair : null
    showNotice(gone)
    if (gone) pair = document.getElementById(gone.getAttribute("data-lands"))
    if (!pair || !pair.classList.contains("pair")) return
    pair.classList.remove("pair--landed")
    void pair.offsetWidth // restart the animation when landing on the same pair again
    pair.classList.add("pair--landed")
    if (currentMode() !== "both" && !pair.classList.contains("pair--heading")) showTranslation(pair)
    markSearchWords(pair)
    // essays-landing.js puts the top of what was landed on under the header: a deleted pair's
    // marker when its notice stands above the pair in its place, else the pair
    var above = gone && gone.compareDocumentPosition(pair) & Node.DOCUMENT_POSITION_FOLLOWING
    ;(above ? gone : pair).dispatchEvent(new CustomEvent("essays:landed", { bubbles: true }))
  }

  /* The notice of the deleted pair's marker landed on, if any, and of no other. CSS shows it
     for :target, which Material's instant navigation never sets: the class says it too. */
  function showNotice(gone) {
    document.querySelectorAll(".pair-gone--landed").forEach(function (other) {
      other.classList.remove("pair-gone--landed")
    })
    if (gone) gone.classList.add("pair-gone--landed")
  }

  /* A search result's link carries the words it matched (?h=, Material's search.highlight):
     mark them in the pair landed on, as Material marks them in a page it searched itself. */
  function markSearchWords(pair) {
    var words = (new URLSearchParams(location.search).get("h") || "").split(/\s+/).filter(Boolean)
    if (!words.length || pair.querySelector("mark[data-md-highlight]")) return
    var pattern = new RegExp(words.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    }).join("|"), "giu")
    var walker = document.createTreeWalker(pair, NodeFilter.SHOW_TEXT), nodes = []
    while (walker.nextNode()) nodes.push(walker.currentNode)
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, parts = document.createDocumentFragment(), match
      pattern.lastIndex = 0
      while ((match = pattern.exec(text)) !== null) {
        parts.append(text.slice(last, match.index))
        var mark = document.createElement("mark")
        mark.setAttribute("data-md-highlight", "")
        mark.textContent = match[0]
        parts.append(mark)
        last = match.index + match[0].length
      }
      if (last === 0) return
      parts.append(text.slice(last))
      node.replaceWith(parts)
    })
  }

  /* -- the interface language ------------------------------------------------------------
     Material's words are in the page in both languages and CSS shows the mode's (.ui spans).
     What CSS cannot switch is here: <html lang>, the tab title, attributes, and the texts
     Material's search writes from the config's translations, which its bundle read once, in
     English: each is rewritten into the mode's language (words from #essays-interface). */
  var WORDS = (function () {
    var data = document.getElementById("essays-interface")
    try { return JSON.parse(data.textContent) } catch (e) { return null }
  })()

  function interfaceLanguage() {
    return currentMode() === "zh" ? "zh" : "en"
  }

  function applyInterface() {
    var language = interfaceLanguage()
    window.essaysView()  // <html lang>, the tab title, a ?lang= view's canonical (choices.html)
    if (!WORDS) return
    var words = WORDS[language]
    document.querySelectorAll("input.md-search__input").forEach(function (box) {
      box.placeholder = words["search.placeholder"]
      box.setAttribute("aria-label", words["search.placeholder"])
    })
    document.querySelectorAll("[data-essays-label]").forEach(function (element) {
      element.setAttribute("aria-label", words[element.getAttribute("data-essays-label")])
    })
    document.querySelectorAll(".md-search-result__meta").forEach(translateSearchMeta)
  }

  /* The search's count line ("12 matching documents", "No matching documents", our "12 of 30"):
     found in either language's words, written in the mode's, with its numbers. */
  var SEARCH_KEYS = ["essays.listed", "search.result.other", "search.result.one",
                     "search.result.none", "search.result.placeholder"]

  function translateSearchMeta(meta) {
    var text = meta.textContent.trim(), target = WORDS[interfaceLanguage()]
    SEARCH_KEYS.some(function (key) {
      return ["en", "zh"].some(function (language) {
        var found = matchWords(WORDS[language][key], text)
        if (!found) return false
        var shown = target[key].replace("#", found.n).replace("@", found.total)
        if (shown !== text) meta.textContent = shown
        return true
      })
    })
  }

  function matchWords(words, text) {
    var source = words.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace("#", "(?<n>\\d+)").replace("@", "(?<total>\\d+\\+?)")  // 23+: more may match
    var match = new RegExp("^" + source + "$").exec(text)
    return match && (match.groups || {})
  }

  /* Material writes the count line as results come; it stays in the header across pages. */
  function watchSearchMeta() {
    var meta = document.querySelector(".md-search-result__meta")
    if (!meta || !WORDS || !window.MutationObserver) return
    new MutationObserver(function () { translateSearchMeta(meta) })
      .observe(meta, { childList: true, characterData: true, subtree: true })
  }

  function onPage() {  // after essays-choices.js has applied a ?lang= or ?script=
    applyInterface()
    land()
  }

  /* Material's search reads its box on keyup. Text that arrives without one — committed by
     an input method (中文 pinyin), pasted from a menu, dictated — would never be searched:
     hand Material the keyup it waits for. */
  function onSearchInput(event) {
    var box = event.target
    if (!box.matches || !box.matches("input.md-search__input") || event.isComposing) return
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  }

  document.addEventListener("click", onClick)
  document.addEventListener("input", onSearchInput)
  document.addEventListener("compositionend", onSearchInput)
  window.addEventListener("hashchange", land)
  watchSearchMeta()
  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(onPage) // Material: every page, first load and instant
  } else {
    document.addEventListener("DOMContentLoaded", onPage)
  }
})()

