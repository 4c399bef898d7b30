// Reads .ics files with ical.js and prints, per file, each VEVENT's UID, SEQUENCE, SUMMARY, the CN of its
// ORGANIZER and ATTENDEEs, and start/end:
// UTC instants (Unix seconds) worked out from the calendar's own VTIMEZONEs, or the date of a
// whole-day event. Usage: node icaljs_instants.mjs FILE...; prints one JSON list on stdout.
import { readFileSync } from "node:fs";

import ICAL from "ical.js";

function when(event, name, zones) {
  const property = event.getFirstProperty(name);
  if (property === null) {
    throw new Error(`${name} is missing`);
  }
  const time = property.getFirstValue();
  if (time.isDate) {
    return { date: time.toString() };
  }
  const tzid = property.getParameter("tzid");
  if (tzid) {
    // A TZID whose VTIMEZONE is missing would leave the time floating: name it rather than guess.
    if (!zones.has(tzid) || time.zone === null || time.zone.tzid !== tzid) {
      throw new Error(`${name} names TZID ${tzid}, which no VTIMEZONE of this calendar defines`);
    }
  } else if (time.zone !== ICAL.Timezone.utcTimezone) {
    throw new Error(`${name} is a floating time`);
  }
  return { utc: time.toUnixTime() };
}

function read(path) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  ICAL.TimezoneService.reset(); // one file's zones never answer for another's
  const zones = new Set();
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone);
    zones.add(zone.tzid);
  }
  return calendar.getAllSubcomponents("vevent").map((event) => ({
    uid: event.getFirstPropertyValue("uid"),
    sequence: event.getFirstPropertyValue("sequence"),
    start: when(event, "dtstart", zones),
    end: when(event, "dtend", zones),
    summary: event.getFirstPropertyValue("summary"),
    // The CN of the ORGANIZER and of each ATTENDEE, in the order written.
    names: event
      .getAllProperties()
      .filter((property) => property.name === "organizer" || property.name === "attendee")
      .map((property) => property.getParameter("cn"))
      .filter((name) => name),
  }));
}

const results = process.argv.slice(2).map((path) => {
  try {
    return { file: path, events: read(path) };
  } catch (error) {
    return { file: path, error: String(error && error.stack ? error.stack : error) };
  }
});
process.stdout.write(JSON.stringify(results));
