// A time of the Vietnam day as opening hours and the SMS sending window write it: "HH:MM", two
// digits each, from 00:00 to 23:59, and "24:00" for the midnight that ends the day, so a range or a
// window can run to midnight. Only an end is ever 24:00: a start of 24:00 is never before its end,
// so the hours' and the window's order checks refuse it, each with its own message.

const HH_MM = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;
const END_OF_DAY = "24:00";
const MINUTES_PER_DAY = 24 * 60;

/** "07:30" → 450 minutes after midnight, "24:00" → 1440; null when the text is no such time. */
export function parseTimeOfDay(text: string): number | null {
  if (text === END_OF_DAY) return MINUTES_PER_DAY;
  const match = HH_MM.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}
