import { expect, test } from "@playwright/test";
import { expectAccessible, importMessage, login, loginAs, mailboxNav, messageList, openMessage, uniqueSubject } from "./helpers";

test("search finds by stem with accents ignored, highlights, filters, and opens the message", async ({ page }) => {
  await login(page, "marie.durand");
  const search = page.getByRole("search");
  await search.getByLabel("Rechercher dans les messages").fill("ECHOCARDIOGRAPHIES");
  await search.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/\/search\?q=ECHOCARDIOGRAPHIES$/);
  const results = page.getByRole("list", { name: "Résultats de la recherche" });
  // The seeded request itself: another spec running beside this one may answer it, and its « RE : » matches too.
  const hit = results.getByRole("link", { name: /Demande d'échocardiographie — Mme Josette FAURE/ }).filter({ hasNotText: "RE :" });
  await expect(hit).toBeVisible();
  // The matching words are marked, accents and all, in the subject and the passage.
  await expect(hit.locator("mark").first()).toHaveText(/échocardiographie/i);
  await expectAccessible(page);

  // Filters narrow it and stay in the URL.
  const filters = page.getByRole("form", { name: "Filtres de recherche" });
  await filters.getByLabel("Reçus jusqu'au").fill("2000-01-01");
  await filters.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/before=2000-01-01/);
  await expect(page.getByText("Aucun message ne correspond à cette recherche.")).toBeVisible();
  await filters.getByLabel("Reçus jusqu'au").fill("");
  await filters.getByRole("button", { name: "Rechercher" }).click();
  await hit.click();
  await expect(openMessage(page).getByText("Pouvez-vous programmer une échocardiographie")).toBeVisible();

  // Query syntax is never an error.
  for (const q of ['"', "'&!:*%", "a & | !b"]) {
    await page.goto(`/m/${page.url().split("/")[4]}/search?q=${encodeURIComponent(q)}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Recherche");
  }
});

test("new mail appears in the open list and in the tab title without reloading", async ({ page, browser }) => {
  await login(page, "marie.durand");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Cardiologie");
  // The tab carries the unread count of Réception (the seed leaves her some).
  await expect(page).toHaveTitle(/^\(\d+\) Cardiologie — CH des Trois Pics — MSSanté Webmail$/);
  const before = Number(/^\((\d+)\)/.exec(await page.title())?.[1]);

  const subject = uniqueSubject("Arrivée en direct");
  const jean = await loginAs(browser, "jean.dupont");
  await jean.getByRole("link", { name: "Nouveau message" }).click();
  await jean.getByLabel("À", { exact: true }).fill("cardiologie@ch-troispics.mssante.fr");
  await jean.getByLabel("Objet", { exact: true }).fill(subject);
  await jean.getByLabel("Message", { exact: true }).fill("Message pour la boîte de cardiologie.");
  await jean.getByRole("button", { name: "Envoyer" }).click();
  await expect(jean.getByRole("main").getByRole("status")).toHaveText("Message envoyé.");

  // Marie's page was not reloaded: the list, the count and the title follow.
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toBeVisible();
  await expect(page).toHaveTitle(`(${before + 1}) Cardiologie — CH des Trois Pics — MSSanté Webmail`);
  await expect(page.getByRole("status").filter({ hasText: "1 nouveau message" })).toBeAttached();
});

test("a search of every box one holds finds what the open box does not", async ({ page }) => {
  await login(page, "jean.dupont");
  const subject = uniqueSubject("Recherche toutes boîtes");
  await importMessage(page, subject, "Rangé dans la boîte nominative.");
  await mailboxNav(page)
    .getByRole("link", { name: /cardiologie@ch-troispics\.mssante\.fr/ })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Cardiologie");

  const search = page.getByRole("search");
  await search.getByLabel("Rechercher dans les messages").fill(subject);
  await search.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByText("Aucun message ne correspond à cette recherche.")).toBeVisible();
  const filters = page.getByRole("form", { name: "Filtres de recherche" });
  await filters.getByLabel("Dans toutes mes boîtes").check();
  await filters.getByRole("button", { name: "Rechercher" }).click();
  await expect(
    page.getByRole("list", { name: "Résultats de la recherche" }).getByRole("link", { name: new RegExp(subject) }),
  ).toBeVisible();
});
