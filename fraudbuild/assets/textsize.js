/* Runs in <head>, before the page is painted: the text size the reader chose
   (site.js stores it under one key for the whole site), and a class telling
   the style sheet that scripts run. No inline script: the CSP stays
   script-src 'self' (fraudbuild/theme.py lists this file). */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("site-js");
  try {
    var size = window.localStorage.getItem("fanzha-text-size");
    if (size === "1" || size === "2") {
      root.setAttribute("data-text-size", size);
    }
  } catch (error) {
    /* storage blocked: the default size */
  }
})();
