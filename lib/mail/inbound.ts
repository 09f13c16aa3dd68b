import { eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "@/db/client";
import { inboundDeliveries, mailboxes } from "@/db/schema";
import type { AuditEntry } from "@/lib/audit/write";
import { canonicalDomain } from "./address";
import { addAttachment, copyAttachments } from "./attachments";
import { storeCopies, type MessageCopy } from "./deliver";
import { loadTrustPolicy } from "./liste-blanche";

/** A hosted address and the box its mail lands in: an applicative box's mail goes to its linked organisational box. */
export type HostedBox = { address: string; mailboxId: string; landsIn: string };

const linked = alias(mailboxes, "linked");

/** The boxes hosted here among these addresses (lower-cased, as stored); the others are absent from the map. */
export async function hostedBoxes(db: Queryable, addresses: string[]): Promise<Map<string, HostedBox>> {
  const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ address: mailboxes.address, mailboxId: mailboxes.id, type: mailboxes.type, linkedId: linked.id })
    .from(mailboxes)
    .leftJoin(linked, eq(linked.id, mailboxes.linkedMailboxId))
    .where(inArray(mailboxes.address, unique));
  return new Map(
    rows.map((r) => [
      r.address,
      { address: r.address, mailboxId: r.mailboxId, landsIn: r.type === "APP" && r.linkedId ? r.linkedId : r.mailboxId },
    ]),
  );
}

/** A message arriving in boxes hosted here, from this webmail's own send or from another operator. */
export type Arrival = {
  copy: MessageCopy;
  /** Envelope recipients; those not hosted here are returned as `unknown`. */
  recipients: string[];
  /** New files (received over SMTP), or the stored files of the message being sent here (none when `of` is null). */
  files: { name: string; bytes: Buffer }[] | { of: string | null };
  receiptTo?: string | null;
  reportFor?: string | null;
  /** Who caused the arrival, as the audit names it: the sending person or software, or nobody for another operator. */
  actor: Pick<AuditEntry, "actorUserId" | "actorTokenId">;
};

/**
 * The one gate for every copy that lands in a box, inside the caller's
 * transaction: hosted recipients only, one copy per box however many of its
 * addresses were named, and a Message-ID a box already received is not
 * delivered again (retries after a partial failure, racing deliveries).
 */
export async function receive(tx: Queryable, arrival: Arrival) {
  const hosted = await hostedBoxes(tx, arrival.recipients);
  const unknown = [...new Set(arrival.recipients.map((a) => a.toLowerCase()))].filter((a) => !hosted.has(a));
  // In one order, so two deliveries of the same message claim boxes alike rather than deadlock.
  const boxes = [...new Set([...hosted.values()].map((h) => h.landsIn))].sort();
  // One claim per box in one statement: a box that already has this Message-ID is not given it again.
  const claimed =
    boxes.length === 0
      ? []
      : await tx
          .insert(inboundDeliveries)
          .values(boxes.map((mailboxId) => ({ mailboxId, messageId: arrival.copy.messageId, copyId: crypto.randomUUID() })))
          .onConflictDoNothing()
          .returning({ mailboxId: inboundDeliveries.mailboxId, copyId: inboundDeliveries.copyId });
  const claims = new Map(claimed.map((c) => [c.mailboxId, c.copyId]));
  const copies = boxes.filter((b) => claims.has(b)).map((mailboxId) => ({ mailboxId, copyId: claims.get(mailboxId)! }));
  const duplicates = boxes.filter((b) => !claims.has(b));
  await storeCopies(
    tx,
    copies.map(({ mailboxId, copyId }) => {
      const named = [...hosted.values()].filter((h) => h.landsIn === mailboxId);
      // Shown "via …" when the box got it only as the one linked to an applicative box named instead.
      return { mailboxId, id: copyId, via: named.some((h) => h.mailboxId === mailboxId) ? null : named[0].address };
    }),
    "inbox",
    { ...arrival.copy, bcc: [] },
    { receiptTo: arrival.receiptTo ?? null, reportFor: arrival.reportFor ?? null },
  );
  const copyIds = copies.map((c) => c.copyId);
  if ("of" in arrival.files) {
    if (arrival.files.of) await copyAttachments(tx, arrival.files.of, copyIds);
  } else if (copyIds.length > 0) {
    const [first, ...others] = copyIds;
    for (const file of arrival.files) await addAttachment(tx, first, file);
    await copyAttachments(tx, first, others);
  }
  const audit: AuditEntry[] = copies.map((c) => ({
    ...arrival.actor,
    mailboxId: c.mailboxId,
    action: "message.receive",
    target: c.copyId,
    result: "success",
  }));
  // The boxes named and the boxes that received: a report about an applicative box's message concerns both.
  const addressed = [...new Set([...hosted.values()].flatMap((h) => [h.mailboxId, h.landsIn]))];
  return { copies, duplicates, unknown, audit, addressed };
}

/** Whether mail from this address may enter: its domain written in canonical form and in the liste blanche. */
export async function senderCheck(db: Queryable, address: string): Promise<{ ok: true } | { ok: false; invalid: boolean; domain: string }> {
  const at = address.lastIndexOf("@");
  const domain = at > 0 ? address.slice(at + 1) : "";
  // The same rule on the form of a domain as for what people type (lib/mail/address.ts).
  const checked = domain ? canonicalDomain(domain) : null;
  if (!checked?.ok) return { ok: false, invalid: true, domain };
  const policy = await loadTrustPolicy(db, [checked.ascii]);
  return policy.trusts(checked.ascii) ? { ok: true } : { ok: false, invalid: false, domain: checked.ascii };
}
