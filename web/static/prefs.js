/* Elderly-friendly mode (长辈模式): larger type, higher contrast, simpler layout.
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
