import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { messages, outbox } from "@/db/schema";
import { runAction } from "@/lib/actions/run";
import { sendSpec } from "@/lib/mail/compose-specs";
import { deliverQueued, Transports, type DeliverySettings } from "@/lib/mail/outbound-delivery";
import { formatIns } from "@/lib/mail/patient-address";
import { parseRoutes } from "@/lib/mail/routes";
import { startPatientPortal } from "@/lib/patient-portal/start";
import { trustingPortal } from "@/lib/patient-portal/tls";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf } from "./fixtures";
import { startBorder } from "./smtp-border";
import { throwawayPki } from "./smtp-peer";

describe(`the simulated patient portal (${driver})`, () => {
  const patient = "279035121518989@patient.mssante.fr";
  const hostile = `<script>alert("x")</script> Résultats & suite`;
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let border: Awaited<ReturnType<typeof startBorder>>;
  let portal: Awaited<ReturnType<typeof startPatientPortal>>;
  let dir: string;
  const cleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    // Our border presents a certificate of a throwaway authority, which the portal verifies as an operator does.
    const pki = await throwawayPki();
    border = await startBorder(db, {}, { key: pki.key, cert: pki.cert });
    cleanups.push(border.close);
    dir = mkdtempSync(path.join(tmpdir(), "portail-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    portal = await startPatientPortal({
      dir,
      webHost: "127.0.0.1",
      webPort: 0,
      smtpPort: 0,
      webmail: { host: "127.0.0.1", port: border.port, ca: pki.ca },
    });
    cleanups.push(portal.close);
  });

  /** The webmail's delivery worker, routing patient.mssante.fr to the portal and verifying it against `ca`. */
  async function deliverToPortal(ca: Buffer | undefined) {
    const settings: DeliverySettings = {
      hostname: "mx.ch-troispics.test",
      routes: parseRoutes(`patient.mssante.fr=127.0.0.1:${portal.smtpPort}`),
      ca,
      retryHours: 120,
      retryBaseSeconds: 300,
    };
    const [row] = await db.select().from(outbox).where(eq(outbox.recipient, patient)).orderBy(desc(outbox.createdAt)).limit(1);
    const transports = new Transports(settings);
    await deliverQueued(db, settings, transports, row.id);
    transports.close();
    return (await db.select().from(outbox).where(eq(outbox.id, row.id)))[0];
  }

  const jeanWrites = async (fields: Record<string, unknown>) =>
    runAction(db, await principalOf(db, d.jean), meta, sendSpec, { mailboxId: d.jeanBox.id, to: patient, body: ".", ...fields });

  const page = async (url: string) => {
    const response = await fetch(url);
    return { status: response.status, text: await response.text() };
  };
  const patientUrl = () => `${portal.url}/patients/${encodeURIComponent(patient)}`;

  /** The patient answers the newest message from the portal's own form. */
  async function replyFromForm(text: string) {
    const form = /<form method="post" action="([^"]+)">\s*<input type="hidden" name="message" value="([^"]+)"/.exec(
      (await page(patientUrl())).text,
    );
    expect(form).not.toBeNull();
    const response = await fetch(new URL(form![1], portal.url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: portal.url },
      body: new URLSearchParams({ message: form![2], texte: text }),
    });
    return { status: response.status, url: response.url, text: await response.text() };
  }

  const repliesInJeanBox = () =>
    db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.fromAddress, patient)));

  it("receives the professional's message over STARTTLS only once the webmail trusts its certificate, and lists it escaped", async () => {
    expect(await jeanWrites({ subject: hostile, body: "Bonjour <b>Madame</b>" })).toMatchObject({ ok: true });
    // The webmail's usual authorities do not know the portal's self-signed certificate: no delivery, a retry later.
    const untrusted = await deliverToPortal(undefined);
    expect(untrusted).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/certificate/) });
    expect((await page(portal.url)).text).not.toContain(patient);

    expect(await deliverToPortal(trustingPortal(portal.cert))).toMatchObject({ status: "sent", lastError: expect.stringMatching(/^250/) });
    const home = await page(portal.url);
    expect(home.text).toContain("Simulation du portail patient (Mon espace santé) — démonstration uniquement");
    expect(home.text).toContain(`${formatIns(patient)} — ${patient} (1 message)`);

    const thread = await page(patientUrl());
    expect(thread.status).toBe(200);
    expect(thread.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Résultats &amp; suite");
    expect(thread.text).not.toContain("<script>");
    expect(thread.text).toContain("Bonjour &lt;b&gt;Madame&lt;/b&gt;");
    expect(thread.text).toContain(d.jeanBox.address);
    expect(thread.text).not.toContain("Le professionnel a clos cet échange");
    expect((await page(`${portal.url}/patients/${encodeURIComponent("294037512000591@patient.mssante.fr")}`)).status).toBe(404);
  });

  it("takes mail for patient.mssante.fr only, and only over STARTTLS", async () => {
    const client = (ignoreTLS: boolean) =>
      nodemailer.createTransport({ host: "127.0.0.1", port: portal.smtpPort, ignoreTLS, tls: { rejectUnauthorized: false } });
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: { responseCode?: number }) => error.responseCode,
      );
    const mail = { from: d.jeanBox.address, subject: "x", text: "." };
    expect(await refusal(client(false).sendMail({ ...mail, to: "confrere@ch-ailleurs.mssante.fr" }))).toBe(550);
    expect(await refusal(client(false).sendMail({ ...mail, to: "1@x.patient.mssante.fr" }))).toBe(550);
    expect(await refusal(client(true).sendMail({ ...mail, to: patient }))).toBe(530);
  });

  it("sends the patient's reply from its form to Jean's box over verified STARTTLS, threaded, and shows the 250", async () => {
    const answered = await replyFromForm("Merci docteur.");
    expect(answered.status).toBe(200);
    expect(answered.url).toContain("reponse=");
    expect(answered.text).toMatch(/Réponse acceptée par la messagerie du professionnel : 250 /);
    const [reply] = await repliesInJeanBox();
    const [original] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.subject, hostile)));
    expect(reply).toMatchObject({ subject: `RE: ${hostile}`, inReplyTo: original.messageId, threadId: original.threadId });
  });

  it("refuses a form posted from another site, and an empty reply", async () => {
    const action = `${patientUrl()}/reponses`;
    const forged = await fetch(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://ailleurs.example" },
      body: new URLSearchParams({ message: "x", texte: "y" }),
    });
    expect(forged.status).toBe(403);
    expect((await replyFromForm("   ")).text).toContain("Écrivez votre réponse avant de l&#39;envoyer.");
    expect(await repliesInJeanBox()).toHaveLength(1);
  });

  it("marks the exchange Jean closed, and shows the webmail's 550 to a reply after it", async () => {
    expect(await jeanWrites({ subject: "Fin du suivi", closePatient: "on" })).toMatchObject({ ok: true });
    expect(await deliverToPortal(trustingPortal(portal.cert))).toMatchObject({ status: "sent" });
    expect((await page(patientUrl())).text).toContain("Le professionnel a clos cet échange");

    const refused = await replyFromForm("Une dernière question ?");
    expect(refused.text).toMatch(/Réponse refusée par la messagerie du professionnel : 550 5\.7\.1 .*aucune conversation ouverte/);
    expect(await repliesInJeanBox()).toHaveLength(1);
  });

  it("keeps its mail across a restart, in its folder", async () => {
    const again = await startPatientPortal({
      dir,
      webHost: "127.0.0.1",
      webPort: 0,
      smtpPort: 0,
      webmail: { host: "127.0.0.1", port: 1, ca: portal.cert },
    });
    cleanups.push(again.close);
    expect((await page(again.url)).text).toContain(`${patient} (2 messages)`);
  });
});
