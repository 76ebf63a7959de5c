/*
 * Reveal a translation by keyboard: in a one-language mode a click or tap on a paragraph shows
 * its translation (essays.js); a paragraph is no control, so each pair also gets a button,
 * beside its ¶, that does the same and says whether the translation shows (aria-expanded,
 * which ARIA allows on a button and not on the pair's div). The button follows the pair's
 * class, whoever changes it (a click on the paragraph, a change of mode, landing on #pN).
 */
;(function () {  // the ; ends any script before this one in a bundle
  "use strict"

  var LABEL = "Show the translation · 显示译文"

  function button(pair) {
    var control = document.createElement("button")
    control.type = "button"
    control.className = "pair__reveal"
    control.setAttribute("aria-label", LABEL)
    // what it shows is the other language's name; no `lang` on them, which would make them
    // part of the pair's halves for the stylesheet's and scripts' `.pair [lang]`
    control.innerHTML = '<span class="pair__reveal-en" aria-hidden="true">EN</span>' +
                        '<span class="pair__reveal-zh" aria-hidden="true">中</span>'
    sync(control, pair)
    return control
  }

  function sync(control, pair) {
    control.setAttribute("aria-expanded", String(pair.classList.contains("pair--reveal")))
  }

  var watcher = new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      var control = change.target.querySelector(":scope > .pair__tools > .pair__reveal")
      if (control) sync(control, change.target)
    })
  })

  function onPage() {
    watcher.disconnect()
    document.querySelectorAll(".pair:not(.pair--heading)").forEach(function (pair) {
      var tools = pair.querySelector(":scope > .pair__tools")
      if (!tools) return  // a listing's card: its pairs have no tools and are no essay's text
      if (!tools.querySelector(".pair__reveal")) tools.appendChild(button(pair))
      watcher.observe(pair, { attributes: true, attributeFilter: ["class"] })
    })
  }

  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest(".pair__reveal")
    if (!control) return
    control.closest(".pair").classList.toggle("pair--reveal")
  })
  if (typeof window.document$ !== "undefined") window.document$.subscribe(onPage)
  else document.addEventListener("DOMContentLoaded", onPage)
})()
