// The agenda page: copy the feed link, and offer the viewer's own time zone.
(function () {
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.copyStatus);
    function say(text) { status.textContent = ""; window.setTimeout(function () { status.textContent = text; }, 50); }
    button.addEventListener("click", function () {
      field.select();
      // The clipboard API needs a secure context (https or localhost); older browsers fall back to execCommand.
      var copied = navigator.clipboard
        ? navigator.clipboard.writeText(field.value)
        : (document.execCommand("copy") ? Promise.resolve() : Promise.reject());
      copied.then(function () { say(button.dataset.copied); }, function () { say(button.dataset.copyFailed); });
    });
  });
  document.querySelectorAll(".show-my-zone").forEach(function (link) {
    link.href = "?tz=" + encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
