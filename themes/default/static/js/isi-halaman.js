/* The contents of a long page (the recap is several screens tall on a phone): a list of links
   to the page's sections, made from its h2 headings that have an id, filled into the page's
   <nav data-isi-halaman> and moved just before the first section (after the title and any
   'ilustrasi' notice). Without JavaScript the nav stays hidden; the headings are unchanged. */
(function () {
  "use strict";
  var nav = document.querySelector("nav[data-isi-halaman]");
  var list = nav && nav.querySelector("ol");
  if (!list) return;
  var headings = Array.prototype.slice.call(document.querySelectorAll("main h2[id]"))
    .filter(function (h) { return !nav.contains(h) && h.offsetParent !== null; });
  if (headings.length < 3) return;
  headings.forEach(function (h) {
    var link = document.createElement("a");
    link.href = "#" + h.id;
    link.textContent = h.textContent.trim();
    var item = document.createElement("li");
    item.appendChild(link);
    list.appendChild(item);
  });
  var first = headings[0].closest("section") || headings[0];
  first.parentNode.insertBefore(nav, first);
  nav.hidden = false;
})();
