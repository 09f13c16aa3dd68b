import { expect, test } from "@playwright/test";
import { login, loginAs, messageList, openBox, openFolder, openMessage, uniqueSubject } from "./helpers";

test.describe.configure({ mode: "serial" });

test("a secretary with 'edit' only prepares a draft; a colleague with 'send' sends it", async ({ page, browser }) => {
  const subject = uniqueSubject("Convocation échocardiographie");
  await login(page, "lucie.petit");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await expect(page.getByText("Vous pouvez préparer ce message ; un collègue disposant du droit d'envoi l'enverra.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Envoyer" })).toHaveCount(0);
  await page.getByLabel("À", { exact: true }).fill("Dr Claire Martin <claire.martin@msp-duval.mssante.fr>");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).fill("Votre patiente est convoquée le 4 mars à 10 h.");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Brouillon enregistré.");
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toContainText("Préparé par Lucie Petit");

  const marie = await loginAs(browser, "marie.durand");
  await openFolder(marie, "Brouillons");
  await messageList(marie)
    .getByRole("link", { name: new RegExp(subject) })
    .click();
  await expect(marie.getByRole("heading", { name: "Brouillon" })).toBeVisible();
  await expect(marie.getByLabel("Objet", { exact: true })).toHaveValue(subject);
  await expect(marie.getByRole("list", { name: "Adresses saisies (À)" })).toContainText(
    "Dr Claire Martin <claire.martin@msp-duval.mssante.fr>",
  );
  await marie.getByRole("button", { name: "Envoyer" }).click();
  await expect(marie.getByRole("main").getByRole("status")).toHaveText("Message envoyé.");
  await openFolder(marie, "Brouillons");
  await expect(marie.getByText(subject)).toHaveCount(0);
  await openFolder(marie, "Envoyés");
  await expect(messageList(marie).getByRole("link", { name: new RegExp(subject) })).toContainText("Envoyé par Marie Durand");

  const gp = await loginAs(browser, "claire.martin");
  await expect(messageList(gp).getByRole("link", { name: new RegExp(subject) })).toBeVisible();
});

test("a message is assigned to a colleague, who finds it under 'Assignés à moi'; reading is per person", async ({ page, browser }) => {
  const subject = /Transfert — M\. Roger BRUN/;
  await login(page, "marie.durand");
  await messageList(page).getByRole("link", { name: subject }).click();
  // Marie has read it (seeded); Lucie has not.
  await expect(page.getByRole("list", { name: "Conversation" })).toContainText("Lu par");
  await openMessage(page).getByText("Plus d'actions").click();
  await page.getByLabel("Assigner à").selectOption({ label: "Lucie Petit" });
  await page.getByRole("button", { name: "Assigner" }).click();
  // Said, and the choice stays shown rather than snapping back to « Personne ».
  await expect(openMessage(page).getByText("Message assigné à Lucie Petit.")).toBeVisible();
  await expect(page.getByLabel("Assigner à")).toHaveValue(/^[0-9a-f-]{36}$/);
  await expect(page.getByLabel("Assigner à").locator("option:checked")).toHaveText("Lucie Petit");
  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(messageList(page).getByRole("link", { name: subject })).toContainText("Assigné à Lucie Petit");

  const lucie = await loginAs(browser, "lucie.petit");
  const item = messageList(lucie).getByRole("link", { name: subject });
  await expect(item).toContainText("Non lu");
  await lucie.getByRole("link", { name: "Assignés à moi" }).click();
  await expect(messageList(lucie).getByRole("link")).toHaveCount(1);
  await messageList(lucie).getByRole("link", { name: subject }).click();
  await expect(
    lucie
      .getByRole("list", { name: "Conversation" })
      .getByText(/Lu par/)
      .locator(".."),
  ).toContainText("Lucie Petit");
});

test("two colleagues send one shared draft: it goes once; the second, and the author still writing, are told who sent it", async ({
  page,
  browser,
}) => {
  // Four sessions and two autosaves: longer than the default budget on a busy CI machine.
  test.setTimeout(90_000);
  const subject = uniqueSubject("Résultats du holter");
  const alreadySent = /^Ce message a déjà été envoyé par Marie Durand le \d/;

  // Lucie prepares it and keeps writing: the page has autosaved it under its id.
  await login(page, "lucie.petit");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill("claire.martin@msp-duval.mssante.fr");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).press("Control+Home");
  await page.getByLabel("Message", { exact: true }).pressSequentially("Holter de 24 h sans particularité.");
  await expect(page.getByText(/^Brouillon enregistré à/)).toBeVisible();
  await expect(page).toHaveURL(/compose\?draft=[0-9a-f-]{36}$/);

  // Marie and Dr Dupont open it from the shared box's Brouillons.
  const openDraft = async (who: string) => {
    const colleague = await loginAs(browser, who);
    await openBox(colleague, /Cardiologie/);
    await openFolder(colleague, "Brouillons");
    await messageList(colleague)
      .getByRole("link", { name: new RegExp(subject) })
      .click();
    await expect(colleague.getByLabel("Objet", { exact: true })).toHaveValue(subject);
    return colleague;
  };
  const marie = await openDraft("marie.durand");
  const jean = await openDraft("jean.dupont");

  await marie.getByRole("button", { name: "Envoyer" }).click();
  await expect(marie.getByRole("main").getByRole("status").first()).toHaveText("Message envoyé.");
  await jean.getByRole("button", { name: "Envoyer" }).click();
  await expect(jean.getByRole("main").getByRole("alert")).toHaveText(alreadySent);
  await expect(jean.getByRole("button", { name: "Envoyer" })).toBeDisabled();

  // Lucie's next autosave is told, and the page stops saving.
  await page.getByLabel("Message", { exact: true }).pressSequentially(" À revoir dans un an.");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(alreadySent);
  await expect(page.getByRole("button", { name: "Enregistrer le brouillon" })).toBeDisabled();
  // Reopened, the draft's page says it went and links to the message.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Message envoyé" })).toBeVisible();
  await expect(page.getByRole("main").getByText(alreadySent)).toBeVisible();
  await page.getByRole("link", { name: "Voir le message envoyé" }).click();
  await expect(page.getByRole("list", { name: "Conversation" })).toContainText("Holter de 24 h sans particularité.");

  // Once in Envoyés, never back in Brouillons.
  await openFolder(page, "Brouillons");
  await expect(page.getByText(subject)).toHaveCount(0);
  await openFolder(page, "Envoyés");
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toHaveCount(1);
});
