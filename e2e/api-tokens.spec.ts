import { expect, test } from "@playwright/test";
import { expectAccessible, login, uniqueSubject } from "./helpers";

const APP_BOX = "Comptes rendus — CH des Trois Pics";
const APP_ADDRESS = "comptes-rendus_noreply@ch-troispics.mssante.fr";

test("the manager creates a token for the applicative box, sees its secret once, and revokes it", async ({ page, request }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await login(page, "sophie.bernard");
  await expect(page).toHaveURL(/\/delegations$/);
  const box = page.getByRole("region", { name: APP_BOX });
  await expect(box).toContainText(APP_ADDRESS);
  const tokens = box.getByRole("region", { name: "Jetons d'accès (API)" });

  const label = uniqueSubject("DPI e2e");
  await tokens.getByLabel("Nom du jeton (le logiciel qui l'utilisera)").fill(label);
  await tokens.getByRole("button", { name: "Créer le jeton" }).click();

  const once = tokens.getByRole("group", { name: "Secret du nouveau jeton : affiché une seule fois" });
  await expect(once).toBeFocused();
  await expect(once).toContainText("il ne sera plus jamais affiché");
  const secret = await once.getByLabel("Secret du jeton").inputValue();
  expect(secret).toMatch(/^mss_[\w-]{43}$/);
  expect(page.url()).not.toContain(secret);
  await once.getByRole("button", { name: "Copier" }).click();
  await expect(once.getByRole("status")).toHaveText("Secret copié.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await expectAccessible(page);

  const prefix = `${secret.slice(0, 10)}…`;
  const row = tokens.getByRole("row", { name: new RegExp(label) });
  await expect(row).toContainText(prefix);
  await expect(row).toContainText("par Sophie Bernard");
  await expect(row).toContainText("sans date de fin");
  await expect(row).toContainText("jamais utilisé");
  await expect(row).toContainText("Actif");

  const bearer = { Authorization: `Bearer ${secret}` };
  const answered = await request.get("/api/v1/mailbox", { headers: bearer });
  expect(answered.status()).toBe(200);
  expect(await answered.json()).toMatchObject({ address: APP_ADDRESS });

  // Shown once: after a reload only the prefix is left, and the use is recorded.
  await page.reload();
  await expect(row).toContainText(prefix);
  await expect(row).not.toContainText("jamais utilisé");
  await expect(once).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  // The confirmation step: Escape leaves the token as it was, with focus back on its button.
  const revoke = row.getByRole("button", { name: `Révoquer le jeton « ${label} »` });
  await revoke.click();
  const confirmation = tokens.getByRole("group", { name: new RegExp(`Révoquer le jeton « ${label} » \\?`) });
  await expect(confirmation.getByRole("button", { name: "Annuler" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(confirmation).toHaveCount(0);
  await expect(revoke).toBeFocused();
  await page.keyboard.press("Enter");
  await confirmation.getByRole("button", { name: "Confirmer la révocation" }).click();

  await expect(page.getByRole("main").getByRole("status")).toHaveText(
    "Jeton révoqué : le logiciel qui l'utilisait est refusé dès sa prochaine requête.",
  );
  await expect(row).toHaveCount(0);
  await tokens.getByText(/^Jetons révoqués/).click();
  await expect(tokens.getByRole("listitem").filter({ hasText: label })).toContainText(`${prefix}) — par Sophie Bernard`);
  await expect(tokens.getByRole("listitem").filter({ hasText: label })).toContainText("révoqué le");

  const refused = await request.get("/api/v1/mailbox", { headers: bearer });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
});
