import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, mailboxNav } from "./helpers";

/** « Se connecter avec Pro Santé Connect », then the e-CPS login at PSC (the test provider's page). */
async function throughPsc(page: Page, who: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Se connecter avec Pro Santé Connect" }).click();
  await expect(page.getByRole("heading", { name: "Pro Santé Connect" })).toBeVisible();
  await page.getByLabel("Identifiant e-CPS").fill(who);
  await page.getByRole("button", { name: "Valider" }).click();
}

test("a cardiologist logs in with Pro Santé Connect, reaches his box, and logging out ends his PSC session too", async ({ page }) => {
  await throughPsc(page, "jean");
  await expect(page).toHaveURL(/\/m\/[0-9a-f-]+\/inbox$/);
  await expect(mailboxNav(page).getByRole("link", { name: /Dr Jean Dupont/ })).toBeVisible();
  // PSC's tokens stay on the server: the cookies hold none of them.
  const cookies = (await page.context().cookies()).map((c) => c.value).join(" ");
  expect(cookies).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  // At PSC: its own page asks, as Pro Santé Connect's does, then brings him back.
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(/\/login\?loggedOut=1&state=/);
  await expect(page.getByText("Vous êtes déconnecté.")).toBeVisible();
  // Logged out there too: PSC asks for the e-CPS login again.
  await page.getByRole("button", { name: "Se connecter avec Pro Santé Connect" }).click();
  await expect(page.getByLabel("Identifiant e-CPS")).toBeVisible();
});

test("an RPPS without an account here gets a French page saying whom to ask, and no account is created", async ({ page }) => {
  await throughPsc(page, "inconnu");
  await expect(page).toHaveURL(/\/connexion-refusee\?motif=unknown_rpps$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion refusée");
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    "votre numéro RPPS n'est associé à aucun compte de cette messagerie",
  );
  await expectAccessible(page);
  await page.getByRole("link", { name: "Revenir à la page de connexion" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("an answer that is not the one asked for is refused, and traced: another state, another nonce", async ({ page, context }) => {
  // A login started, then another in a second tab: the first one's answer no longer matches the state kept.
  await page.goto("/login");
  await page.getByRole("button", { name: "Se connecter avec Pro Santé Connect" }).click();
  await expect(page.getByLabel("Identifiant e-CPS")).toBeVisible();
  const second = await context.newPage();
  await second.goto("/login");
  await second.getByRole("button", { name: "Se connecter avec Pro Santé Connect" }).click();
  await expect(second.getByLabel("Identifiant e-CPS")).toBeVisible();
  await page.getByLabel("Identifiant e-CPS").fill("jean");
  await page.getByRole("button", { name: "Valider" }).click();
  await expect(page).toHaveURL(/\/connexion-refusee/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("La réponse de Pro Santé Connect n'a pas pu être vérifiée");
  await second.close();

  // The nonce asked for, changed on the way to PSC: the ID token carries another one.
  await page.route(
    /\/auth\/realms\/esante-wallet\/auth\?/,
    (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set("nonce", "nonce-rejoue");
      return route.fulfill({ status: 302, headers: { location: url.toString() } });
    },
    { times: 1 },
  );
  // Still signed in at PSC from the first attempt: PSC answers at once, with the nonce it was given.
  await page.goto("/login");
  await page.getByRole("button", { name: "Se connecter avec Pro Santé Connect" }).click();
  await expect(page).toHaveURL(/\/connexion-refusee/);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("La réponse de Pro Santé Connect n'a pas pu être vérifiée");
});
