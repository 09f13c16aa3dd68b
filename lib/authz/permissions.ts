import type { Principal } from "@/lib/auth/principal";
import type { MailboxAccess } from "./access";

/** Delegation rights as stored (docs/domain.md §1). */
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

export type { MailboxAccess };

declare const granted: unique symbol;

/**
 * An access `can` found carrying the permission P. A union P stands for one
 * of its members, never all of them: a guard checking a permission known
 * only at run time proves no particular one.
 */
export type Granted<P extends Permission> = MailboxAccess & {
  readonly [granted]: P extends Permission ? { readonly [K in P]: true } : never;
};

/** Proof that the person may read the box: what every query of a box's content takes. */
export type ReadAccess = Granted<"mailbox.read">;

export function can<P extends Permission>(access: MailboxAccess | null, permission: P): access is Granted<P> {
  return access !== null && access.rights.has(PERMISSIONS[permission]);
}
