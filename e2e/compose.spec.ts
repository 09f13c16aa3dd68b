import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { folderNav, login, loginAs, messageList, openFolder, openMessage, uniqueSubject } from "./helpers";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

test("reply and forward with an attachment, end to end between boxes", async ({ page, browser }) => {
  const subject = uniqueSubject("Compte rendu d'échographie");
  await login(page, "jean.dupont");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill("claire.martin@msp-duval.mssante.fr");
  await page.getByLabel("À", { exact: true }).press("Enter");
  await expect(page.getByRole("list", { name: "Adresses saisies (À)" })).toContainText("dans l'espace de confiance");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).press("Control+Home");
  await page.getByLabel("Message", { exact: true }).pressSequentially("Chère consœur, voici le compte rendu.");
  await page.getByLabel("Joindre des fichiers").setInputFiles({ name: "compte-rendu.pdf", mimeType: "application/pdf", buffer: PDF });
  // Uploaded (not just uploading): it can be removed.
  await expect(page.getByRole("button", { name: "Retirer compte-rendu.pdf" })).toBeVisible();
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("Message envoyé.");

  const gp = await loginAs(browser, "claire.martin");
  await messageList(gp)
    .getByRole("link", { name: new RegExp(subject) })
    .click();
  const files = gp.getByRole("list", { name: "Pièces jointes" });
  await expect(files).toContainText("compte-rendu.pdf");
  const download = gp.waitForEvent("download");
  await files.getByRole("link", { name: "Télécharger compte-rendu.pdf" }).click();
  expect(await readFile(await (await download).path())).toEqual(PDF);

  // Forward to the cardiology secretariat: the attachment goes along.
  await gp.getByRole("button", { name: "Transférer" }).click();
  await expect(gp.getByRole("heading", { name: "Brouillon" })).toBeVisible();
  await expect(gp.getByLabel("Objet", { exact: true })).toHaveValue(`TR : ${subject}`);
  await expect(gp.getByRole("list", { name: "Pièces jointes" })).toContainText("compte-rendu.pdf");
  await gp.getByLabel("À", { exact: true }).fill("cardiologie@ch-troispics.mssante.fr");
  await gp.getByRole("button", { name: "Envoyer" }).click();
  await expect(gp.getByRole("main").getByRole("status").first()).toHaveText("Message envoyé.");

  const marie = await loginAs(browser, "marie.durand");
  await messageList(marie)
    .getByRole("link", { name: new RegExp(`TR : ${subject}`) })
    .click();
  await expect(marie.getByRole("list", { name: "Pièces jointes" })).toContainText("compte-rendu.pdf");
  await expect(openMessage(marie).getByText("-------- Message transféré --------")).toBeVisible();

  // And the GP answers the cardiologist, in the same thread.
  await gp.goto("/");
  await messageList(gp)
    .getByRole("link", { name: new RegExp(subject) })
    .first()
    .click();
  await gp.getByRole("link", { name: "Répondre", exact: true }).click();
  await gp.getByLabel("Message", { exact: true }).press("Control+Home");
  await gp.getByLabel("Message", { exact: true }).pressSequentially("Merci, bien reçu.");
  await gp.getByRole("button", { name: "Envoyer" }).click();
  await expect(gp.getByRole("main").getByRole("status").first()).toHaveText("Message envoyé.");
  await page.goto("/");
  await messageList(page)
    .getByRole("link", { name: new RegExp(`RE : ${subject}`) })
    .click();
  // His message and her answer, in one thread.
  await expect(page.getByRole("list", { name: "Conversation" }).locator(":scope > li")).toHaveCount(2);
});

test("a draft survives a page reload", async ({ page }) => {
  const subject = uniqueSubject("Brouillon de lettre de liaison");
  await login(page, "claire.martin");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).press("Control+Home");
  await page.getByLabel("Message", { exact: true }).pressSequentially("Madame, je vous adresse");
  await expect(page.getByText(/^Brouillon enregistré à/)).toBeVisible();
  await expect(page).toHaveURL(/compose\?draft=[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByLabel("Objet", { exact: true })).toHaveValue(subject);
  await expect(page.getByRole("textbox", { name: "Message", exact: true }).locator("p").first()).toHaveText(/^Madame, je vous adresse/);
  await openFolder(page, "Brouillons");
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toBeVisible();

  // Deleting it cannot be undone: it asks first. Typed just before, nothing saved on the way out brings it back.
  await messageList(page)
    .getByRole("link", { name: new RegExp(subject) })
    .click();
  await page.getByLabel("Message", { exact: true }).press("End");
  await page.getByLabel("Message", { exact: true }).pressSequentially(" Dernière phrase.");
  await page.getByRole("button", { name: "Supprimer le brouillon" }).click();
  await page
    .getByRole("group", { name: /^Supprimer ce brouillon/ })
    .getByRole("button", { name: "Supprimer", exact: true })
    .click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Brouillon supprimé.");
  await page.waitForLoadState("networkidle");
  await page.reload();
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toHaveCount(0);
});

test("a draft opened and left untouched is not saved again", async ({ page }) => {
  const subject = uniqueSubject("Relu sans retouche");
  await login(page, "claire.martin");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await expect(page.getByText(/^Brouillon enregistré à/)).toBeVisible();
  await openFolder(page, "Brouillons");
  const saves: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/drafts") saves.push(request.url());
  });
  await messageList(page)
    .getByRole("link", { name: new RegExp(subject) })
    .click();
  await expect(page.getByRole("textbox", { name: "Message", exact: true })).toBeVisible();
  // Leaving saves what changed (see below): here nothing did, so nothing is written over a colleague's draft.
  await folderNav(page)
    .getByRole("link", { name: /^Réception/ })
    .click();
  await expect(page).toHaveURL(/\/inbox$/);
  expect(saves).toEqual([]);
});

test("a compose left for another page of the app is kept as a draft, but never with a half-typed recipient", async ({ page }) => {
  const subject = uniqueSubject("Laissé en plan");
  await login(page, "claire.martin");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  const to = page.getByLabel("À", { exact: true });
  await to.fill("jean.dupont@ch-troispics.mssante.fr");
  await to.press("Enter");
  await to.fill("lucie.pe");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  // The fragment is still typed, not made a recipient by leaving the field.
  await expect(page.getByRole("list", { name: "Adresses saisies (À)" }).getByRole("listitem")).toHaveCount(1);
  // Left at once, before any background save, for another page of the app.
  await folderNav(page)
    .getByRole("link", { name: /^Réception/ })
    .click();
  await openFolder(page, "Brouillons");
  const draft = messageList(page).getByRole("link", { name: new RegExp(subject) });
  await expect(async () => {
    await page.reload();
    await expect(draft).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(draft).toContainText("jean.dupont@ch-troispics.mssante.fr");
  await expect(draft).not.toContainText("lucie.pe");
});

test("an oversize attachment is refused before any upload, with the reason", async ({ page }) => {
  await login(page, "claire.martin");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  let uploads = 0;
  page.on("request", (r) => r.url().endsWith("/api/attachments") && uploads++);
  await page
    .getByLabel("Joindre des fichiers")
    .setInputFiles({ name: "irm-complete.zip", mimeType: "application/zip", buffer: Buffer.alloc(26 * 1024 * 1024) });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "« irm-complete.zip » dépasse la taille maximale d'une pièce jointe (25 Mo).",
  );
  expect(uploads).toBe(0);
});

test("more files than a message may carry are refused before any upload, in French", async ({ page }) => {
  await login(page, "claire.martin");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await expect(page.getByText("25 Mo au plus par fichier et par message, 100 fichiers au plus.")).toBeVisible();
  let uploads = 0;
  page.on("request", (r) => r.url().endsWith("/api/attachments") && uploads++);
  const files = Array.from({ length: 101 }, (_, i) => ({
    name: `note-${i}.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from(`note ${i}`),
  }));
  await page.getByLabel("Joindre des fichiers").setInputFiles(files);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "Un message ne peut avoir plus de 100 pièces jointes : 100 peuvent encore être ajoutées, 101 fichiers ont été choisis. Aucun n'a été joint.",
  );
  expect(uploads).toBe(0);
});

test("an upload announced over the limit is refused by the server without naming an empty file", async ({ page }) => {
  await login(page, "claire.martin");
  const response = await page.request.post("/api/attachments", {
    headers: { origin: new URL(page.url()).origin },
    multipart: { file: { name: "irm.zip", mimeType: "application/zip", buffer: Buffer.alloc(26 * 1024 * 1024) } },
  });
  expect([response.status(), response.headers()["content-type"]]).toEqual([413, "application/problem+json; charset=utf-8"]);
  expect(await response.json()).toMatchObject({
    code: "too_large",
    detail: "Le fichier envoyé dépasse la taille maximale d'une pièce jointe (25 Mo).",
  });
});

test("a read receipt round trip", async ({ page, browser }) => {
  const subject = uniqueSubject("Convocation avec accusé");
  await login(page, "jean.dupont");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill("claire.martin@msp-duval.mssante.fr");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Demander un accusé de lecture").check();
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toHaveText("Message envoyé.");

  const gp = await loginAs(browser, "claire.martin");
  await messageList(gp)
    .getByRole("link", { name: new RegExp(subject) })
    .click();
  await expect(gp.getByText("L'expéditeur demande un accusé de lecture.")).toBeVisible();
  await gp.getByRole("button", { name: "Envoyer l'accusé de lecture" }).click();
  await expect(gp.getByText("L'expéditeur demande un accusé de lecture.")).toHaveCount(0);

  await openFolder(page, "Envoyés");
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toContainText(/Lu le \d/);
  await openFolder(page, "Réception");
  await expect(messageList(page).getByRole("link", { name: new RegExp(`Accusé de lecture : ${subject}`) })).toBeVisible();

  // The receipt joined the conversation without renaming it.
  await openFolder(page, "Envoyés");
  await messageList(page)
    .getByRole("link", { name: new RegExp(subject) })
    .click();
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(subject);
});

test("a body over the limit is refused in French, nothing sent, never a server error", async ({ page }) => {
  const subject = uniqueSubject("Trop long");
  await login(page, "claire.martin");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill("jean.dupont@ch-troispics.mssante.fr");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  // Typed as plain text: a million characters through the editor would only measure the editor.
  await page.getByRole("button", { name: "Passer en texte brut" }).click();
  await page.getByRole("textbox", { name: "Message", exact: true }).and(page.locator("textarea")).fill("x".repeat(1_000_001));
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByText("Le message est trop long.")).toBeVisible();
  await openFolder(page, "Envoyés");
  await expect(page.getByText(subject)).toHaveCount(0);
});
