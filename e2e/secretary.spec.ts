import { expect, test } from "@playwright/test";
import { login, loginAs, mailboxNav, messageList, openFolder, openMessage } from "./helpers";

test("the secretary works the cardiology box and answers a message from it", async ({ page, browser }) => {
  await login(page, "marie.durand");
  // Only the delegated shared box is offered: she has no box of her own.
  await expect(mailboxNav(page).getByRole("link")).toHaveCount(1);
  await expect(mailboxNav(page).getByRole("link")).toContainText("cardiologie@ch-troispics.mssante.fr");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Cardiologie");

  await messageList(page)
    .getByRole("link", { name: /Demande d'échocardiographie — Mme Josette FAURE/ })
    .click();
  await expect(openMessage(page).getByText("Pouvez-vous programmer une échocardiographie")).toBeVisible();
  await page.getByRole("link", { name: "Répondre", exact: true }).click();
  await expect(page.getByRole("list", { name: "Adresses saisies (À)" })).toContainText(
    "Dr Claire Martin <claire.martin@msp-duval.mssante.fr>",
  );
  await expect(page.getByRole("list", { name: "Adresses saisies (À)" })).toContainText("dans l'espace de confiance");
  await expect(page.getByLabel("Objet", { exact: true })).toHaveValue("RE : Demande d'échocardiographie — Mme Josette FAURE");
  await expect(page.getByLabel("De", { exact: true })).toContainText("cardiologie@ch-troispics.mssante.fr");
  const body = page.getByLabel("Message", { exact: true });
  // The signature of the box is already in place.
  await expect(body.locator("p", { hasText: /^-- / })).toHaveText(/^-- Cardiologie — CH des Trois PicsCentre hospitalier des Trois Pics/);
  await body.press("Control+Home");
  await body.pressSequentially("Bonjour Docteur, l'échocardiographie est programmée le 4 mars à 10 h.");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Message envoyé.");

  await openFolder(page, "Envoyés");
  const sent = messageList(page)
    .getByRole("link", { name: /RE : Demande d'échocardiographie/ })
    .first();
  await expect(sent).toContainText("Envoyé par Marie Durand pour Cardiologie — CH des Trois Pics");

  // The GP receives it from the box, sent by Marie on its behalf, in the same thread.
  const gp = await loginAs(browser, "claire.martin");
  await messageList(gp)
    .getByRole("link", { name: /RE : Demande d'échocardiographie/ })
    .first()
    .click();
  const thread = gp.getByRole("list", { name: "Conversation" });
  // In the conversation, not in the list's preview beside it.
  await expect(thread.getByText("l'échocardiographie est programmée le 4 mars à 10 h.")).toBeVisible();
  await expect(thread.getByText("Cardiologie — CH des Trois Pics <cardiologie@ch-troispics.mssante.fr>")).toBeVisible();
  await expect(thread.getByText("Marie Durand", { exact: true })).toBeVisible();
});
