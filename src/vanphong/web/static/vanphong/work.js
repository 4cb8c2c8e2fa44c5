/* vanphong: the leader's direction form. No framework; the form works without it.
 *
 * The table of people and units gets a search box: typing part of a name (with or without
 * diacritics, "d" for "đ") shows only the matching rows, and always the rows already chosen,
 * so nothing chosen disappears from view. Enter in the box does not send the form.
 */
(function () {
  "use strict";

  function fold(text) {
    return text
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  function setup(form) {
    var label = form.querySelector(".assignee-search");
    if (!label) return;
    var box = label.querySelector("input");
    var rows = Array.prototype.slice.call(form.querySelectorAll("tr[data-search]"));
    rows.forEach(function (row) {
      row.dataset.folded = fold(row.dataset.search);
    });
    var groups = Array.prototype.slice.call(form.querySelectorAll("tbody.assignee-group"));

    function apply() {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      rows.forEach(function (row) {
        var chosen = row.querySelector("input:checked") !== null;
        var match = words.every(function (word) {
          return row.dataset.folded.indexOf(word) !== -1;
        });
        row.hidden = !(chosen || match);
      });
      groups.forEach(function (group) {
        var header = group.querySelector("tr.group-row");
        var shown = group.querySelector("tr[data-search]:not([hidden])");
        if (header) header.hidden = shown === null;
      });
    }

    label.hidden = false;
    box.addEventListener("input", apply);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.direction-form").forEach(setup);
  });
})();
