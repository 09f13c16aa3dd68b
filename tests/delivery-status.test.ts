import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { and, eq } from "drizzle-orm";
import MimeNode from "nodemailer/lib/mime-node";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { DeliveryStatus } from "@/components/mail/delivery-status";
import type { Db } from "@/db/client";
import { deliveriesOf } from "@/db/queries/deliveries";
import { listFolder } from "@/db/queries/messages";
import { messages, outbox } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { runAction } from "@/lib/actions/run";
import { formatDateTime } from "@/lib/i18n/format";
import { sendSpec } from "@/lib/mail/compose-specs";
import { describeDeliveries, type DeliveryView } from "@/lib/mail/delivery-status";
import { applyReport } from "@/lib/mail/inbound-reports";
import { readReport } from "@/lib/mail/reports";
import { driver, seededDatabase } from "./db";
import { demo, meta, principalOf, readAccess } from "./fixtures";

const at = (iso: string) => new Date(iso);
const remote = (name: string) => `${name}@medecin.mssante.fr`;

describe(`where a sent message stands for each recipient (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let jean: Principal;

  beforeAll(async () => {
    db = await seededDatabase();
    d = await demo(db);
    jean = await principalOf(db, d.jean);
  });

  const send = (subject: string, to: string, cc = "") =>
    runAction(db, jean, meta, sendSpec, { mailboxId: d.jeanBox.id, to, cc, subject, body: "Bonjour." });
  const sentCopy = async (subject: string) =>
    (
      await db
        .select()
        .from(messages)
        .where(and(eq(messages.mailboxId, d.jeanBox.id), eq(messages.folder, "sent"), eq(messages.subject, subject)))
    )[0];
  const setRecipient = (recipient: string, state: Partial<typeof outbox.$inferInsert>) =>
    db.update(outbox).set(state).where(eq(outbox.recipient, recipient));

  it("says « envoyé » only for copies delivered here, « en cours d'envoi » for other operators", async () => {
    const notice = async (subject: string, to: string) =>
      new URL((await send(subject, to)).redirectTo!, "http://x").searchParams.get("notice");
    expect(await notice("Avis local", d.claireBox.address)).toBe("sent");
    expect(await notice("Avis distant", remote("notice.seul"))).toBe("sending");
    expect(await notice("Avis mixte", `${d.claireBox.address}, ${remote("notice.mixte")}`)).toBe("sentPartly");
  });

  describe("a message to four recipients at another operator and one here", () => {
    let sentId: string;
    const retryAt = at("2026-11-26T16:05:00Z"); // 17:05 in Paris
    const deliveredAt = at("2026-11-26T16:10:00Z");
    const readAt = at("2026-11-26T17:00:00Z");

    beforeAll(async () => {
      const names = ["attente", "differe", "remis", "refuse"].map(remote);
      expect((await send("Compte rendu opératoire", names.join(", "), d.claireBox.address)).ok).toBe(true);
      sentId = (await sentCopy("Compte rendu opératoire")).id;
      await setRecipient(remote("differe"), { attempts: 2, lastError: "451 4.3.0 Try again later", nextAttemptAt: retryAt });
      await setRecipient(remote("remis"), { status: "sent", attempts: 1, lastError: "250 2.0.0 Ok", deliveredAt, readAt });
      await setRecipient(remote("refuse"), {
        status: "failed",
        attempts: 1,
        lastError: "550 5.1.1 <refuse@medecin.mssante.fr> Unknown user",
      });
    });

    it("describes each remote recipient's delivery in French; the recipient hosted here has none to follow", async () => {
      const access = await readAccess(db, d.jean.id, d.jeanBox.id);
      const views = describeDeliveries(await deliveriesOf(db, access, [sentId]), at("2026-11-26T15:00:00Z"));
      expect(views[sentId]).toEqual([
        { recipient: remote("attente"), state: "sending", label: "en cours d'envoi", detail: null, read: null },
        {
          recipient: remote("differe"),
          state: "retrying",
          label: "nouvelle tentative à 17:05",
          detail: "Motif : 451 4.3.0 Try again later",
          read: null,
        },
        {
          recipient: remote("refuse"),
          state: "failed",
          label: "échec",
          detail: "Réponse du serveur : 550 5.1.1 <refuse@medecin.mssante.fr> Unknown user",
          read: null,
        },
        {
          recipient: remote("remis"),
          state: "delivered",
          label: `remis au serveur de medecin.mssante.fr le ${formatDateTime(deliveredAt)}`,
          detail: null,
          read: `lu le ${formatDateTime(readAt)}`,
        },
      ]);
      // A retry on another day names the day.
      const later = describeDeliveries(await deliveriesOf(db, access, [sentId]), at("2026-11-25T12:00:00Z"));
      expect(later[sentId][1].label).toBe("nouvelle tentative le 26 nov. à 17:05");
    });

    it("shows nothing of it through another box's access, nor for ids that are not this box's sent copies", async () => {
      const claire = await readAccess(db, d.claire.id, d.claireBox.id);
      expect((await deliveriesOf(db, claire, [sentId])).size).toBe(0);
      const cardio = await readAccess(db, d.marie.id, d.cardio.id);
      expect((await deliveriesOf(db, cardio, [sentId])).size).toBe(0);
      const own = await readAccess(db, d.jean.id, d.jeanBox.id);
      expect((await deliveriesOf(db, own, ["not-a-uuid", crypto.randomUUID()])).size).toBe(0);
    });

    it("marks the message in Envoyés with its recipients still on their way and those it failed to reach", async () => {
      const access = await readAccess(db, d.jean.id, d.jeanBox.id);
      const { messages: rows } = await listFolder(db, { userId: d.jean.id, access, folder: "sent", cursor: null });
      expect(rows.find((r) => r.id === sentId)).toMatchObject({ pending: 2, failed: 1 });
      const localOnly = (await sentCopy("Avis local")).id;
      expect(rows.find((r) => r.id === localOnly)).toMatchObject({ pending: 0, failed: 0 });
    });

    it("renders the refusal with the remote server's answer and the delivery with its time", () => {
      const views: DeliveryView[] = [
        { recipient: remote("refuse"), state: "failed", label: "échec", detail: "Réponse du serveur : 550 5.1.1 Unknown user", read: null },
        {
          recipient: remote("remis"),
          state: "delivered",
          label: "remis au serveur de medecin.mssante.fr le 26 nov.",
          detail: null,
          read: "lu le 27 nov.",
        },
      ];
      const html = renderToStaticMarkup(
        createElement(
          QueryClientProvider,
          { client: new QueryClient() },
          createElement(DeliveryStatus, { mailboxId: d.jeanBox.id, messageId: sentId, initial: views, intervalMs: 1000 }),
        ),
      );
      expect(html).toContain(`<ul class="mt-1 space-y-1" aria-labelledby="acheminement-${sentId}">`);
      expect(html).toContain(">Acheminement vers les autres messageries</p>");
      expect(html).toMatch(
        /refuse@medecin\.mssante\.fr : <span class="[^"]*text-red-700">échec<\/span><span [^>]*>Réponse du serveur : 550 5\.1\.1 Unknown user<\/span>/,
      );
      expect(html).toMatch(
        /remis@medecin\.mssante\.fr : <span class="[^"]*text-green-800">remis au serveur de medecin\.mssante\.fr le 26 nov\.<\/span><span [^>]*> · lu le 27 nov\.<\/span>/,
      );
    });
  });

  it("a read receipt from the other operator marks the sent copy and the recipient it names, in this box only", async () => {
    expect((await send("Demande d'avis", [remote("lecteur"), remote("autre")].join(", "))).ok).toBe(true);
    const copy = await sentCopy("Demande d'avis");
    const mdn = async (recipient: string) => {
      const root = new MimeNode("multipart/report; report-type=disposition-notification");
      root.setHeader({
        From: recipient,
        To: d.jeanBox.address,
        Subject: "Lu : Demande d'avis",
        "Message-ID": `<${crypto.randomUUID()}@medecin.mssante.fr>`,
      });
      root.createChild("text/plain").setContent("Votre message a été affiché.");
      root
        .createChild("message/disposition-notification")
        .setHeader("Content-Transfer-Encoding", "7bit")
        .setContent(
          [
            "Reporting-UA: webmail.medecin.mssante.fr",
            `Final-Recipient: rfc822; ${recipient.toUpperCase()}`,
            `Original-Message-ID: ${copy.messageId}`,
            "Disposition: manual-action/MDN-sent-manually; displayed",
            "",
          ].join("\r\n"),
        );
      return readReport(await root.build());
    };
    const report = await mdn(remote("lecteur"));
    expect(report).toEqual({ kind: "disposition", originalMessageId: copy.messageId, recipient: remote("lecteur"), displayed: true });
    const readOf = async () =>
      Object.fromEntries((await db.select().from(outbox).where(eq(outbox.messageId, copy.id))).map((r) => [r.recipient, r.readAt]));

    // Addressed to another box, it touches nothing of Jean's.
    await db.transaction((tx) => applyReport(tx, report!, [d.claireBox.id]));
    expect(await readOf()).toEqual({ [remote("lecteur")]: null, [remote("autre")]: null });
    expect((await sentCopy("Demande d'avis")).readReceiptAt).toBeNull();

    expect(await db.transaction((tx) => applyReport(tx, report!, [d.jeanBox.id]))).toEqual({ updated: 1 });
    const read = await readOf();
    expect(read[remote("lecteur")]).toBeInstanceOf(Date);
    expect(read[remote("autre")]).toBeNull();
    expect((await sentCopy("Demande d'avis")).readReceiptAt).toEqual(read[remote("lecteur")]);
    const access = await readAccess(db, d.jean.id, d.jeanBox.id);
    const views = describeDeliveries(await deliveriesOf(db, access, [copy.id]));
    expect(views[copy.id].map((v) => v.read)).toEqual([null, `lu le ${formatDateTime(read[remote("lecteur")]!)}`]);
  });
});
