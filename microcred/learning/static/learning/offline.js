// Lessons without internet (decision 0017). Progressive enhancement: without JavaScript or
// service workers nothing here runs and every form posts to the server as before.
// Module page: "Save this module for offline" stores the module's pages in the Cache API.
// Lesson page of a saved module: "Done" goes to the service worker's queue (sent now if
// possible, later otherwise), and the self-check answers on the device when offline.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator && "caches" in window && "indexedDB" in window)) { return; }
  var SAVE_HEADERS = { "X-Microcred-Offline": "save" };

  function text(root, name) {
    var node = root.querySelector("[data-offline-text='" + name + "']");
    return node ? node.textContent.trim() : "";
  }
  function csrfToken() {
    var field = document.querySelector("[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function cacheName(code) { return "microcred-module-" + code; }
  function formatDate(iso) {
    return new Date(iso).toLocaleDateString(document.documentElement.lang || undefined,
      { day: "numeric", month: "long", year: "numeric" });
  }

  // Ask the service worker something and wait (a while) for its answer.
  function ask(message, waitMs) {
    return new Promise(function (resolve) {
      var worker = navigator.serviceWorker.controller;
      if (!worker) { resolve(null); return; }
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) { resolve(event.data); };
      worker.postMessage(message, [channel.port2]);
      setTimeout(function () { resolve(null); }, waitMs || 8000);
    });
  }

  function showNote(root, message) {
    var note = root.querySelector("[data-offline-note]");
    if (!note || !message) { return; }
    note.textContent = message;
    note.hidden = false;
  }

  // Send what was kept on this device, now and whenever the connection comes back. The
  // "online" event often comes before requests get through (the phone has a signal, the
  // network not yet; or a send that started offline is still failing), so while the browser
  // says online and taps are still waiting, try again a few times, each wait longer.
  var RETRY_SECONDS = [2, 5, 10, 30, 60];
  function syncQueue(root, learner, csrf) {
    var retry = null;
    function run(attempt) {
      clearTimeout(retry);
      ask({ type: "sync", learner: learner, csrf: csrf }).then(function (reply) {
        if (!reply) { return; }
        if (reply.errors && reply.errors.length) { showNote(root, reply.errors.join(" ")); }
        else if (reply.pending && reply.offline) { showNote(root, text(root, "queued")); }
        if (reply.pending && reply.offline && navigator.onLine && attempt < RETRY_SECONDS.length) {
          retry = setTimeout(function () { run(attempt + 1); }, RETRY_SECONDS[attempt] * 1000);
        }
      });
    }
    run(0);
    window.addEventListener("online", function () { run(0); });
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "sent") { showNote(root, text(root, "sent")); }
    });
  }

  // Module page ---------------------------------------------------------------------------
  function setUpModule(section) {
    var code = section.getAttribute("data-offline-module");
    var manifestUrl = section.getAttribute("data-offline-manifest");
    var status = section.querySelector("[data-offline-status]");
    var saveBox = section.querySelector("[data-offline-save-box]");
    var removeBox = section.querySelector("[data-offline-remove-box]");
    var saveButton = section.querySelector("[data-offline-save]");

    function show(message, saved) {
      status.textContent = message;
      removeBox.hidden = !saved;
      saveButton.disabled = false;
    }
    function savedManifest() {
      // caches.open() would create an empty cache, which lesson pages take for a saved module.
      return caches.has(cacheName(code)).then(function (saved) {
        return saved && caches.open(cacheName(code))
          .then(function (cache) { return cache.match(manifestUrl); })
          .then(function (response) { return response ? response.json() : null; });
      });
    }

    function save() {
      saveButton.disabled = true;
      status.textContent = text(section, "saving");
      var worker = section.getAttribute("data-offline-worker");
      var scope = section.getAttribute("data-offline-scope");
      var manifest;
      navigator.serviceWorker.register(worker, { scope: scope })
        .then(function () { return navigator.serviceWorker.ready; })
        .then(function () { return fetch(manifestUrl, { headers: SAVE_HEADERS }); })
        .then(function (response) {
          if (!response.ok) { throw new Error("manifest " + response.status); }
          return response.json();
        })
        .then(function (data) {
          manifest = data;
          return caches.open(manifest.cache);
        })
        .then(function (cache) {
          // One at a time: on a weak connection parallel requests only fail together.
          return manifest.urls.reduce(function (previous, url) {
            return previous.then(function () {
              return fetch(url, { headers: SAVE_HEADERS }).then(function (response) {
                if (!response.ok || response.redirected) { throw new Error(url); }
                return cache.put(url, response);
              });
            });
          }, Promise.resolve()).then(function () {
            return cache.put(manifestUrl, new Response(JSON.stringify(manifest),
              { headers: { "Content-Type": "application/json" } }));
          });
        })
        .then(function () {
          show(text(section, "saved").replace("{date}", formatDate(manifest.saved_at)), true);
        })
        .catch(function () {
          caches.delete(cacheName(code)).then(function () { show(text(section, "failed"), false); });
        });
    }

    function remove() {
      caches.delete(cacheName(code)).then(function () { show(text(section, "removed"), false); });
    }

    section.hidden = false;
    syncQueue(section, section.getAttribute("data-learner"), csrfToken());
    saveBox.querySelector("button").addEventListener("click", save);
    removeBox.querySelector("button").addEventListener("click", remove);
    savedManifest().then(function (manifest) {
      if (manifest) {
        show(text(section, "saved").replace("{date}", formatDate(manifest.saved_at)), true);
      }
    });
  }

  // Lesson page ---------------------------------------------------------------------------
  function setUpLesson(box) {
    var doneForm = document.querySelector("form.lesson-done");
    var checkForm = document.querySelector("#check form");
    var csrf = csrfToken();
    var learner = box.getAttribute("data-learner");

    syncQueue(box, learner, csrf);
    caches.has(cacheName(box.getAttribute("data-offline-module"))).then(function (saved) {
      if (!saved) { return; }
      if (doneForm) { doneForm.addEventListener("submit", markDone); }
      if (checkForm && box.hasAttribute("data-check-right")) {
        checkForm.addEventListener("submit", checkOffline);
      }
    });

    function markDone(event) {
      // Without a worker to keep the tap (a page loaded bypassing it), the form posts as usual.
      if (!navigator.serviceWorker.controller) { return; }
      event.preventDefault();
      var button = doneForm.querySelector("button");
      button.disabled = true;
      var tap = {
        id: crypto.randomUUID(), url: box.getAttribute("data-done-url"),
        made_at: new Date().toISOString(), learner: learner, csrf: csrf
      };
      ask({ type: "done", tap: tap }).then(function (reply) {
        if (reply && reply.not_kept) { doneForm.submit(); return; }
        if (reply && reply.error) {
          showNote(box, reply.error);
          button.disabled = false;
          return;
        }
        window.location.assign((reply && reply.next_url) || box.getAttribute("data-next-url"));
      });
    }

    function checkOffline(event) {
      if (navigator.onLine) { return; }  // the server answers and remembers the answer
      event.preventDefault();
      var chosen = checkForm.querySelector("input[name=choice]:checked");
      document.querySelectorAll("#check .message").forEach(function (old) {
        if (old.hasAttribute("data-offline-verdict")) { old.remove(); } else { old.hidden = true; }
      });
      var verdict = document.createElement("div");
      verdict.setAttribute("data-offline-verdict", "");
      verdict.setAttribute("role", "status");
      var right = chosen && chosen.value === box.getAttribute("data-check-right");
      verdict.className = "message " + (right ? "message--success" : "message--warning");
      var lines = !chosen ? [text(box, "choose")]
        : [text(box, right ? "right" : "wrong"), text(box, "feedback")];
      lines.forEach(function (line, index) {
        var paragraph = document.createElement("p");
        if (index === 0) {
          var strong = document.createElement("strong");
          strong.textContent = line;
          paragraph.appendChild(strong);
        } else {
          paragraph.textContent = line;
        }
        verdict.appendChild(paragraph);
      });
      checkForm.parentNode.insertBefore(verdict, checkForm);
    }
  }

  var section = document.querySelector("section[data-offline-module]");
  if (section) { setUpModule(section); }
  var lessonBox = document.querySelector("[data-offline-lesson]");
  if (lessonBox) { setUpLesson(lessonBox); }
})();
