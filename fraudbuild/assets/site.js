/* The site's own script, loaded at the end of every page (same origin, no
   framework, no inline script: fraudbuild/theme.py lists it for the CSP).

   1. The text-size control (A / A+ / A++) in the hotline bar: the choice is
      kept in localStorage under one key for the whole site; textsize.js
      applies it in <head> before the page is painted.
   2. 这是诈骗吗？ / Is this a scam? (/checker/): Yes/No buttons for each
      question and a result region. Without this script the page is a plain
      list with all the advice; with it, the advice of a question opens when
      it is answered "yes".

   Every word shown comes from the page: data-* attributes rendered from
   data/checker.yml, in the page's language. This file holds no text. */
(function () {
  "use strict";

  var KEY = "fanzha-text-size";
  var SIZES = ["0", "1", "2"];

  function each(list, callback) {
    Array.prototype.forEach.call(list, callback);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /* ------------------------------------------------------------ text size */

  function storedSize() {
    try {
      var size = window.localStorage.getItem(KEY);
      return SIZES.indexOf(size) >= 0 ? size : "0";
    } catch (error) {
      return "0";
    }
  }

  function applySize(size) {
    if (size === "0") {
      document.documentElement.removeAttribute("data-text-size");
    } else {
      document.documentElement.setAttribute("data-text-size", size);
    }
  }

  function textSize(control) {
    var buttons = control.querySelectorAll("button[data-size]");
    function show(size) {
      each(buttons, function (button) {
        button.setAttribute("aria-pressed", button.getAttribute("data-size") === size ? "true" : "false");
      });
    }
    each(buttons, function (button) {
      button.addEventListener("click", function () {
        var size = button.getAttribute("data-size");
        applySize(size);
        try {
          window.localStorage.setItem(KEY, size);
        } catch (error) {
          /* storage blocked: the size holds for this page only */
        }
        show(size);
      });
    });
    show(storedSize());
    control.hidden = false;
  }

  /* ------------------------------------------------------------ the checker */

  function checker(root) {
    var words = root.dataset;
    var list = root.querySelector(".checker__list");
    var call = root.querySelector(".checker__call");
    var items = Array.prototype.slice.call(root.querySelectorAll(".checker__item"));
    var answers = {};
    if (!list || !call || !items.length) return;

    function callBlock(title) {
      var block = element("div", "checker__call-now");
      block.appendChild(element("p", "checker__call-title", title || words.call));
      block.appendChild(call.cloneNode(true));
      return block;
    }

    items.forEach(function (item) {
      var question = item.querySelector(".checker__question");
      var advice = item.querySelector(".checker__advice");
      var group = element("div", "checker__answer");
      group.setAttribute("role", "group");
      group.setAttribute("aria-labelledby", question.id);
      [["yes", words.answerYes], ["no", words.answerNo]].forEach(function (pair) {
        var button = element("button", "checker__button checker__button--" + pair[0], pair[1]);
        button.type = "button";
        button.setAttribute("aria-pressed", "false");
        button.setAttribute("data-answer", pair[0]);
        button.addEventListener("click", function () {
          answer(item, pair[0]);
        });
        group.appendChild(button);
      });
      question.parentNode.insertBefore(group, question.nextSibling);
      /* what a "yes" shows at once, in place: stop, the advice and scam page already here, the hotlines */
      var stop = element("p", "checker__stop");
      stop.appendChild(element("strong", "", words.stop));
      advice.insertBefore(stop, advice.firstChild);
      advice.appendChild(callBlock());
    });

    var result = element("div", "checker__result");
    result.id = "checker-result";
    result.setAttribute("role", "status");
    result.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(result, list.nextSibling);

    var reset = element("button", "checker__reset md-button", words.reset);
    reset.type = "button";
    reset.addEventListener("click", function () {
      answers = {};
      items.forEach(show);
      render();
    });
    result.parentNode.insertBefore(reset, result.nextSibling);

    function answer(item, value) {
      if (answers[item.id] === value) {
        delete answers[item.id];  /* pressing a pressed button takes the answer back */
      } else {
        answers[item.id] = value;
      }
      show(item);
      render();
    }

    function show(item) {
      var value = answers[item.id];
      each(item.querySelectorAll(".checker__button"), function (button) {
        button.setAttribute("aria-pressed", button.getAttribute("data-answer") === value ? "true" : "false");
      });
      item.classList.toggle("is-yes", value === "yes");
      item.classList.toggle("is-no", value === "no");
    }

    function render() {
      var yes = items.filter(function (item) { return answers[item.id] === "yes"; });
      var answered = items.filter(function (item) { return answers[item.id]; }).length;
      var nodes = [];
      var key;
      if (yes.length) {
        key = "yes:" + yes.map(function (item) { return item.id; }).join(" ");
        nodes.push(element("p", "checker__verdict checker__verdict--stop"));
        nodes[0].appendChild(element("strong", "", words.stop));
        var tricks = element("ul", "checker__tricks");
        var seen = {};
        yes.forEach(function (item) {
          each(item.querySelectorAll(".checker__more a[data-scam-type]"), function (link) {
            var type = link.getAttribute("data-scam-type");
            if (seen[type]) return;
            seen[type] = true;
            var entry = element("li");
            entry.appendChild(link.cloneNode(true));
            tricks.appendChild(entry);
          });
        });
        if (tricks.children.length) {  // a question may name no scam type of the site (a boss or a relative asking)
          nodes.push(element("p", "", words.trick));
          nodes.push(tricks);
        }
        nodes.push(callBlock());
      } else if (answered === items.length) {
        key = "none";
        nodes.push(element("p", "checker__verdict"));
        nodes[0].appendChild(element("strong", "", words.noneTitle));
        nodes.push(element("p", "", words.none));
        nodes.push(callBlock(words.callUnsure));
      } else if (answered) {
        key = "progress:" + answered;
        nodes.push(element("p", "", words.progress.replace("{answered}", String(answered))
          .replace("{total}", String(items.length))));
      } else {
        key = "pending";
        nodes.push(element("p", "", words.pending));
      }
      if (result.getAttribute("data-key") === key) return;  /* nothing new to announce */
      result.setAttribute("data-key", key);
      while (result.firstChild) result.removeChild(result.firstChild);
      nodes.forEach(function (node) { result.appendChild(node); });
      result.classList.toggle("is-stop", key.indexOf("yes:") === 0);
    }

    root.classList.add("checker--ready");
    render();
  }

  each(document.querySelectorAll("[data-text-size-control]"), textSize);
  each(document.querySelectorAll(".checker"), checker);
})();
