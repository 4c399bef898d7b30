// The door page: staff scan a badge's QR code with the phone's camera, or find a person by name, and the
// entry is recorded through the API. Each scan gets a nonce made here (crypto.randomUUID) and its time,
// and goes into a queue kept in localStorage before it is sent: if the network is gone, it stays there,
// shown as "waiting to upload (N)", and is sent when the network is back. The server counts a nonce once,
// so sending a scan again (an answer lost on the way back) never checks anyone in twice.
// The check-in list is fetched every few seconds for the counts; finding by name searches the last list
// fetched, so it works offline too.
(function () {
  "use strict";
  const page = document.querySelector(".door-page");
  if (!page) return;
  const text = page.dataset;
  const api = text.api;
  const session = Number(text.session);
  const zone = text.zone;
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  const queueKey = "door-queue-" + session;
  const POLL_MS = 5000;
  const region = (name) => page.querySelector('[data-region="' + name + '"]');
  const result = region("result");
  const search = page.querySelector("#door-search");
  const missingOnly = page.querySelector("#door-missing");
  const clock = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    timeZone: zone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  let people = []; // the check-in list as last fetched
  let listShown = "";
  let uploading = false;
  const recent = []; // {nonce, time, name, outcome text, kind}

  // A name someone typed, isolated from the text around it (a <bdi>), so an Arabic name beside Latin
  // text keeps its order (the pages' `bdi` filter, events.core.bidi).
  function isolated(name) {
    const element = document.createElement("bdi");
    element.textContent = name;
    return element;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  }

  function localTime(iso) {
    return clock.format(new Date(iso));
  }

  function roleLabel(role) {
    return text["role" + role.charAt(0).toUpperCase() + role.slice(1)] || role;
  }

  // --- The queue on the device ---------------------------------------------------------------

  function readQueue() {
    try {
      return JSON.parse(window.localStorage.getItem(queueKey)) || [];
    } catch (error) {
      return [];
    }
  }

  function writeQueue(queue) {
    window.localStorage.setItem(queueKey, JSON.stringify(queue));
    showQueue();
  }

  function showQueue() {
    const waiting = readQueue().length;
    const node = region("queue");
    node.hidden = waiting === 0;
    node.textContent = waiting ? fill(text.waiting, { count: waiting }) : "";
  }

  function showNetwork() {
    const node = region("network");
    node.hidden = navigator.onLine;
    node.textContent = navigator.onLine ? "" : text.offline;
  }

  // --- What the door says ----------------------------------------------------------------------

  function verdict(answer) {
    switch (answer.outcome) {
      case "checked_in":
        return { words: text.checkedIn, kind: "ok" };
      case "already_checked_in":
        return { words: fill(text.already, { time: localTime(answer.checked_in_at), zone: zone }), kind: "again" };
      case "not_on_list":
        return { words: text.notOnList, kind: "refused" };
      case "door_closed":
        return { words: text.doorClosed, kind: "refused" };
      default:
        return { words: text.unknown, kind: "refused" };
    }
  }

  function show(words, kind, person) {
    result.dataset.kind = kind;
    result.querySelector('[data-field="verdict"]').textContent = words;
    result.querySelector('[data-field="name"]').textContent = person ? person.name : "";
    // The company's name isolated, as in the list below: in Arabic it read ".Lone Star Cloud Systems, Inc ·".
    const details = result.querySelector('[data-field="details"]');
    details.replaceChildren();
    if (person) {
      const parts = [person.organization ? isolated(person.organization) : null, roleLabel(person.role)].filter(Boolean);
      parts.forEach((part, index) => details.append(...(index ? [" · ", part] : [part])));
    }
  }

  function log(scan, words, kind) {
    const existing = recent.find((item) => item.nonce === scan.nonce);
    const entry = existing || { nonce: scan.nonce, time: localTime(scan.scanned_at) };
    Object.assign(entry, { name: scan.name || text.scannedBadge, words: words, kind: kind });
    if (!existing) recent.unshift(entry);
    recent.splice(10);
    region("log").replaceChildren(
      ...recent.map((item) => {
        const line = document.createElement("li");
        line.dataset.kind = item.kind;
        line.append(item.time + " · ", isolated(item.name), " · " + item.words);
        return line;
      }),
    );
  }

  // --- Sending scans ---------------------------------------------------------------------------

  class Offline extends Error {}

  async function send(scan) {
    const body = { session: session, nonce: scan.nonce, scanned_at: scan.scanned_at };
    if (scan.secret) body.secret = scan.secret;
    else body.badge = scan.badge;
    let response;
    try {
      response = await fetch(api + "check-ins/", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(body),
      });
    } catch (error) {
      throw new Offline(); // no network: the scan stays queued
    }
    if (response.status >= 500 || response.status === 403 || response.status === 401) {
      // The server is in trouble, or the sign-in expired: keep the scan and try again later.
      throw new Offline(response.status >= 500 ? text.offline : text.signedOut);
    }
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = {};
    }
    if (!response.ok) {
      const detail = data.detail || Object.values(data).flat().join(" ");
      return { refused: text.failed + " " + detail };
    }
    return data;
  }

  function answered(scan, data, isLatest) {
    if (data.refused) {
      log(scan, data.refused, "refused");
      if (isLatest) show(data.refused, "refused", null);
      return;
    }
    const said = verdict(data);
    const person = data.person || (scan.name ? { name: scan.name, organization: "", role: "" } : null);
    log({ ...scan, name: person ? person.name : scan.name }, said.words, said.kind);
    if (isLatest) show(said.words, said.kind, person);
  }

  // Send what is queued, oldest first; stop at the first scan the network does not take.
  async function upload(latestNonce) {
    if (uploading) return;
    uploading = true;
    let sent = 0;
    try {
      for (;;) {
        const queue = readQueue();
        if (!queue.length) break;
        const scan = queue[0];
        let data;
        try {
          data = await send(scan);
        } catch (error) {
          if (error instanceof Offline && error.message) show(error.message, "waiting", null);
          break;
        }
        writeQueue(readQueue().filter((item) => item.nonce !== scan.nonce));
        sent += 1;
        // Oldest first, so the big verdict ends on the newest scan sent.
        answered(scan, data, true);
      }
    } finally {
      uploading = false;
      showQueue();
    }
    if (sent) refreshList();
    if (sent && latestNonce === undefined && !readQueue().length) {
      region("network").hidden = false;
      region("network").textContent = text.uploaded;
    }
    return sent;
  }

  async function record(scan) {
    scan.nonce = crypto.randomUUID();
    scan.scanned_at = new Date().toISOString();
    writeQueue(readQueue().concat([scan])); // on the device first: nothing is lost if the network is gone
    log(scan, fill(text.waiting, { count: readQueue().length }), "waiting");
    const wasEmpty = readQueue().length === 1;
    if (wasEmpty && (await upload(scan.nonce))) return;
    // Not sent (offline, or older scans still waiting): say so, with whose it is when we know.
    if (readQueue().some((item) => item.nonce === scan.nonce)) {
      show(text.saved, "waiting", scan.name ? { name: scan.name, organization: scan.organization, role: scan.role } : null);
      if (!wasEmpty) upload();
    }
    result.focus();
  }

  // --- The list, found by name -----------------------------------------------------------------

  // Found as typed on any keyboard: "lefevre" finds "Lefèvre", "FORET" finds "Forêt", "محمد" finds "مُحَمَّد": case
  // and accents aside (decomposed, less the combining marks), as the server sorts the list (events.core.text.folded).
  function folded(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  }

  function matches(person, wanted) {
    if (!wanted) return true;
    return folded(person.name + " " + person.organization).includes(wanted);
  }

  function renderPeople() {
    const wanted = folded(search.value.trim());
    const shown = people.filter(
      (person) => matches(person, wanted) && !(missingOnly.checked && person.checked_in_at),
    );
    const key = wanted + "\u0000" + JSON.stringify(shown);
    if (key === listShown) return;
    listShown = key;
    const focused = document.activeElement && document.activeElement.dataset.badge;
    const list = region("people");
    if (!shown.length) {
      const empty = document.createElement("li");
      empty.textContent = people.length || wanted ? text.noMatch : "";
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(
      ...shown.map((person) => {
        const item = document.createElement("li");
        item.className = "door-person";
        const who = document.createElement("span");
        who.className = "door-person-who";
        const name = document.createElement("strong");
        name.append(isolated(person.name));
        const details = document.createElement("span");
        details.append(
          ...[person.organization ? isolated(person.organization) : null, roleLabel(person.role)]
            .filter(Boolean)
            .flatMap((part, index) => (index ? [" · ", part] : [part])),
        );
        const state = document.createElement("span");
        state.className = "door-person-state";
        state.textContent = person.checked_in_at
          ? fill(text.arrivedAt, { time: localTime(person.checked_in_at) })
          : text.notArrived;
        who.append(name, " ", details, " ", state);
        item.append(who);
        if (person.badge) {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "door-button";
          button.dataset.badge = person.badge;
          const hidden = document.createElement("span");
          hidden.className = "visually-hidden";
          hidden.append(" ", isolated(person.name));
          button.append(text.checkIn, hidden);
          button.addEventListener("click", () =>
            record({ badge: person.badge, name: person.name, organization: person.organization, role: person.role }),
          );
          item.append(button);
        } else {
          const none = document.createElement("span");
          none.textContent = text.noBadge;
          item.append(none);
        }
        return item;
      }),
    );
    if (focused) {
      const again = list.querySelector('[data-badge="' + focused + '"]');
      if (again) again.focus();
    }
  }

  async function refreshList() {
    try {
      const response = await fetch(api + "check-in-lists/" + session + "/", {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const data = await response.json();
      people = data.people;
      region("counts").textContent = fill(text.counts, { arrived: data.arrived, expected: data.expected });
      renderPeople();
    } catch (error) {
      // Offline: keep the last list; the counts catch up when the network is back.
    }
  }

  search.addEventListener("input", renderPeople);
  missingOnly.addEventListener("change", renderPeople);

  // --- The camera --------------------------------------------------------------------------------

  // The camera and the reading of codes are qr_camera.js's, shared with "Your meetings"; the buttons and
  // the words shown are this page's. A scan goes through record() like one found by name, so it is queued.
  const video = page.querySelector(".door-video");
  const scanButton = page.querySelector('[data-action="scan"]');
  const stopButton = page.querySelector('[data-action="stop"]');
  // Guarded: without qr_camera.js the page must still check people in by name and send its queue.
  const camera = window.QrCamera ? window.QrCamera(video, (code) => record({ secret: code })) : null;

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
    show(text.noCamera, "refused", null);
  }

  scanButton.addEventListener("click", startCamera);
  stopButton.addEventListener("click", stopCamera);

  // --- Keeping up ------------------------------------------------------------------------------

  window.addEventListener("online", () => {
    showNetwork();
    upload();
  });
  window.addEventListener("offline", showNetwork);
  window.setInterval(() => {
    if (document.visibilityState !== "visible") return;
    if (readQueue().length) upload();
    refreshList();
  }, POLL_MS);

  showNetwork();
  showQueue();
  refreshList();
  upload();
})();
