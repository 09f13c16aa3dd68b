import { expect, test } from "@playwright/test";
import { login, loginAs, messageList, openFolder, uniqueSubject, openMessage } from "./helpers";

test("the cardiologist writes to the GP, who logs in and reads it", async ({ page, browser }) => {
  const subject = uniqueSubject("Compte rendu de consultation");
  await login(page, "jean.dupont");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await expect(page.getByRole("heading", { name: "Nouveau message" })).toBeVisible();
  await expect(page.getByLabel("De", { exact: true })).toHaveValue(/.+/);
  await page.getByLabel("À", { exact: true }).fill("Dr Claire Martin <claire.martin@msp-duval.mssante.fr>");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).fill("Chère consœur,\nvotre patiente peut reprendre une activité physique.");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Message envoyé.");

  await openFolder(page, "Envoyés");
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toBeVisible();

  const gp = await loginAs(browser, "claire.martin");
  const item = messageList(gp).getByRole("link", { name: new RegExp(subject) });
  await expect(item).toContainText("Non lu");
  await expect(item).toContainText("Dr Jean Dupont");
  await item.click();
  await expect(gp.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(openMessage(gp).getByText("votre patiente peut reprendre une activité physique.")).toBeVisible();
  await expect(openMessage(gp).getByText("Dr Claire Martin <claire.martin@msp-duval.mssante.fr>")).toBeVisible();

  // Once read, it is no longer marked unread.
  await gp.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(messageList(gp).getByRole("link", { name: new RegExp(subject) })).not.toContainText("Non lu");
});
