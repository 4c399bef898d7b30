// The phone's camera reading QR codes, shared by the door page (door.js) and "Your meetings"
// (meeting_scan.js), which did the same thing twice. A plain script (no bundler, and the CSP allows no
// inline code): it defines window.QrCamera and needs the vendored @zxing/browser loaded before it.
//
//   const camera = window.QrCamera(video, (code) => { ... });
//   camera.start()   -> a promise of true (the camera films and codes are read) or false (no camera here,
//                       refused, or no frames): the caller shows its own words, in its own language;
//   camera.stop()    -> the camera off and the video hidden;
//   camera.running() -> whether the camera is on.
//
// The module shows and hides only the video it is given; the buttons and messages stay with each page.
(function () {
  "use strict";

  window.QrCamera = function (video, onCode) {
    let reader = null;
    let stream = null;
    let controls = null;
    let last = { code: "", at: 0 };

    function stop() {
      const scanning = controls;
      controls = null;
      if (scanning) scanning.stop();
      if (stream) stream.getTracks().forEach((track) => track.stop());
      stream = null;
      video.srcObject = null;
      video.hidden = true;
    }

    function decoded(found) {
      if (!found) return; // nothing readable in this frame
      const code = found.getText().trim();
      const now = Date.now();
      // The camera sees the same code many times a second: hand it on once every few seconds.
      if (code === last.code && now - last.at < 4000) return;
      last = { code: code, at: now };
      if (navigator.vibrate) navigator.vibrate(80);
      onCode(code);
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

    // The reader's loop ends on an error other than "nothing found here": start it again while the camera is on.
    function scanFrames() {
      if (!stream) return;
      controls = reader.scan(video, decoded, (error) => {
        if (error && stream) window.setTimeout(scanFrames, 500);
      });
    }

    async function start() {
      // Checked before anything is shown, so that a phone without a camera (or the reader) changes nothing.
      if (!window.ZXingBrowser || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return false;
      video.hidden = false;
      try {
        reader = reader || new window.ZXingBrowser.BrowserQRCodeReader();
        // The stream is ours (not the reader's): we wait for its frames ourselves and stop it ourselves.
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        video.srcObject = stream;
        await video.play();
        await framesReady();
        scanFrames();
        return true;
      } catch (error) {
        stop();
        return false;
      }
    }

    return { start: start, stop: stop, running: () => stream !== null };
  };
})();
