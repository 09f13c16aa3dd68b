import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { expectAccessible, login, loginAs, messageList } from "./helpers";

test("the manager filters the journal to a secretary's actions on the cardiology box and exports it", async ({ page, browser }) => {
  // Marie reads a message of the cardiology box: that is what the manager will find.
  const marie = await loginAs(browser, "marie.durand");
  await messageList(marie)
    .getByRole("link", { name: /Résultats — NT-proBNP/ })
    .click();
  await expect(marie.getByRole("list", { name: "Conversation" })).toBeVisible();

  await login(page, "sophie.bernard");
  await page.getByRole("link", { name: "Journal d'audit" }).click();
  await expect(page.getByRole("heading", { name: "Journal d'audit" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Chaîne d'intégrité vérifiée");

  await page.getByLabel("Personne").selectOption({ label: "Marie Durand" });
  await page.getByLabel("Boîte").selectOption({ label: "cardiologie@ch-troispics.mssante.fr" });
  await page.getByLabel("Action").selectOption({ label: "Consultation" });
  await page.getByLabel("Résultat").selectOption({ label: "Réussite" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/person=.*mailbox=.*action=message\.read.*result=success/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  for (const row of await rows.all()) {
    if ((await row.getByRole("columnheader").count()) > 0) continue;
    await expect(row).toContainText("Marie Durand");
    await expect(row).toContainText("cardiologie@ch-troispics.mssante.fr");
    await expect(row).toContainText("Consultation");
    // The message is named by its folder and date, never by its subject.
    await expect(row).toContainText(/Message \(Réception, \d+ \S+ \d{4}/);
  }
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exporter en CSV" }).click();
  const file = await (await download).path();
  const bytes = await readFile(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM
  const lines = bytes.subarray(3).toString("utf8").trim().split("\n");
  expect(lines[0]).toBe("Date;Personne;Boîte;Action;Résultat;Cible;Motif;Adresse IP;Navigateur");
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) {
    // Paris time with its offset, the target named, a short browser label rather than the whole user agent.
    expect(line).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0[12]:00;Marie Durand;cardiologie@ch-troispics\.mssante\.fr;Consultation;Réussite;Message \(Réception, [^;]+\);;[^;]*;Chrome[^;/]* \d+ \/ Linux\r?$/,
    );
    expect(line).not.toContain("Mozilla/5.0");
  }
  expect(bytes.toString("utf8")).not.toContain("NT-proBNP");

  // The export is itself in the journal.
  await page.goto("/audit?action=audit.export");
  await expect(page.getByRole("table")).toContainText("Sophie Bernard");
  await expect(page.getByRole("table")).toContainText("Export du journal");
});

test("the journal is out of reach for anyone but the structure's managers", async ({ page }) => {
  await login(page, "marie.durand");
  await expect(page.getByRole("link", { name: "Journal d'audit" })).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Introuvable" })).toBeVisible();
  const response = await page.request.get("/api/audit/export");
  expect(response.status()).toBe(404);
});
