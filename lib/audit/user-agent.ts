import { UAParser } from "ua-parser-js";

/**
 * A user agent as the journal's reader needs it — browser with its major version, and system — rather than
 * the whole header, which adds nothing for a manager and much for fingerprinting. Null when unreadable.
 */
export function shortUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const { browser, os } = new UAParser(userAgent).getResult();
  const name = [browser.name, browser.major].filter(Boolean).join(" ");
  const system = [os.name, os.version].filter(Boolean).join(" ");
  // A program (curl, a hospital's software) is named by its first product token.
  return [name, system].filter(Boolean).join(" / ") || userAgent.split(/[\s/]/)[0].slice(0, 40) || null;
}
