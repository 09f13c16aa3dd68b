import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./helpers";

test("search 'dupont cardio', then 'écrire' opens compose with the address", async ({ page }) => {
  await login(page, "claire.martin");
  await page.getByRole("link", { name: "Annuaire" }).click();
  await page.getByLabel("Nom, RPPS ou adresse").fill("dupont cardio");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/\/annuaire\?q=dupont\+cardio/);
  const entry = page
    .getByRole("region", { name: /résultats?/ })
    .getByRole("listitem")
    .filter({ hasText: "jean.dupont@ch-troispics.mssante.fr" });
  await expect(entry).toContainText("Dr Jean DUPONT");
  await expect(entry).toContainText("Cardiologie et maladies vasculaires");
  await expect(entry).toContainText("Hébergée ici");
  await expectAccessible(page);

  await entry.getByRole("link", { name: "Écrire à Dr Jean DUPONT" }).click();
  await expect(page.getByRole("heading", { name: "Nouveau message" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Adresses saisies (À)" })).toContainText("jean.dupont@ch-troispics.mssante.fr");
});

test("accents and case do not matter; an RPPS finds its entry", async ({ page }) => {
  await login(page, "claire.martin");
  await page.goto("/annuaire?q=HELENE");
  await expect(page.getByRole("heading", { name: /résultats?/ })).toBeVisible();
  const results = page.getByRole("region", { name: /résultats?/ });
  await expect(results.getByRole("listitem").first()).toContainText(/Hélène/);
  await page.goto("/annuaire?q=10003456789");
  await expect(page.getByRole("heading", { name: "1 résultat" })).toBeVisible();
  await expect(results.getByRole("listitem")).toContainText("jean.dupont@ch-troispics.mssante.fr");
});

test("compose autocompletes a recipient from the annuaire, with the keyboard", async ({ page }) => {
  await login(page, "claire.martin");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  const to = page.getByRole("combobox", { name: "À", exact: true });
  await to.pressSequentially("dupont car");
  const suggestions = page.getByRole("listbox", { name: "Suggestions de l'annuaire" }).first();
  await expect(suggestions.getByRole("option", { name: /jean\.dupont@ch-troispics\.mssante\.fr/ })).toBeVisible();
  const options = await suggestions.getByRole("option").allTextContents();
  const index = options.findIndex((o) => o.includes("jean.dupont@ch-troispics.mssante.fr"));
  for (let i = 0; i <= index; i++) await to.press("ArrowDown");
  await expect(suggestions.getByRole("option", { name: /jean\.dupont@ch-troispics/ })).toHaveAttribute("aria-selected", "true");
  await to.press("Enter");
  const chips = page.getByRole("list", { name: "Adresses saisies (À)" });
  await expect(chips).toContainText("Dr Jean DUPONT <jean.dupont@ch-troispics.mssante.fr>");
  await expect(chips).toContainText("dans l'espace de confiance");
});
