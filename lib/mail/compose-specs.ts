import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messages } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { formatAddress, formatDateTime } from "@/lib/i18n/format";
import { z } from "@/lib/validation";
import { copyAttachments } from "./attachments";
import { draftCopy, newMessageId, storeCopy } from "./deliver";
import { limits } from "./limits";
import { loadTrustPolicy } from "./liste-blanche";
import { forwardPrefix } from "./prefill";
import { deliver, sendMessage, threadingFor } from "./send";
import { decideCandidates, draftRecipients, parseRecipients, type Candidate, type Recipient } from "./trust-space";

/** A recipients field, parsed address by address; trust is decided against the database at sending. */
const recipients = z
  .string()
  .max(50_000)
  .default("")
  .transform((value, ctx) => {
    const { candidates, errors } = parseRecipients([value]);
    for (const message of errors) ctx.addIssue({ code: "custom", message });
    return candidates;
  });

// Line breaks in a one-line header field are flattened, never turned into a new header.
const oneLine = (value: string) => value.replace(/[\r\n]+/g, " ");
const optionalId = z.union([z.literal(""), z.uuid(fr.errors.notFound)]).optional();
const checkbox = z.literal("on").optional().transform(Boolean);

const content = {
  mailboxId: z.string(),
  subject: z.string().max(limits.subject, fr.errors.subjectTooLong).default("").transform(oneLine),
  body: z.string().max(limits.body, fr.errors.bodyTooLong).default(""),
  replyTo: optionalId,
  draftId: optionalId,
  receipt: checkbox,
};

/** A draft of this box, locked; null when this id was never saved (drafts are keyed by the browser). */
async function findDraft(tx: Tx, mailboxId: string, draftId: string | undefined) {
  if (!draftId) return null;
  const [row] = await tx
    .select({ id: messages.id, mailboxId: messages.mailboxId, folder: messages.folder, inReplyTo: messages.inReplyTo, references: messages.references })
    .from(messages)
    .where(eq(messages.id, draftId))
    .for("update");
  if (!row) return null;
  // An id taken by anything else than a draft of this box is out of reach.
  if (row.mailboxId !== mailboxId || row.folder !== "drafts") throw new ActionError(fr.errors.notFound);
  return row;
}

type Fields = "to" | "cc" | "bcc";

/** Decide every recipient on the liste blanche in force; refused ones are named in their field. */
async function decideAll(tx: Tx, fields: Record<Fields, Candidate[]>) {
  const policy = await loadTrustPolicy(tx, [...fields.to, ...fields.cc, ...fields.bcc].map((c) => c.domain));
  const decided = {} as Record<Fields, Recipient[]>;
  const fieldErrors: Partial<Record<Fields, string[]>> = {};
  for (const field of ["to", "cc", "bcc"] as const) {
    const { recipients, errors } = decideCandidates(fields[field], policy);
    decided[field] = recipients;
    if (errors.length > 0) fieldErrors[field] = errors;
  }
  if (Object.keys(fieldErrors).length > 0) throw new ActionError(fr.errors.invalidForm, fieldErrors);
  return decided;
}

const outgoing = z.object({ ...content, to: recipients, cc: recipients, bcc: recipients }).superRefine((v, ctx) => {
  const count = v.to.length + v.cc.length + v.bcc.length;
  if (count === 0) ctx.addIssue({ code: "custom", path: ["to"], message: fr.errors.recipientRequired });
  if (count > limits.recipients)
    ctx.addIssue({ code: "custom", path: ["to"], message: fr.errors.tooManyRecipients(limits.recipients) });
});

/** Send from a box the person holds `send` on. A sent draft is removed, its attachments go with the message. */
export const sendSpec = defineMailboxAction({
  action: "message.send",
  permission: "message.send",
  schema: outgoing,
  async run({ tx, input, access, principal }) {
    const { to, cc, bcc } = await decideAll(tx, { to: input.to, cc: input.cc, bcc: input.bcc });
    const draft = await findDraft(tx, access.mailbox.id, input.draftId);
    const threading = draft?.inReplyTo ? { inReplyTo: draft.inReplyTo, references: draft.references } : await threadingFor(tx, access.mailbox.id, input.replyTo);
    const sent = await sendMessage(tx, {
      access,
      principal,
      message: { to, cc, bcc, subject: input.subject, body: input.body, threading, attachmentsOf: draft?.id, receipt: input.receipt },
    });
    if (draft) await tx.delete(messages).where(eq(messages.id, draft.id));
    return {
      target: sent.sentId,
      metadata: {
        recipients: sent.recipients,
        local: sent.local,
        remote: sent.remote,
        attachments: sent.files.length,
        reply: Boolean(threading.inReplyTo),
        receipt: input.receipt,
        draft: draft?.id ?? null,
      },
      redirectTo: `/m/${access.mailbox.id}/inbox?notice=sent`,
      audit: sent.receipts,
    };
  },
});

const draftInput = z.object({
  ...content,
  draftId: z.uuid(fr.errors.notFound),
  to: z.string().max(50_000).default(""),
  cc: z.string().max(50_000).default(""),
  bcc: z.string().max(50_000).default(""),
  /** Saved in the background while typing: no page change. */
  autosave: checkbox,
});

/**
 * Keep what is being written in Brouillons, for oneself or a colleague with
 * `send` to review. The browser picks the draft's id, so every later save,
 * in the background or when leaving the page, updates the same draft.
 */
export const saveDraftSpec = defineMailboxAction({
  action: "draft.save",
  permission: "message.edit",
  schema: draftInput,
  async run({ tx, input, access, principal }) {
    const fields = {
      to: draftRecipients(input.to),
      cc: draftRecipients(input.cc),
      bcc: draftRecipients(input.bcc),
      subject: input.subject,
      bodyText: input.body,
      senderName: principal.name,
      senderUserId: principal.userId,
      receiptTo: input.receipt ? access.mailbox.address : null,
      size: Buffer.byteLength(input.subject) + Buffer.byteLength(input.body),
    };
    const existing = await findDraft(tx, access.mailbox.id, input.draftId);
    if (existing) {
      await tx.update(messages).set({ ...fields, receivedAt: new Date() }).where(eq(messages.id, existing.id));
    } else {
      const copy = draftCopy(access.mailbox, principal, {
        ...(await threadingFor(tx, access.mailbox.id, input.replyTo)),
        to: fields.to,
        cc: fields.cc,
        bcc: fields.bcc,
        subject: fields.subject,
        bodyText: fields.bodyText,
      });
      await storeCopy(tx, access.mailbox.id, "drafts", copy, { id: input.draftId, readBy: principal.userId, receiptTo: fields.receiptTo });
    }
    return {
      target: input.draftId,
      metadata: { autosave: input.autosave },
      redirectTo: input.autosave ? undefined : `/m/${access.mailbox.id}/drafts?notice=draft`,
    };
  },
});

export const deleteDraftSpec = defineMailboxAction({
  action: "draft.delete",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), draftId: z.uuid(fr.errors.notFound) }),
  async run({ tx, input, access }) {
    const draft = await findDraft(tx, access.mailbox.id, input.draftId);
    if (!draft) throw new ActionError(fr.errors.notFound);
    await tx.delete(messages).where(eq(messages.id, draft.id));
    return { target: draft.id, redirectTo: `/m/${access.mailbox.id}/drafts?notice=draftDeleted` };
  },
});

/** "Transférer": a draft holding the message quoted and its attachments, opened for writing. */
export const forwardSpec = defineMailboxAction({
  action: "draft.save",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), messageId: z.uuid(fr.errors.notFound) }),
  async run({ tx, input, access, principal }) {
    const [original] = await tx
      .select()
      .from(messages)
      .where(and(eq(messages.id, input.messageId), eq(messages.mailboxId, access.mailbox.id)));
    if (!original || original.folder === "drafts") throw new ActionError(fr.errors.notFound);
    const header = fr.compose.forwardHeader({
      from: formatAddress({ address: original.fromAddress, name: original.fromName }),
      date: formatDateTime(original.sentAt ?? original.receivedAt),
      subject: original.subject,
      to: original.to.map(formatAddress).join(", "),
    });
    const copy = draftCopy(access.mailbox, principal, { subject: forwardPrefix(original.subject), bodyText: `\n\n${header}\n\n${original.bodyText}` });
    const draftId = await storeCopy(tx, access.mailbox.id, "drafts", copy, { readBy: principal.userId });
    await copyAttachments(tx, original.id, [draftId]);
    return { target: draftId, metadata: { forwardOf: original.id }, redirectTo: `/m/${access.mailbox.id}/compose?draft=${draftId}` };
  },
});

const receiptInput = z.object({ mailboxId: z.string(), messageId: z.uuid(fr.errors.notFound), folder: z.string().optional() });

/** A received copy still waiting for the reader's answer to a receipt request. */
async function pendingReceipt(tx: Tx, mailboxId: string, messageId: string) {
  const [copy] = await tx
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.mailboxId, mailboxId), isNull(messages.receiptHandledAt)))
    .for("update");
  if (!copy?.receiptTo) throw new ActionError(fr.errors.notFound);
  return copy;
}

/**
 * RFC 8098: answer a receipt request with a disposition notification. Here
 * it lands in the sender's box and marks her sent copy "lu le …"; for
 * another operator it is queued like any message.
 */
export const sendReceiptSpec = defineMailboxAction({
  action: "message.receipt",
  permission: "message.send",
  schema: receiptInput,
  async run({ tx, input, access, principal }) {
    const copy = await pendingReceipt(tx, access.mailbox.id, input.messageId);
    const now = new Date();
    await tx.update(messages).set({ receiptHandledAt: now }).where(eq(messages.id, copy.id));
    const box = access.mailbox;
    const report = {
      messageId: newMessageId(box.address),
      inReplyTo: copy.messageId,
      references: [...copy.references, copy.messageId],
      from: { address: box.address, name: box.displayName },
      sender: null,
      to: [{ address: copy.receiptTo!, name: null }],
      cc: [],
      bcc: [],
      subject: fr.receipts.subject(copy.subject),
      bodyText: fr.receipts.body(copy.subject, formatDateTime(copy.sentAt ?? copy.receivedAt), formatDateTime(now), box.address),
      sentAt: now,
    };
    const delivered = await deliver(tx, report, [copy.receiptTo!], { actorUserId: principal.userId, reportFor: copy.messageId });
    if (delivered.local > 0) {
      // The writer's own copy now reads "lu le …".
      await tx
        .update(messages)
        .set({ readReceiptAt: now })
        .where(and(eq(messages.messageId, copy.messageId), eq(messages.folder, "sent"), isNull(messages.readReceiptAt)));
    }
    return { target: copy.id, metadata: { to: copy.receiptTo, local: delivered.local > 0 }, audit: delivered.receipts };
  },
});

export const declineReceiptSpec = defineMailboxAction({
  action: "message.receipt",
  permission: "message.send",
  schema: receiptInput,
  async run({ tx, input, access }) {
    const copy = await pendingReceipt(tx, access.mailbox.id, input.messageId);
    await tx.update(messages).set({ receiptHandledAt: new Date() }).where(eq(messages.id, copy.id));
    return { target: copy.id, metadata: { declined: true } };
  },
});
