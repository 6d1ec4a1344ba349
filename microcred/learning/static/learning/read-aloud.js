// Read the lesson aloud with the browser's own speech synthesis. Progressive enhancement: the
// button is rendered hidden and only shown here, when the browser has a voice for the lesson's
// language (without one it would read Greek with an English voice, or say nothing at all).
(function () {
  "use strict";
  var button = document.querySelector("[data-read-aloud]");
  if (!button || !("speechSynthesis" in window) || !("SpeechSynthesisUtterance" in window)) {
    return;
  }
  var target = document.getElementById(button.getAttribute("data-read-aloud"));
  if (!target) { return; }
  var lang = (target.closest("[lang]") || document.documentElement).getAttribute("lang") || "";
  var base = lang.toLowerCase().split("-")[0];
  var startLabel = button.textContent;
  var stopLabel = button.getAttribute("data-stop-label");

  function voiceFor() {
    var voices = window.speechSynthesis.getVoices() || [];
    for (var i = 0; i < voices.length; i += 1) {
      if ((voices[i].lang || "").toLowerCase().replace("_", "-").split("-")[0] === base) {
        return voices[i];
      }
    }
    return null;
  }

  // Browsers load their voices after the page: look again when the list changes.
  function update() { button.hidden = voiceFor() === null; }
  update();
  if (window.speechSynthesis.addEventListener) {
    window.speechSynthesis.addEventListener("voiceschanged", update);
  }

  button.addEventListener("click", function () {
    if (window.speechSynthesis.speaking) {
      window.speechSynthesis.cancel();
      button.textContent = startLabel;
      return;
    }
    var utterance = new SpeechSynthesisUtterance(target.innerText);
    utterance.lang = lang;
    utterance.voice = voiceFor();
    utterance.onend = function () { button.textContent = startLabel; };
    window.speechSynthesis.speak(utterance);
    button.textContent = stopLabel;
  });
})();
