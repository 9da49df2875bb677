// Added by `make serve` (fraudbuild/preview.py) to every page it sends; never part of the built site.
// Reloads the page when a new version is built, and shows the build's error while there is one
// (the page itself stays the last good version).
(function () {
  "use strict";
  var seen = null;
  var lang = document.documentElement.lang === "zh" ? "zh" : "en";
  var lead = lang === "zh" ? "构建出错，下面仍是上一次成功的版本。修改后保存即可：\n\n"
                          : "The build failed; this is still the last good version. Fix it and save:\n\n";

  function show(message) {
    var box = document.getElementById("preview-error");
    if (!message) {
      if (box) { box.remove(); }
      return;
    }
    if (!box) {
      box = document.createElement("pre");
      box.id = "preview-error";
      box.setAttribute("role", "alert");
      var s = box.style;  // styles set through the CSSOM: the site's CSP forbids style attributes
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "10";
      s.margin = "0"; s.padding = "0.8rem"; s.maxHeight = "45vh"; s.overflow = "auto";
      s.whiteSpace = "pre-wrap"; s.background = "#fff4e5"; s.color = "#000"; s.borderTop = "3px solid #8a1c1c";
      s.font = "14px/1.4 monospace";
      document.body.appendChild(box);
    }
    box.textContent = lead + message;
  }

  function poll() {
    fetch("/__preview__/status?since=" + (seen === null ? -1 : seen), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (seen !== null && status.build !== seen) { location.reload(); return; }
        seen = status.build;
        show(status.error);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
