/* Elderly-friendly mode (长辈模式): larger type, higher contrast, simpler layout; and the small
   store of other remembered preferences (GuidePrefs).
   Loaded synchronously in <head> so the mode is applied before the first paint; remembered in
   localStorage. No inline script is needed anywhere (the pages run under a strict CSP). */
(function () {
  "use strict";
  var KEY = "guide.elder";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function remember(on) {
    try { window.localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: session only */ }
  }

  function apply(on) {
    root.classList.toggle("elder", on);
    var button = document.getElementById("elder-toggle");
    if (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.title = on ? "已开启长辈模式，点击恢复标准字号" : "放大字号、提高对比度";
    }
  }

  apply(stored());

  /* Other remembered choices (the chat's region): window.GuidePrefs.get / set, "guide."-prefixed. */
  window.GuidePrefs = {
    get: function (name) {
      try { return window.localStorage.getItem("guide." + name); } catch (e) { return null; }
    },
    set: function (name, value) {
      try { window.localStorage.setItem("guide." + name, value); } catch (e) { /* private mode */ }
    }
  };

  document.addEventListener("DOMContentLoaded", function () {
    apply(root.classList.contains("elder"));
    var button = document.getElementById("elder-toggle");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var on = !root.classList.contains("elder");
      apply(on);
      remember(on);
    });
  });
})();
