/**
 * A mailto: link as this webmail's own compose, writing from the open box, or null when it names no
 * address: inside the webmail an address opens its compose, not the computer's mail program.
 */
export function composeHrefFor(mailto: string, mailboxId: string): string | null {
  if (!/^mailto:/i.test(mailto)) return null;
  let address: string;
  try {
    address = decodeURIComponent(mailto.slice("mailto:".length).split("?")[0]).trim();
  } catch {
    return null;
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) return null;
  return `/m/${mailboxId}/compose?to=${encodeURIComponent(address)}`;
}

/**
 * Every mailto: link of sanitised HTML made the same compose link. sanitize-html writes attributes
 * double-quoted with `&` as `&amp;`; the compose address is percent-encoded, so it needs no escaping.
 */
export function internalMailtoLinks(html: string, mailboxId: string): string {
  return html.replace(/href="(mailto:[^"]*)"/gi, (whole, href: string) => {
    const compose = composeHrefFor(href.replaceAll("&amp;", "&"), mailboxId);
    return compose ? `href="${compose}"` : whole;
  });
}
