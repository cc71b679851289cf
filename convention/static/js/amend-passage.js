// Amendment form: the passage to replace can be selected in the proposal's text shown above it,
// then taken into the "Passage to replace" field with a button. Without JavaScript the button stays
// hidden and the passage is copied by hand (the server checks it is in the text either way).
(function () {
  "use strict";
  var chosen = "";

  function source() { return document.getElementById("proposal-source"); }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection(), text = source();
    if (!text || !selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    if (text.contains(selection.anchorNode) && text.contains(selection.focusNode)) chosen = selection.toString();
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-take-passage]") : null;
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-take-passage"));
    var status = document.getElementById("passage-status");
    if (chosen) {
      field.value = chosen;
      field.focus();
    }
    if (status) status.textContent = chosen ? status.getAttribute("data-done") : status.getAttribute("data-empty");
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-take-passage]").forEach(function (button) { button.hidden = false; });
  });
})();
