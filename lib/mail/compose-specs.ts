import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messages } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";
import { newMessageId, storeCopy } from "./deliver";
import { limits } from "./limits";
import { sendMessage, threadingFor } from "./send";
import { decideRecipients, draftRecipients } from "./trust-space";

/** A recipients field, decided address by address on the trust-space rule. */
const recipients = z
  .string()
  .max(50_000)
  .default("")
  .transform((value, ctx) => {
    const { recipients: accepted, errors } = decideRecipients([value]);
    for (const message of errors) ctx.addIssue({ code: "custom", message });
    return accepted;
  });

// Line breaks in a one-line header field are flattened, never turned into a new header.
const oneLine = (value: string) => value.replace(/[\r\n]+/g, " ");
const optionalId = z.union([z.literal(""), z.uuid(fr.errors.notFound)]).optional();

const content = {
  mailboxId: z.string(),
  subject: z.string().max(limits.subject, fr.errors.subjectTooLong).default("").transform(oneLine),
  body: z.string().max(limits.body, fr.errors.bodyTooLong).default(""),
  replyTo: optionalId,
  draftId: optionalId,
};

/** A draft of this box, locked: an id of another box, or of a sent message, is missing. */
async function findDraft(tx: Tx, mailboxId: string, draftId: string) {
  const [draft] = await tx
    .select({ id: messages.id, inReplyTo: messages.inReplyTo, references: messages.references })
    .from(messages)
    .where(and(eq(messages.id, draftId), eq(messages.mailboxId, mailboxId), eq(messages.folder, "drafts")))
    .for("update");
  if (!draft) throw new ActionError(fr.errors.notFound);
  return draft;
}

const outgoing = z.object({ ...content, to: recipients, cc: recipients }).superRefine((v, ctx) => {
  const count = v.to.length + v.cc.length;
  if (count === 0) ctx.addIssue({ code: "custom", path: ["to"], message: fr.errors.recipientRequired });
  if (count > limits.recipients)
    ctx.addIssue({ code: "custom", path: ["to"], message: fr.errors.tooManyRecipients(limits.recipients) });
});

/** Send from a box the person holds `send` on; recipients decided on the server. A sent draft is removed. */
export const sendSpec = defineMailboxAction({
  action: "message.send",
  permission: "message.send",
  schema: outgoing,
  async run({ tx, input, access, principal }) {
    const draft = input.draftId ? await findDraft(tx, access.mailbox.id, input.draftId) : null;
    const threading = draft ? { inReplyTo: draft.inReplyTo, references: draft.references } : await threadingFor(tx, access.mailbox.id, input.replyTo);
    const sent = await sendMessage(tx, {
      access,
      principal,
      message: { to: input.to, cc: input.cc, bcc: [], subject: input.subject, body: input.body, threading },
    });
    if (draft) await tx.delete(messages).where(eq(messages.id, draft.id));
    return {
      target: sent.sentId,
      metadata: { recipients: sent.recipients, local: sent.local, remote: sent.remote, reply: Boolean(threading.inReplyTo), draft: draft?.id ?? null },
      redirectTo: `/m/${access.mailbox.id}/inbox?notice=sent`,
      audit: sent.receipts,
    };
  },
});

/** Keep what is being written in Brouillons, for oneself or a colleague with `send` to review. */
export const saveDraftSpec = defineMailboxAction({
  action: "draft.save",
  permission: "message.edit",
  schema: z.object({ ...content, to: z.string().max(50_000).default(""), cc: z.string().max(50_000).default("") }),
  async run({ tx, input, access, principal }) {
    const fields = {
      to: draftRecipients(input.to),
      cc: draftRecipients(input.cc),
      subject: input.subject,
      bodyText: input.body,
      senderName: principal.name,
      senderUserId: principal.userId,
      size: Buffer.byteLength(input.subject) + Buffer.byteLength(input.body),
    };
    let id: string;
    if (input.draftId) {
      id = (await findDraft(tx, access.mailbox.id, input.draftId)).id;
      await tx.update(messages).set({ ...fields, receivedAt: new Date() }).where(eq(messages.id, id));
    } else {
      id = await storeCopy(
        tx,
        access.mailbox.id,
        "drafts",
        {
          messageId: newMessageId(access.mailbox.address),
          ...(await threadingFor(tx, access.mailbox.id, input.replyTo)),
          from: { address: access.mailbox.address, name: access.mailbox.displayName },
          sender: { address: access.mailbox.address, name: principal.name, userId: principal.userId },
          to: fields.to,
          cc: fields.cc,
          bcc: [],
          subject: fields.subject,
          bodyText: fields.bodyText,
          sentAt: null,
        },
        { readBy: principal.userId },
      );
    }
    return { target: id, redirectTo: `/m/${access.mailbox.id}/drafts?notice=draft` };
  },
});

export const deleteDraftSpec = defineMailboxAction({
  action: "draft.delete",
  permission: "message.edit",
  schema: z.object({ mailboxId: z.string(), draftId: z.uuid(fr.errors.notFound) }),
  async run({ tx, input, access }) {
    const draft = await findDraft(tx, access.mailbox.id, input.draftId);
    await tx.delete(messages).where(eq(messages.id, draft.id));
    return { target: draft.id, redirectTo: `/m/${access.mailbox.id}/drafts?notice=draftDeleted` };
  },
});
