import path from "node:path";
import { expect, test } from "@playwright/test";
import { login } from "./helpers";

// The file holds the entries the other annuaire flows look for.
const demo = path.join(import.meta.dirname, "../tests/fixtures/annuaire-demo.txt");

test("the administrator imports the annuaire with a progress bar; a broken file names its line and keeps the directory", async ({
  page,
}) => {
  await login(page, "admin.operateur");
  await page.getByRole("link", { name: "Importer l'extraction de l'annuaire" }).click();
  await expect(page.getByRole("heading", { name: "Importer l'extraction de l'annuaire" })).toBeVisible();

  const header = "Type de BAL|Adresse BAL";
  await page
    .getByLabel("Fichier de l'extraction (.txt ou .zip)")
    .setInputFiles({ name: "extraction.txt", mimeType: "text/plain", buffer: Buffer.from(`${header}\nPER|x\n`) });
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Ligne 1 : en-tête inattendu");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("L'annuaire en vigueur est conservé.");

  await page.getByLabel("Fichier de l'extraction (.txt ou .zip)").setInputFiles(demo);
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(/Annuaire importé : 6 entrées en [\d.]+ s\./);
  await page.reload();
  await expect(page.getByText("6 entrées dans l'annuaire en vigueur.")).toBeVisible();

  // Signed out meanwhile: the refusal is said, and the directory stays.
  await page.context().clearCookies();
  await page.getByLabel("Fichier de l'extraction (.txt ou .zip)").setInputFiles(demo);
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Connexion requise : connectez-vous pour continuer.");
});
