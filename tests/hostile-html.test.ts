import { readFile } from "node:fs/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { MessageBody } from "@/components/mail/message-body";
import type { Db } from "@/db/client";
import { openThread } from "@/db/queries/messages";
import { auditLog, messages } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { openOriginal } from "@/lib/mail/original";
import { htmlView } from "@/lib/mail/html-body";
import { sanitizeMessageHtml } from "@/lib/mail/sanitize";
import { receiveFromOperator } from "@/lib/smtp/receive";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf, readAccess } from "./fixtures";

/** The message: 100,000 nested elements, 500 KB. */
const NESTED = "<div>".repeat(100_000);
const BOUND_MS = 100;
/** The e2e fixture (scripts, trackers, a file attached) under a Message-ID of its own. */
const hostileEml = async (id: string) =>
  Buffer.from((await readFile("e2e/fixtures/hostile.eml", "utf8")).replace("hostile-1@", `${id}-1@`));

describe(`hostile HTML costs its reader, not the server (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let jean: Principal;

  /** Through the SMTP listener's own receipt path (MIME parse, inbound gate, one transaction). */
  async function arrive(name: string, raw: string | Buffer) {
    const arrival = await receiveFromOperator(
      db,
      typeof raw === "string"
        ? Buffer.from(
            `From: labo@ch-ailleurs.mssante.fr\r\nTo: ${d.jeanBox.address}\r\nSubject: ${name}\r\nMessage-ID: <${name}@ch-ailleurs.mssante.fr>\r\n${raw}`,
          )
        : raw,
      { from: "labo@ch-ailleurs.mssante.fr", to: [d.jeanBox.address] },
      meta,
    );
    return (await db.select().from(messages).where(eq(messages.id, arrival.copies[0].copyId)))[0];
  }

  /** The message as its thread page shows it, with the server time that took. */
  async function show(row: typeof messages.$inferSelect, remoteImages = false) {
    const access = await readAccess(db, d.jean.id, d.jeanBox.id);
    const thread = await openThread(db, { principal: jean, access, folder: "inbox", threadId: row.threadId, meta });
    const message = thread!.find((m) => m.id === row.id)!;
    const started = performance.now();
    const markup = renderToStaticMarkup(
      createElement(MessageBody, {
        mailboxId: access.mailbox.id,
        message,
        remoteImages,
        showImagesHref: "?images=1",
        originalHref: `/api/messages/${row.id}/original`,
      }),
    );
    return { markup, ms: performance.now() - started };
  }

  const fallback = (id: string) =>
    `Message trop complexe pour être affiché — <a href="/api/messages/${id}/original" download="" class="text-brand-700 underline">télécharger l&#x27;original</a>`;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    jean = await principalOf(db, d.jean);
  });

  it("keeps 100,000 nested elements as received, flagged too complex on receipt, and shows a notice offering the original", async () => {
    const row = await arrive("nested", `Content-Type: text/html; charset=utf-8\r\n\r\n${NESTED}`);
    expect(row).toMatchObject({ bodyHtml: NESTED, bodyHtmlSafe: null, htmlTooComplex: true });
    for (const images of [false, true]) {
      const { markup, ms } = await show(row, images);
      expect(markup).toContain(fallback(row.id));
      expect(markup).not.toContain("<iframe");
      expect(ms).toBeLessThan(BOUND_MS);
    }
  });

  it("shows the text part beside the notice when the message has one", async () => {
    const row = await arrive(
      "nested-alternative",
      `Content-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVersion texte du compte rendu.\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${NESTED}\r\n--b--\r\n`,
    );
    const { markup } = await show(row);
    expect(markup).toContain(fallback(row.id));
    expect(markup).toContain("Version texte du compte rendu.");
  });

  it("holds a colleague's request no longer than the bound while the message is shown", async () => {
    const row = await arrive("nested-busy", `Content-Type: text/html; charset=utf-8\r\n\r\n${NESTED}`);
    // Rows stored before sanitising on receipt take the heaviest path: the original, sanitised when shown.
    await db.update(messages).set({ htmlTooComplex: false }).where(eq(messages.id, row.id));
    const claire = await principalOf(db, d.claire);
    const access = await readAccess(db, d.claire.id, d.claireBox.id);
    const [someThread] = await db
      .select({ threadId: messages.threadId })
      .from(messages)
      .where(eq(messages.mailboxId, d.claireBox.id))
      .limit(1);
    const stall = monitorEventLoopDelay({ resolution: 5 });
    stall.enable();
    const colleague = openThread(db, { principal: claire, access, folder: "inbox", threadId: someThread.threadId, meta });
    const shown = await Promise.all([show(row), show(row, true)]);
    await colleague;
    stall.disable();
    for (const { markup } of shown) expect(markup).toContain(fallback(row.id));
    // Before the bounds, one display held the event loop, and every other request, for seconds.
    expect(stall.max / 1e6).toBeLessThan(2 * BOUND_MS);
  });

  it("sanitises an ordinary message once on receipt: showing it, its images or not, parses nothing", async () => {
    const row = await arrive("hostile", await hostileEml("hostile"));
    expect(row.bodyHtml).toContain("<script>");
    expect(row).toMatchObject({ bodyHtmlSafe: sanitizeMessageHtml(row.bodyHtml!)!.html, remoteImages: 2, htmlTooComplex: false });
    expect(row.bodyHtmlSafe).not.toMatch(/<script|onerror=| src="http/);
    // What is shown is the stored form: a marker put in its place comes out as it is, its image put back when asked.
    const marker = `<p>forme enregistrée</p><img data-remote-src="https://cdn.invalid/a.png" />`;
    const stored = { ...row, bodyHtml: row.bodyHtml!, bodyHtmlSafe: marker };
    expect(htmlView(stored, { remoteImages: false })).toEqual({ html: marker, blockedImages: 2 });
    expect(htmlView(stored, { remoteImages: true })).toEqual({
      html: `<p>forme enregistrée</p><img src="https://cdn.invalid/a.png" />`,
      blockedImages: 0,
    });
    const { markup } = await show(row);
    expect(markup).toContain("2 images distantes ont été bloquées");
    expect(markup).toContain("<iframe");
    const { markup: withImages } = await show(row, true);
    expect(withImages).toContain(`src=&quot;http://tracker.invalid/pixel.gif&quot;`);
  });

  it("sanitises rows stored before receipt did, when shown, within the same bounds", async () => {
    const row = await arrive("legacy", await hostileEml("legacy"));
    await db.update(messages).set({ bodyHtmlSafe: null, remoteImages: 0 }).where(eq(messages.id, row.id));
    const legacy = { ...row, bodyHtml: row.bodyHtml!, bodyHtmlSafe: null, remoteImages: 0 };
    expect(htmlView(legacy, { remoteImages: false })).toEqual({ html: row.bodyHtmlSafe, blockedImages: 2 });
    expect(htmlView({ ...legacy, bodyHtml: NESTED }, { remoteImages: false })).toBeNull();
  });

  it("hands the original as a .eml file to readers of the box only, and traces it", async () => {
    const row = await arrive("original", await hostileEml("original"));
    const file = await openOriginal(db, jean, row.id, meta);
    expect(file?.filename).toBe("Résultats piégés (HTML hostile).eml");
    const parsed = await simpleParser(file!.content);
    expect(parsed.html).toBe(row.bodyHtml);
    expect(parsed).toMatchObject({ subject: row.subject, messageId: row.messageId, from: { value: [{ address: row.fromAddress }] } });
    expect(parsed.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([["resultats.txt", "Glycemie : 1,02 g/L"]]);
    const [trace] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "message.export"), eq(auditLog.target, row.id)));
    expect(trace).toMatchObject({ result: "success", actorUserId: d.jean.id, mailboxId: d.jeanBox.id });

    // Out of reach answers like missing, and the refusal is traced.
    const claire = await principalOf(db, d.claire);
    expect(await openOriginal(db, claire, row.id, meta)).toBeNull();
    const refusals = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorUserId, d.claire.id), eq(auditLog.result, "refused")));
    expect(refusals).toHaveLength(1);
    expect(await openOriginal(db, jean, crypto.randomUUID(), meta)).toBeNull();
    expect(await openOriginal(db, jean, "pas-un-id", meta)).toBeNull();
  });
});
