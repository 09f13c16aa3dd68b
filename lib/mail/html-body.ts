import { HTML_BOUNDS, sanitizeMessageHtml, showRemoteImages, type SafeHtml } from "./sanitize";

/** An HTML body as stored (received, or written here): the original, kept for download, and the form shown, sanitised once. */
export type HtmlBody = {
  original: string;
  /** Remote images blocked; null beyond the bounds, where the original is offered instead. */
  safe: string | null;
  remoteImages: number;
  /** Written with this webmail's editor (lib/mail/composed-html.ts). */
  composed?: boolean;
};

/** Sanitised on receipt (or on writing), so that showing a message parses nothing however often it is opened. */
export function htmlBody(original: string): HtmlBody {
  const view = sanitizeMessageHtml(original, { budgetMs: HTML_BOUNDS.receiptMs });
  return { original, safe: view?.html ?? null, remoteImages: view?.blockedImages ?? 0 };
}

/** The HTML columns of a stored message. */
export type StoredHtml = { bodyHtml: string; bodyHtmlSafe: string | null; remoteImages: number; htmlTooComplex: boolean };

/**
 * What a message's HTML shows, or null when it is too complex to show: the
 * form sanitised on receipt, its remote images put back when the reader asks
 * (no parsing either way). Rows stored before receipt sanitised them are
 * sanitised here, within the display bounds: no backfill is needed for any
 * display to stay bounded, the heaviest of them showing the fallback.
 */
export function htmlView(row: StoredHtml, { remoteImages }: { remoteImages: boolean }): SafeHtml | null {
  if (row.htmlTooComplex) return null;
  const safe = row.bodyHtmlSafe === null ? sanitizeMessageHtml(row.bodyHtml) : { html: row.bodyHtmlSafe, blockedImages: row.remoteImages };
  if (!safe || !remoteImages) return safe;
  return { html: showRemoteImages(safe.html), blockedImages: 0 };
}
