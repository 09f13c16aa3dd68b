import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditPage } from "@/db/queries/audit";
import { messages } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { reasonLabel } from "@/lib/audit/labels";
import { shortUserAgent } from "@/lib/audit/user-agent";
import { grantSpec } from "@/lib/delegations/specs";
import { parisTimestamp } from "@/lib/i18n/format";
import { createFolderSpec } from "@/lib/mail/folder-specs";
import { flagSpec } from "@/lib/mail/message-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe(`the journal as a manager reads it (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("names each target for what it is — the person of a delegation, a message by folder and date, never its subject", async () => {
    const sophie = await principalOf(db, d.sophie);
    const marie = await principalOf(db, d.marie);
    await runAction(db, sophie, meta, grantSpec, { mailboxId: d.cardio.id, userId: d.lucie.id, rights: ["read", "edit"], until: "" });
    const [message] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.cardio.id), eq(messages.folder, "inbox")))
      .limit(1);
    await runAction(db, marie, meta, flagSpec, { mailboxId: d.cardio.id, messageId: message.id, folder: "inbox", flagged: "true" });
    await runAction(db, marie, meta, createFolderSpec, { mailboxId: d.cardio.id, name: "Relances labo" });
    // Refused: no such message. Its reason reads in French.
    await runAction(db, marie, meta, flagSpec, {
      mailboxId: d.cardio.id,
      messageId: crypto.randomUUID(),
      folder: "inbox",
      flagged: "true",
    });

    const { rows } = await auditPage(db, sophie, {}, undefined, 10);
    const byAction = (action: string, result = "success") => rows.find((r) => r.action === action && r.result === result)!;
    expect(byAction("delegation.grant").targetLabel).toBe("Délégation de Lucie Petit");
    expect(byAction("message.flag").targetLabel).toMatch(/^Message \(Réception, \d+ \S+ \d{4}, \d{2}:\d{2}\)$/);
    expect(byAction("message.flag").targetLabel).not.toContain(message.subject);
    expect(byAction("folder.create").targetLabel).toBe("Dossier « Relances labo »");
    const refused = byAction("message.flag", "refused");
    expect([refused.targetLabel, reasonLabel(refused.reason)]).toEqual([null, "Introuvable ou hors d'accès"]);
  });

  it("says a message was deleted since, rather than showing its id", async () => {
    const marie = await principalOf(db, d.marie);
    const [gone] = await db
      .insert(messages)
      .values({
        mailboxId: d.cardio.id,
        folder: "inbox",
        threadId: crypto.randomUUID(),
        messageId: `<parti-${crypto.randomUUID()}@test.mssante.fr>`,
        fromAddress: "dr.test@test.mssante.fr",
        to: [],
        subject: "Bientôt supprimé",
        bodyText: "Texte",
        size: 10,
      })
      .returning();
    await runAction(db, marie, meta, flagSpec, { mailboxId: d.cardio.id, messageId: gone.id, folder: "inbox", flagged: "true" });
    await db.delete(messages).where(eq(messages.id, gone.id));
    const { rows } = await auditPage(db, await principalOf(db, d.sophie), { action: "message.flag" }, undefined, 5);
    expect(rows.find((r) => r.target === gone.id)?.targetLabel).toBe("Message supprimé depuis");
  });

  it("gives export times in Paris with their offset, and a short browser label for the user agent", () => {
    expect(parisTimestamp(new Date("2026-11-27T14:02:11Z"))).toBe("2026-11-27 15:02:11 +01:00");
    expect(parisTimestamp(new Date("2026-07-01T22:30:00Z"))).toBe("2026-07-02 00:30:00 +02:00");
    expect(
      shortUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      ),
    ).toBe("Edge 131 / Windows 10");
    expect(shortUserAgent("curl/8.5.0")).toBe("curl");
    expect(shortUserAgent(null)).toBeNull();
    expect(reasonLabel("untrusted_recipient")).toBe("Destinataire hors de l'espace de confiance");
  });
});
