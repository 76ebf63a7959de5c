/*
 * Sentence highlight: pointing at a sentence of a pair lights it and its translation.
 *
 * The build wraps each sentence it is sure of in <span data-s="G"> (tools/essays/
 * sentence_marks.py); the sentences of one link share G inside their pair, in the English
 * half and in both Chinese copies. Lighting is the class "s-lit" on all of them.
 *
 * - mouse: hovering a sentence lights it; leaving it puts the light out;
 * - touch: tapping a sentence lights it (tapping it again, or anywhere else, puts it out),
 *   so no light sticks after a tap as a hover would;
 * - keyboard: one tab stop per pair (the first sentence the reader can see), arrow keys move
 *   from sentence to sentence inside the pair (English, then the Chinese), Escape puts the
 *   light out. The tab stop follows the reading mode and the script shown.
 */
;(function () {  // the ; ends whatever block comes before this file's
  "use strict"

  var LIT = "s-lit"
  var SENTENCE = "[data-s]"
  var pointing = false  // between a pointer's press and its click: focus then is no keyboard's
  var keyed = null  // the sentence focused from the keyboard, which keeps its light

  function group(span) {
    var pair = span.closest(".pair")
    return pair ? pair.querySelectorAll('[data-s="' + span.getAttribute("data-s") + '"]') : [span]
  }

  function putOut() {
    document.querySelectorAll("." + LIT).forEach(function (span) { span.classList.remove(LIT) })
  }

  function light(span) {
    putOut()
    group(span).forEach(function (other) { other.classList.add(LIT) })
  }

  function sentenceAt(target) {
    return target && target.closest ? target.closest(SENTENCE) : null
  }

  function onPointerOver(event) {
    if (event.pointerType !== "mouse") return
    var span = sentenceAt(event.target)
    if (span) light(span)
  }

  function onPointerOut(event) {
    if (event.pointerType !== "mouse") return
    var from = sentenceAt(event.target), to = sentenceAt(event.relatedTarget)
    if (from && from !== to && from !== keyed) putOut()
  }

  /* A tap (or a click without a hover before it): light, or put out if already lit. */
  function onClick(event) {
    pointing = false
    var span = sentenceAt(event.target)
    if (span && !String(window.getSelection && window.getSelection())) {
      span.classList.contains(LIT) && event.pointerType !== "mouse" ? putOut() : light(span)
    } else if (!span) {
      putOut()
    }
  }

  function visible(span) {
    return span.getClientRects().length > 0
  }

  function sentencesOf(pair) {
    return Array.prototype.filter.call(pair.querySelectorAll(SENTENCE), visible)
  }

  /* One tab stop per pair: its first visible sentence, unless another already holds it. Not
     in a listing's excerpts: there the way on is the card's link, not twenty more stops. */
  function setTabStops() {
    document.querySelectorAll(".pair").forEach(function (pair) {
      if (pair.closest(".md-post--excerpt")) return
      var spans = pair.querySelectorAll(SENTENCE)
      if (!spans.length) return
      var shown = sentencesOf(pair)
      var stop = shown.filter(function (s) { return s.tabIndex === 0 })[0] || shown[0]
      spans.forEach(function (span) { span.tabIndex = span === stop ? 0 : -1 })
    })
  }

  function moveFocus(span, step) {
    var pair = span.closest(".pair"), spans = sentencesOf(pair)
    var next = spans[spans.indexOf(span) + step]
    if (!next) return
    span.tabIndex = -1
    next.tabIndex = 0
    next.focus()
  }

  function onKeyDown(event) {
    var span = sentenceAt(event.target)
    if (!span || event.altKey || event.ctrlKey || event.metaKey) return
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key]
    if (step) {
      event.preventDefault()
      moveFocus(span, step)
    } else if (event.key === "Escape") {
      putOut()
    }
  }

  function onFocusIn(event) {
    var span = sentenceAt(event.target)
    if (!span || span !== event.target || pointing) return
    keyed = span
    light(span)
  }

  function onFocusOut(event) {
    if (event.target === keyed) keyed = null
    if (sentenceAt(event.target) && !sentenceAt(event.relatedTarget)) putOut()
  }

  // A press focuses before its click (a touch's focus even comes after pointerup): a focus
  // until then is the pointer's. A touch that scrolls is cancelled and never clicks.
  document.addEventListener("pointerdown", function () { pointing = true })
  document.addEventListener("pointercancel", function () { pointing = false })
  document.addEventListener("pointerover", onPointerOver)
  document.addEventListener("pointerout", onPointerOut)
  document.addEventListener("click", onClick)
  document.addEventListener("keydown", onKeyDown)
  document.addEventListener("focusin", onFocusIn)
  document.addEventListener("focusout", onFocusOut)
  // the reading mode and the script decide which half shows, so where each tab stop is
  new MutationObserver(setTabStops).observe(document.documentElement,
    { attributes: true, attributeFilter: ["data-lang-mode", "data-script"] })
  if (typeof window.document$ !== "undefined") window.document$.subscribe(setTabStops)
  else document.addEventListener("DOMContentLoaded", setTabStops)
})()
