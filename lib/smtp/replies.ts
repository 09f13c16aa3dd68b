import type { SMTPServerError } from "smtp-server";

/** SMTP replies are US-ASCII (RFC 5321 §2.4): the French text goes without its accents. */
const ascii = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "?");

/** An error a smtp-server callback turns into the reply `code status text`. */
export function reply(code: number, status: string, text: string): SMTPServerError {
  return Object.assign(new Error(`${status} ${ascii(text)}`), { responseCode: code });
}

export const okText = (status: string, text: string) => `${status} ${ascii(text)}`;
