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
  let reader = null;
  let stream = null;
  let controls = null;
  let busy = false;

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
    const scanning = controls;
    controls = null;
    if (scanning) scanning.stop();
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    video.hidden = true;
    stopButton.hidden = true;
    scanButton.hidden = false;
  }

  let last = { code: "", at: 0 };
  function decoded(found) {
    if (!found) return;
    const code = found.getText().trim();
    // The camera sees the same code many times a second: send it once every few seconds.
    if (code === last.code && Date.now() - last.at < 4000) return;
    last = { code: code, at: Date.now() };
    if (navigator.vibrate) navigator.vibrate(80);
    send(code);
  }

  // Wait for the camera's first frames: the reader sizes its canvas from the video when it starts.
  function framesReady() {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      (function wait() {
        if (video.videoWidth > 0 && video.readyState >= 2) resolve();
        else if (Date.now() - started > 15000) reject(new Error("no frames"));
        else window.setTimeout(wait, 100);
      })();
    });
  }

  function scanFrames() {
    if (!stream) return;
    controls = reader.scan(video, decoded, (error) => {
      if (error && stream) window.setTimeout(scanFrames, 500);
    });
  }

  async function startCamera() {
    if (!window.ZXingBrowser || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show(text.noCamera, "refused");
      return;
    }
    video.hidden = false;
    scanButton.hidden = true;
    stopButton.hidden = false;
    try {
      reader = reader || new window.ZXingBrowser.BrowserQRCodeReader();
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
      video.srcObject = stream;
      await video.play();
      await framesReady();
      scanFrames();
    } catch (error) {
      stopCamera();
      show(text.noCamera, "refused");
    }
  }

  scanButton.addEventListener("click", startCamera);
  stopButton.addEventListener("click", stopCamera);
})();
