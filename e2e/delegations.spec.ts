import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, login, loginAs, mailboxNav, messageList, openBox, openFolder, pickPerson, uniqueSubject } from "./helpers";

// These flows change who may open which box: one at a time.
test.describe.configure({ mode: "serial" });

const CARDIO = "Cardiologie — CH des Trois Pics";

async function grantFrom(page: Page, box: string, person: string, search: string, rights: string[], until?: string) {
  const section = page.getByRole("region", { name: box });
  await pickPerson(page, section, person, search);
  for (const right of ["Lecture", "Brouillons, classement, suppression", "Envoi pour la boîte"]) {
    const box_ = section.getByRole("checkbox", { name: right });
    if ((await box_.count()) === 0) continue;
    if (rights.includes(right)) await box_.check();
    else await box_.uncheck();
  }
  if (until) await section.getByLabel("Fin de la délégation (incluse, facultative)").fill(until);
  await section.getByRole("button", { name: "Enregistrer la délégation" }).click();
}

test("the manager grants read to a secretary, then revokes it while her page is open", async ({ page, browser }) => {
  await login(page, "sophie.bernard");
  await expect(page).toHaveURL(/\/delegations$/);
  await grantFrom(page, CARDIO, "Paul Girard — Secrétaire médical", "gir", ["Lecture"]);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Délégation enregistrée.");
  const row = page.getByRole("region", { name: CARDIO }).getByRole("row", { name: /Paul Girard/ });
  await expect(row).toContainText("Lecture");
  await expect(row).toContainText("Sophie Bernard");
  await expect(row).toContainText("Active");

  const paul = await loginAs(browser, "paul.girard");
  await expect(mailboxNav(paul).getByRole("link")).toHaveCount(1);
  await expect(paul.getByRole("heading", { level: 1 })).toContainText("Cardiologie");
  // Read only: no reply, no archiving.
  await messageList(paul).getByRole("link").first().click();
  await expect(paul.getByRole("list", { name: "Conversation" })).toBeVisible();
  await expect(paul.getByRole("link", { name: "Répondre" })).toHaveCount(0);
  await expect(paul.getByRole("button", { name: "Archiver" })).toHaveCount(0);
  await paul.getByRole("link", { name: "Retour à la liste" }).click();

  // Revoking cannot be undone: it asks first, and « Annuler » leaves the delegation as it was.
  await row.getByRole("button", { name: "Révoquer — Paul Girard" }).click();
  await row.getByRole("button", { name: "Annuler" }).click();
  await expect(row.getByRole("button", { name: "Révoquer — Paul Girard" })).toBeFocused();
  await row.getByRole("button", { name: "Révoquer — Paul Girard" }).click();
  // The question names who loses what, on which box.
  const question = row.getByRole("group", { name: /^Révoquer la délégation de Paul Girard sur Cardiologie — CH des Trois Pics \?/ });
  await expect(question).toContainText("Paul Girard perd : lecture, dès sa prochaine action.");
  await question.getByRole("button", { name: "Confirmer la révocation" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Délégation révoquée.");
  await expect(page.getByRole("region", { name: CARDIO }).getByRole("row", { name: /Paul Girard/ })).toHaveCount(0);

  // His page is still open: his next click says his access was withdrawn — unless the page's own live refresh,
  // also a request, got there first.
  const gone = paul.getByRole("heading", { name: "Accès retiré" });
  await expect(async () => {
    if (await gone.isHidden()) await messageList(paul).getByRole("link").first().click({ timeout: 1_000 });
    await expect(gone).toBeVisible({ timeout: 1_000 });
  }).toPass();
});

test("a send still within its delay does not go once the delegation is withdrawn: the box's draft says why", async ({ page, browser }) => {
  const subject = uniqueSubject("Convocation échographie");
  await login(page, "sophie.bernard");
  await grantFrom(page, CARDIO, "Paul Girard — Secrétaire médical", "gir", [
    "Lecture",
    "Brouillons, classement, suppression",
    "Envoi pour la boîte",
  ]);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Délégation enregistrée.");
  const row = page.getByRole("region", { name: CARDIO }).getByRole("row", { name: /Paul Girard/ });

  // Paul sends for the box with 20 seconds to take it back; his delegation is withdrawn before they are over.
  const paul = await loginAs(browser, "paul.girard");
  await paul.getByRole("link", { name: "Nouveau message" }).click();
  await paul.getByLabel("À", { exact: true }).fill("claire.martin@msp-duval.mssante.fr");
  await paul.getByLabel("Objet", { exact: true }).fill(subject);
  await paul.getByText("Envoyer à…").click();
  await paul.getByLabel("Délai pour annuler l'envoi").selectOption({ label: "20 secondes" });
  await paul.getByRole("button", { name: "Envoyer", exact: true }).click();
  await expect(paul.getByRole("main").getByText("Le message part dans quelques secondes.")).toBeVisible();
  await row.getByRole("button", { name: "Révoquer — Paul Girard" }).click();
  await row.getByRole("button", { name: "Confirmer la révocation" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Délégation révoquée.");

  // When it falls due, the send is decided with the rights of that moment: it stays in the box's drafts,
  // where its responsible finds it with the reason, and can send it himself.
  const jean = await loginAs(browser, "jean.dupont");
  await openBox(jean, "Cardiologie");
  await openFolder(jean, "Brouillons");
  const draft = messageList(jean).getByRole("link", { name: new RegExp(subject) });
  const failed = "L'envoi programmé n'est pas parti : Introuvable ou hors d'accès";
  await expect(async () => {
    await jean.reload();
    await expect(draft).toContainText(failed, { timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await draft.click();
  await expect(jean.getByRole("main").getByRole("status").filter({ hasText: failed })).toBeVisible();
  await expect(jean.getByLabel("Objet", { exact: true })).toBeEnabled();
  await expect(jean.getByLabel("Objet", { exact: true })).toHaveValue(subject);
  await expectAccessible(jean);

  // Nothing reached Claire.
  const claire = await loginAs(browser, "claire.martin");
  await expect(messageList(claire)).toBeVisible();
  await expect(messageList(claire).getByRole("link", { name: new RegExp(subject) })).toHaveCount(0);
});

test("a grant whose end date has passed is not usable", async ({ page, browser }) => {
  await login(page, "sophie.bernard");
  const row = page.getByRole("region", { name: CARDIO }).getByRole("row", { name: /Nadia Benali/ });
  await expect(row).toContainText("Expirée");

  const nadia = await browser.newContext().then((c) => c.newPage());
  await nadia.goto("/login");
  await nadia.getByLabel("Identifiant").fill("nadia.benali");
  await nadia.getByLabel("Mot de passe").fill("Demo-MSSante-2026");
  await nadia.getByRole("button", { name: "Se connecter", exact: true }).click();
  // No box to open: the home page says so.
  await expect(nadia.getByRole("heading", { name: "Aucune boîte aux lettres" })).toBeVisible();
  const cardioUrl = await mailboxNav(await loginAs(browser, "marie.durand"))
    .getByRole("link")
    .first()
    .getAttribute("href");
  await nadia.goto(cardioUrl!);
  await expect(nadia.getByRole("heading", { name: "Accès retiré" })).toBeVisible();
  await expect(nadia.getByText("Votre accès à cette boîte vous a été retiré.", { exact: false })).toBeVisible();
});

test("an end date in the past is refused when granting", async ({ page }) => {
  await login(page, "sophie.bernard");
  await grantFrom(page, CARDIO, "Paul Girard — Secrétaire médical", "paul", ["Lecture"], "2020-01-31");
  await expect(page.getByRole("region", { name: CARDIO }).getByText("La date de fin doit être dans le futur.")).toBeVisible();
  await expect(page.getByRole("region", { name: CARDIO }).getByRole("row", { name: /Paul Girard/ })).toHaveCount(0);
});

test("the cardiologist delegates his own box to a secretary and withdraws it", async ({ page, browser }) => {
  await login(page, "jean.dupont");
  await page.getByRole("link", { name: "Délégations" }).click();
  await grantFrom(page, "Dr Jean Dupont", "Paul Girard — Secrétaire médical", "Paul", [
    "Lecture",
    "Brouillons, classement, suppression",
    "Envoi pour la boîte",
  ]);
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Délégation enregistrée.");
  const section = page.getByRole("region", { name: "Dr Jean Dupont" });
  await expect(section.getByRole("checkbox", { name: "Gestion des délégations" })).toHaveCount(0);

  const paul = await loginAs(browser, "paul.girard");
  await expect(mailboxNav(paul).getByRole("link", { name: /jean\.dupont@ch-troispics\.mssante\.fr/ })).toBeVisible();

  await section.getByRole("button", { name: "Révoquer — Paul Girard" }).click();
  await section.getByRole("button", { name: "Confirmer la révocation" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Délégation révoquée.");
  await paul.reload();
  await expect(paul.getByRole("heading", { name: "Accès retiré" })).toBeVisible();
});

test("the manager creates a shared box with its responsible", async ({ page }) => {
  await login(page, "sophie.bernard");
  const form = page.getByRole("region", { name: "Créer une boîte organisationnelle" });
  await form.getByLabel("Adresse (@ch-troispics.mssante.fr)").fill("pneumo logie");
  await form.getByLabel("Nom affiché").fill("Pneumologie — CH des Trois Pics");
  await form.getByLabel("Professionnel responsable").selectOption({ label: "Dr Jean Dupont" });
  await form.getByRole("button", { name: "Créer la boîte" }).click();
  await expect(form.getByText(/^Adresse invalide/)).toBeVisible();
  await form.getByLabel("Adresse (@ch-troispics.mssante.fr)").fill("pneumologie");
  await form.getByRole("button", { name: "Créer la boîte" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Boîte créée.");
  await expect(page.getByRole("region", { name: "Pneumologie — CH des Trois Pics" })).toContainText(
    "pneumologie@ch-troispics.mssante.fr · Organisationnelle · Responsable : Dr Jean Dupont",
  );
});

test("the manager disables a person, who is out on her next click, then enables her again", async ({ page, browser }) => {
  const nadia = await browser.newContext().then((c) => c.newPage());
  const signIn = async () => {
    await nadia.goto("/login");
    await nadia.getByLabel("Identifiant").fill("nadia.benali");
    await nadia.getByLabel("Mot de passe").fill("Demo-MSSante-2026");
    await nadia.getByRole("button", { name: "Se connecter", exact: true }).click();
  };
  await signIn();
  await expect(nadia.getByRole("heading", { name: "Aucune boîte aux lettres" })).toBeVisible();

  await login(page, "sophie.bernard");
  await page.getByRole("navigation", { name: "Rubriques" }).getByRole("link", { name: "Personnes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Personnes" })).toBeVisible();
  const row = page.getByRole("row", { name: /Nadia Benali/ });
  await expect(row).toContainText("Actif");
  await expect(page.getByRole("row", { name: /Sophie Bernard/ })).toContainText("Vous");
  await expect(page.getByRole("row", { name: /Sophie Bernard/ }).getByRole("button")).toHaveCount(0);
  await expectAccessible(page);

  await row.getByRole("button", { name: "Désactiver le compte de Nadia Benali" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Le compte est désactivé : ses sessions ouvertes ont pris fin.");
  await expect(row).toContainText("Désactivé depuis le");

  // Her page is still open: the next request finds no session, and her password no longer opens one.
  await nadia.reload();
  await expect(nadia).toHaveURL(/\/login/);
  await signIn();
  await expect(nadia.getByText("Identifiant ou mot de passe incorrect.")).toBeVisible();
  await expect(nadia).toHaveURL(/\/login/);

  await row.getByRole("button", { name: "Réactiver le compte de Nadia Benali" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Le compte est réactivé : la personne peut de nouveau se connecter.");
  await signIn();
  await expect(nadia.getByRole("heading", { name: "Aucune boîte aux lettres" })).toBeVisible();
});
