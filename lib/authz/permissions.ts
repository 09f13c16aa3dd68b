/** Delegation rights as stored (domain.md §1). */
export const RIGHTS = ["read", "edit", "send", "manage"] as const;
export type Right = (typeof RIGHTS)[number];

/** Named permissions checked by queries and actions; each maps to one right. */
export const PERMISSIONS = {
  "mailbox.read": "read",
  "message.edit": "edit",
  "message.send": "send",
  "delegation.manage": "manage",
} as const satisfies Record<string, Right>;
export type Permission = keyof typeof PERMISSIONS;

/** What a user holds on one mailbox, read from the database for this request. */
export type MailboxAccess = {
  mailbox: {
    id: string;
    address: string;
    type: "PER" | "ORG" | "APP" | "CAB";
    displayName: string;
    structureId: string;
  };
  via: "holder" | "responsible" | "delegation";
  rights: ReadonlySet<Right>;
};

export function can(access: MailboxAccess | null, permission: Permission): access is MailboxAccess {
  return access !== null && access.rights.has(PERMISSIONS[permission]);
}
