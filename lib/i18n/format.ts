const TIME_ZONE = "Europe/Paris";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
const date = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeZone: TIME_ZONE });
const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE });
const day = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", timeZone: TIME_ZONE });
const dayKey = new Intl.DateTimeFormat("fr-CA", { timeZone: TIME_ZONE });

const stamp = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZoneName: "longOffset",
});

/** "2026-11-27 15:02:11 +01:00": Paris local time with its offset, as exports give it (sortable, unambiguous). */
export function parisTimestamp(date: Date): string {
  const p = Object.fromEntries(stamp.formatToParts(date).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName.replace("GMT", "") || "+00:00"}`;
}

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

/** "27 nov. 2026": a day, with its year. */
export function formatDate(day: Date): string {
  return date.format(day);
}

export function formatTime(date: Date): string {
  return time.format(date);
}

/** "27 nov.": the day without the year, as lists show it. */
export function formatDay(date: Date): string {
  return day.format(date);
}

/** Lists show the time for today's messages, the day otherwise. */
export function formatListDate(date: Date, now = new Date()): string {
  return parisDay(date) === parisDay(now) ? formatTime(date) : formatDay(date);
}

export function formatAddress({ address, name }: { address: string; name: string | null }): string {
  return name ? `${name} <${address}>` : address;
}

/** The UTC offset Paris has on a given day, e.g. "+01:00". */
function parisOffset(day: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  const name = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, timeZoneName: "longOffset" })
    .formatToParts(noon)
    .find((p) => p.type === "timeZoneName")?.value;
  return name === "GMT" || !name ? "+00:00" : name.replace("GMT", "");
}

/** The instant a day starts in Paris. */
export function startOfParisDay(day: string): Date {
  return new Date(`${day}T00:00:00${parisOffset(day)}`);
}

/** A Paris wall-clock time as a datetime input gives it ("2026-11-28T08:00"), as an instant. */
export function parisDateTime(local: string): Date {
  return new Date(`${local}:00${parisOffset(local.slice(0, 10))}`);
}

/** "Until 2026-12-01 included": the instant the next day starts in Paris. */
export function endOfParisDay(day: string): Date {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfParisDay(next.toISOString().slice(0, 10));
}

/** The Paris calendar day an instant belongs to, as YYYY-MM-DD (for date inputs). */
export function parisDay(date: Date): string {
  return dayKey.format(date);
}

// Made once: a number's toLocaleString with options builds its formatter anew at each call (~20 µs).
const megabytes = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} Ko`;
  return `${megabytes.format(bytes / (1024 * 1024))} Mo`;
}
