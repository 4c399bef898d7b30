// Reads .eml files with postal-mime and prints, per message, every MIME part in document order and
// what postal-mime's public API hands a mail client; each calendar part (text/calendar,
// application/ics) is read again by ical.js from the text postal-mime decoded.
// Usage: node mime_parts.mjs FILE...; prints one JSON list on stdout.
//
// The part tree is postal-mime's own (parser.root, MimeNode): its public result lists only the
// attachments and the joined bodies, not the parts nor their Content-Type parameters. The version
// is pinned exactly in package.json, so a change of that internal shape shows up at an upgrade.
import { readFileSync } from "node:fs";

import ICAL from "ical.js";
import PostalMime from "postal-mime";

const CALENDAR_TYPES = new Set(["text/calendar", "application/ics"]);

function readCalendar(text) {
  try {
    const calendar = new ICAL.Component(ICAL.parse(text));
    ICAL.TimezoneService.reset(); // one part's zones never answer for another's
    for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
      ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
    }
    return {
      method: calendar.getFirstPropertyValue("method"),
      events: calendar.getAllSubcomponents("vevent").map((event) => {
        const start = event.getFirstProperty("dtstart");
        const time = start.getFirstValue();
        return {
          uid: event.getFirstPropertyValue("uid"),
          sequence: event.getFirstPropertyValue("sequence"),
          summary: event.getFirstPropertyValue("summary"),
          start: time.isDate ? { date: time.toString() } : { utc: time.toUnixTime() },
          startTzid: start.getParameter("tzid") ?? null,
          attendees: event.getAllProperties("attendee").map((attendee) => ({
            address: attendee.getFirstValue(),
            cn: attendee.getParameter("cn") ?? null,
          })),
        };
      }),
    };
  } catch (error) {
    return { error: String(error) };
  }
}

function describe(node, depth, parts) {
  const leaf = node.childNodes.length === 0;
  const mimeType = node.contentType.parsed.value;
  const text = leaf ? node.getTextContent() : null;
  parts.push({
    depth,
    mimeType,
    parameters: node.contentType.parsed.params,
    // Every Content-Type header of the part as written (folds kept): a repeated header or parameter
    // that the parsed parameters hide shows here.
    contentTypeLines: node.rawHeaderLines.filter((header) => header.key === "content-type").map((h) => h.line),
    disposition: node.contentDisposition.parsed.value || null,
    filename: node.contentDisposition.parsed.params.filename || node.contentType.parsed.params.name || null,
    text,
    calendar: leaf && CALENDAR_TYPES.has(mimeType) ? readCalendar(text) : null,
  });
  for (const child of node.childNodes) {
    describe(child, depth + 1, parts);
  }
}

async function read(path) {
  const parser = new PostalMime();
  const email = await parser.parse(readFileSync(path));
  const parts = [];
  describe(parser.root, 0, parts);
  return {
    file: path,
    subject: email.subject ?? null,
    parts,
    text: email.text ?? null,
    attachments: email.attachments.map((attachment) => ({
      mimeType: attachment.mimeType,
      disposition: attachment.disposition,
      filename: attachment.filename,
      method: attachment.method ?? null,
      text: new TextDecoder().decode(attachment.content),
    })),
  };
}

const results = [];
for (const path of process.argv.slice(2)) {
  try {
    results.push(await read(path));
  } catch (error) {
    results.push({ file: path, error: String(error && error.stack ? error.stack : error) });
  }
}
process.stdout.write(JSON.stringify(results));
