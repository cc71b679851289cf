// Attendance at the door, tolerant of a lost connection: a tap that cannot reach the server is kept
// in this device's storage, shown as pending, and sent again as soon as the connection comes back
// (or when the page is opened again). Marks already sent are saved on the server at once.
(function () {
  "use strict";
  var KEY = "convention-attendance-queue";

  function queue() {
    try { return JSON.parse(localStorage.getItem(KEY) || "[]"); } catch (e) { return []; }
  }
  function save(items) { localStorage.setItem(KEY, JSON.stringify(items)); showNotice(items.length); }

  function showNotice(count) {
    var notice = document.querySelector(".offline-notice");
    if (!notice) return;
    notice.hidden = count === 0;
    notice.textContent = notice.getAttribute("data-offline-text").replace("{count}", count);
  }

  function pressLocally(form, status) {
    form.querySelectorAll("button[name=status]").forEach(function (button) {
      var on = button.value === status;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.classList.toggle("pending", on);
    });
  }

  function keep(form, status) {
    var csrf = form.querySelector("input[name=csrf_token]");
    var items = queue().filter(function (item) { return item.action !== form.action; });
    items.push({action: form.action, status: status, csrf: csrf ? csrf.value : ""});
    save(items);
    pressLocally(form, status);
  }

  function swapRow(action, html) {
    var form = document.querySelector('form[action="' + new URL(action).pathname + '"]');
    var row = form && form.closest("tr");
    if (!row) return;
    var holder = document.createElement("tbody");
    holder.innerHTML = html;
    var fresh = holder.querySelector("tr");
    if (fresh) { row.replaceWith(fresh); if (window.htmx) window.htmx.process(fresh); }
    var counts = holder.querySelector("#attendance-counts");
    var old = document.getElementById("attendance-counts");
    if (counts && old) old.replaceWith(counts);
  }

  function flush() {
    var items = queue();
    if (!items.length || !navigator.onLine) { showNotice(items.length); return; }
    var item = items[0];
    var body = new FormData();
    body.append("csrf_token", item.csrf);
    body.append("status", item.status);
    fetch(item.action, {method: "POST", body: body, credentials: "same-origin", headers: {"HX-Request": "true"}})
      .then(function (response) {
        if (response.status >= 500) throw new Error("server");
        save(queue().filter(function (each) { return each.action !== item.action || each.status !== item.status; }));
        return response.ok ? response.text().then(function (html) { swapRow(item.action, html); }) : null;
      })
      .then(flush, function () { showNotice(queue().length); });
  }

  document.addEventListener("htmx:sendError", function (event) {
    var form = event.target.closest && event.target.closest("[data-attendance] form");
    var trigger = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent;
    var button = trigger && trigger.submitter;
    if (form && button) keep(form, button.value);
  });
  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-attendance] form");
    if (form && !navigator.onLine) {     // no network at all: keep the tap without trying
      event.preventDefault();
      event.stopPropagation();
      if (event.submitter) keep(form, event.submitter.value);
    }
  }, true);
  window.addEventListener("online", flush);
  document.addEventListener("DOMContentLoaded", flush);
  setInterval(flush, 15000);
})();
