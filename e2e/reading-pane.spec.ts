import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, folderNav, freshBox, importMessage, login, messageList, openMessage, uniqueSubject } from "./helpers";

/** The bodies of the requests Next's router makes to open a message (not prefetches), kept as they pass. */
async function recordMoves(page: Page) {
  const bodies: string[] = [];
  await page.route(/\/m\/[^/]+\/[^/]+\/[^/?]+(\?|$)/, async (route) => {
    const headers = route.request().headers();
    if (headers["rsc"] !== "1" || headers["next-router-prefetch"]) return route.fallback();
    const response = await route.fetch();
    const body = await response.text();
    bodies.push(body);
    await route.fulfill({ response, body });
  });
  return bodies;
}

test("the reading pane opens messages beside the list, which stays; back and forward walk through them", async ({ page }) => {
  await login(page, "claire.martin");
  const first = uniqueSubject("Volet de lecture A");
  const second = uniqueSubject("Volet de lecture B");
  await importMessage(page, first, "Premier message du volet.");
  await importMessage(page, second, "Second message du volet.");
  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(page.getByText("Aucun message ouvert")).toBeVisible();
  const inbox = page.url();

  const rowA = messageList(page).getByRole("link", { name: new RegExp(first) });
  const rowB = messageList(page).getByRole("link", { name: new RegExp(second) });
  const moves = await recordMoves(page);
  await rowA.click();
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(first);
  await expect(rowA).toHaveAttribute("aria-current", "true");
  // The server sent the message alone, not the list the browser keeps (lib/http/kept-list.ts).
  expect(moves).toHaveLength(1);
  expect(moves[0]).not.toContain(second);
  // The list is still there, with its preview of each message.
  await expect(rowB).toContainText("Second message du volet.");
  await rowB.click();
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(second);
  await expect(rowA).not.toHaveAttribute("aria-current", "true");

  await page.goBack();
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(first);
  await page.goBack();
  await expect(page).toHaveURL(inbox);
  await expect(page.getByText("Aucun message ouvert")).toBeVisible();
  await page.goForward();
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(first);

  // The address opens the same view on its own; "Pleine page" gives the message the width.
  await page.goto(page.url());
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(first);
  await expect(messageList(page)).toBeVisible();
  await page.getByRole("link", { name: "Pleine page" }).click();
  await expect(messageList(page)).toBeHidden();
  await page.getByRole("link", { name: "Afficher la liste" }).click();
  await expect(messageList(page)).toBeVisible();
  await expectAccessible(page);
});

test("a message opened from a search has its folder's list beside it, which stays as the next one opens", async ({ page }) => {
  await login(page, "claire.martin");
  const first = uniqueSubject("Depuis la recherche A");
  const second = uniqueSubject("Depuis la recherche B");
  await importMessage(page, first, "Premier message trouvé.");
  await importMessage(page, second, "Second message trouvé.");

  const search = page.getByRole("search");
  await search.getByLabel("Rechercher dans les messages").fill(first);
  await search.getByRole("button", { name: "Rechercher" }).click();
  // The results' own prefetches settled first: a click while one is in flight lets the router reuse it instead
  // of asking for the move.
  await page.waitForLoadState("networkidle");
  const moves = await recordMoves(page);
  await page
    .getByRole("list", { name: "Résultats de la recherche" })
    .getByRole("link", { name: new RegExp(first) })
    .click();
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(first);
  expect(moves).toHaveLength(1);
  expect(moves[0]).toContain(second);
  // The browser held no list of Réception: the page brings it, with both messages.
  const rowA = messageList(page).getByRole("link", { name: new RegExp(first) });
  const rowB = messageList(page).getByRole("link", { name: new RegExp(second) });
  await expect(rowA).toHaveAttribute("aria-current", "true");
  await rowB.click();
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(second);
  await expect(rowA).toContainText("Premier message trouvé.");
  await expect(rowB).toHaveAttribute("aria-current", "true");
});

test("five messages triaged from the keyboard alone", async ({ page }) => {
  // A box of its own, so no other test's mail comes between the five.
  const name = await freshBox(page, "clavier", 5);
  const rows = messageList(page).getByRole("link");
  const subjectOf = async (row: Locator) =>
    (await row.innerText())
      .split("\n")
      .find((line) => line.startsWith(name))!
      .split(" — ")[0];

  // j walks down the list from the top, k back up.
  await page.keyboard.press("j");
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.first()).toBeFocused();
  // Opened and left with u, the focus comes back to the row.
  await page.keyboard.press("o");
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toBeFocused();
  await page.keyboard.press("u");
  await expect(page.getByText("Aucun message ouvert")).toBeVisible();
  await expect(rows.first()).toBeFocused();

  const archived: string[] = [];
  for (let left = 5; left > 0; left--) {
    // Open the focused row, archive it from the message, and land back on the list.
    const subject = await subjectOf(rows.first());
    await page.keyboard.press("Enter");
    const heading = openMessage(page).getByRole("heading", { level: 1 });
    await expect(heading).toHaveText(subject);
    await expect(heading).toBeFocused();
    await page.keyboard.press("e");
    await expect(page.getByText("Aucun message ouvert")).toBeVisible();
    await expect(rows).toHaveCount(left - 1);
    archived.push(subject);
    if (left > 1) {
      await page.keyboard.press("j");
      await expect(rows.first()).toBeFocused();
    }
  }
  await folderNav(page)
    .getByRole("link", { name: /^Archives/ })
    .click();
  for (const subject of archived) await expect(messageList(page).getByRole("link", { name: subject })).toBeVisible();

  // Typing in a field is typing, not a shortcut; "?" lists the keys.
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox").first()).toBeFocused();
  await page.keyboard.type("jk");
  await expect(page.getByRole("searchbox").first()).toHaveValue("jk");
  await page.keyboard.press("Escape");
  await page.getByRole("searchbox").first().blur();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Raccourcis clavier" });
  await expect(help).toContainText("Revenir à la liste");
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("the list first, a message alone, and back; the folders in a drawer; nothing scrolls sideways", async ({ page }) => {
    await login(page, "claire.martin");
    const subject = uniqueSubject("Téléphone");
    await importMessage(page, subject, "Lu sur un téléphone.");
    await expect(messageList(page)).toBeHidden();
    await page.getByRole("link", { name: "Retour à la liste" }).click();

    const firstRow = messageList(page).getByRole("link").first();
    await expect(firstRow).toBeInViewport();
    const box = await firstRow.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await expect(folderNav(page)).toBeHidden();
    const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noSideScroll()).toBe(true);
    await expectAccessible(page);

    await messageList(page)
      .getByRole("link", { name: new RegExp(subject) })
      .tap();
    await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(subject);
    await expect(messageList(page)).toBeHidden();
    expect(await noSideScroll()).toBe(true);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Retour à la liste" }).tap();
    await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toBeVisible();

    await page.getByRole("button", { name: "Dossiers et boîtes" }).tap();
    const drawer = page.getByRole("dialog", { name: "Dossiers et boîtes" });
    await expect(drawer.getByRole("navigation", { name: "Dossiers" })).toBeVisible();
    await expectAccessible(page);
    await drawer.getByRole("link", { name: /^Envoyés/ }).tap();
    await expect(drawer).toBeHidden();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Envoyés");
  });
});
