import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { mailboxes, messages } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { readCredentials } from "@/lib/auth/credentials";
import { createBoxSpec } from "@/lib/delegations/specs";
import { saveDraftSpec, sendSpec } from "@/lib/mail/compose-specs";
import { importSpec } from "@/lib/mail/message-specs";
import { text } from "@/lib/validation";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";

describe("text fields drop NUL, which Postgres cannot store", () => {
  it("before any other check: the length counted is what will be stored", () => {
    expect(text().max(3).parse("a\u0000b\u0000c")).toBe("abc");
    expect(text().trim().min(1).safeParse("\u0000 \u0000").success).toBe(false);
  });

  it("in a login, where a forged NUL would otherwise reach the users query", () => {
    expect(readCredentials({ login: "jean.dupont\u0000", password: "x" })).toMatchObject({
      ok: true,
      credentials: { login: "jean.dupont" },
    });
  });
});

describe(`a NUL in what is written is dropped, never a failed insert (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
  });

  it("a draft: subject, body and recipients", async () => {
    const claire = await principalOf(db, d.claire);
    const draftId = randomUUID();
    const result = await runAction(db, claire, meta, saveDraftSpec, {
      mailboxId: d.claireBox.id,
      draftId,
      to: "jean.dupont@ch-troispics.mssante.fr\u0000",
      subject: "Bilan\u0000 cardiaque",
      body: "Bonjour\u0000,\nvoici le bilan.",
    });
    expect(result).toMatchObject({ ok: true });
    const [row] = await db.select().from(messages).where(eq(messages.draftId, draftId));
    expect(row).toMatchObject({
      subject: "Bilan cardiaque",
      bodyText: "Bonjour,\nvoici le bilan.",
      to: [{ address: "jean.dupont@ch-troispics.mssante.fr" }],
    });
  });

  it("a message sent", async () => {
    const claire = await principalOf(db, d.claire);
    const result = await runAction(db, claire, meta, sendSpec, {
      mailboxId: d.claireBox.id,
      to: "jean.dupont@ch-troispics.mssante.fr",
      subject: "Résultats\u0000",
      body: "\u0000Normal.",
    });
    expect(result).toMatchObject({ ok: true });
    const [row] = await db.select().from(messages).where(eq(messages.id, result.target!));
    expect(row).toMatchObject({ subject: "Résultats", bodyText: "Normal." });
  });

  it("a box created by a manager", async () => {
    const sophie = await principalOf(db, d.sophie);
    const result = await runAction(db, sophie, meta, createBoxSpec, {
      localPart: "radiologie",
      displayName: "Radio\u0000logie",
      description: "Secrétariat\u0000",
      responsibleUserId: d.jean.id,
    });
    expect(result).toMatchObject({ ok: true });
    const [box] = await db.select().from(mailboxes).where(eq(mailboxes.id, result.target!));
    expect(box).toMatchObject({ displayName: "Radiologie" });
  });

  it("an imported .eml whose headers and body carry NUL bytes", async () => {
    const marie = await principalOf(db, d.marie);
    const eml = Buffer.from(
      [
        'From: "Labo\u0000ratoire" <labo@ch-exemple.mssante.fr>',
        "To: cardiologie@ch-troispics.mssante.fr",
        "Subject: =?utf-8?q?R=C3=A9sultats=00_du_jour?=",
        "Message-ID: <nul-1@ch-exemple.mssante.fr>",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Bonjour\u0000 Docteur.",
        "",
      ].join("\r\n"),
    );
    const file = new File([new Uint8Array(eml)], "nul.eml", { type: "message/rfc822" });
    const result = await runAction(db, marie, meta, importSpec, { mailboxId: d.cardio.id, file });
    expect(result).toMatchObject({ ok: true });
    const [row] = await db.select().from(messages).where(eq(messages.id, result.target!));
    expect(row).toMatchObject({ subject: "Résultats du jour", fromName: "Laboratoire", messageId: "<nul-1@ch-exemple.mssante.fr>" });
    expect(row.bodyText).toContain("Bonjour Docteur.");
  });
});
