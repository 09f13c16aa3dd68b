import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { attachments, messages } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { addAttachmentSpec } from "@/lib/mail/attachment-specs";
import { addAttachment } from "@/lib/mail/attachments";
import { limits } from "@/lib/mail/limits";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

const note = (i: number) => new File([`note ${i}\n`], `note-${i}.txt`, { type: "text/plain" });

describe(`attachments per draft (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it(`takes ${limits.attachments} files on a draft and refuses the next one in French, the draft unchanged`, async () => {
    const marie = await principalOf(db, d.marie);
    const draftId = crypto.randomUUID();
    const add = (file: unknown) => runAction(db, marie, meta, addAttachmentSpec, { mailboxId: d.cardio.id, draftId, file });
    expect((await add(note(0))).ok).toBe(true);
    const [draft] = await db.select({ id: messages.id }).from(messages).where(eq(messages.draftId, draftId));
    // The rest straight to the store, as the spec would: the bound is what is tested here, not 99 requests.
    await db.transaction(async (tx) => {
      for (let i = 1; i < limits.attachments; i++)
        await addAttachment(tx, draft.id, { name: `note-${i}.txt`, bytes: Buffer.from(`note ${i}\n`) });
    });
    const files = () => db.select({ n: count() }).from(attachments).where(eq(attachments.messageId, draft.id));
    expect(await files()).toEqual([{ n: limits.attachments }]);

    const refused = await add(note(limits.attachments));
    expect(refused).toEqual({
      ok: false,
      code: "too_many",
      error: `Un message ne peut avoir plus de ${limits.attachments} pièces jointes.`,
      fieldErrors: { file: [`Un message ne peut avoir plus de ${limits.attachments} pièces jointes.`] },
    });
    expect(await files()).toEqual([{ n: limits.attachments }]);
  });

  it("says that no file came rather than naming an empty or unknown one", async () => {
    const marie = await principalOf(db, d.marie);
    const result = await runAction(db, marie, meta, addAttachmentSpec, { mailboxId: d.cardio.id, draftId: crypto.randomUUID(), file: "x" });
    expect(result).toMatchObject({ ok: false, fieldErrors: { file: ["Aucun fichier reçu : choisissez le fichier à joindre."] } });
  });
});
