import { and, eq } from "drizzle-orm";
import type { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { messages, outbox } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { sendSpec } from "@/lib/mail/compose-specs";
import { replaceListeBlanche } from "@/lib/mail/liste-blanche";
import { deliverQueued, Transports, type DeliverySettings } from "@/lib/mail/outbound-delivery";
import { parseRoutes } from "@/lib/mail/routes";
import { createSmtpServer } from "@/lib/smtp/server";
import { smtpSettings } from "@/lib/smtp/settings";
import { blobStore } from "@/lib/storage/blobs";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";
import { freePort, postfixUnavailable, startPostfix, type PostfixOperator } from "./postfix-operator";
import { throwawayPki } from "./smtp-peer";
import { replyTo, swaks } from "./swaks";

const OTHER = "autre-operateur.mssante.fr";
const HOUSE = `dr.house@${OTHER}`;
const OURS = "ch-troispics.mssante.fr";

// One real MTA run per CI pass is enough: it proves the wire, not the driver (the PGlite pass runs tests/smtp-*.test.ts).
const skipReason = driver === "pglite" ? "runs on PostgreSQL only" : postfixUnavailable();
// A machine without Postfix must not lose the proof silently.
if (driver !== "pglite" && skipReason) console.warn(`tests/postfix.test.ts skipped: ${skipReason}`);
const poll = { timeout: 15_000, interval: 50 };

describe.skipIf(skipReason)(`a real MTA: Debian's Postfix as another operator${skipReason ? ` (skipped: ${skipReason})` : ""}`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let pki: Awaited<ReturnType<typeof throwawayPki>>;
  let server: SMTPServer | undefined;
  let port: number;
  let postfix: PostfixOperator | undefined;
  let transports: Transports | undefined;
  const maxBytes = 1024 * 1024;
  const serverErrors: Error[] = [];

  beforeAll(async () => {
    pki = await throwawayPki();
    port = await freePort();
    // Postfix spends seconds checking its installation: it starts while the database is copied. Both are
    // awaited before anything is thrown, so afterAll finds whatever was started.
    const started = await Promise.allSettled([
      startPostfix({ domain: OTHER, boxes: ["dr.house"], relay: { domain: OURS, port }, pki }).then((operator) => (postfix = operator)),
      seededDatabase().then((seeded) => (db = seeded)),
    ]);
    for (const result of started) if (result.status === "rejected") throw result.reason;
    d = await demo(db);
    // The liste blanche in force: both operators, nobody else.
    await db.transaction((tx) => replaceListeBlanche(tx, [OTHER, OURS]));
    server = createSmtpServer(db, { ...smtpSettings({}), hostname: `mx.${OURS}`, maxBytes }, { key: pki.key, cert: pki.cert });
    await new Promise<void>((resolve, reject) => {
      server!.once("error", reject);
      server!.listen(port, "127.0.0.1", resolve);
    });
    // swaks may close its end after a refusal without reading our last reply: that reset is the client's doing.
    server.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "ECONNRESET") serverErrors.push(error);
    });
  });

  afterAll(async () => {
    transports?.close();
    try {
      await postfix?.stop();
    } finally {
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    }
    expect(serverErrors).toEqual([]);
  });

  // swaks as a peer operator: STARTTLS with our certificate verified against the shared authority.
  const tls = () => ["--tls", "--tls-verify", "--tls-ca-path", postfix!.caFile];
  const toUs = (from: string, to: string, extra: string[] = []) => [
    "--server",
    `127.0.0.1:${port}`,
    "--ehlo",
    `mx.${OTHER}`,
    "--from",
    from,
    "--to",
    to,
    ...extra,
  ];

  it("delivers a message sent from the webmail to a Postfix mailbox over verified STARTTLS, bytes unchanged", async () => {
    const jean = await principalOf(db, d.jean);
    const sent = await runAction(db, jean, meta, sendSpec, {
      mailboxId: d.jeanBox.id,
      to: `Dr Gregory House <${HOUSE}>`,
      subject: "Avis diagnostique — M. X",
      body: "Cher confrère,\nvoici le dossier.",
    });
    expect(sent).toMatchObject({ ok: true });
    const [row] = await db.select().from(outbox).where(eq(outbox.recipient, HOUSE));
    const settings: DeliverySettings = {
      hostname: `mx.${OURS}`,
      routes: parseRoutes(`${OTHER}=127.0.0.1:${postfix!.port}`),
      ca: pki.ca,
      retryHours: 120,
      retryBaseSeconds: 300,
    };
    transports = new Transports(settings);
    await deliverQueued(db, settings, transports, row.id);
    expect((await db.select().from(outbox).where(eq(outbox.id, row.id)))[0]).toMatchObject({
      status: "sent",
      lastError: expect.stringMatching(/^250 2\.0\.0 Ok: queued as /),
    });

    const [mailbox] = await vi.waitFor(() => {
      const files = postfix!.maildir("dr.house");
      expect(files).toHaveLength(1);
      return files;
    }, poll);
    // Maildir stores LF line ends; Postfix prepends its trace headers and leaves our bytes alone.
    const raw = (await blobStore.get(db, row.rawSha256))!;
    const stored = mailbox.toString("utf8");
    expect(stored.endsWith(raw.toString("utf8").replaceAll("\r\n", "\n"))).toBe(true);
    expect(stored).toMatch(
      new RegExp(
        `^Received: from mx\\.${OURS.replaceAll(".", "\\.")} \\(localhost \\[127\\.0\\.0\\.1\\]\\)\n\t\\(using TLSv1\\.[23] `,
        "m",
      ),
    );
    expect(stored).toContain(`by mx.${OTHER} (Postfix) with ESMTPS`);
    expect(postfix!.log()).toMatch(
      /postfix\/smtpd\[\d+\]: Anonymous TLS connection established from localhost\[127\.0\.0\.1\]: TLSv1\.[23]/,
    );
    expect(postfix!.log()).toMatch(new RegExp(`to=<${HOUSE}>, relay=virtual, .*status=sent \\(delivered to maildir\\)`));
  });

  it("takes a reply relayed by Postfix into our SMTP port, in the hosted box and the same thread", async () => {
    const [sentCopy] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.subject, "Avis diagnostique — M. X")));
    const replyId = `<reponse-1@${OTHER}>`;
    // Submitted to Postfix as its user's mail client would; Postfix relays it by its transport map.
    const submitted = await swaks([
      "--server",
      `127.0.0.1:${postfix!.port}`,
      ...tls(),
      "--from",
      HOUSE,
      "--to",
      d.jeanBox.address,
      "--header",
      `Subject: Re: Avis diagnostique`,
      "--header",
      `Message-Id: ${replyId}`,
      "--add-header",
      `In-Reply-To: ${sentCopy.messageId}`,
      "--body",
      "Merci, je regarde le dossier.",
    ]);
    expect(replyTo(submitted.transcript, /^\.$/)).toMatch(/^250 2\.0\.0 Ok: queued as /);

    const [copy] = await vi.waitFor(async () => {
      const rows = await db
        .select()
        .from(messages)
        .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.messageId, replyId)));
      expect(rows).toHaveLength(1);
      return rows;
    }, poll);
    expect(copy).toMatchObject({ folder: "inbox", fromAddress: HOUSE, inReplyTo: sentCopy.messageId, threadId: sentCopy.threadId });
    // Postfix verified our certificate (chain and name) before handing the reply over, and got our 250.
    await vi.waitFor(() => {
      const log = postfix!.log();
      expect(log).toMatch(new RegExp(`Verified TLS connection established to localhost\\[127\\.0\\.0\\.1\\]:${port}: TLSv1\\.[23]`));
      expect(log).toMatch(
        new RegExp(
          `to=<${d.jeanBox.address}>, relay=localhost\\[127\\.0\\.0\\.1\\]:${port}, .*status=sent \\(250 2\\.0\\.0 Message recu et enregistre`,
        ),
      );
    }, poll);
  });

  it("swaks into our port: a trusted sender gets 250 and the message is in the box", async () => {
    const result = await swaks(toUs(HOUSE, d.jeanBox.address, [...tls(), "--header", `Message-Id: <swaks-1@${OTHER}>`]));
    expect(result.exitCode).toBe(0);
    expect(replyTo(result.transcript, /^MAIL FROM:/)).toMatch(/^250 /);
    expect(replyTo(result.transcript, /^\.$/)).toBe("250 2.0.0 Message recu et enregistre (1 boite)");
    expect(
      await db
        .select()
        .from(messages)
        .where(eq(messages.messageId, `<swaks-1@${OTHER}>`)),
    ).toHaveLength(1);
  });

  it("swaks into our port: a sender at gmail.com gets 550", async () => {
    const result = await swaks(toUs("someone@gmail.com", d.jeanBox.address, tls()));
    expect(result.exitCode).toBe(23);
    expect(replyTo(result.transcript, /^MAIL FROM:/)).toBe(
      "550 5.7.1 Expediteur refuse : le domaine gmail.com n'appartient pas a l'espace de confiance MSSante",
    );
  });

  it("swaks into our port: an unknown local recipient gets 550", async () => {
    const result = await swaks(toUs(HOUSE, `personne@${OURS}`, tls()));
    expect(result.exitCode).toBe(24);
    expect(replyTo(result.transcript, /^RCPT TO:/)).toBe("550 5.1.1 Destinataire inconnu sur ce serveur");
  });

  it("swaks into our port: MAIL FROM in plain text before STARTTLS gets 530", async () => {
    const result = await swaks(toUs(HOUSE, d.jeanBox.address));
    expect(result.exitCode).toBe(23);
    expect(replyTo(result.transcript, /^MAIL FROM:/)).toBe("530 5.7.0 Chiffrement requis : utilisez STARTTLS avant MAIL FROM");
  });

  it("swaks into our port: a message over the size limit gets 552 and nothing is kept", async () => {
    const line = `${"x".repeat(75)}\n`;
    const body = line.repeat(Math.ceil(maxBytes / line.length) + 100);
    const result = await swaks(toUs(HOUSE, d.jeanBox.address, [...tls(), "--header", `Message-Id: <swaks-big@${OTHER}>`]), body);
    expect(result.exitCode).toBe(26);
    expect(replyTo(result.transcript, /^\.$/)).toBe("552 5.3.4 Message trop volumineux : 1 Mo au plus");
    expect(
      await db
        .select()
        .from(messages)
        .where(eq(messages.messageId, `<swaks-big@${OTHER}>`)),
    ).toHaveLength(0);
  });
});
