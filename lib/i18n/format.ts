const TIME_ZONE = "Europe/Paris";

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE });
const time = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE });
const day = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "short", timeZone: TIME_ZONE });
const dayKey = new Intl.DateTimeFormat("fr-CA", { timeZone: TIME_ZONE });

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

/** Lists show the time for today's messages, the day otherwise. */
export function formatListDate(date: Date, now = new Date()): string {
  return dayKey.format(date) === dayKey.format(now) ? time.format(date) : day.format(date);
}

export function formatAddress({ address, name }: { address: string; name: string | null }): string {
  return name ? `${name} <${address}>` : address;
}
