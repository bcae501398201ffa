/* Filtering and sorting a list of SOPs (the unit home, the portal's list of every SOP): the
   form above the list names its container in data-saring; each row carries what it is
   filtered and sorted by in data- attributes. Without JavaScript the form stays hidden and
   the list is the full list, in the order the build wrote it. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-saring]").forEach(function (form) {
    var box = document.getElementById(form.getAttribute("data-saring"));
    if (!box) return;
    var rows = Array.prototype.slice.call(box.querySelectorAll("tr[data-nama]"));
    rows.forEach(function (row, i) { row.setAttribute("data-urutan", String(i)); });
    var count = form.querySelector(".saring-jumlah");
    var value = function (name) { var f = form.elements[name]; return f ? f.value : ""; };
    var keys = {
      "": function (row) { return Number(row.getAttribute("data-urutan")); },
      nama: function (row) { return row.getAttribute("data-nama"); },
      baru: function (row) { return row.getAttribute("data-tanggal") || "0000"; },
      lama: function (row) { return row.getAttribute("data-tanggal") || "9999"; },
    };
    var apply = function () {
      var words = value("kata").toLocaleLowerCase("id").split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = (row.getAttribute("data-nama") + " " + row.getAttribute("data-nomor")).toLocaleLowerCase("id");
        var ok = words.every(function (w) { return text.indexOf(w) !== -1; })
          && ["unit", "bidang", "status"].every(function (n) { return !value(n) || row.getAttribute("data-" + n) === value(n); });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      var order = value("urut"), key = keys[order] || keys[""];
      box.querySelectorAll("tbody").forEach(function (body) {
        var own = Array.prototype.slice.call(body.querySelectorAll("tr[data-nama]"));
        own.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "id");
          return order === "baru" ? -c : c;
        });
        own.forEach(function (row) { body.appendChild(row); });
      });
      box.querySelectorAll(".kelompok-sop").forEach(function (group) {
        group.hidden = !group.querySelector("tr[data-nama]:not([hidden])");
      });
      if (count) count.textContent = shown === rows.length ? rows.length + " SOP" : shown + " dari " + rows.length + " SOP ditampilkan";
    };
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  });
})();
