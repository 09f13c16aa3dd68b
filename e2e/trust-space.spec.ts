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

  await openFolder(page, "Envoyés");
  await expect(page.getByText(subject)).toHaveCount(0);
});
