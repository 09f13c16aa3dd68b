/** Schemes a link may open; anything else (javascript:, data:, relative…) loses its href. */
const LINK_SCHEMES = ["http:", "https:", "mailto:"];

/**
 * The scheme of an absolute URL as a browser reads it (the URL parser drops
 * tabs, newlines and surrounding controls, so "java\tscript:" is caught), or
 * null for a relative or unparseable one — relative URLs would resolve
 * against the app's own origin from inside a srcdoc iframe.
 */
export function schemeOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).protocol.toLowerCase();
  } catch {
    return null;
  }
}

/** A link the webmail lets a message open: http(s) and mailto only. */
export const isLinkUrl = (href: string | undefined) => LINK_SCHEMES.includes(schemeOf(href) ?? "");
