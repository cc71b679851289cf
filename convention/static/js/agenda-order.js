// Agenda reordering by drag and drop, an improvement over the arrows (which keep working without
// JavaScript and from the keyboard). A dropped row takes its new place at once; the container then
// fires "reordered", on which htmx posts every item id in the new order (hx-include) and swaps in the
// agenda sent back, with its times recomputed. Without htmx, nothing is draggable.
(function () {
  "use strict";
  var dragged = null;

  function rows(list) { return list.querySelectorAll("table.agenda tbody tr"); }

  function prepare(list) {
    if (!window.htmx || rows(list).length < 2) return;
    var hint = list.querySelector(".drag-hint");
    if (hint) hint.hidden = false;
    rows(list).forEach(function (row) {
      row.draggable = true;
      row.classList.add("draggable");
    });
  }

  function listOf(element) { return element && element.closest ? element.closest("[data-reorder]") : null; }

  document.addEventListener("dragstart", function (event) {
    var row = event.target.closest ? event.target.closest("tr[draggable=true]") : null;
    if (!row || !listOf(row)) return;
    dragged = row;
    row.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", row.id);
  });

  document.addEventListener("dragover", function (event) {
    var row = event.target.closest ? event.target.closest("tr[draggable=true]") : null;
    if (!dragged || !row || row === dragged || listOf(row) !== listOf(dragged)) return;
    event.preventDefault();
    var box = row.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    row.parentNode.insertBefore(dragged, after ? row.nextSibling : row);
  });

  document.addEventListener("drop", function (event) {
    if (dragged) event.preventDefault();
  });

  document.addEventListener("dragend", function () {
    if (!dragged) return;
    var list = listOf(dragged);
    dragged.classList.remove("dragging");
    dragged = null;
    var order = Array.prototype.map.call(list.querySelectorAll("input[name=item]"), function (input) {
      return input.value;
    }).join(",");
    if (order !== list.getAttribute("data-order")) window.htmx.trigger(list, "reordered");
  });

  function setUp(root) {
    var lists = root.matches && root.matches("[data-reorder]") ? [root] : root.querySelectorAll("[data-reorder]");
    Array.prototype.forEach.call(lists, function (list) {
      list.setAttribute("data-order", Array.prototype.map.call(list.querySelectorAll("input[name=item]"),
        function (input) { return input.value; }).join(","));
      prepare(list);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
