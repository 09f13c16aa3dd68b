import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { mailboxes, structures, users } from "@/db/schema";
import { personName } from "@/lib/people";
import { htmlToText } from "./html-text";
import { textToHtml } from "./text-paragraphs";

/**
 * The signature of a box, as text and as HTML for the editor: the box's own
 * (written by its managers, possibly formatted), or else as professionals
 * sign: name, profession and speciality, structure, and the RPPS for a
 * nominative box; the service and structure for a shared one.
 */
export async function signatureFor(db: Queryable, mailboxId: string): Promise<{ text: string; html: string }> {
  const [row] = await db
    .select({ box: mailboxes, structure: structures.name, holder: users })
    .from(mailboxes)
    .innerJoin(structures, eq(structures.id, mailboxes.structureId))
    .leftJoin(users, eq(users.id, mailboxes.holderUserId))
    .where(eq(mailboxes.id, mailboxId));
  if (!row) return { text: "", html: "" };
  // "-- " on a line of its own: where mail programs know a signature starts.
  if (row.box.signatureHtml) return { text: `-- \n${htmlToText(row.box.signatureHtml)}`, html: `<p>-- </p>${row.box.signatureHtml}` };
  const lines = row.holder
    ? [
        personName(row.holder),
        [row.holder.specialty, row.holder.profession].filter(Boolean).join(" — "),
        row.structure,
        row.holder.rpps ? `RPPS ${row.holder.rpps}` : "",
      ]
    : [row.box.displayName, row.structure];
  const text = `-- \n${lines.filter(Boolean).join("\n")}\n${row.box.address}`;
  return { text, html: textToHtml(text) };
}
