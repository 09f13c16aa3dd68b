import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { apiTokens, attachments, delegations, mailboxFolders, mailboxes, messages, outbox, users } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime } from "@/lib/i18n/format";
import { isUuid } from "@/lib/ids";
import { personName } from "@/lib/people";

const t = fr.audit.targets;

/** What the target id of each action names; the others have no target a manager could read. */
const KIND_OF: Partial<
  Record<AuditAction, "message" | "attachment" | "delegation" | "token" | "mailbox" | "person" | "folder" | "outbox">
> = {
  "message.read": "message",
  "message.send": "message",
  "message.receive": "message",
  "message.move": "message",
  "message.delete": "message",
  "message.mark_unread": "message",
  "message.flag": "message",
  "message.assign": "message",
  "message.import": "message",
  "message.receipt": "message",
  "message.export": "message",
  "message.done": "message",
  "transport.receive": "message",
  "attachment.add": "attachment",
  "attachment.remove": "attachment",
  "attachment.download": "attachment",
  "delegation.grant": "delegation",
  "delegation.revoke": "delegation",
  "token.create": "token",
  "token.revoke": "token",
  "mailbox.create": "mailbox",
  "mailbox.link": "mailbox",
  "signature.save": "mailbox",
  "person.disable": "person",
  "person.enable": "person",
  "folder.create": "folder",
  "folder.rename": "folder",
  "folder.delete": "folder",
  "transport.deliver": "outbox",
};

/** A message as the journal names it: its folder and date, never its subject or its correspondents. */
const messageLabel = (m: { folder: keyof typeof fr.folders; receivedAt: Date }) =>
  t.message(fr.folders[m.folder], formatDateTime(m.receivedAt));

/**
 * What each row's target is, in words, for a manager of the structure: the person a delegation was given
 * to, the message's folder and date, the token's name… Only what belongs to the structure is named (a
 * target elsewhere reads as unknown); a message or folder deleted since says so. One query per kind.
 */
export async function auditTargetLabels(
  db: Queryable,
  structureId: string,
  rows: readonly { id: number; action: string; target: string | null; metadata: unknown }[],
): Promise<Map<number, string>> {
  const ids = (kind: string) => [
    ...new Set(rows.filter((r) => KIND_OF[r.action as AuditAction] === kind && r.target && isUuid(r.target)).map((r) => r.target!)),
  ];
  const boxes = db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.structureId, structureId));
  const some = <T>(list: string[], query: (list: string[]) => Promise<T[]>) => (list.length ? query(list) : Promise.resolve([]));
  const [found, files, grants, tokens, boxRows, people, folders, deliveries] = await Promise.all([
    some(ids("message"), (list) =>
      db
        .select({ id: messages.id, folder: messages.folder, receivedAt: messages.receivedAt })
        .from(messages)
        .where(and(inArray(messages.id, list), inArray(messages.mailboxId, boxes))),
    ),
    some(ids("attachment"), (list) =>
      db
        .select({ id: attachments.id, folder: messages.folder, receivedAt: messages.receivedAt })
        .from(attachments)
        .innerJoin(messages, eq(messages.id, attachments.messageId))
        .where(and(inArray(attachments.id, list), inArray(messages.mailboxId, boxes))),
    ),
    some(ids("delegation"), (list) =>
      db
        .select({ id: delegations.id, firstName: users.firstName, lastName: users.lastName, civility: users.civility })
        .from(delegations)
        .innerJoin(users, eq(users.id, delegations.userId))
        .where(and(inArray(delegations.id, list), inArray(delegations.mailboxId, boxes))),
    ),
    some(ids("token"), (list) =>
      db
        .select({ id: apiTokens.id, label: apiTokens.label })
        .from(apiTokens)
        .where(and(inArray(apiTokens.id, list), inArray(apiTokens.mailboxId, boxes))),
    ),
    some(ids("mailbox"), (list) =>
      db
        .select({ id: mailboxes.id, address: mailboxes.address })
        .from(mailboxes)
        .where(and(inArray(mailboxes.id, list), eq(mailboxes.structureId, structureId))),
    ),
    some(ids("person"), (list) =>
      db
        .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, civility: users.civility })
        .from(users)
        .where(and(inArray(users.id, list), eq(users.structureId, structureId))),
    ),
    some(ids("folder"), (list) =>
      db
        .select({ id: mailboxFolders.id, name: mailboxFolders.name })
        .from(mailboxFolders)
        .where(and(inArray(mailboxFolders.id, list), inArray(mailboxFolders.mailboxId, boxes))),
    ),
    some(ids("outbox"), (list) =>
      db
        .select({ id: outbox.id, recipient: outbox.recipient })
        .from(outbox)
        .innerJoin(messages, eq(messages.id, outbox.messageId))
        .where(and(inArray(outbox.id, list), inArray(messages.mailboxId, boxes))),
    ),
  ]);
  const named = new Map<string, string>([
    ...found.map((m) => [m.id, messageLabel(m)] as const),
    ...files.map((f) => [f.id, t.attachment(messageLabel(f))] as const),
    ...grants.map((g) => [g.id, t.delegation(personName(g))] as const),
    ...tokens.map((k) => [k.id, t.token(k.label)] as const),
    ...boxRows.map((b) => [b.id, b.address] as const),
    ...people.map((p) => [p.id, personName(p)] as const),
    ...folders.map((f) => [f.id, t.folder(f.name)] as const),
    ...deliveries.map((o) => [o.id, t.delivery(o.recipient.split("@").pop() ?? "")] as const),
  ]);
  const labels = new Map<number, string>();
  for (const r of rows) {
    const kind = KIND_OF[r.action as AuditAction];
    const changed = (r.metadata as { changed?: unknown } | null)?.changed;
    if (r.action.startsWith("triage.") && typeof changed === "number") labels.set(r.id, t.batch(changed));
    else if (kind && r.target && named.has(r.target)) labels.set(r.id, named.get(r.target)!);
    // Deleted since (or never of this structure's boxes): said as such, without guessing more.
    else if (kind === "message" && r.target && isUuid(r.target)) labels.set(r.id, t.messageGone);
    else if (kind === "folder" && r.target && isUuid(r.target)) labels.set(r.id, t.folderGone);
  }
  return labels;
}
