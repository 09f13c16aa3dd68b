import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "Demo-MSSante-2026";

export async function login(page: Page, login: string) {
  await page.goto("/login");
  await page.getByLabel("Identifiant").fill(login);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter", exact: true }).click();
  // Home leads to the first box, else to what the person administers.
  await expect(page).toHaveURL(/\/(m\/[0-9a-f-]+\/inbox|delegations|liste-blanche)$/);
}

/** A separate browser session for a second person. */
export async function loginAs(browser: Browser, who: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, who);
  return page;
}

export const mailboxNav = (page: Page) => page.getByRole("navigation", { name: "Boîtes aux lettres" });
export const folderNav = (page: Page) => page.getByRole("navigation", { name: "Dossiers" });
export const messageList = (page: Page) => page.getByRole("list", { name: "Messages" });
/** The message open in the reading pane, beside the list (whose previews repeat its first words). */
export const openMessage = (page: Page) => page.getByRole("article");

export async function openBox(page: Page, name: string | RegExp) {
  await mailboxNav(page).getByRole("link", { name }).click();
  // The box's own name in the heading: « Réception » alone is also the page being left, and a click
  // made before the new box is drawn would land in the old one.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
}

export async function openFolder(page: Page, name: string) {
  await folderNav(page)
    .getByRole("link", { name: new RegExp(`^${name}`) })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
}

export function uniqueSubject(label: string) {
  return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * axe: no serious or critical violation on the page as it stands. A received
 * message's frame is left out: its content is the sender's, and axe cannot
 * run inside a frame that forbids scripts (the run then never finishes).
 */
export async function expectAccessible(page: Page) {
  // A page just navigated to may still be swapping its head: axe looks at the page once it has its title.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).exclude("iframe[sandbox]").analyze();
  const severe = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** A received message brought into the open box's Réception from its .eml, as another operator's mail arrives. */
export async function importMessage(page: Page, subject: string, body: string) {
  const eml = [
    "From: Dr Paul Girard <paul.girard@ch-exemple.mssante.fr>",
    "To: destinataire@ch-troispics.mssante.fr",
    `Subject: ${subject}`,
    `Message-ID: <${Date.now().toString(36)}${Math.random().toString(36).slice(2)}@ch-exemple.mssante.fr>`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
  await page.getByText("Importer un message (.eml)").click();
  await page
    .getByLabel("Fichier du message (.eml)")
    .setInputFiles({ name: "message.eml", mimeType: "message/rfc822", buffer: Buffer.from(eml) });
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  await expect(openMessage(page).getByRole("heading", { level: 1 })).toHaveText(subject);
}

/**
 * Each test works a shared box of its own, created by the structure's manager with Dr Dupont responsible,
 * and filled over SMTP as another operator would: bulk actions on it touch nobody else's messages.
 */
export async function freshBox(page: Page, label: string, count: number) {
  const local = `tri-${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
  const name = `Tri ${label} ${local.slice(-6)}`;
  await login(page, "sophie.bernard");
  const form = page.getByRole("region", { name: "Créer une boîte organisationnelle" });
  await form.getByLabel("Adresse (@ch-troispics.mssante.fr)").fill(local);
  await form.getByLabel("Nom affiché").fill(name);
  await form.getByLabel("Professionnel responsable").selectOption({ label: "Dr Jean Dupont" });
  await form.getByRole("button", { name: "Créer la boîte" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Boîte créée.");
  const { operatorClient } = await import("./instances");
  const operator = await operatorClient();
  for (let i = 1; i <= count; i++)
    await operator.sendMail({
      from: "Dr Antoine Leroy <antoine.leroy@medecin.mssante.fr>",
      to: `${local}@ch-troispics.mssante.fr`,
      subject: `${name} n°${String(i).padStart(2, "0")}`,
      text: `Message ${i} à trier.`,
    });
  operator.close();
  await page.context().clearCookies();
  await login(page, "jean.dupont");
  await mailboxNav(page)
    .getByRole("link", { name: new RegExp(name) })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(messageList(page).getByRole("link")).toHaveCount(Math.min(count, 50));
  return name;
}

/**
 * On the Délégations screen: open a box's grant form if folded, then find a person by typing part of her
 * name or profession and choose her in the list (drawn over the page, outside the box's section).
 */
export async function pickPerson(page: Page, section: Locator, person: string, typed: string) {
  const picker = section.getByRole("combobox", { name: "Personne de la structure" });
  if (await picker.isHidden()) await section.getByText("Accorder une délégation").click();
  await picker.fill(typed);
  await page.getByRole("option", { name: person }).click();
  await expect(picker).toHaveValue(person);
}

/**
 * Drag a list row onto a folder of the sidebar as a hand does — pressed, carried over, let go — until the
 * page says it moved (tried again if the page moved under the pointer).
 */
export async function dragOnto(page: Page, source: Locator, target: Locator, said: string) {
  // Row and folder both in view: by the end of the suite the sidebar lists many boxes above the folders.
  await page.setViewportSize({ width: 1280, height: 1400 });
  await expect(async () => {
    await source.hover();
    await page.mouse.down();
    await target.hover();
    await target.hover();
    await page.mouse.up();
    await expect(page.getByText(said)).toBeVisible({ timeout: 3_000 });
  }).toPass();
}
