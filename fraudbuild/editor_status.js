// Added by `make serve` to the editor's page (/admin/); never published. Shows the preview's build
// error in a box at the bottom of the editor until a save fixes it, in both languages, so a clerk
// sees what to change without leaving the form (the editor's own notice disappears after a while).
(function () {
  "use strict";
  var seen = null;
  var lead = "构建没有通过，网站仍是上一次成功的版本。请按提示修改后再保存。\n" +
             "The build refused the last save; the site is still the last good version. Fix it and save again.\n\n";

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
      var s = box.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "100000";
      s.margin = "0"; s.padding = "0.8rem"; s.maxHeight = "35vh"; s.overflow = "auto";
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
        seen = status.build;
        show(status.error);
        setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
