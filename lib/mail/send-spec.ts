import { defineMailboxAction } from "@/lib/actions/run";
import { fr } from "@/lib/i18n/fr";
import { limits } from "./limits";
import { sendMessage } from "./send";
import { decideRecipients } from "./trust-space";
import { z } from "@/lib/validation";

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

const outgoing = z
  .object({
    mailboxId: z.string(),
    to: recipients,
    cc: recipients,
    subject: z.string().max(limits.subject, fr.errors.subjectTooLong).default("").transform(oneLine),
    body: z.string().max(limits.body, fr.errors.bodyTooLong).default(""),
    replyTo: z.union([z.literal(""), z.uuid(fr.errors.notFound)]).optional(),
  })
  .superRefine((v, ctx) => {
    const count = v.to.length + v.cc.length;
    if (count === 0) ctx.addIssue({ code: "custom", path: ["to"], message: fr.errors.recipientRequired });
    if (count > limits.recipients)
      ctx.addIssue({ code: "custom", path: ["to"], message: fr.errors.tooManyRecipients(limits.recipients) });
  });

/** Send from a box the person holds `send` on; recipients decided on the server. */
export const sendSpec = defineMailboxAction({
  action: "message.send",
  permission: "message.send",
  schema: outgoing,
  async run({ tx, input, access, principal, meta }) {
    const sent = await sendMessage(tx, {
      access,
      principal,
      meta,
      message: { to: input.to, cc: input.cc, bcc: [], subject: input.subject, body: input.body, replyTo: input.replyTo || null },
    });
    return {
      target: sent.sentId,
      metadata: { recipients: sent.recipients, local: sent.local, remote: sent.remote, reply: Boolean(input.replyTo) },
      redirectTo: `/m/${access.mailbox.id}/inbox?notice=sent`,
    };
  },
});
