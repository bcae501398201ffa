/* The search page: loads pagefind's UI from the bundle beside the site and runs the query
   given in ?q= (the header's search form). Browsers refuse fetch() and import() for file://
   pages, so there the page shows a notice instead of a broken box. */
(function () {
  "use strict";
  var box = document.getElementById("pencarian");
  if (!box) return;
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var field = document.getElementById("cari-kata");
  if (field) field.value = query;
  if (window.location.protocol === "file:") {
    document.getElementById("pencarian-berkas").hidden = false;
    return;
  }
  var bundle = new URL(box.getAttribute("data-bundle"), window.location.href).pathname;
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    var ui = new window.PagefindUI({
      element: "#pencarian",
      bundlePath: bundle,
      showSubResults: true,
      showImages: false,
      resetStyles: false,
      autofocus: !query,
    });
    // pagefind's box is labelled only by a title attribute; a screen reader needs a real label.
    var named = function () {
      var input = box.querySelector("input");
      if (!input) return false;
      input.setAttribute("aria-label", "Kata yang dicari di SOP dan laporan");
      return true;
    };
    if (!named()) new MutationObserver(function (changes, observer) { if (named()) observer.disconnect(); }).observe(box, { childList: true, subtree: true });
    if (query) ui.triggerSearch(query);
  };
  document.head.appendChild(script);
})();
