import { expect, test, type Page } from "@playwright/test";
import { operatorClient } from "./instances";
import { expectAccessible, folderNav, login, mailboxNav, messageList } from "./helpers";

/**
 * Each test works a shared box of its own, created by the structure's manager with Dr Dupont responsible,
 * and filled over SMTP as another operator would: bulk actions on it touch nobody else's messages.
 */
async function freshBox(page: Page, label: string, count: number) {
  const local = `tri-${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const name = `Tri ${label} ${local.slice(-6)}`;
  await login(page, "sophie.bernard");
  const form = page.getByRole("region", { name: "Créer une boîte organisationnelle" });
  await form.getByLabel("Adresse (@ch-troispics.mssante.fr)").fill(local);
  await form.getByLabel("Nom affiché").fill(name);
  await form.getByLabel("Professionnel responsable").selectOption({ label: "Dr Jean Dupont" });
  await form.getByRole("button", { name: "Créer la boîte" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Boîte créée.");
  const operator = await operatorClient();
  for (let i = 1; i <= count; i++)
    await operator.sendMail({
      from: "Dr Antoine Leroy <antoine.leroy@medecin.mssante.fr>",
      to: `${local}@ch-troispics.mssante.fr`,
      subject: `${name} n°${String(i).padStart(2, "0")}`,
      text: `Message ${i} à trier.`,
    });
  operator.close();
  await page.context().clearCookies();
  await login(page, "jean.dupont");
  await mailboxNav(page)
    .getByRole("link", { name: new RegExp(name) })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(messageList(page).getByRole("link")).toHaveCount(Math.min(count, 50));
  return name;
}

const row = (page: Page, subject: string) => messageList(page).getByRole("listitem").filter({ hasText: subject });

test("a range ticked with shift-click goes to Archives at once, and « Annuler » puts it back", async ({ page }) => {
  const name = await freshBox(page, "plage", 8);
  // Newest first: n°07 down to n°03 is a range of five.
  await row(page, `${name} n°07`).getByRole("checkbox").click();
  await row(page, `${name} n°03`)
    .getByRole("checkbox")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByText("5 messages sélectionnés")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("toolbar", { name: "Actions sur la sélection" }).getByRole("button", { name: "Déplacer vers Archives" }).click();
  await expect(page.getByText("5 messages déplacés vers Archives.")).toBeVisible();
  await expect(messageList(page).getByRole("link")).toHaveCount(3);
  for (const kept of ["n°08", "n°02", "n°01"]) await expect(row(page, `${name} ${kept}`)).toBeVisible();

  await page.getByRole("button", { name: "Annuler" }).click();
  await expect(page.getByText("5 messages remis à leur place.")).toBeVisible();
  await expect(messageList(page).getByRole("link")).toHaveCount(8);
});

test("« all N of the folder » acts on a folder larger than a page, chosen by the server", async ({ page }) => {
  const name = await freshBox(page, "tout", 55);
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("1–50 sur 55");
  await page.getByRole("checkbox", { name: "Sélectionner les messages de cette page" }).check();
  await expect(page.getByText("50 messages sélectionnés")).toBeVisible();
  await page.getByRole("button", { name: "Sélectionner les 55 messages du dossier" }).click();
  await expect(page.getByText("Les 55 messages du dossier sont sélectionnés.")).toBeVisible();
  await page.getByRole("toolbar", { name: "Actions sur la sélection" }).getByRole("button", { name: "Déplacer vers Archives" }).click();
  await expect(page.getByText("55 messages déplacés vers Archives.")).toBeVisible();
  await expect(page.getByText("Aucun message dans ce dossier.")).toBeVisible();

  await folderNav(page)
    .getByRole("link", { name: /^Archives/ })
    .click();
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("1–50 sur 55");
  await page.getByRole("link", { name: "Messages plus anciens" }).click();
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("51–55 sur 55");
  await expect(row(page, `${name} n°01`)).toBeVisible();
  await page.getByRole("link", { name: "Messages plus récents" }).click();
  await expect(page.getByRole("navigation", { name: "Pagination" })).toContainText("1–50 sur 55");
});

test("a message dragged onto a folder moves there", async ({ page }) => {
  const name = await freshBox(page, "glisser", 2);
  await row(page, `${name} n°02`).dragTo(folderNav(page).getByRole("link", { name: /^Corbeille/ }));
  await expect(page.getByText("1 message déplacé vers Corbeille.")).toBeVisible();
  await expect(messageList(page).getByRole("link")).toHaveCount(1);
  await folderNav(page)
    .getByRole("link", { name: /^Corbeille/ })
    .click();
  await expect(row(page, `${name} n°02`)).toBeVisible();
});
