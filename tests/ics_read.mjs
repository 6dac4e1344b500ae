// Reads .ics files with Mozilla's ical.js, as Thunderbird does, and prints what it sees:
// per file, every VEVENT with its start and end (UTC, or a date for whole days), status,
// summary and, for recurring events, their occurrences in the years asked for.
// Usage: node tests/ics_read.mjs FIRST_YEAR LAST_YEAR FILE...
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [first, last, ...files] = process.argv.slice(2);
const until = ICAL.Time.fromData({ year: Number(last) + 1, month: 1, day: 1 });
const moment = (t) => (t.isDate ? t.toString() : t.toJSDate().toISOString());
const out = {};
for (const file of files) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  out[file] = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const occurrences = [];
    if (event.isRecurring()) {
      const it = event.iterator();
      for (let next = it.next(); next && next.compare(until) < 0; next = it.next()) {
        if (next.year >= Number(first)) occurrences.push(moment(next));
      }
    }
    return {
      uid: event.uid, summary: event.summary, status: component.getFirstPropertyValue("status"),
      start: moment(event.startDate), end: event.endDate ? moment(event.endDate) : null,
      sequence: event.sequence, occurrences,
    };
  });
}
process.stdout.write(JSON.stringify(out));
