import { expect, test, type Page } from "@playwright/test";
import { dragOnto, expectAccessible, folderNav, freshBox, messageList } from "./helpers";

const row = (page: Page, subject: string) => messageList(page).getByRole("listitem").filter({ hasText: subject });

async function createFolder(page: Page, name: string, inside?: string) {
  await folderNav(page).getByRole("button", { name: "Nouveau dossier" }).click();
  const dialog = page.getByRole("dialog", { name: "Créer un dossier" });
  await dialog.getByLabel("Nom du dossier").fill(name);
  if (inside) await dialog.getByLabel("Emplacement").selectOption({ label: `Dans « ${inside} »` });
  await dialog.getByRole("button", { name: "Créer le dossier" }).click();
  await expect(dialog).toBeHidden();
  await expect(folderNav(page).getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
}

test("the box's own folders: created and nested, filled by drag-and-drop and from a selection, renamed, deleted with their content moved", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const name = await freshBox(page, "dossiers", 4);
  const courriers = `Courriers ${name.slice(-6)}`;
  await createFolder(page, courriers);
  await expectAccessible(page);
  // A second folder of that name at the same level is refused in the dialog, which stays open.
  await folderNav(page).getByRole("button", { name: "Nouveau dossier" }).click();
  const dialog = page.getByRole("dialog", { name: "Créer un dossier" });
  await dialog.getByLabel("Nom du dossier").fill(courriers.toUpperCase());
  await dialog.getByRole("button", { name: "Créer le dossier" }).click();
  await expect(dialog.getByText(`Un dossier « ${courriers.toUpperCase()} » existe déjà à cet emplacement.`)).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();
  await createFolder(page, "Relances", courriers);

  // One message dragged onto the sub-folder.
  await dragOnto(
    page,
    row(page, `${name} n°01`),
    folderNav(page).getByRole("link", { name: /^Relances/ }),
    `1 message déplacé vers ${courriers} / Relances.`,
  );

  // Two others ticked and filed from the selection's menu.
  await row(page, `${name} n°02`).getByRole("checkbox").check();
  await row(page, `${name} n°03`).getByRole("checkbox").check();
  const toolbar = page.getByRole("toolbar", { name: "Actions sur la sélection" });
  await toolbar.getByLabel("Classer dans").selectOption({ label: courriers });
  await toolbar.getByRole("button", { name: "Classer" }).click();
  await expect(page.getByText(`2 messages déplacés vers ${courriers}.`)).toBeVisible();
  await expect(messageList(page).getByRole("link")).toHaveCount(1);

  // The folder lists them, with its unread count in the sidebar; renamed, it keeps them.
  await expect(folderNav(page).getByRole("link", { name: new RegExp(`^${courriers}`) })).toContainText("2");
  await folderNav(page)
    .getByRole("link", { name: new RegExp(`^${courriers}`) })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(courriers);
  await expect(messageList(page).getByRole("link")).toHaveCount(2);
  await page.getByRole("button", { name: "Renommer" }).click();
  const rename = page.getByRole("dialog", { name: `Renommer « ${courriers} »` });
  await rename.getByLabel("Nom du dossier").fill(`${courriers} 2026`);
  await expectAccessible(page);
  await rename.getByRole("button", { name: "Renommer le dossier" }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${courriers} 2026`);
  await expect(folderNav(page).getByRole("link", { name: new RegExp(`^${courriers} 2026`) })).toBeVisible();

  // A folder with a sub-folder is not deleted; the sub-folder's message goes where asked when it is.
  await folderNav(page)
    .getByRole("link", { name: /^Relances/ })
    .click();
  await expect(row(page, `${name} n°01`)).toBeVisible();
  await page.getByRole("button", { name: "Supprimer le dossier" }).click();
  const remove = page.getByRole("dialog", { name: "Supprimer « Relances » ?" });
  await expect(remove).toContainText("Le dossier contient 1 message. Où le déplacer ?");
  await remove.getByLabel("Déplacer le contenu vers").selectOption({ label: "Réception" });
  await expectAccessible(page);
  await remove.getByRole("button", { name: "Supprimer", exact: true }).click();
  await expect(page.getByRole("main").getByText("Dossier supprimé.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Réception");
  await expect(row(page, `${name} n°01`)).toBeVisible();
  await expect(folderNav(page).getByRole("link", { name: /^Relances/ })).toHaveCount(0);
});
