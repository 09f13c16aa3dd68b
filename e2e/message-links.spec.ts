import { expect, test } from "@playwright/test";
import { importMessage, login, openMessage, uniqueSubject } from "./helpers";

test("an address in a message opens this webmail's compose, not the computer's mail program", async ({ page }) => {
  const subject = uniqueSubject("Coordonnées");
  await login(page, "jean.dupont");
  await importMessage(page, subject, "Pour les rendez-vous, écrire à secretariat.cardio@ch-exemple.mssante.fr merci.");
  const address = openMessage(page).getByRole("link", { name: "secretariat.cardio@ch-exemple.mssante.fr" });
  await expect(address).not.toHaveAttribute("href", /^mailto:/);
  await address.click();
  await expect(page.getByRole("list", { name: "Adresses saisies (À)" })).toContainText("secretariat.cardio@ch-exemple.mssante.fr");
  await expect(page.getByLabel("De", { exact: true })).toHaveValue(/.+/);
});
