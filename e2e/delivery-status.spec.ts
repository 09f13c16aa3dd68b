import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { startPeer } from "../tests/smtp-peer";
import { expectAccessible, login, messageList, openFolder, uniqueSubject } from "./helpers";
import { borderPki, sink } from "./instances";

/**
 * The other operator, presenting the certificate our e2e server verifies (playwright.config.ts). Closed at once:
 * our pooled connection to it would otherwise hold it open for smtp-server's 30 s grace.
 */
async function otherOperator() {
  const pki = await borderPki(".data/e2e-pki");
  return startPeer({ port: sink.port, key: readFileSync(pki.key), cert: readFileSync(pki.cert), closeTimeout: 100 });
}

test("a message for another operator is on its way, retried while its server is down, then delivered when it comes back", async ({
  page,
}) => {
  // Retries back off from 2 s (playwright.config.ts): the server may come back just after a try.
  test.setTimeout(90_000);
  const subject = uniqueSubject("Avis cardiologique");
  const remote = `antoine.leroy@${sink.domain}`;
  const send = async (title: string, cc = "") => {
    await page.getByRole("link", { name: "Nouveau message" }).click();
    await page.getByLabel("À", { exact: true }).fill(remote);
    await page.getByLabel("Cc", { exact: true }).fill(cc);
    await page.getByLabel("Objet", { exact: true }).fill(title);
    await page.getByRole("button", { name: "Envoyer" }).click();
    return page.getByRole("main").getByRole("status").first();
  };
  await login(page, "jean.dupont");
  // Claire, hosted here, has her copy; the other operator's recipient does not yet.
  await expect(await send(subject, "claire.martin@msp-duval.mssante.fr")).toHaveText(
    "Message envoyé aux destinataires de cette messagerie, en cours d'envoi pour les autres : leur état s'affiche dans Envoyés.",
  );

  await openFolder(page, "Envoyés");
  const sent = messageList(page).getByRole("link", { name: new RegExp(subject) });
  await expect(sent).toContainText("En cours d'envoi pour 1 destinataire");
  await sent.click();
  // While it is open, nothing renders the message again: that would trace a second reading.
  await expect(page).toHaveURL(/\/sent\/[^/?]+/);
  const thread = new URL(page.url()).pathname;
  const renderedAgain: string[] = [];
  page.on("request", (request) => {
    const headers = request.headers();
    if (headers["rsc"] === "1" && !headers["next-router-prefetch"] && new URL(request.url()).pathname === thread)
      renderedAgain.push(request.url());
  });
  // The answers saying it was delivered: the message's own, then the list's.
  let settled = 0;
  page.on("response", async (response) => {
    if (response.url().includes("/deliveries?") && (await response.text().catch(() => "")).includes('"state":"delivered"')) settled++;
  });
  const states = page.getByRole("list", { name: "Acheminement vers les autres messageries" });
  // Only the recipient at the other operator has a delivery to follow.
  await expect(states.getByRole("listitem")).toHaveCount(1);
  // Nothing listens on its route yet: the try fails, the next one is announced with the reason.
  await expect(states.getByRole("listitem")).toContainText(
    new RegExp(`^${remote} : nouvelle tentative à \\d{2}:\\d{2}Motif : .*ECONNREFUSED`),
  );
  await expectAccessible(page);

  let peer = await otherOperator();
  try {
    // The open page follows without a reload.
    await expect(states.getByRole("listitem")).toContainText(new RegExp(`^${remote} : remis au serveur de ${sink.domain} le `), {
      timeout: 45_000,
    });
    const received = peer.received.filter((m) => m.raw.toString("utf8").includes(subject));
    expect(received.map((m) => m.to)).toEqual([[remote]]);
  } finally {
    await peer.close();
  }
  // The list has seen it too, and follows once the message is closed.
  await expect.poll(() => settled).toBeGreaterThanOrEqual(2);
  await expect(sent).toContainText("En cours d'envoi pour 1 destinataire");
  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(sent).not.toContainText("En cours d'envoi");
  expect(renderedAgain).toEqual([]);

  // Only for the other operator, while its server is down again: « en cours d'envoi », and the Envoyés list
  // drops its mark by itself once the server is back.
  const second = uniqueSubject("Relance");
  await expect(await send(second)).toHaveText("Message en cours d'envoi : son état s'affiche dans Envoyés.");
  await openFolder(page, "Envoyés");
  const pending = messageList(page).getByRole("link", { name: new RegExp(second) });
  await expect(pending).toContainText("En cours d'envoi pour 1 destinataire");
  await expect(sent).toBeVisible();
  await expect(sent).not.toContainText("En cours d'envoi");
  peer = await otherOperator();
  try {
    await expect(pending).not.toContainText("En cours d'envoi", { timeout: 45_000 });
    await expect(pending).toBeVisible();
    await expect(pending).not.toContainText("Non remis");
  } finally {
    await peer.close();
  }
});
