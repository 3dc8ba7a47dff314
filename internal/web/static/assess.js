// The chart's assessment form: opening the suicide-risk screen (C-SSRS) as soon as
// thoughts of self-harm are ticked. Without JavaScript the screen is a <details> the
// clinician opens, and the server opens it when self-harm or PHQ-9 item 9 is positive.
document.addEventListener('DOMContentLoaded', function () {
  var box = document.getElementById('assess-self-harm');
  var screen = document.getElementById('assess-cssrs');
  if (!box || !screen) return;
  box.addEventListener('change', function () {
    if (box.checked) screen.open = true;
  });
});
