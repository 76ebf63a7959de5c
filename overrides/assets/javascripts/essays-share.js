/*
 * Essays: copy or share one paragraph, from its permalink control (.pair__tools, beside ¶).
 *
 * What is shared is what the reader sees: the pair's text in the languages shown (English,
 * the Chinese in the script chosen, or both in the chosen order) and the link to the pair in
 * the view it was read in (…/essay/?lang=zh#p4). "Share" uses the Web Share API and is offered
 * only where the browser has it; "Copy" writes the same text and link to the clipboard and
 * says so in a status line (role="status": announced, and visible for a few seconds).
 */
(function () {
  "use strict"

  var root = document.documentElement
  var ICONS = {  // Material Design Icons (Apache 2.0), as Material ships them: content-copy, share-variant
    copy: "M19 21H8V7h11m0-2H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2m-3-4H4a2 2 0 0 0-2 2v14h2V3h12z",
    share: "M18 16.08c-.76 0-1.44.3-1.96.77L8.91 12.7c.05-.23.09-.46.09-.7s-.04-.47-.09-.7l7.05-4.11c.54.5 1.25.81 2.04.81a3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3c0 .24.04.47.09.7L8.04 9.81C7.5 9.31 6.79 9 6 9a3 3 0 0 0-3 3 3 3 0 0 0 3 3c.79 0 1.5-.31 2.04-.81l7.12 4.15c-.05.21-.08.43-.08.66 0 1.61 1.31 2.91 2.92 2.91s2.92-1.3 2.92-2.91A2.92 2.92 0 0 0 18 16.08"
  }
  var SVG = "http://www.w3.org/2000/svg"

  function icon(name) {
    var svg = document.createElementNS(SVG, "svg"), path = document.createElementNS(SVG, "path")
    svg.setAttribute("viewBox", "0 0 24 24")
    svg.setAttribute("aria-hidden", "true")
    path.setAttribute("d", ICONS[name])
    svg.appendChild(path)
    return svg
  }

  function button(action, label) {
    var control = document.createElement("button")
    control.type = "button"
    control.className = "pair__share"
    control.setAttribute("data-share", action)
    control.setAttribute("aria-label", label)
    control.title = label
    control.appendChild(icon(action))
    return control
  }

  /* An essay's pairs, in reading order: a listing's cards (whose excerpt is a first pair) are
     not the essay, and their link would be the listing's. */
  function essayPairs() {
    return Array.prototype.filter.call(document.querySelectorAll(".pair"), function (pair) {
      return !pair.closest(".essay-card")
    })
  }

  /* Each pair's tools get Copy (and Share, where the browser can): labelled like ¶, in both
     languages, with the pair's place in the essay. */
  function addControls() {
    essayPairs().forEach(function (pair, index) {
      var tools = pair.querySelector(":scope > .pair__tools")
      if (!tools || tools.querySelector(".pair__share")) return
      var n = index + 1
      tools.appendChild(button("copy", "Copy paragraph " + n + " and its link · 复制第 " + n + " 段及链接"))
      if (navigator.share) tools.appendChild(button("share", "Share paragraph " + n + " · 分享第 " + n + " 段"))
    })
  }

  /* -- what is shared ------------------------------------------------------------------------ */

  function mode() { return root.getAttribute("data-lang-mode") || "both" }
  function script() { return root.getAttribute("data-script") === "hant" ? "hant" : "hans" }

  /* A half's text as its blocks read, one blank line apart; the out-of-date marker is ours,
     not the author's. A heading pair's halves are its heading's spans. */
  function halfText(pair, language) {
    var selector = language === "en" ? '[lang="en"]' : '[lang^="zh"][data-script="' + script() + '"]'
    var heading = pair.querySelector(":scope > :is(h1, h2, h3, h4, h5, h6)")
    if (heading) {
      var span = heading.querySelector(":scope > " + selector)
      return span ? span.textContent.trim() : ""
    }
    var half = pair.querySelector(":scope > .pair__half" + selector)
    if (!half) return ""
    return Array.prototype.filter.call(half.children, function (block) {
      return !block.classList.contains("pair__stale")
    }).map(function (block) { return block.innerText.trim() }).filter(Boolean).join("\n\n")
  }

  function shownLanguages() {
    if (mode() !== "both") return [mode()]
    return root.getAttribute("data-first") === "zh" ? ["zh", "en"] : ["en", "zh"]
  }

  function pairText(pair) {
    return shownLanguages().map(function (language) { return halfText(pair, language) })
      .filter(Boolean).join("\n\n")
  }

  /* The link in the view it was read in, as the page's hreflang alternates name them. */
  function pairUrl(pair) {
    var view = mode() === "both" ? "" : "?lang=" + mode()
    if (mode() === "zh" && script() === "hant") view += "&script=hant"
    return location.origin + location.pathname + view + "#" + pair.id
  }

  /* -- copy, share, and saying so ------------------------------------------------------------ */

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text) })
    }
    return copyBySelection(text)
  }

  /* Where the Clipboard API is missing (an insecure origin) or refused. */
  function copyBySelection(text) {
    var area = document.createElement("textarea")
    area.value = text
    area.setAttribute("readonly", "")
    area.style.position = "fixed"
    area.style.opacity = "0"
    document.body.appendChild(area)
    area.select()
    var done = document.execCommand("copy")
    area.remove()
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"))
  }

  var hideTimer = null

  function status(en, zh) {
    var line = document.querySelector(".share-status")
    if (!line) {
      line = document.createElement("div")
      line.className = "share-status"
      line.setAttribute("role", "status")
      document.body.appendChild(line)
    }
    line.innerHTML = ""
    ;[["en", en], ["zh-Hans", zh]].forEach(function (words) {
      var span = document.createElement("span")
      span.className = "ui"
      span.lang = words[0]
      span.textContent = words[1]
      line.appendChild(span)
    })
    line.classList.add("share-status--shown")
    clearTimeout(hideTimer)
    hideTimer = setTimeout(function () { line.classList.remove("share-status--shown") }, 4000)
  }

  function copyPair(pair, n) {
    copy(pairText(pair) + "\n\n" + pairUrl(pair)).then(function () {
      status("Copied paragraph " + n + " and its link", "已复制第 " + n + " 段及链接")
    }, function () {
      status("Could not copy: select the text and copy it", "无法复制：请选中文字后复制")
    })
  }

  function sharePair(pair, n) {
    var data = { title: document.title, text: pairText(pair), url: pairUrl(pair) }
    navigator.share(data).catch(function (error) {
      if (!error || error.name !== "AbortError") copyPair(pair, n)  // cancelled: nothing to say
    })
  }

  document.addEventListener("click", function (event) {
    var control = event.target.closest && event.target.closest("[data-share]")
    if (!control) return
    var pair = control.closest(".pair")
    var n = essayPairs().indexOf(pair) + 1
    if (control.getAttribute("data-share") === "share" && navigator.share) sharePair(pair, n)
    else copyPair(pair, n)
  })

  if (typeof window.document$ !== "undefined") window.document$.subscribe(addControls)
  else document.addEventListener("DOMContentLoaded", addControls)
})()
