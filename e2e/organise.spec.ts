import { expect, test } from "@playwright/test";
import { login, messageList, openFolder, openMessage } from "./helpers";

test("the GP archives a message, puts it in the Corbeille, then deletes it for good", async ({ page }) => {
  const subject = /Rupture de stock — lévothyroxine 75 µg/;
  await login(page, "claire.martin");

  await messageList(page).getByRole("link", { name: subject }).click();
  await page.getByRole("button", { name: "Archiver" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Message déplacé.");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Réception");
  await expect(messageList(page).getByRole("link", { name: subject })).toHaveCount(0);

  await openFolder(page, "Archives");
  await messageList(page).getByRole("link", { name: subject }).click();
  await page.getByRole("button", { name: "Mettre à la corbeille" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Message déplacé.");

  await openFolder(page, "Corbeille");
  await messageList(page).getByRole("link", { name: subject }).click();
  await page.getByRole("button", { name: "Supprimer définitivement" }).click();
  await page
    .getByRole("group", { name: /^Supprimer ce message pour de bon \?/ })
    .getByRole("button", { name: "Supprimer", exact: true })
    .click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Message supprimé définitivement.");
  await expect(page.getByText(subject)).toHaveCount(0);
});

test("a message read and marked unread again shows as unread", async ({ page }) => {
  const subject = /Compte rendu de mammographie de dépistage/;
  await login(page, "claire.martin");
  const item = messageList(page).getByRole("link", { name: subject });
  await expect(item).not.toContainText("Non lu");
  await item.click();
  await openMessage(page).getByText("Plus d'actions").click();
  await page.getByRole("button", { name: "Marquer comme non lu" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Message marqué comme non lu.");
  await expect(messageList(page).getByRole("link", { name: subject })).toContainText("Non lu");
});
