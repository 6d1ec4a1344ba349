// The service worker for lessons without internet (decision 0017), served at
// /course/offline-worker.js so that it controls the course pages.
// - Pages of a saved module: from the network when it answers within a few seconds, else the
//   saved copy. Their files (CSS, scripts, images): the saved copy first.
// - "Done" taps: kept in IndexedDB until the server has confirmed them, then deleted. The
//   server counts a lesson once however often a tap arrives, so sending again is always safe.
"use strict";

var CACHE_PREFIX = "microcred-module-";
var SAVE_HEADER = "X-Microcred-Offline";
var PAGE_TIMEOUT_MS = 6000;
var DB_NAME = "microcred-offline";
var STORE = "done-taps";
var SYNC_TAG = "microcred-done-taps";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

// Pages and files -------------------------------------------------------------------------
function savedCopy(request) {
  return caches.keys().then(function (names) {
    var ours = names.filter(function (name) { return name.indexOf(CACHE_PREFIX) === 0; });
    return ours.reduce(function (found, name) {
      return found.then(function (hit) {
        return hit || caches.open(name).then(function (cache) {
          return cache.match(request, { ignoreVary: true });
        });
      });
    }, Promise.resolve(undefined));
  });
}

function withTimeout(promise, ms) {
  return new Promise(function (resolve, reject) {
    var timer = setTimeout(function () { reject(new Error("timeout")); }, ms);
    promise.then(function (value) { clearTimeout(timer); resolve(value); },
                 function (error) { clearTimeout(timer); reject(error); });
  });
}

function page(request) {
  return savedCopy(request).then(function (saved) {
    if (!saved) { return fetch(request); }
    return withTimeout(fetch(request), PAGE_TIMEOUT_MS).catch(function () { return saved; });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (!request.headers.has(SAVE_HEADER)) {  // saving always asks the network
    event.respondWith(savedCopy(request).then(function (saved) {
      return saved || fetch(request);
    }));
  }
});

// The queue of "Done" taps ----------------------------------------------------------------
function store(mode, work) {
  return new Promise(function (resolve, reject) {
    var opening = indexedDB.open(DB_NAME, 1);
    opening.onupgradeneeded = function () {
      opening.result.createObjectStore(STORE, { keyPath: "id" });
    };
    opening.onerror = function () { reject(opening.error); };
    opening.onsuccess = function () {
      var transaction = opening.result.transaction(STORE, mode);
      var request = work(transaction.objectStore(STORE));
      transaction.oncomplete = function () { resolve(request && request.result); };
      transaction.onerror = function () { reject(transaction.error); };
    };
  });
}
function allTaps() { return store("readonly", function (s) { return s.getAll(); }); }
function keepTap(tap) { return store("readwrite", function (s) { return s.put(tap); }); }
function dropTap(id) { return store("readwrite", function (s) { return s.delete(id); }); }

// One tap: "sent" (or already there), "rejected" (the server will never take it: the reason,
// if any, is shown), "later" (not yet: an earlier lesson first, or a log-in or fresh page is needed),
// "offline".
function send(tap) {
  var body = new URLSearchParams({ id: tap.id, made_at: tap.made_at,
                                   sent_at: new Date().toISOString() });
  return fetch(tap.url, {
    method: "POST", body: body, credentials: "same-origin", redirect: "manual",
    headers: { "X-CSRFToken": tap.csrf, "Accept": "application/json" }
  }).then(function (response) {
    // 404: the lesson is gone from the learner's version; it can never be recorded.
    var state = response.status === 200 ? "sent"
      : response.status === 400 || response.status === 404 ? "rejected" : "later";
    var json = (response.headers.get("Content-Type") || "").indexOf("json") >= 0;
    return (json ? response.json() : Promise.resolve({})).then(function (data) {
      return { state: state, data: data, tap: tap };
    });
  }, function () { return { state: "offline", tap: tap }; });
}

// Whoever started the sending (a page, Background Sync), every open page can say it is done.
function tellPages(message) {
  return self.clients.matchAll({ type: "window" }).then(function (pages) {
    pages.forEach(function (client) { client.postMessage(message); });
  });
}

// Send every kept tap, oldest first; repeat while something went through, since a lesson's
// tap can wait for the one before it. Only one run at a time.
var running = null;
// Pages say "back online, sent" only after taps had to wait (a restarted worker forgets: then
// the pages simply say nothing).
var keptWhileOffline = false;
function sendAll() {
  if (running) { return running; }
  var report = { sent: 0, errors: [], offline: false, results: {} };
  function pass() {
    return allTaps().then(function (taps) {
      taps.sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
      var progressed = false;
      return taps.reduce(function (previous, tap) {
        return previous.then(function () {
          if (report.offline) { return null; }
          return send(tap).then(function (outcome) {
            report.results[tap.id] = outcome;
            if (outcome.state === "offline") { report.offline = true; return null; }
            if (outcome.state === "later") { return null; }
            progressed = true;
            if (outcome.state === "sent") { report.sent += 1; }
            else if (outcome.data.error) { report.errors.push(outcome.data.error); }
            return dropTap(tap.id);
          });
        });
      }, Promise.resolve()).then(function () {
        return progressed && !report.offline ? pass() : null;
      });
    });
  }
  running = pass().then(allTaps).then(function (left) {
    report.pending = left.length;
    running = null;
    if (report.offline) { keptWhileOffline = true; }
    if (report.sent && !report.pending && keptWhileOffline) {
      keptWhileOffline = false;
      tellPages({ type: "sent" });
    }
    return report;
  }, function (error) { running = null; throw error; });
  return running;
}

function askForBackgroundSync() {
  if (self.registration.sync) {
    return self.registration.sync.register(SYNC_TAG).catch(function () { return null; });
  }
  return Promise.resolve();
}

self.addEventListener("sync", function (event) {
  if (event.tag !== SYNC_TAG) { return; }
  event.waitUntil(sendAll().then(function (report) {
    if (report.offline) { throw new Error("still offline"); }  // the browser tries again
  }));
});

function summary(report) {
  return { sent: report.sent, pending: report.pending, errors: report.errors,
           offline: report.offline };
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  var port = event.ports[0];
  var reply = function (data) { if (port) { port.postMessage(data); } };
  if (message.type === "done") {
    event.waitUntil(keepTap(message.tap).then(sendAll).then(function (report) {
      var outcome = report.results[message.tap.id] || { state: "later", data: {} };
      var data = outcome.data || {};
      if (outcome.state !== "sent") { askForBackgroundSync(); }
      // An error to show: refused for good, or waiting for an earlier lesson's "Done".
      reply({ next_url: data.next_url, error: outcome.state === "sent" ? undefined : data.error });
    }, function () { reply({ not_kept: true }); }));  // no IndexedDB here: the page posts
  } else if (message.type === "sync") {
    // A page of this learner's session: its token replaces older ones in their kept taps.
    event.waitUntil(allTaps().then(function (taps) {
      return Promise.all(taps.filter(function (tap) {
        return tap.learner === message.learner && message.csrf;
      }).map(function (tap) { tap.csrf = message.csrf; return keepTap(tap); }));
    }).then(sendAll).then(function (report) { reply(summary(report)); },
                          function () { reply(null); }));
  }
});
