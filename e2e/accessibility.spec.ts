import { test } from "@playwright/test";
import { expectAccessible, login, messageList } from "./helpers";

test("login, inbox, message and compose pages have no serious accessibility violation", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page);

  await login(page, "claire.martin");
  await expectAccessible(page);

  await messageList(page).getByRole("link").first().click();
  await page.getByRole("list", { name: "Conversation" }).waitFor();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("Objet", { exact: true }).waitFor();
  await expectAccessible(page);
});

test("the delegations page has no serious accessibility violation", async ({ page }) => {
  await login(page, "sophie.bernard");
  await page.getByRole("heading", { name: "Délégations" }).waitFor();
  await expectAccessible(page);
});
