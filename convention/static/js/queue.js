// The question queue of a hearing refreshes itself (htmx polling). A refresh replaces the queue's
// HTML, which would take the keyboard focus away from whoever is in it: the refresh is skipped while
// focus is inside the queue (a moderator choosing a duplicate, a member on a button) or the tab is
// hidden, and after a vote or a moderation the focus goes back to the same button in the new queue.
(function () {
  "use strict";
  var focused = null;

  function inQueue(element) { return element && element.closest && element.closest("#queue"); }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    if (source.id === "queue" && event.detail.requestConfig.verb === "get") {
      var active = document.activeElement;
      if (document.hidden || (active && active !== document.body && inQueue(active))) event.preventDefault();
      return;
    }
    var button = document.activeElement;
    focused = inQueue(source) && button && button.form ? {action: button.form.getAttribute("action"),
                                                          value: button.value || ""} : null;
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    if (!focused || !event.detail.target || event.detail.target.id !== "queue") return;
    var queue = document.getElementById("queue");
    var form = queue && queue.querySelector('form[action="' + focused.action + '"]');
    var button = form && (form.querySelector('button[value="' + focused.value + '"]') || form.querySelector("button"));
    if (button) button.focus();
    focused = null;
  });
})();
