import { expect, test } from "@playwright/test";
import { login, openFolder, uniqueSubject } from "./helpers";

test("sending to gmail.com is refused in French and nothing reaches Envoyés", async ({ page }) => {
  const subject = uniqueSubject("Résultats");
  await login(page, "jean.dupont");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill("patient.lambda@gmail.com");
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).fill("Texte confidentiel.");
  await page.getByRole("button", { name: "Envoyer" }).click();

  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  const to = page.getByLabel("À", { exact: true });
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("« patient.lambda@gmail.com » n'appartient pas à l'espace de confiance MSSanté")).toBeVisible();
  // What was typed is kept for correction.
  await expect(page.getByLabel("Objet", { exact: true })).toHaveValue(subject);
  // Removing the refused address takes its error, and the form's, away.
  await page.getByRole("button", { name: "Retirer patient.lambda@gmail.com" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
  await expect(page.getByText("« patient.lambda@gmail.com » n'appartient pas", { exact: false })).toHaveCount(0);
  await expect(to).not.toHaveAttribute("aria-invalid", "true");

  await openFolder(page, "Envoyés");
  await expect(page.getByText(subject)).toHaveCount(0);
});

test("a domain in full-width letters is refused as a chip, in French, and cannot be sent", async ({ page }) => {
  const subject = uniqueSubject("Pleine chasse");
  await login(page, "jean.dupont");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  const to = page.getByLabel("À", { exact: true });
  await to.fill("claire.martin@ｍｓｐ-ｄｕｖａｌ.ｍｓｓａｎｔｅ.ｆｒ");
  await to.press("Enter");
  const chip = page.getByRole("list", { name: "Adresses saisies (À)" }).getByRole("listitem");
  await expect(chip).toContainText("refusée, voir le message sous le champ");
  await expect(
    page.getByText("« claire.martin@ｍｓｐ-ｄｕｖａｌ.ｍｓｓａｎｔｅ.ｆｒ » n'est pas écrite sous sa forme normale", { exact: false }),
  ).toBeVisible();

  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).fill("Texte.");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  await expect(to).toHaveAttribute("aria-invalid", "true");
  await openFolder(page, "Envoyés");
  await expect(page.getByText(subject)).toHaveCount(0);
});
