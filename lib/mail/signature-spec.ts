import { eq } from "drizzle-orm";
import { mailboxes } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { text, z } from "@/lib/validation";
import { cleanComposedHtml } from "./composed-html";
import { htmlToText } from "./html-text";

export const SIGNATURE_MAX = 20_000;

/**
 * A box's own signature, written with the editor by those who manage the box and cleaned like a message;
 * emptied, the box signs again from the annuaire. Software boxes sign nothing.
 */
export const saveSignatureSpec = defineMailboxAction({
  action: "signature.save",
  permission: "delegation.manage",
  schema: z.object({
    mailboxId: z.string(),
    html: text().max(SIGNATURE_MAX, fr.signature.tooLong(SIGNATURE_MAX)).default(""),
  }),
  async run({ tx, input, access }) {
    if (access.mailbox.type === "APP") throw new ActionError("not_found", fr.errors.notFound);
    const html = cleanComposedHtml(input.html);
    const signatureHtml = htmlToText(html).trim() ? html : null;
    await tx.update(mailboxes).set({ signatureHtml }).where(eq(mailboxes.id, access.mailbox.id));
    return { target: access.mailbox.id, metadata: { own: signatureHtml !== null } };
  },
});
