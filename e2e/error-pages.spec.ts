import { expect, test } from "@playwright/test";
import { expectAccessible, login } from "./helpers";

test("an unknown address answers 'Introuvable' in French, with the person's header and a way back", async ({ page }) => {
  await login(page, "jean.dupont");
  const response = await page.goto("/cette-page-n-existe-pas");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Introuvable" })).toBeVisible();
  await expect(page.getByText("Introuvable : cet élément n'existe pas ou vous n'y avez pas accès.")).toBeVisible();
  const header = page.getByRole("banner");
  await expect(header).toContainText("Jean Dupont");
  await expect(header.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("main").getByRole("link", { name: "Retour à la messagerie" }).click();
  await expect(page).toHaveURL(/\/m\/[0-9a-f-]+\/inbox$/);
});

test("a visitor gets the same page, without a header naming anyone", async ({ page }) => {
  const response = await page.goto("/cette-page-n-existe-pas");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Introuvable" })).toBeVisible();
  await expect(page.getByRole("banner")).toHaveCount(0);
  await page.getByRole("link", { name: "Retour à la messagerie" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("the favicon answers, as ICO and SVG, and pages point to it", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect([...(await ico.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]); // ICO header: reserved 0, type 1 (icon)
  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");

  await page.goto("/login");
  await expect(page.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
});
