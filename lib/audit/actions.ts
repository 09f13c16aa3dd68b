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
  "message.flag",
  "message.assign",
  "draft.save",
  "draft.delete",
  "delegation.grant",
  "delegation.revoke",
  "mailbox.create",
  "mailbox.link",
  "audit.export",
  "audit.purge",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
