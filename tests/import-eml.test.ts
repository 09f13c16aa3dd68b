import { readFile } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { attachments, auditLog, messages } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { limits } from "@/lib/mail/limits";
import { importSpec } from "@/lib/mail/message-specs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

const fixture = async (name: string) => new File([await readFile(`e2e/fixtures/${name}`)], name, { type: "message/rfc822" });

describe(`importing a received message from its .eml file (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("stores the HTML as received, text derived from it for search, headers and attachments, in the Réception", async () => {
    const marie = await principalOf(db, d.marie);
    const result = await runAction(db, marie, meta, importSpec, { mailboxId: d.cardio.id, file: await fixture("hostile.eml") });
    expect(result).toMatchObject({ ok: true, redirectTo: expect.stringMatching(new RegExp(`^/m/${d.cardio.id}/inbox/[0-9a-f-]{36}$`)) });
    const [row] = await db.select().from(messages).where(eq(messages.id, result.target!));
    expect(row).toMatchObject({
      mailboxId: d.cardio.id,
      folder: "inbox",
      messageId: "<hostile-1@ch-exemple.mssante.fr>",
      fromAddress: "labo@ch-exemple.mssante.fr",
      fromName: "Laboratoire Exemple",
      to: [{ address: "jean.dupont@ch-troispics.mssante.fr", name: null }],
      subject: "Résultats piégés (HTML hostile)",
      sentAt: new Date("2026-11-16T08:30:00Z"),
    });
    expect(row.bodyHtml).toContain("<script>");
    // Sanitised once, here; the original stays for download.
    expect(row).toMatchObject({ remoteImages: 2, htmlTooComplex: false });
    expect(row.bodyHtmlSafe).toContain("Bonjour Docteur");
    expect(row.bodyHtmlSafe).not.toMatch(/<script|onerror=| src="http/);
    expect(row.bodyText).toContain("Bonjour Docteur, voici les résultats");
    expect(row.bodyText).not.toContain("<p>");
    const files = await db.select().from(attachments).where(eq(attachments.messageId, row.id));
    expect(files.map((f) => [f.filename, f.contentType])).toEqual([["resultats.txt", "text/plain"]]);
    const [trace] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.target, row.id), eq(auditLog.action, "message.import")));
    expect(trace).toMatchObject({ result: "success", actorUserId: d.marie.id, mailboxId: d.cardio.id, metadata: { attachments: 1 } });
  });

  it("keeps plain text as it is and the HTML empty", async () => {
    const jean = await principalOf(db, d.jean);
    const result = await runAction(db, jean, meta, importSpec, { mailboxId: d.jeanBox.id, file: await fixture("plain.eml") });
    const [row] = await db.select().from(messages).where(eq(messages.id, result.target!));
    expect(row).toMatchObject({ bodyHtml: null, bodyHtmlSafe: null, htmlTooComplex: false });
    expect(row.bodyText).toContain("<b>Ceci n'est pas du gras</b>");
  });

  it("refuses what is not a message, an empty or oversized file, in French, and stores nothing", async () => {
    const jean = await principalOf(db, d.jean);
    const before = (await db.select({ id: messages.id }).from(messages).where(eq(messages.mailboxId, d.jeanBox.id))).length;
    const attempt = (file: unknown) => runAction(db, jean, meta, importSpec, { mailboxId: d.jeanBox.id, file });
    expect(await attempt(new File(["ceci n'est pas un message\n"], "x.eml"))).toMatchObject({
      ok: false,
      fieldErrors: { file: ["Ce fichier n'est pas un message électronique lisible (.eml) : aucun expéditeur n'y figure."] },
    });
    expect(await attempt(new File([], "vide.eml"))).toMatchObject({ ok: false, fieldErrors: { file: ["Choisissez un fichier .eml."] } });
    expect(await attempt("texte")).toMatchObject({ ok: false, fieldErrors: { file: ["Choisissez un fichier .eml."] } });
    expect(await attempt(new File([new Uint8Array(limits.eml + 1)], "gros.eml"))).toMatchObject({
      ok: false,
      fieldErrors: { file: [expect.stringMatching(/^Fichier trop volumineux/)] },
    });
    expect((await db.select({ id: messages.id }).from(messages).where(eq(messages.mailboxId, d.jeanBox.id))).length).toBe(before);
  });

  it("names the bound a message crosses (huge headers, parts by the thousand) instead of a missing sender", async () => {
    const jean = await principalOf(db, d.jean);
    const attempt = (text: string) => runAction(db, jean, meta, importSpec, { mailboxId: d.jeanBox.id, file: new File([text], "x.eml") });
    const from = "From: a@ch.mssante.fr\r\nSubject: s\r\n";
    const hugeHeader = await attempt(`${from}X-Long: ${"a".repeat(1024 * 1024 + 1)}\r\n\r\nbody\r\n`);
    expect(hugeHeader).toMatchObject({
      ok: false,
      code: "too_large",
      fieldErrors: { file: ["Ce message n'est pas importé : ses en-têtes dépassent 1 Mo (en-tête démesuré ou en-têtes par milliers)."] },
    });
    expect((await attempt(`${from}${"X-H: a\r\n".repeat(150_000)}\r\nbody\r\n`)).fieldErrors?.file?.[0]).toMatch(
      /ses en-têtes dépassent 1 Mo/,
    );
    // Parts nested in one another, one level per boundary, past the parser's 1,000 parts.
    const depth = 1001;
    const nested =
      from +
      Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`).join("") +
      "Content-Type: text/plain\r\n\r\nbonjour\r\n" +
      Array.from({ length: depth }, (_, i) => `--b${depth - 1 - i}--\r\n`).join("");
    expect(await attempt(nested)).toMatchObject({
      ok: false,
      code: "too_large",
      // fr-FR groups thousands with a narrow no-break space.
      fieldErrors: { file: [expect.stringMatching(/^Ce message n'est pas importé : il compte plus de 1\s000 parties MIME/)] },
    });
  });

  it("answers 'introuvable' to someone who may only read the box, or not at all", async () => {
    const claire = await principalOf(db, d.claire);
    const result = await runAction(db, claire, meta, importSpec, { mailboxId: d.cardio.id, file: await fixture("plain.eml") });
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/^Introuvable/) });
  });
});
