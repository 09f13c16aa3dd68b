import type { Principal } from "@/lib/auth/principal";

/** Delegation rights as stored (domain.md §1). */
export const RIGHTS = ["read", "edit", "send", "manage"] as const;
export type Right = (typeof RIGHTS)[number];

/** Named permissions on one mailbox; each maps to one right. */
export const PERMISSIONS = {
  "mailbox.read": "read",
  "message.edit": "edit",
  "message.send": "send",
  "delegation.manage": "manage",
} as const satisfies Record<string, Right>;
export type Permission = keyof typeof PERMISSIONS;

/** Named permissions over a whole structure, mapped from roles. */
export const ROLE_PERMISSIONS = {
  manager: ["structure.manage", "audit.read"],
  admin: ["whitelist.manage", "annuaire.manage"],
  professional: [],
  secretary: [],
} as const satisfies Record<Principal["role"], readonly string[]>;
export type StructurePermission = (typeof ROLE_PERMISSIONS)[keyof typeof ROLE_PERMISSIONS][number];

export function hasRolePermission(principal: Pick<Principal, "role">, permission: StructurePermission): boolean {
  return (ROLE_PERMISSIONS[principal.role] as readonly string[]).includes(permission);
}

/** What a user holds on one mailbox, read from the database for this request. */
export type MailboxAccess = {
  mailbox: {
    id: string;
    address: string;
    type: "PER" | "ORG" | "APP" | "CAB";
    displayName: string;
    structureId: string;
  };
  /** The strongest ground of the rights: holder, responsible, delegation, or structure manager. */
  via: "holder" | "responsible" | "delegation" | "manager";
  rights: ReadonlySet<Right>;
};

export function can(access: MailboxAccess | null, permission: Permission): access is MailboxAccess {
  return access !== null && access.rights.has(PERMISSIONS[permission]);
}
