import { expect, test } from "@playwright/test";
import { login, loginAs, messageList, openFolder, uniqueSubject } from "./helpers";

async function write(page: import("@playwright/test").Page, subject: string) {
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill("jean.dupont@ch-troispics.mssante.fr");
  await page.getByLabel("À", { exact: true }).press("Enter");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).press("Control+Home");
  await page.getByLabel("Message", { exact: true }).pressSequentially("Rendez-vous confirmé.");
}

test("« Annuler l'envoi » within the delay: nothing delivered, the message back in compose; left alone, it goes", async ({
  page,
  browser,
}) => {
  const subject = uniqueSubject("Délai d'annulation");
  await login(page, "claire.martin");
  await write(page, subject);
  // Her own delay, kept by her browser for the next messages.
  await page.getByText("Envoyer à…").click();
  await page.getByLabel("Délai pour annuler l'envoi").selectOption({ label: "10 secondes" });
  await page.getByRole("button", { name: "Envoyer", exact: true }).click();
  await expect(page.getByRole("main").getByText("Le message part dans quelques secondes.")).toBeVisible();
  await page.getByRole("button", { name: "Annuler l'envoi" }).click();

  await expect(page.getByLabel("Objet", { exact: true })).toHaveValue(subject);
  await expect(page.getByRole("list", { name: "Adresses saisies (À)" })).toContainText("jean.dupont@ch-troispics.mssante.fr");
  await expect(page.getByRole("textbox", { name: "Message", exact: true }).locator("p").first()).toHaveText(/^Rendez-vous confirmé\./);
  const jean = await loginAs(browser, "jean.dupont");
  await expect(messageList(jean).getByRole("link", { name: new RegExp(subject) })).toHaveCount(0);

  // Sent again and left alone: it reaches Jean once the delay is over.
  await page.getByRole("button", { name: "Envoyer", exact: true }).click();
  await expect(page.getByRole("main").getByText("Le message part dans quelques secondes.")).toBeVisible();
  await expect(async () => {
    await jean.reload();
    await expect(messageList(jean).getByRole("link", { name: new RegExp(subject) })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await openFolder(page, "Brouillons");
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toHaveCount(0);
});

test("« Envoyer à … » keeps the message in Brouillons until its time, and can be taken back", async ({ page }) => {
  const subject = uniqueSubject("Pour le 2 janvier");
  await login(page, "claire.martin");
  await write(page, subject);
  await page.getByText("Envoyer à…").click();
  await page.getByLabel("Date et heure d'envoi").fill("2099-01-02T08:30");
  await page.getByRole("button", { name: "Programmer l'envoi" }).click();
  await expect(page.getByRole("main").getByText("Envoi programmé : le message attend dans Brouillons.")).toBeVisible();
  const draft = messageList(page).getByRole("link", { name: new RegExp(subject) });
  await expect(draft).toContainText("Envoi prévu le 2 janv. 2099, 08:30");

  await draft.click();
  await expect(page.getByRole("status").filter({ hasText: "Ce message partira le 2 janv. 2099, 08:30" })).toBeVisible();
  await expect(page.getByLabel("Objet", { exact: true })).toBeDisabled();
  await page.getByRole("button", { name: "Annuler l'envoi programmé" }).click();
  await expect(page.getByLabel("Objet", { exact: true })).toBeEnabled();
  await expect(page.getByLabel("Objet", { exact: true })).toHaveValue(subject);
});
