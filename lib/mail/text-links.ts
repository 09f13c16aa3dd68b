import { find } from "linkifyjs";
import { isLinkUrl } from "./sanitize";

export type TextPart = { text: string; href?: string };

/** Plain text cut into runs of text and links (http, https, mailto only); the caller renders both as escaped text. */
export function textLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const link of find(text)) {
    if (!isLinkUrl(link.href)) continue;
    if (link.start > at) parts.push({ text: text.slice(at, link.start) });
    parts.push({ text: link.value, href: link.href });
    at = link.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
