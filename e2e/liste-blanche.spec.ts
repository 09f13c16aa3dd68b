import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./helpers";

// The imported list holds every domain the other flows write to or receive from (the second instance, the patients'
// operator): the specs that run after this one find the list in force.
test("the operator's administrator imports the liste blanche; a malformed file keeps the list in force", async ({ page }) => {
  await login(page, "admin.operateur");
  await expect(page).toHaveURL(/\/liste-blanche$/);
  await expect(page.getByText("Aucune liste importée : la règle par défaut s'applique.")).toBeVisible();
  await expectAccessible(page);

  await page
    .getByLabel("Fichier XML de la liste blanche")
    .setInputFiles(path.join(import.meta.dirname, "../tests/fixtures/liste-blanche.xml"));
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Liste importée : 6 ajouté(s), 0 retiré(s), 0 inchangé(s).");
  await expect(page.getByText("6 domaines dans la liste en vigueur.")).toBeVisible();

  await page
    .getByLabel("Fichier XML de la liste blanche")
    .setInputFiles({ name: "liste.xml", mimeType: "text/xml", buffer: Buffer.from("<ListeBlanche><Domaine>") });
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("La liste en vigueur est conservée.");
  await expect(page.getByText("6 domaines dans la liste en vigueur.")).toBeVisible();
});
