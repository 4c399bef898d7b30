// The registration form: a session's questions show only while that session is ticked (the summary of
// the errors found at review takes the focus by error_summary.js).
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
})();
