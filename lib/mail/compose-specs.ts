import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messages } from "@/db/schema";
import { defineMailboxAction, type ActionOutcome } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import type { Principal } from "@/lib/auth/principal";
import type { Granted, MailboxAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { formatAddress, formatDateTime } from "@/lib/i18n/format";
import { text, z } from "@/lib/validation";
import { copyAttachments } from "./attachments";
import { composedBody, composedHtml } from "./composed-html";
import { draftCopy, newMessageId, storeCopy } from "./deliver";
import { openDraft, recordSent } from "./drafts";
import { limits } from "./limits";
import { decideAll, oneLine, recipientCount } from "./outgoing-fields";
import { textToHtml } from "./text-paragraphs";
import { contentHtml, forwardPrefix } from "./prefill";
import { deliver, sendMessage, threadingFor } from "./send";
import { draftRecipients, parseRecipients } from "./trust-space";

/** A recipients field, parsed address by address; trust is decided against the database at sending. */
const recipients = text()
  .max(50_000)
  .default("")
  .transform((value, ctx) => {
    const { candidates, errors } = parseRecipients([value]);
    for (const message of errors) ctx.addIssue({ code: "custom", message });
    return candidates;
  });

const optionalId = z.union([z.literal(""), z.uuid(fr.errors.notFound)]).optional();
const checkbox = z.literal("on").optional().transform(Boolean);

const content = {
  mailboxId: z.string(),
  subject: text().max(limits.subject, fr.errors.subjectTooLong).default("").transform(oneLine),
  body: text().max(limits.body, fr.errors.bodyTooLong).default(""),
  /** Set when written with formatting (the editor's HTML); the text part is then drawn from it. */
  html: text().max(limits.body, fr.errors.bodyTooLong).optional(),
  replyTo: optionalId,
  draftId: optionalId,
  receipt: checkbox,
};

/** A body written with formatting leaves as its cleaned HTML and the text drawn from it, never a text posted beside it. */
function formatted<T extends { body: string; html?: string }>({ html, ...input }: T) {
  if (!html) return { ...input, html: null };
  const written = composedBody(html);
  return { ...input, body: written.text, html: written.html };
}

export const outgoing = z
  .object({ ...content, to: recipients, cc: recipients, bcc: recipients, closePatient: checkbox })
  .superRefine(recipientCount)
  .transform(formatted);

/**
 * Send from a box the person holds `send` on. A sent draft is removed, its attachments go with the message,
 * and its id is recorded as sent in the same transaction: a colleague sending it too, or a retry after a
 * send that committed unseen, is told who sent it instead of sending it again.
 */
export const sendSpec = defineMailboxAction({
  action: "message.send",
  permission: "message.send",
  schema: outgoing,
  run: ({ tx, input, access, principal }) => sendOutgoing(tx, { input, access, principal }),
});

/** The send itself, now: shared by « Envoyer » and by a send put off (lib/mail/scheduled-send.ts). */
export async function sendOutgoing(
  tx: Tx,
  {
    input,
    access,
    principal,
  }: { input: Omit<z.output<typeof outgoing>, "mailboxId">; access: Granted<"message.send">; principal: Principal },
): Promise<ActionOutcome> {
  // Before the recipients: whoever comes second is told it went, whatever she changed.
  const draft = input.draftId ? await openDraft(tx, access, input.draftId, principal.userId) : null;
  const { to, cc, bcc } = await decideAll(tx, { to: input.to, cc: input.cc, bcc: input.bcc });
  const threading = draft?.inReplyTo
    ? { inReplyTo: draft.inReplyTo, references: draft.references }
    : await threadingFor(tx, access.mailbox.id, input.replyTo);
  const sent = await sendMessage(tx, {
    access,
    author: principal,
    message: {
      to,
      cc,
      bcc,
      subject: input.subject,
      body: input.body,
      html: input.html,
      threading,
      attachmentsOf: draft?.id,
      receipt: input.receipt,
      closePatient: input.closePatient,
    },
  });
  if (draft) await tx.delete(messages).where(eq(messages.id, draft.id));
  if (input.draftId) await recordSent(tx, access, input.draftId, { messageId: sent.sentId, sentBy: principal.userId, sentAt: sent.sentAt });
  return {
    target: sent.sentId,
    metadata: {
      local: sent.local,
      remote: sent.remote,
      attachments: sent.files.length,
      reply: Boolean(threading.inReplyTo),
      receipt: input.receipt,
      draft: input.draftId || null,
      patient: sent.patientState,
    },
    // "Envoyé" only for copies already in their boxes; mail for other operators is on its way (docs/domain.md §7).
    redirectTo: `/m/${access.mailbox.id}/inbox?notice=${sent.remote === 0 ? "sent" : sent.local === 0 ? "sending" : "sentPartly"}`,
    audit: sent.receipts,
  };
}

export const draftInput = z
  .object({
    ...content,
    draftId: z.uuid(fr.errors.notFound),
    to: text().max(50_000).default(""),
    cc: text().max(50_000).default(""),
    bcc: text().max(50_000).default(""),
    /** Saved in the background while typing: no page change. */
    autosave: checkbox,
  })
  .transform(formatted);

/**
 * Keep what is being written in Brouillons, for oneself or a colleague with
 * `send` to review. The browser picks the draft's id, so every later save,
 * in the background or when leaving the page, updates the same draft. Draft
 * ids are the box's own: one of another box is simply new here. A sent id
 * stays sent: a page still open after a colleague sent it is told so.
 */
export const saveDraftSpec = defineMailboxAction({
  action: "draft.save",
  permission: "message.edit",
  schema: draftInput,
  async run({ tx, input, access, principal }) {
    await writeDraft(tx, { input, access, principal });
    return {
      target: input.draftId,
      metadata: { autosave: input.autosave },
      redirectTo: input.autosave ? undefined : `/m/${access.mailbox.id}/drafts?notice=draft`,
    };
  },
});

/** The draft as typed, created or updated under its id: shared by saving and by a send put off. */
export async function writeDraft(
  tx: Tx,
  {
    input,
    access,
    principal,
  }: { input: Omit<z.output<typeof draftInput>, "autosave" | "mailboxId">; access: MailboxAccess; principal: Principal },
) {
  const html = input.html ? composedHtml(input.html) : null;
  const fields = {
    to: draftRecipients(input.to),
    cc: draftRecipients(input.cc),
    bcc: draftRecipients(input.bcc),
    subject: input.subject,
    bodyText: input.body,
    senderName: principal.name,
    senderUserId: principal.userId,
    receiptTo: input.receipt ? access.mailbox.address : null,
  };
  const existing = await openDraft(tx, access, input.draftId, principal.userId);
  if (existing) {
    await tx
      .update(messages)
      .set({
        ...fields,
        bodyHtml: html?.original ?? null,
        bodyHtmlSafe: html?.safe ?? null,
        htmlComposed: html !== null,
        size: Buffer.byteLength(input.subject) + Buffer.byteLength(html?.original ?? input.body),
        receivedAt: new Date(),
      })
      .where(eq(messages.id, existing.id));
    return existing.id;
  }
  const copy = draftCopy(access.mailbox, principal, {
    ...(await threadingFor(tx, access.mailbox.id, input.replyTo)),
    to: fields.to,
    cc: fields.cc,
    bcc: fields.bcc,
    subject: fields.subject,
    bodyText: fields.bodyText,
    html,
  });
  return storeCopy(tx, access.mailbox.id, "drafts", copy, {
    draftId: input.draftId,
    readBy: principal.userId,
    receiptTo: fields.receiptTo,
  });
}

export const deleteDraftSpec = defineMailboxAction({
  action: "draft.delete",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), draftId: z.uuid(fr.errors.notFound) }),
  async run({ tx, input, access, principal }) {
    const draft = await openDraft(tx, access, input.draftId, principal.userId);
    if (!draft) throw new ActionError("not_found", fr.errors.notFound);
    await tx.delete(messages).where(eq(messages.id, draft.id));
    return { target: input.draftId, redirectTo: `/m/${access.mailbox.id}/drafts?notice=draftDeleted` };
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
    if (!original || original.folder === "drafts") throw new ActionError("not_found", fr.errors.notFound);
    const header = fr.compose.forwardHeader({
      from: formatAddress({ address: original.fromAddress, name: original.fromName }),
      date: formatDateTime(original.sentAt ?? original.receivedAt),
      subject: original.subject,
      to: original.to.map(formatAddress).join(", "),
    });
    const copy = draftCopy(access.mailbox, principal, {
      subject: forwardPrefix(original.subject),
      bodyText: `\n\n${header}\n\n${original.bodyText}`,
      html: composedHtml(`<p></p>${textToHtml(header)}${contentHtml(original)}`),
    });
    const draftId = randomUUID();
    const copyId = await storeCopy(tx, access.mailbox.id, "drafts", copy, { draftId, readBy: principal.userId });
    await copyAttachments(tx, original.id, [copyId]);
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
  if (!copy?.receiptTo) throw new ActionError("not_found", fr.errors.notFound);
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
    const delivered = await deliver(tx, report, [copy.receiptTo!], {
      actor: { actorUserId: principal.userId },
      reportFor: copy.messageId,
      envelopeFrom: "",
    });
    if (delivered.local > 0) {
      // The writer's own copy now reads "lu le …".
      await tx
        .update(messages)
        .set({ readReceiptAt: now })
        .where(and(eq(messages.messageId, copy.messageId), eq(messages.folder, "sent"), isNull(messages.readReceiptAt)));
    }
    return { target: copy.id, metadata: { local: delivered.local > 0 }, audit: delivered.receipts };
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
