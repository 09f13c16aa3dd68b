import { expect, test } from "@playwright/test";
import { expectAccessible, login, loginAs, mailboxNav, uniqueSubject } from "./helpers";

test("the manager writes a « réponse type » for the secretariat, and a secretary inserts it with the correspondent's name", async ({
  page,
  browser,
}) => {
  const name = uniqueSubject("Rappel de bilan");
  await login(page, "sophie.bernard");
  await page.getByRole("link", { name: "Délégations" }).click();
  const box = page.getByRole("region", { name: "Cardiologie — CH des Trois Pics" });
  const templates = box.getByRole("region", { name: "Réponses types" });
  await expect(templates).toContainText("Confirmation de rendez-vous");
  await templates.getByText("Nouvelle réponse type").click();
  await templates.getByLabel("Nom").last().fill(name);
  await templates.getByLabel("Texte").last().fill("Bonjour {nom},\n\nMerci de nous adresser le bilan biologique récent.");
  await templates.getByRole("button", { name: "Enregistrer la réponse type" }).last().click();
  await expect(templates.getByText(`Modifier « ${name} »`)).toBeVisible();
  await expectAccessible(page);

  const marie = await loginAs(browser, "marie.durand");
  await mailboxNav(marie)
    .getByRole("link", { name: /Cardiologie/ })
    .click();
  await marie.getByRole("link", { name: "Nouveau message" }).click();
  const to = marie.getByLabel("À", { exact: true });
  await to.fill("Dr Antoine Leroy <antoine.leroy@medecin.mssante.fr>");
  await to.press("Enter");
  await marie.getByLabel("Réponse type").selectOption({ label: name });
  await marie.getByRole("button", { name: "Insérer la réponse type" }).click();
  // At the top of the message, its paragraphs kept.
  await expect(marie.getByRole("textbox", { name: "Message", exact: true }).locator("p").first()).toHaveText("Bonjour Dr Antoine Leroy,");
  await expect(marie.getByRole("textbox", { name: "Message", exact: true }).locator("p").nth(1)).toHaveText(
    /^Merci de nous adresser le bilan biologique récent\./,
  );
  await expectAccessible(marie);
});
