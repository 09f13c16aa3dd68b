import { find } from "linkifyjs";
import { isLinkUrl } from "./link-url";

export type TextPart = { text: string; href?: string };

/**
 * Time finding links may take when a text is shown: linkify costs up to 2 µs a
 * character on hostile text (a 1,000,000-character body took over a second).
 * Past it, the rest of the text shows without links.
 */
export const LINKS_BUDGET_MS = 50;
// Links are looked for a few thousand characters at a time, cut after a space or line break, which no link holds.
const CHUNK = 4096;

function chunkEnd(text: string, from: number): number {
  const end = from + CHUNK;
  if (end >= text.length) return text.length;
  const chunk = text.slice(from, end);
  const cut = Math.max(chunk.lastIndexOf(" "), chunk.lastIndexOf("\n"));
  return cut > 0 ? from + cut + 1 : end;
}

/** Plain text cut into runs of text and links (http, https, mailto only); the caller renders both as escaped text. */
export function textLinks(text: string, budgetMs = LINKS_BUDGET_MS): TextPart[] {
  const deadline = performance.now() + budgetMs;
  const parts: TextPart[] = [];
  let at = 0;
  for (let from = 0; from < text.length && performance.now() <= deadline;) {
    const to = chunkEnd(text, from);
    for (const link of find(text.slice(from, to))) {
      if (!isLinkUrl(link.href)) continue;
      if (from + link.start > at) parts.push({ text: text.slice(at, from + link.start) });
      parts.push({ text: link.value, href: link.href });
      at = from + link.end;
    }
    from = to;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
