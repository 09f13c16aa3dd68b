import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { ERROR_STATUS, statusOf } from "@/lib/errors";
import { addAttachmentSpec } from "@/lib/mail/attachment-specs";
import { saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";
import { limits } from "@/lib/mail/limits";
import { expectAuditFreeOfUserText } from "./audit-hygiene";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

// What a person typed: a file name holding a patient's name, a subject, addresses.
const FILE = "compte-rendu-Dupont.pdf";
const SUBJECT = "Résultats de Mme Dupont";
const ADDRESS = "patient.dupont@gmail.com";

describe(`audit reasons are codes (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("refusals answer a code and a French message, and trace only the code", async () => {
    const jean = await principalOf(db, d.jean);
    const draftId = crypto.randomUUID();
    const big = new File([new Uint8Array(limits.attachment + 1)], FILE, { type: "application/pdf" });
    const tooLarge = await runAction(db, jean, meta, addAttachmentSpec, { mailboxId: d.jeanBox.id, draftId, file: big });
    expect(tooLarge).toMatchObject({ ok: false, code: "too_large", error: expect.stringContaining(FILE) });

    const untrusted = await runAction(db, jean, meta, sendSpec, { mailboxId: d.jeanBox.id, to: ADDRESS, subject: SUBJECT, body: "x" });
    expect(untrusted).toMatchObject({ ok: false, code: "untrusted_recipient" });
    expect(untrusted.fieldErrors?.to?.[0]).toContain(ADDRESS);

    const foreign = await runAction(db, jean, meta, saveDraftSpec, { mailboxId: d.claireBox.id, draftId, subject: SUBJECT });
    expect(foreign).toMatchObject({ ok: false, code: "not_found" });

    const rows = await db.select({ reason: auditLog.reason, result: auditLog.result }).from(auditLog);
    expect(rows.filter((r) => r.result === "refused").map((r) => r.reason)).toEqual(
      expect.arrayContaining(["too_large", "untrusted_recipient", "not_found"]),
    );
    await expectAuditFreeOfUserText(db);
  });

  it("the database refuses a reason that is not a code", async () => {
    const text = db
      .insert(auditLog)
      .values({ action: "message.send", result: "refused", reason: `Fichier « ${FILE} » trop volumineux`, prevHash: "x", hash: "y" });
    await expect(text).rejects.toThrow();
  });

  it("maps codes to HTTP statuses: out of reach is 404, too large 413, never 422 for all", () => {
    expect(statusOf("not_found")).toBe(404);
    expect(statusOf("too_large")).toBe(413);
    expect(statusOf("conflict")).toBe(409);
    expect(statusOf(undefined)).toBe(200);
    expect(new Set(Object.values(ERROR_STATUS)).size).toBeGreaterThan(5);
  });
});
