/*
 * Essays: the layout menu. <html data-layout="side|alternate"> and <html data-first="en|zh">
 * are set before first paint by partials/choices.html and kept by essays-choices.js (its
 * buttons, the remembered choice, ?layout= and ?first=); the stylesheet does the rest. This
 * keeps the reader's place when the layout changes, and closes the menu.
 */
(function () {
  "use strict"

  ;["layout", "first"].forEach(function (name) {
    window.essaysChoice.keep(name, { control: "data-" + name + "-set", apply: keepPlace })
  })

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

  function closeMenus(except) {
    document.querySelectorAll("details.layout-menu[open]").forEach(function (menu) {
      if (menu !== except) menu.open = false
    })
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest) closeMenus(event.target.closest("details.layout-menu"))
  })
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return
    var open = document.querySelector("details.layout-menu[open]")
    if (!open) return
    open.open = false
    open.querySelector("summary").focus()
  })
})()
