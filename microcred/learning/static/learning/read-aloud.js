// Read the lesson aloud with the browser's own speech synthesis. Progressive enhancement:
// the button stays hidden when JavaScript or speech synthesis is not available.
(function () {
  "use strict";
  var button = document.querySelector("[data-read-aloud]");
  if (!button || !("speechSynthesis" in window)) { return; }
  var target = document.getElementById(button.getAttribute("data-read-aloud"));
  if (!target) { return; }
  var startLabel = button.textContent;
  var stopLabel = button.getAttribute("data-stop-label");
  button.hidden = false;
  button.addEventListener("click", function () {
    if (window.speechSynthesis.speaking) {
      window.speechSynthesis.cancel();
      button.textContent = startLabel;
      return;
    }
    var utterance = new SpeechSynthesisUtterance(target.innerText);
    utterance.lang = target.closest("[lang]").getAttribute("lang");
    utterance.onend = function () { button.textContent = startLabel; };
    window.speechSynthesis.speak(utterance);
    button.textContent = stopLabel;
  });
})();
