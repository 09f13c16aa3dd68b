/** Message limits, configurable by environment. */
export const limits = {
  subject: 998, // RFC 5322 line limit
  // Characters; up to 4 bytes each in UTF-8, under the 5 MB accepted per request (next.config.ts).
  body: Number(process.env.MAX_BODY_CHARS ?? 1_000_000),
  recipients: Number(process.env.MAX_RECIPIENTS ?? 100),
  /** Per file and per message (attachments together), 25 MB by default (domain.md §3). */
  attachment: Number(process.env.MAX_ATTACHMENT_BYTES ?? 25 * 1024 * 1024),
  message: Number(process.env.MAX_MESSAGE_BYTES ?? 25 * 1024 * 1024),
  /** An imported .eml file: under the 5 MB a server action accepts (next.config.ts), so the refusal is ours, in French. */
  eml: 4 * 1024 * 1024,
};
