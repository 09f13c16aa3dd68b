import sanitizeHtml from "sanitize-html";
import { htmlToText } from "./html-text";
import type { HtmlBody } from "./html-body";
import { isLinkUrl } from "./link-url";
import { LINK_TARGET } from "./sanitize";

/** What the compose editor writes, and nothing more: formatting, lists, quotes, links and simple tables. */
const TAGS = [
  "p",
  "br",
  "strong",
  "b",
  "em",
  "i",
  "u",
  "s",
  "ul",
  "ol",
  "li",
  "blockquote",
  "a",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
];

/**
 * HTML posted by compose, whoever posts it, reduced to what the editor can
 * write: no style, class, image, script or event attribute ever leaves in a
 * message, and a link keeps only an http(s) or mailto address.
 */
export function cleanComposedHtml(dirty: string, { shown = false } = {}): string {
  return sanitizeHtml(dirty, {
    allowedTags: TAGS,
    allowedAttributes: {
      a: ["href", ...(shown ? Object.keys(LINK_TARGET) : [])],
      ol: ["start"],
      td: ["colspan", "rowspan"],
      th: ["colspan", "rowspan"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowProtocolRelative: false,
    transformTags: {
      // Shown in the page, a web link opens in a new tab like any message's; an address opens compose here.
      a: (tagName, { href }): sanitizeHtml.Tag => ({
        tagName,
        attribs: href && isLinkUrl(href) ? { href, ...(shown && !/^mailto:/i.test(href) ? LINK_TARGET : {}) } : {},
      }),
    },
  });
}

/** A body written with formatting: the HTML as it leaves, and its faithful text part. */
export function composedBody(dirty: string): { html: string; text: string } {
  const html = cleanComposedHtml(dirty);
  return { html, text: htmlToText(html) };
}

/** Cleaned HTML as stored: sent as it is, shown in the page itself (nothing in it needs a frame). */
export function composedHtml(html: string): HtmlBody {
  return { original: html, safe: cleanComposedHtml(html, { shown: true }), remoteImages: 0, composed: true };
}
