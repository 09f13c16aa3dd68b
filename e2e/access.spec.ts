import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, login, loginAs, mailboxNav, messageList, PASSWORD } from "./helpers";

test("the secretary typing the URL of the cardiologist's nominative box gets 'introuvable'", async ({ page, browser }) => {
  const cardiologist = await loginAs(browser, "jean.dupont");
  const ownBox = mailboxNav(cardiologist).getByRole("link", { name: /jean\.dupont@ch-troispics\.mssante\.fr/ });
  const boxUrl = await ownBox.getAttribute("href");
  await ownBox.click();
  await messageList(cardiologist).getByRole("link").first().click();
  await cardiologist.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
  const threadUrl = new URL(cardiologist.url()).pathname;
  expect(boxUrl).toMatch(/^\/m\/[0-9a-f-]+\/inbox$/);

  await login(page, "marie.durand");
  for (const url of [boxUrl!, threadUrl, boxUrl!.replace("/inbox", "/compose"), "/m/pas-un-identifiant/inbox"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "Introuvable" })).toBeVisible();
    await expect(page.getByText("Introuvable : cet élément n'existe pas ou vous n'y avez pas accès.")).toBeVisible();
  }

  // A thread of his box read through the shared box's URL is just as missing.
  const cardioUrl = await mailboxNav(await loginAs(browser, "marie.durand"))
    .getByRole("link")
    .first()
    .getAttribute("href");
  await page.goto(`${cardioUrl}/${threadUrl.split("/").at(-1)}`);
  await expect(page.getByRole("heading", { name: "Introuvable" })).toBeVisible();
});

test("logging out ends the session: the mailbox asks to log in again", async ({ page }) => {
  await login(page, "claire.martin");
  const inbox = page.url();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Vous êtes déconnecté.");
  await page.goto(inbox);
  await expect(page).toHaveURL(/\/login/);
});

test("a password too long to be one is told so, not that the login is missing", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Identifiant").fill("jean.dupont");
  await page.getByLabel("Mot de passe").fill("a".repeat(1001));
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Mot de passe trop long : 1\s000 caractères au plus\.$/);
});

test("a wrong password is refused in French", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Identifiant").fill("jean.dupont");
  await page.getByLabel("Mot de passe").fill("pas-le-bon");
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Identifiant ou mot de passe incorrect.");
});

test("after five wrong passwords the login is suspended for a while, said in French alike whether the account exists", async ({ page }) => {
  const attempt = async (login: string, password: string) => {
    await page.getByLabel("Identifiant").fill(login);
    await page.getByLabel("Mot de passe").fill(password);
    await page.getByRole("button", { name: "Se connecter", exact: true }).click();
    // The form empties itself once the answer is in.
    await expect(page.getByLabel("Identifiant")).toHaveValue("");
    return page.getByRole("main").getByRole("alert");
  };
  const locked =
    "Trop de tentatives de connexion : réessayez dans une minute. Si vous avez oublié votre mot de passe, adressez-vous au gestionnaire de votre structure.";
  for (const login of ["luc.moreau", "quelquun.dautre"]) {
    await page.goto("/login");
    for (let i = 1; i <= 5; i++) await expect(await attempt(login, `essai-${i}`)).toHaveText("Identifiant ou mot de passe incorrect.");
    await expect(await attempt(login, "essai-6")).toHaveText(locked);
  }
  // Locked: the right password too waits for the delay.
  await expect(await attempt("luc.moreau", PASSWORD)).toHaveText(locked);
  await expect(page).toHaveURL(/\/login$/);
});

test("changing one's password closes one's other sessions at their next request, and the new password opens the next login", async ({
  page,
  browser,
}) => {
  // Paul has no box yet: his home is the page that says so.
  const signIn = async (p: Page, password: string) => {
    await p.goto("/login");
    await p.getByLabel("Identifiant").fill("paul.girard");
    await p.getByLabel("Mot de passe").fill(password);
    await p.getByRole("button", { name: "Se connecter", exact: true }).click();
  };
  const other = await (await browser.newContext()).newPage();
  await signIn(other, PASSWORD);
  await expect(other).toHaveURL(/\/$/);
  await signIn(page, PASSWORD);
  await expect(page).toHaveURL(/\/$/);
  const change = async (current: string, next: string) => {
    await page.getByRole("link", { name: "Mot de passe" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changer de mot de passe");
    await page.getByLabel("Mot de passe actuel").fill(current);
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(next);
    await page.getByLabel("Confirmez le nouveau mot de passe").fill(next);
    await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  };
  await change("pas-le-bon", "Secrétariat-2026!");
  await expect(page.getByText("Mot de passe actuel incorrect.")).toBeVisible();
  await expectAccessible(page);
  await change(PASSWORD, "Secrétariat-2026!");
  await expect(page.getByRole("status").filter({ hasText: "Mot de passe changé." })).toHaveText(
    "Mot de passe changé. Votre autre session a été fermée.",
  );
  // The other browser is out at its next request; this one stays in.
  await other.reload();
  await expect(other).toHaveURL(/\/login/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Changer de mot de passe");
  await signIn(other, PASSWORD);
  await expect(other.getByRole("main").getByRole("alert")).toHaveText("Identifiant ou mot de passe incorrect.");
  await signIn(other, "Secrétariat-2026!");
  await expect(other).toHaveURL(/\/$/);
  // Back to the demo password, for the tests that follow.
  await change("Secrétariat-2026!", PASSWORD);
  await expect(page.getByRole("status").filter({ hasText: "Mot de passe changé." })).toBeVisible();
});
