import { and, eq, ne, sql } from "drizzle-orm";
import { replyTemplates } from "@/db/schema";
import { defineMailboxAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { text, z } from "@/lib/validation";

const t = fr.templates;
export const TEMPLATE_NAME_MAX = 80;
export const TEMPLATE_BODY_MAX = 20_000;

/**
 * Create a box's template, or change one (`templateId`): for those who manage the box. Names are unique in
 * the box whatever their case; the box's transaction lock keeps two saves from both taking one.
 */
export const saveTemplateSpec = defineMailboxAction({
  action: "template.save",
  permission: "delegation.manage",
  schema: z.object({
    mailboxId: z.string(),
    templateId: z.union([z.literal(""), z.uuid(fr.errors.notFound)]).default(""),
    name: text().trim().min(1, t.nameMissing).max(TEMPLATE_NAME_MAX, t.nameTooLong(TEMPLATE_NAME_MAX)),
    body: text().min(1, t.bodyMissing).max(TEMPLATE_BODY_MAX, t.bodyTooLong(TEMPLATE_BODY_MAX)),
  }),
  async run({ tx, input, access, principal }) {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`templates:${access.mailbox.id}`}, 0))`);
    const taken = await tx
      .select({ id: replyTemplates.id })
      .from(replyTemplates)
      .where(
        and(
          eq(replyTemplates.mailboxId, access.mailbox.id),
          sql`lower(${replyTemplates.name}) = lower(${input.name})`,
          input.templateId ? ne(replyTemplates.id, input.templateId) : undefined,
        ),
      );
    if (taken.length > 0) throw new ActionError("conflict", t.nameTaken(input.name), { name: [t.nameTaken(input.name)] });
    const values = { name: input.name, body: input.body, updatedBy: principal.userId, updatedAt: new Date() };
    const [saved] = input.templateId
      ? await tx
          .update(replyTemplates)
          .set(values)
          .where(and(eq(replyTemplates.id, input.templateId), eq(replyTemplates.mailboxId, access.mailbox.id)))
          .returning({ id: replyTemplates.id })
      : await tx
          .insert(replyTemplates)
          .values({ ...values, mailboxId: access.mailbox.id })
          .returning({ id: replyTemplates.id });
    if (!saved) throw new ActionError("not_found", fr.errors.notFound);
    return { target: saved.id, metadata: { created: !input.templateId }, result: { templateId: saved.id } };
  },
});

export const deleteTemplateSpec = defineMailboxAction({
  action: "template.delete",
  permission: "delegation.manage",
  schema: z.object({ mailboxId: z.string(), templateId: z.uuid(fr.errors.notFound) }),
  async run({ tx, input, access }) {
    const gone = await tx
      .delete(replyTemplates)
      .where(and(eq(replyTemplates.id, input.templateId), eq(replyTemplates.mailboxId, access.mailbox.id)))
      .returning({ id: replyTemplates.id });
    if (gone.length === 0) throw new ActionError("not_found", fr.errors.notFound);
    return { target: input.templateId };
  },
});
