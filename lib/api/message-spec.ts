import { apiIdempotency } from "@/db/schema";
import { defineActorAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { limits } from "@/lib/mail/limits";
import { decideAll, oneLine, recipientCount } from "@/lib/mail/outgoing-fields";
import { sendMessage } from "@/lib/mail/send";
import { parseRecipients } from "@/lib/mail/trust-space";
import { isXdmArchive, xdmToSend } from "@/lib/mail/xdm";
import { text, z } from "@/lib/validation";

/** Addresses (a list, or one string that may hold several), each read with the webmail's RFC 5322 parser; every unreadable one is named. */
const addresses = z
  .union([text().max(50_000), z.array(text().max(500)).max(limits.recipients, fr.errors.tooManyRecipients(limits.recipients))])
  .default([])
  .transform((value, ctx) => {
    const entries = Array.isArray(value) ? value : [value];
    const { candidates, errors } = parseRecipients(entries);
    for (const message of errors) ctx.addIssue({ code: "custom", message });
    return candidates;
  });

const file = z.object({ name: text().trim().min(1).max(255), bytes: z.instanceof(Buffer) });

/** The request of software sending from its box, once read from JSON or multipart (lib/api/message-request.ts). */
export const apiMessageInput = z
  .object({
    mailboxId: z.string(),
    to: addresses,
    cc: addresses,
    bcc: addresses,
    subject: text().max(limits.subject, fr.errors.subjectTooLong).default("").transform(oneLine),
    body: text().max(limits.body, fr.errors.bodyTooLong).default(""),
    receipt: z.boolean().default(false),
    /** Ends the conversation with the patient among the recipients (X-MSS-MES: FIN). */
    closeConversation: z.boolean().default(false),
    attachments: z.array(file).max(limits.attachments, fr.api.tooManyFiles(limits.attachments)).default([]),
    idempotency: z.object({ key: z.string(), fingerprint: z.string() }),
  })
  .superRefine(recipientCount);

export type ApiRecipientState = { address: string; state: "delivered" | "queued" };

/**
 * Send from the token's applicative box with the webmail's rules (trust
 * space, patient INS, sizes), the Idempotency-Key claimed with the answer in
 * the same transaction: of two sends under one key, one commits.
 */
export const apiSendSpec = defineActorAction({
  action: "message.send",
  permission: "message.send",
  schema: apiMessageInput,
  async run({ tx, input, access, actor }) {
    if (actor.type !== "token") throw new ActionError("not_found", fr.errors.notFound);
    const { to, cc, bcc } = await decideAll(tx, { to: input.to, cc: input.cc, bcc: input.bcc });
    const archives = input.attachments.filter((f) => isXdmArchive(f.name));
    if (archives.length > 1) throw new ActionError("invalid_input", fr.xdm.onlyOne, { attachments: [fr.xdm.onlyOne] });
    const xdm = archives.length === 1 ? await xdmToSend(archives[0].bytes) : null;
    if (xdm && !xdm.ok) throw new ActionError("unreadable_file", fr.xdm.refused(xdm.reason), { attachments: [fr.xdm.refused(xdm.reason)] });

    const sent = await sendMessage(tx, {
      access,
      author: actor,
      message: {
        to,
        cc,
        bcc,
        subject: input.subject,
        body: input.body,
        threading: { inReplyTo: null, references: [] },
        files: input.attachments,
        mss: xdm?.mss ?? null,
        receipt: input.receipt,
        closePatient: input.closeConversation,
      },
    });
    // The outbound queue holds envelope addresses lower-cased (lib/mail/inbound.ts).
    const remote = new Set(sent.remoteRecipients);
    const response = {
      id: sent.sentId,
      messageId: sent.messageId,
      recipients: sent.recipients.map((address): ApiRecipientState => ({
        address,
        state: remote.has(address.toLowerCase()) ? "queued" : "delivered",
      })),
    };
    // The key is claimed with the answer, last: a retry running alongside waits on it here, then finds it taken
    // and rolls back everything it did; only one of them ever commits a message.
    const claimed = await tx
      .insert(apiIdempotency)
      .values({ tokenId: actor.tokenId, key: input.idempotency.key, requestSha256: input.idempotency.fingerprint, status: 202, response })
      .onConflictDoNothing()
      .returning({ key: apiIdempotency.key });
    if (claimed.length === 0) throw new ActionError("conflict", fr.api.idempotencyKeyReused);
    return {
      target: sent.sentId,
      metadata: {
        local: sent.local,
        remote: sent.remote,
        attachments: input.attachments.length,
        xdm: xdm !== null,
        patient: sent.patientState,
      },
      audit: sent.receipts,
      answer: response,
    };
  },
});
