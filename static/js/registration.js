// The registration form: a session's questions show only while that session is ticked, and the
// summary of the errors found at review takes the focus.
// Without this script every question shows, each fieldset named after its session.
(function () {
  var form = document.querySelector(".registration-form");
  if (!form) { return; }
  var boxes = form.querySelectorAll("input[type=checkbox][name=sessions]");
  function update() {
    boxes.forEach(function (box) {
      var questions = form.querySelector('.questions[data-session="' + box.value + '"]');
      if (questions) { questions.hidden = !box.checked; }
    });
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  update();
  // Refused at review: the errors are listed at the form's top, and the focus goes there first.
  var summary = form.querySelector("[data-focus-on-load]");
  if (summary) { summary.focus(); }
})();
