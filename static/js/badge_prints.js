// The badge prints page: while a print is queued or building, ask its status every few seconds and reload
// the page once it has changed, so the download link (or the reason it failed) appears by itself.
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-badge-print-status]"));
  if (!rows.length) { return; }
  var EVERY = 2000;  // milliseconds: 2,000 badges take about half a minute
  function check() {
    Promise.all(rows.map(function (row) {
      return fetch(row.dataset.badgePrintStatus, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (body) { return body !== null && body.status !== row.dataset.status; }, function () { return false; });
    })).then(function (changed) {
      if (changed.indexOf(true) >= 0) { window.location.reload(); } else { window.setTimeout(check, EVERY); }
    });
  }
  window.setTimeout(check, EVERY);
})();
