import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { peer } from "./instances";
import { login, messageList, openFolder, openMessage, uniqueSubject } from "./helpers";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test.skip(!peer, "two instances run on the PostgreSQL pass only (the peer keeps its own PGlite database)");

test("a message crosses to another operator and back over SMTP: attachment, reply in the same thread, read receipt", async ({
  page,
  browser,
}) => {
  // Two instances, two SMTP hops each way and the queue between them.
  test.setTimeout(90_000);
  const subject = uniqueSubject("Avis pneumologique");
  const recipient = `hugo.lambert@${peer!.domain}`;

  await login(page, "jean.dupont");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill(recipient);
  await page.getByLabel("À", { exact: true }).press("Enter");
  await expect(page.getByRole("list", { name: "Adresses saisies (À)" })).toContainText("dans l'espace de confiance");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).press("Control+Home");
  await page.getByLabel("Message", { exact: true }).pressSequentially("Cher confrère, pouvez-vous voir ce patient ?");
  await page.getByLabel("Demander un accusé de lecture").check();
  await page.getByLabel("Joindre des fichiers").setInputFiles({ name: "scanner.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(page.getByRole("button", { name: "Retirer scanner.pdf" })).toBeVisible();
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toBeVisible();

  // The other operator: its own server, its own database, reached only over SMTP.
  const hugo = await (await browser.newContext({ baseURL: `http://127.0.0.1:${peer!.port}` })).newPage();
  await login(hugo, "hugo.lambert");
  // Delivered by our queue: the open list shows it when it lands.
  await messageList(hugo)
    .getByRole("link", { name: new RegExp(subject) })
    .click({ timeout: 30_000 });
  await expect(hugo.getByText("Cher confrère, pouvez-vous voir ce patient ?")).toBeVisible();
  const files = hugo.getByRole("list", { name: "Pièces jointes" });
  const download = hugo.waitForEvent("download");
  await files.getByRole("link", { name: "Télécharger scanner.pdf" }).click();
  expect(await readFile(await (await download).path())).toEqual(PDF);

  await hugo.getByRole("button", { name: "Envoyer l'accusé de lecture" }).click();
  await expect(hugo.getByText("L'expéditeur demande un accusé de lecture.")).toHaveCount(0);
  await hugo.getByRole("link", { name: "Répondre", exact: true }).click();
  await expect(hugo.getByRole("list", { name: "Adresses saisies (À)" })).toContainText("jean.dupont@ch-troispics.mssante.fr");
  await hugo.getByLabel("Message", { exact: true }).press("Control+Home");
  await hugo.getByLabel("Message", { exact: true }).pressSequentially("Je le vois mardi.");
  await hugo.getByRole("button", { name: "Envoyer" }).click();
  await expect(hugo.getByRole("main").getByRole("status").first()).toBeVisible();

  // Back home: the reply joins the conversation, and the sent message reads "Lu le …".
  await page.goto("/");
  await messageList(page)
    .getByRole("link", { name: new RegExp(`RE : ${subject}`) })
    .click({ timeout: 30_000 });
  // The original, the receipt from the other side and the reply: all one conversation, linked by their references.
  await expect(page.getByRole("list", { name: "Conversation" }).locator(":scope > li")).toHaveCount(3);
  // Written with formatting over there, it arrives as another operator's HTML: shown in its sandboxed frame, its text in the list.
  await expect(openMessage(page).getByTitle("Contenu du message")).toBeVisible();
  await expect(messageList(page).getByRole("link", { name: new RegExp(`RE : ${subject}`) })).toContainText("Je le vois mardi.");
  // On the sent message, folded as the oldest of the thread, Hugo's delivery: taken by his operator's server, then read.
  await page.getByRole("list", { name: "Conversation" }).locator(":scope > li").first().locator(":scope > details > summary").click();
  await expect(page.getByRole("list", { name: "Acheminement vers les autres messageries" })).toContainText(
    new RegExp(`^${recipient} : remis au serveur de ${peer!.domain} le .+ · lu le \\d`),
  );
  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await openFolder(page, "Envoyés");
  await expect(
    messageList(page)
      .getByRole("link", { name: new RegExp(subject) })
      .first(),
  ).toContainText(/Lu le \d/, { timeout: 20_000 });
});
