import { and, count, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { sentMessageStatus } from "@/db/queries/api-messages";
import { apiIdempotency, attachments, messages, outbox } from "@/db/schema";
import { fingerprintOf } from "@/lib/api/message-request";
import { apiSendSpec } from "@/lib/api/message-spec";
import { runAction } from "@/lib/actions/run";
import type { TokenActor } from "@/lib/auth/actor";
import { loadActorAccess } from "@/lib/authz/access";
import { can } from "@/lib/authz/permissions";
import { blobStore } from "@/lib/storage/blobs";
import { driver, seededDatabase } from "./db";
import { demo, meta } from "./fixtures";
import { tokenFor } from "./token-fixture";
import { dischargeXdm, metadataXml, zipOf } from "./xdm-fixture";

describe(`software sending from an applicative box (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let token: TokenActor;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    token = (await tokenFor(db, d.app.id, d.sophie.id)).actor;
  });

  const send = (fields: Record<string, unknown>, key = crypto.randomUUID()) =>
    runAction(db, token, meta, apiSendSpec, { mailboxId: d.app.id, ...fields, idempotency: { key, fingerprint: fingerprintOf(fields) } });
  const stored = async (key: string) =>
    (
      await db
        .select()
        .from(apiIdempotency)
        .where(and(eq(apiIdempotency.tokenId, token.tokenId), eq(apiIdempotency.key, key)))
    )[0];
  const remoteRaw = async (sentId: string) => {
    const [row] = await db.select().from(outbox).where(eq(outbox.messageId, sentId));
    return simpleParser((await blobStore.get(db, row.rawSha256))!);
  };

  it("sends as the box with Reply-To its organisational box, here and to other operators, and answers each recipient's state", async () => {
    const key = crypto.randomUUID();
    const result = await send(
      { to: ["jean.dupont@ch-troispics.mssante.fr", "confrere@ch-ailleurs.mssante.fr"], subject: "CR", body: "Texte." },
      key,
    );
    expect(result).toMatchObject({ ok: true });
    const answer = await stored(key);
    expect(answer.response).toMatchObject({
      id: result.target,
      recipients: [
        { address: "jean.dupont@ch-troispics.mssante.fr", state: "delivered" },
        { address: "confrere@ch-ailleurs.mssante.fr", state: "queued" },
      ],
    });
    const [copy] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.messageId, String(answer.response.messageId))));
    expect(copy).toMatchObject({ fromAddress: d.app.address, senderAddress: null, replyTo: [{ address: d.cardio.address }] });
    const mail = await remoteRaw(result.target!);
    expect(mail.replyTo?.value[0].address).toBe(d.cardio.address);
    expect(mail.from?.value[0].address).toBe(d.app.address);
    expect(mail.headers.has("sender")).toBe(false);
    const access = await loadActorAccess(db, token, d.app.id);
    const status = can(access, "mailbox.read") ? await sentMessageStatus(db, access, result.target!) : null;
    expect(status?.recipients.map((r) => [r.address, r.state])).toEqual([
      ["jean.dupont@ch-troispics.mssante.fr", "delivered"],
      ["confrere@ch-ailleurs.mssante.fr", "queued"],
    ]);
  });

  it("claims the key inside the send: two concurrent sends under one key make one message", async () => {
    const key = crypto.randomUUID();
    const fields = { to: ["jean.dupont@ch-troispics.mssante.fr"], subject: "Une fois", body: "." };
    const results = await Promise.all([send(fields, key), send(fields, key)]);
    expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: "conflict" });
    const [{ n }] = await db
      .select({ n: count() })
      .from(messages)
      .where(and(eq(messages.mailboxId, d.app.id), eq(messages.subject, "Une fois")));
    expect(n).toBe(1);
  });

  it("refuses, naming it, an address outside the trust space or a bad patient INS, and changes nothing", async () => {
    const key = crypto.randomUUID();
    const result = await send({ to: ["quelquun@gmail.com", "255081416802539@patient.mssante.fr"], subject: "x", body: "." }, key);
    expect(result).toMatchObject({ ok: false, code: "untrusted_recipient" });
    expect(result.fieldErrors?.to?.join(" ")).toContain("« quelquun@gmail.com »");
    expect(await stored(key)).toBeUndefined();
  });

  it("sets X-MSS-CODECDA and X-MSS-INS from the XDM archive it sends, and refuses an archive about two patients", async () => {
    const pdf = Buffer.from("%PDF-1.4\n%%EOF\n");
    const ok = await send({
      to: ["confrere@ch-ailleurs.mssante.fr"],
      subject: "XDM/1.0/DDM+Lettre de liaison DUPONT Jean 19550814",
      body: ".",
      attachments: [
        { name: "IHE_XDM.ZIP", bytes: await dischargeXdm() },
        { name: "lettre.pdf", bytes: pdf },
      ],
    });
    expect(ok).toMatchObject({ ok: true });
    const mail = await remoteRaw(ok.target!);
    expect(mail.headers.get("x-mss-codecda")).toBe("11490-0");
    expect(mail.headers.get("x-mss-ins")).toBe("O");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["IHE_XDM.ZIP", "lettre.pdf"]);
    expect(await db.select().from(attachments).where(eq(attachments.messageId, ok.target!))).toHaveLength(2);

    const doc = { title: "CR", type: "CR", creationTime: "20261101" };
    const twoPatients = await zipOf({
      "IHE_XDM/SUBSET01/METADATA.XML": metadataXml([
        { ...doc, ins: "294037512000591" },
        { ...doc, ins: "255081416802538" },
      ]),
    });
    const refused = await send({
      to: ["confrere@ch-ailleurs.mssante.fr"],
      subject: "x",
      body: ".",
      attachments: [{ name: "IHE_XDM.ZIP", bytes: twoPatients }],
    });
    expect(refused).toMatchObject({ ok: false, code: "unreadable_file" });
    expect(refused.fieldErrors?.attachments?.[0]).toContain("plusieurs patients");
  });

  it("keeps the webmail's size rules", async () => {
    const big = { name: "scanner.dcm", bytes: Buffer.alloc(26 * 1024 * 1024) };
    expect(await send({ to: ["jean.dupont@ch-troispics.mssante.fr"], subject: "x", body: ".", attachments: [big] })).toMatchObject({
      ok: false,
      code: "too_large",
    });
    expect(await send({ to: ["jean.dupont@ch-troispics.mssante.fr"], subject: "x".repeat(999), body: "." })).toMatchObject({
      ok: false,
      code: "invalid_input",
    });
  });
});
