/*
 * Essays: the layout menu. <html data-layout="side|alternate"> and <html data-first="en|zh">
 * are set before first paint by partials/layout.html and the stylesheet does the rest; this
 * changes them, remembers them (localStorage "essays.layout", "essays.first"), keeps the
 * buttons' aria-pressed in step (across Material's instant navigation, which keeps <html>),
 * keeps the reader's place when the layout changes, and closes the menu.
 */
(function () {
  "use strict"

  var root = document.documentElement
  var CHOICES = {
    layout: { key: "essays.layout", values: ["side", "alternate"], control: "data-layout-set" },
    first: { key: "essays.first", values: ["en", "zh"], control: "data-first-set" }
  }

  function choose(name, value, remember) {
    var choice = CHOICES[name]
    if (choice.values.indexOf(value) < 0) return
    keepPlace(function () { root.setAttribute("data-" + name, value) })
    if (remember) {
      try { localStorage.setItem(choice.key, value) } catch (e) { /* private mode: session only */ }
    }
    syncControls()
  }

  function syncControls() {
    Object.keys(CHOICES).forEach(function (name) {
      var attribute = CHOICES[name].control, value = root.getAttribute("data-" + name)
      document.querySelectorAll("[" + attribute + "]").forEach(function (control) {
        control.setAttribute("aria-pressed", String(control.getAttribute(attribute) === value))
      })
    })
  }

  /* The pair the reader is at stays where it was on screen when the layout changes under it
     (every pair above it changes height), as far as the page's new height allows. */
  function keepPlace(change) {
    var header = document.querySelector(".md-header")
    var top = header ? header.getBoundingClientRect().bottom : 0
    var pairs = document.querySelectorAll(".pair"), at = null
    for (var i = 0; i < pairs.length && !at; i++) {
      if (pairs[i].getBoundingClientRect().bottom > top) at = pairs[i]
    }
    var before = at && at.getBoundingClientRect().top
    change()
    if (at && window.scrollY > 0) window.scrollBy(0, at.getBoundingClientRect().top - before)
  }

  /* ?layout= and ?first= in a URL reached by instant navigation (the <head> script ran once). */
  function applyUrl() {
    var params = new URLSearchParams(location.search)
    Object.keys(CHOICES).forEach(function (name) {
      var asked = params.get(name)
      if (CHOICES[name].values.indexOf(asked) >= 0) choose(name, asked, true)
    })
  }

  function closeMenus(except) {
    document.querySelectorAll("details.layout-menu[open]").forEach(function (menu) {
      if (menu !== except) menu.open = false
    })
  }

  document.addEventListener("click", function (event) {
    var target = event.target
    if (!target.closest) return
    Object.keys(CHOICES).forEach(function (name) {
      var control = target.closest("[" + CHOICES[name].control + "]")
      if (control) choose(name, control.getAttribute(CHOICES[name].control), true)
    })
    closeMenus(target.closest("details.layout-menu"))
  })
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return
    var open = document.querySelector("details.layout-menu[open]")
    if (!open) return
    open.open = false
    open.querySelector("summary").focus()
  })
  window.addEventListener("storage", function (event) {
    Object.keys(CHOICES).forEach(function (name) {
      if (event.key === CHOICES[name].key && event.newValue) choose(name, event.newValue, false)
    })
  })

  function onPage() {
    applyUrl()
    syncControls()
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(onPage)
  else document.addEventListener("DOMContentLoaded", onPage)
})()
