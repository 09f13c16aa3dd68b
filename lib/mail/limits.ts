/** Message limits, configurable by environment. */
export const limits = {
  subject: 998, // RFC 5322 line limit
  // Characters (UTF-16 units, 3 bytes at most each in UTF-8), so a full message fits in one form post.
  body: Number(process.env.MAX_BODY_CHARS ?? 1_000_000),
  /** Bytes of one form post (a server action, a draft saved on leaving): proxy.ts refuses more, next.config.ts tells Next. */
  form: 5 * 1024 * 1024,
  recipients: Number(process.env.MAX_RECIPIENTS ?? 100),
  /** Per file and per message (attachments together), 25 MB by default (docs/domain.md §4). */
  attachment: Number(process.env.MAX_ATTACHMENT_BYTES ?? 25 * 1024 * 1024),
  message: Number(process.env.MAX_MESSAGE_BYTES ?? 25 * 1024 * 1024),
  /** Files on one draft: every file costs a request and a row, and a send copies each to every box. */
  attachments: Number(process.env.MAX_ATTACHMENTS ?? 100),
  /** An imported .eml file: under a form post's bytes, so the refusal is ours, in French. */
  eml: 4 * 1024 * 1024,
};
