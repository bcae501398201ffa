/* The header's menu button on narrow screens: the search box and the navigation fold behind
   it, so a phone shows the content under one short bar. Without JavaScript the button stays
   hidden and everything is shown, as on a desktop. */
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-tombol");
  if (!button) return;
  header.classList.add("menu-tertutup");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-tertutup", !open);
    if (open) {
      var field = header.querySelector(".site-search input");
      if (field) field.focus();
    }
  });
})();
