// "Your meetings": at a one-to-one, scan the other side's badge or the table's card with the phone's camera
// and the meeting of the moment is marked held, through one endpoint for both (/meeting-scans/: the server
// tells a badge's code from a table's). One scan at a time, online: a
// meeting is marked while both sides sit at the table, so nothing is queued; the page reloads to show it.
(function () {
  "use strict";
  const box = document.querySelector(".meeting-scan");
  if (!box) return;
  const text = box.dataset;
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  const result = box.querySelector('[data-region="result"]');
  const video = box.querySelector(".door-video");
  const scanButton = box.querySelector('[data-action="scan"]');
  const stopButton = box.querySelector('[data-action="stop"]');
  const HELD_KEY = "meeting-scan-held";
  let busy = false;
  // The camera and the reading of codes are qr_camera.js's, shared with the door page; the buttons and the
  // words shown are this page's. Guarded, so that "We met" still works if that script did not load.
  const camera = window.QrCamera ? window.QrCamera(video, send) : null;

  function show(words, kind) {
    result.dataset.kind = kind;
    result.textContent = words;
    result.focus();
  }

  async function send(code) {
    if (busy || !code) return;
    busy = true;
    try {
      const response = await fetch(text.api + "meeting-scans/", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ secret: code }),
      });
      let data = {};
      try {
        data = await response.json();
      } catch (error) {
        data = {};
      }
      if (response.ok) {
        stopCamera();
        show(text.held, "ok");
        // The page reloads to show the meeting held; the thanks is kept for the reloaded page, so that a
        // person who looks at the phone a few seconds later still reads it.
        try {
          window.sessionStorage.setItem(HELD_KEY, "1");
        } catch (error) {
          // private browsing without storage: the thanks is shown until the reload only
        }
        window.setTimeout(() => window.location.reload(), 1500);
        return;
      }
      show(data.detail || Object.values(data).flat().join(" ") || text.failed, "refused");
    } catch (error) {
      show(text.offline, "refused");
    } finally {
      busy = false;
    }
  }

  function stopCamera() {
    if (camera) camera.stop();
    stopButton.hidden = true;
    scanButton.hidden = false;
  }

  async function startCamera() {
    scanButton.hidden = true;
    stopButton.hidden = false;
    if (camera && (await camera.start())) return;
    stopCamera();
    show(text.noCamera, "refused");
  }

  try {
    if (window.sessionStorage.getItem(HELD_KEY)) {
      window.sessionStorage.removeItem(HELD_KEY);
      show(text.held, "ok");
    }
  } catch (error) {
    // no storage: nothing was kept
  }

  scanButton.addEventListener("click", startCamera);
  stopButton.addEventListener("click", stopCamera);
})();
