import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { mailboxes, structures, users } from "@/db/schema";
import { personName } from "@/lib/people";

/**
 * The signature of a box, as professionals sign: name, profession and
 * speciality, structure, and the RPPS for a nominative box; the service and
 * structure for a shared one.
 */
export async function signatureFor(db: Queryable, mailboxId: string): Promise<string> {
  const [row] = await db
    .select({ box: mailboxes, structure: structures.name, holder: users })
    .from(mailboxes)
    .innerJoin(structures, eq(structures.id, mailboxes.structureId))
    .leftJoin(users, eq(users.id, mailboxes.holderUserId))
    .where(eq(mailboxes.id, mailboxId));
  if (!row) return "";
  const lines = row.holder
    ? [
        personName(row.holder),
        [row.holder.specialty, row.holder.profession].filter(Boolean).join(" — "),
        row.structure,
        row.holder.rpps ? `RPPS ${row.holder.rpps}` : "",
      ]
    : [row.box.displayName, row.structure];
  return `-- \n${lines.filter(Boolean).join("\n")}\n${row.box.address}`;
}
