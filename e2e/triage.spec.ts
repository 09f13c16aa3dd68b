import { expect, test, type Page } from "@playwright/test";
import { dragOnto, expectAccessible, folderNav, freshBox, messageList } from "./helpers";

const row = (page: Page, subject: string) => messageList(page).getByRole("listitem").filter({ hasText: subject });

test("a range ticked with shift-click goes to Archives at once, and « Annuler » puts it back", async ({ page }) => {
  const name = await freshBox(page, "plage", 8);
  // Rows two to six, whatever order the messages arrived in.
  const items = messageList(page).getByRole("listitem");
  const range = await Promise.all([1, 2, 3, 4, 5].map((i) => items.nth(i).getByRole("link").innerText()));
  await items.nth(1).getByRole("checkbox").click();
  await items
    .nth(5)
    .getByRole("checkbox")
    .click({ modifiers: ["Shift"] });
  await expect(page.getByText("5 messages sélectionnés")).toBeVisible();
  // The notices' live region is there before its first notice (loaded with the selection), so it is announced.
  await expect(page.getByRole("region", { name: /^Notifications alt/ })).toBeAttached();
  for (const i of [0, 6, 7]) await expect(items.nth(i).getByRole("checkbox")).not.toBeChecked();
  await expectAccessible(page);
  await page.getByRole("toolbar", { name: "Actions sur la sélection" }).getByRole("button", { name: "Déplacer vers Archives" }).click();
  await expect(page.getByText("5 messages déplacés vers Archives.")).toBeVisible();
  await expect(messageList(page).getByRole("link")).toHaveCount(3);
  for (const moved of range)
    await expect(messageList(page).getByRole("link", { name: moved.split("\n").find((l) => l.startsWith(name)) })).toHaveCount(0);

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
  await dragOnto(
    page,
    row(page, `${name} n°02`),
    folderNav(page).getByRole("link", { name: /^Corbeille/ }),
    "1 message déplacé vers Corbeille.",
  );
  await expect(messageList(page).getByRole("link")).toHaveCount(1);
  await folderNav(page)
    .getByRole("link", { name: /^Corbeille/ })
    .click();
  await expect(row(page, `${name} n°02`)).toBeVisible();
});
