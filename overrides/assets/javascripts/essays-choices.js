/*
 * Essays: keeping the reader's choices (mode, script, layout, first language) after first
 * paint. partials/choices.html sets each in its attribute of <html> and lists them in
 * `essaysChoices`; here a choice changes when one of its buttons is clicked (and is
 * remembered), when another tab changes it (the storage event), or when a URL reached by
 * Material's instant navigation asks for it (?name=: the <head> script does not run again),
 * and its buttons' aria-pressed follow it. The scripts that own a choice say what else it
 * changes: essaysChoice.keep(name, { control, apply, changed }).
 */
window.essaysChoice = (function () {
  "use strict"

  var root = document.documentElement
  var choices = {}  // name -> the table's entry, with the owner's hooks once kept

  ;(window.essaysChoices || []).forEach(function (choice) { choices[choice.name] = choice })

  function get(name) {
    var choice = choices[name], value = root.getAttribute(choice.attribute)
    return choice.values.indexOf(value) >= 0 ? value : choice.values[0]
  }

  function set(name, value, remember) {
    var choice = choices[name]
    if (!choice || choice.values.indexOf(value) < 0) return
    var change = function () { root.setAttribute(choice.attribute, value) }
    choice.apply ? choice.apply(change) : change()
    if (remember) {
      try { localStorage.setItem(choice.key, value) } catch (e) { /* private mode: session only */ }
    }
    sync(choice)
    if (choice.changed) choice.changed(value)
  }

  function sync(choice) {
    if (!choice.control) return
    var value = get(choice.name)
    document.querySelectorAll("[" + choice.control + "]").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute(choice.control) === value))
    })
  }

  /* control: the attribute naming a button's value (data-lang-mode-set="zh"); apply(change):
     runs the change of the attribute (to keep the reader's place around it, say); changed(value):
     what follows it. */
  function keep(name, hooks) {
    var choice = choices[name]
    choice.control = hooks.control
    choice.apply = hooks.apply
    choice.changed = hooks.changed
    sync(choice)
  }

  function each(action) {
    Object.keys(choices).forEach(function (name) { action(choices[name]) })
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return
    each(function (choice) {
      var button = choice.control && event.target.closest("[" + choice.control + "]")
      if (button) set(choice.name, button.getAttribute(choice.control), true)
    })
  })
  window.addEventListener("storage", function (event) {
    each(function (choice) {
      if (event.key === choice.key && event.newValue) set(choice.name, event.newValue, false)
    })
  })

  function onPage() {
    var params = new URLSearchParams(location.search)
    each(function (choice) {
      var asked = params.get(choice.name)
      if (asked) set(choice.name, asked, true)
      sync(choice)
    })
  }

  if (typeof window.document$ !== "undefined") window.document$.subscribe(onPage)
  else document.addEventListener("DOMContentLoaded", onPage)

  return { get: get, set: set, keep: keep }
})()
