/*
 * Essays: landing on a pair puts it just under the header, and keeps it there until the reader
 * scrolls, taps, clicks or types.
 *
 * Why not leave it to the browser: the scroll to #pN (the browser's own on a full load,
 * Material's on instant navigation, which clicks a hidden <a href="#pN">) happens once, at a
 * moment of its choosing, and the page is not done laying out then. On a phone with its CPU
 * throttled 6x, a tapped search result ended 1,000 px off (measured, with a log of every
 * scroll: Material scrolled once, to where the pair was before the injected page's layout
 * settled); revealing the translation (one-language modes) after that scroll let Chromium's
 * scroll anchoring push the pair under the header (-194 px); and a pair near the end of a
 * short page cannot reach the top at all (311-357 px down). So essays.js announces each
 * landing (`essays:landed`), and this puts the pair in place again on every scroll or resize
 * that is not the reader's, and gives the page room at its end when it is too short.
 */
(function () {
  "use strict"

  var GAP = 0.8 // rem between the header's bottom and the pair's top
  var INTENT = ["wheel", "touchstart", "pointerdown", "mousedown", "keydown"]
  var pinned = null, observer = null

  function want() {
    var header = document.querySelector(".md-header")
    var bottom = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0
    return bottom + GAP * parseFloat(getComputedStyle(document.documentElement).fontSize)
  }

  /* Room at the page's end, so a pair near it can still come up under the header. It lives on
     Material's container, which instant navigation replaces: the next page starts without it. */
  function makeRoom(delta) {
    var scroller = document.scrollingElement || document.documentElement
    var short = window.scrollY + delta - (scroller.scrollHeight - window.innerHeight)
    var main = document.querySelector(".md-main")
    if (short <= 0 || !main) return
    main.style.paddingBottom = (parseFloat(main.style.paddingBottom) || 0) + Math.ceil(short) + "px"
  }

  function place() {
    if (!pinned) return
    if (!pinned.isConnected) return release()
    var delta = pinned.getBoundingClientRect().top - want()
    if (Math.abs(delta) < 1) return
    makeRoom(delta)
    window.scrollTo({ top: window.scrollY + delta, behavior: "instant" })
  }

  function pin(pair) {
    release()
    pinned = pair
    INTENT.forEach(function (type) {
      window.addEventListener(type, release, { capture: true, passive: true })
    })
    window.addEventListener("scroll", place, { passive: true })
    if (window.ResizeObserver) {
      observer = new ResizeObserver(place)
      observer.observe(document.body)
      observer.observe(pair)
    }
    place()
    requestAnimationFrame(place)
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(place)
  }

  /* The reader has taken over (or the page is gone): the pair is theirs to scroll away from. */
  function release() {
    pinned = null
    INTENT.forEach(function (type) {
      window.removeEventListener(type, release, { capture: true })
    })
    window.removeEventListener("scroll", place)
    if (observer) observer.disconnect()
    observer = null
  }

  document.addEventListener("essays:landed", function (event) { pin(event.target) })
  window.addEventListener("load", place)
})()
