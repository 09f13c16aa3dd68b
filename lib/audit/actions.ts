/** Action codes written to the audit log; labels live in lib/i18n. */
export const AUDIT_ACTIONS = [
  "session.login",
  "session.logout",
  "session.expired",
  "mailbox.open",
  "message.read",
  "message.send",
  "message.receive",
  "message.move",
  "message.delete",
  "message.mark_unread",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
