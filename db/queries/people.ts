import { asc, eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { users } from "@/db/schema";
import { personName } from "@/lib/people";

/** Everyone of a structure, disabled people included, for the manager's people screen. */
export async function structureMembers(db: Queryable, structureId: string) {
  const rows = await db
    .select({
      id: users.id,
      login: users.login,
      firstName: users.firstName,
      lastName: users.lastName,
      civility: users.civility,
      role: users.role,
      profession: users.profession,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(eq(users.structureId, structureId))
    .orderBy(asc(users.lastName), asc(users.firstName));
  return rows.map((u) => ({
    id: u.id,
    name: personName(u),
    login: u.login,
    role: u.role,
    profession: u.profession,
    disabledAt: u.disabledAt?.toISOString() ?? null,
  }));
}
