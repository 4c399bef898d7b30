// A form refused by the server lists its errors at its top (templates/core/_error_summary.html): the focus
// goes there first, so that a screen reader reads them and a keyboard starts from their links.
(function () {
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) { summary.focus(); }
})();
