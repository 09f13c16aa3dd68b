import { readFile } from "node:fs/promises";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { attachments, messages, outbox, trustedDomains } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { addAttachmentSpec } from "@/lib/mail/attachment-specs";
import { cleanFilename, sniffType } from "@/lib/mail/attachments";
import { forwardSpec, saveDraftSpec, sendReceiptSpec, sendSpec } from "@/lib/mail/compose-specs";
import { limits } from "@/lib/mail/limits";
import { ListeBlancheError, parseListeBlanche, replaceListeBlanche } from "@/lib/mail/liste-blanche";
import { buildMime } from "@/lib/mail/mime";
import { replyDraft } from "@/lib/mail/prefill";
import { blobStore } from "@/lib/storage/blobs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8ffbf1e000502027f3f6c6d0000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const file = (name: string, bytes: Buffer, type = "application/octet-stream") => new File([new Uint8Array(bytes)], name, { type });

/** Header block of a generated message, one logical header per entry (folded lines joined). */
function headers(raw: Buffer): string[] {
  const head = raw.toString("utf8").split("\r\n\r\n")[0];
  return head.split(/\r\n(?![ \t])/);
}

describe("generated MIME", () => {
  const base = {
    messageId: "<1@ch.mssante.fr>",
    inReplyTo: null,
    references: [],
    from: { address: "cardiologie@ch.mssante.fr", name: "Cardiologie" },
    sender: null,
    to: [{ address: "a@ch.mssante.fr", name: null }],
    cc: [],
    text: "Bonjour",
    date: new Date("2026-11-22T10:00:00Z"),
    receiptTo: null,
    attachments: [],
  };

  it.each([
    ["subject", { subject: "Résultats\r\nBcc: spy@gmail.com" }],
    ["subject with LF", { subject: "Résultats\nX-Injected: 1" }],
    ["display name", { subject: "s", to: [{ address: "a@ch.mssante.fr", name: "Dr A\r\nBcc: spy@gmail.com" }] }],
    ["sender name", { subject: "s", sender: { address: "cardiologie@ch.mssante.fr", name: "Marie\r\nX-Injected: 1" } }],
  ])("a line break in the %s never starts a header", async (_label, patch) => {
    const raw = await buildMime({ ...base, ...patch } as Parameters<typeof buildMime>[0]);
    const names = headers(raw).map((h) => h.split(":")[0].toLowerCase());
    expect(names).not.toContain("bcc");
    expect(names).not.toContain("x-injected");
    expect(raw.toString("utf8")).not.toMatch(/^bcc:/im);
  });

  it("carries the MSSanté and threading headers, never the Bcc", async () => {
    const raw = (
      await buildMime({ ...base, subject: "s", inReplyTo: "<0@x>", references: ["<0@x>"], receiptTo: "cardiologie@ch.mssante.fr" })
    ).toString("utf8");
    // Header names are case-insensitive (RFC 5322 §1.2.2); the composer writes its own case.
    expect(raw).toMatch(/^X-MSS-NIL: MSSante-Webmail/im);
    expect(raw).toMatch(/^Message-ID: <1@ch\.mssante\.fr>/im);
    expect(raw).toMatch(/^In-Reply-To: <0@x>/im);
    expect(raw).toMatch(/^Disposition-Notification-To: cardiologie@ch\.mssante\.fr/im);
  });
});

describe("liste blanche file", () => {
  it("reads the namespaced XML: IDN to punycode, case and whitespace and trailing dots normalised, duplicates once", async () => {
    const xml = await readFile(path.join(import.meta.dirname, "fixtures/liste-blanche.xml"), "utf8");
    expect(parseListeBlanche(xml)).toEqual([
      "ch-troispics.mssante.fr",
      "clinique-dulac.mssante.fr",
      "medecin.mssante.fr",
      "msp-duval.mssante.fr",
      "patient.mssante.fr",
      "xn--hpital-exemple-0ob.fr",
    ]);
  });

  it.each([
    ["not XML at all", "ceci n'est pas du XML"],
    ["unclosed element", '<ListeBlanche xmlns="https://listeblanche.mssante.fr/schema"><Domaine><Nom>a.fr</Nom></ListeBlanche>'],
    ["wrong namespace", '<ListeBlanche xmlns="https://example.org/autre"><Domaine><Nom>a.fr</Nom></Domaine></ListeBlanche>'],
    ["no domain", '<ListeBlanche xmlns="https://listeblanche.mssante.fr/schema"></ListeBlanche>'],
    [
      "an invalid domain",
      '<ListeBlanche xmlns="https://listeblanche.mssante.fr/schema"><Domaine><Nom>pas un domaine</Nom></Domaine></ListeBlanche>',
    ],
  ])("refuses %s with a French reason", (_label, xml) => {
    expect(() => parseListeBlanche(xml)).toThrow(ListeBlancheError);
    try {
      parseListeBlanche(xml);
    } catch (error) {
      expect((error as Error).message).toMatch(/liste en vigueur est conservée/);
    }
  });
});

describe(`compose on the database (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("replaces the liste blanche in one go, reports counts, and sending follows it", async () => {
    const jean = await principalOf(db, d.jean);
    const first = await db.transaction((tx) =>
      replaceListeBlanche(tx, ["ch-troispics.mssante.fr", "msp-duval.mssante.fr", "xn--hpital-exemple-0ob.fr"]),
    );
    expect(first).toEqual({ added: 3, removed: 0, unchanged: 0 });
    const second = await db.transaction((tx) =>
      replaceListeBlanche(tx, ["msp-duval.mssante.fr", "xn--hpital-exemple-0ob.fr", "medecin.mssante.fr"]),
    );
    expect(second).toEqual({ added: 1, removed: 1, unchanged: 2 });

    const refused = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: "x@ch-inconnu.mssante.fr",
      subject: "s",
      body: "b",
    });
    expect(refused.fieldErrors?.to?.[0]).toContain("« x@ch-inconnu.mssante.fr » n'appartient pas");
    const accepted = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: "x@hôpital-exemple.fr",
      subject: "s",
      body: "b",
    });
    expect(accepted.ok).toBe(true);
    await db.delete(trustedDomains);
  });

  it("cleans names and reads the type from the bytes", async () => {
    expect(cleanFilename("../../etc/passwd")).toBe("passwd");
    expect(cleanFilename("C:\\Users\\x\\cr.pdf")).toBe("cr.pdf");
    expect(cleanFilename("facture\u202Efdp.exe")).toBe("facturefdp.exe");
    expect(cleanFilename("a\u0000b\r\nc.txt")).toBe("abc.txt");
    expect(cleanFilename("...")).toBe("piece-jointe");
    expect(await sniffType(PNG)).toBe("image/png");
    expect(await sniffType(PDF)).toBe("application/pdf");
    expect(await sniffType(Buffer.from("Compte rendu, UTF-8 é"))).toBe("text/plain");
    expect(await sniffType(Buffer.from([0, 1, 2, 250, 251]))).toBe("application/octet-stream");
  });

  it("attaches files to a draft, refuses what exceeds the limits, and sends them to every copy", async () => {
    const marie = await principalOf(db, d.marie);
    const draftId = crypto.randomUUID();
    const add = (f: File) => runAction(db, marie, meta, addAttachmentSpec, { mailboxId: d.cardio.id, draftId, file: f });
    expect((await add(file("radio.png", PNG, "application/pdf"))).ok).toBe(true);
    expect((await add(file("compte-rendu.pdf", PDF))).ok).toBe(true);
    const [draft] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.cardio.id), eq(messages.draftId, draftId)));
    const stored = await db.select().from(attachments).where(eq(attachments.messageId, draft.id));
    expect(stored.map((a) => [a.filename, a.contentType])).toEqual([
      ["radio.png", "image/png"],
      ["compte-rendu.pdf", "application/pdf"],
    ]);

    const big = Buffer.alloc(limits.attachment + 1);
    const tooBig = await add(file("scanner.dcm", big));
    expect(tooBig).toMatchObject({ ok: false, error: expect.stringContaining("dépasse la taille maximale") });
    expect(await db.select({ n: count() }).from(attachments).where(eq(attachments.messageId, draft.id))).toEqual([{ n: 2 }]);

    await runAction(db, marie, meta, saveDraftSpec, {
      mailboxId: d.cardio.id,
      draftId,
      to: d.claireBox.address,
      subject: "Imagerie",
      body: "Ci-joint.",
    });
    const sent = await runAction(db, marie, meta, sendSpec, {
      mailboxId: d.cardio.id,
      draftId,
      to: `${d.claireBox.address}, confrere@medecin.mssante.fr`,
      bcc: "archives@ch-troispics.mssante.fr",
      subject: "Imagerie",
      body: "Ci-joint.",
    });
    expect(sent.ok).toBe(true);
    const copies = await db.select().from(messages).where(eq(messages.subject, "Imagerie"));
    expect(copies.map((c) => c.folder).sort()).toEqual(["inbox", "sent"]); // the draft is gone
    for (const copy of copies)
      expect(await db.select({ n: count() }).from(attachments).where(eq(attachments.messageId, copy.id))).toEqual([{ n: 2 }]);
    // The remote copy is a MIME message with both files and no Bcc.
    const [queued] = await db.select().from(outbox).where(eq(outbox.recipient, "confrere@medecin.mssante.fr"));
    const raw = (await blobStore.get(db, queued.rawSha256))!.toString("utf8");
    expect(raw).toContain("filename=radio.png");
    expect(raw).toContain("filename=compte-rendu.pdf");
    expect(raw).not.toMatch(/^bcc:/im);
    expect(raw).not.toContain("archives@ch-troispics");
  });

  it("forwards a message with its attachments into a new draft", async () => {
    const claire = await principalOf(db, d.claire);
    const [received] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.claireBox.id), eq(messages.subject, "Imagerie")));
    const result = await runAction(db, claire, meta, forwardSpec, { mailboxId: d.claireBox.id, messageId: received.id });
    expect(result.ok).toBe(true);
    const draftId = result.redirectTo!.split("draft=")[1];
    const [draft] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.claireBox.id), eq(messages.draftId, draftId)));
    expect(draft).toMatchObject({ folder: "drafts", subject: "TR : Imagerie" });
    expect(draft.bodyText).toContain("Message transféré");
    expect(await db.select({ n: count() }).from(attachments).where(eq(attachments.messageId, draft.id))).toEqual([{ n: 2 }]);
  });

  it("round-trips a read receipt: asked, answered once, seen as 'lu le' by the writer", async () => {
    const jean = await principalOf(db, d.jean);
    const claire = await principalOf(db, d.claire);
    await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: d.claireBox.address,
      subject: "Avec accusé",
      body: ".",
      receipt: "on",
    });
    const [copy] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.claireBox.id), eq(messages.subject, "Avec accusé")));
    expect(copy.receiptTo).toBe(d.jeanBox.address);
    expect((await runAction(db, claire, meta, sendReceiptSpec, { mailboxId: d.claireBox.id, messageId: copy.id })).ok).toBe(true);
    const [mine] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.folder, "sent"), eq(messages.subject, "Avec accusé")));
    expect(mine.readReceiptAt).toBeInstanceOf(Date);
    const [report] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.reportFor, copy.messageId)));
    expect(report.subject).toBe("Accusé de lecture : Avec accusé");
    // Only once.
    expect((await runAction(db, claire, meta, sendReceiptSpec, { mailboxId: d.claireBox.id, messageId: copy.id })).ok).toBe(false);
  });

  it("answers all without writing to oneself", () => {
    const draft = replyDraft(
      {
        folder: "inbox",
        fromAddress: "a@x.mssante.fr",
        fromName: "A",
        to: [
          { address: "me@ch.mssante.fr", name: null },
          { address: "b@x.mssante.fr", name: "B" },
        ],
        cc: [
          { address: "c@x.mssante.fr", name: null },
          { address: "a@x.mssante.fr", name: "A" },
        ],
        replyTo: [],
        subject: "Avis",
        bodyText: "ligne",
        bodyHtmlSafe: null,
        receivedAt: new Date(),
      },
      { all: true, ownAddress: "me@ch.mssante.fr" },
    );
    expect(draft.to).toBe("A <a@x.mssante.fr>");
    expect(draft.cc).toBe("B <b@x.mssante.fr>, c@x.mssante.fr");
    expect(draft.subject).toBe("RE : Avis");
  });

  it("answers where the author's Reply-To says: software's letters go to its service's box", () => {
    const draft = replyDraft({
      folder: "inbox",
      fromAddress: "comptes-rendus_noreply@ch.mssante.fr",
      fromName: "Comptes rendus",
      to: [{ address: "me@ch.mssante.fr", name: null }],
      cc: [],
      replyTo: [{ address: "cardiologie@ch.mssante.fr", name: "Cardiologie" }],
      subject: "Compte rendu",
      bodyText: "ligne",
      bodyHtmlSafe: null,
      receivedAt: new Date(),
    });
    expect(draft.to).toBe("Cardiologie <cardiologie@ch.mssante.fr>");
    expect(draft.body).toContain("Comptes rendus");
  });
});
