/* 一次性告知单: the print button (no inline handlers under the CSP). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("print-btn");
    if (button) {
      button.addEventListener("click", function () { window.print(); });
    }
  });
})();
