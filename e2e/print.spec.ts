import { expect, test, type Page } from "@playwright/test";
import { sendFromAppBox } from "./app-box";
import { expectAccessible, login, loginAs, messageList, openMessage, uniqueSubject } from "./helpers";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

/** The print dialog is counted, not opened: each page of the context records its calls. */
const countPrints = () => {
  (window as unknown as { printed: number }).printed = 0;
  window.print = () => {
    (window as unknown as { printed: number }).printed++;
  };
};
const printed = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);

test("« Imprimer » opens the message alone, printed once loaded; printing a thread leaves the app's chrome out", async ({
  page,
  context,
  request,
  browser,
}) => {
  const subject = uniqueSubject("Compte rendu à imprimer");
  await sendFromAppBox(request, {
    multipart: {
      to: "jean.dupont@ch-troispics.mssante.fr",
      subject,
      body: "Échographie cardiaque sans particularité.",
      attachments: { name: "echographie.pdf", mimeType: "application/pdf", buffer: PDF },
    },
  });

  await context.addInitScript(countPrints);
  await login(page, "jean.dupont");
  await messageList(page)
    .getByRole("link", { name: new RegExp(subject) })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);

  const opened = context.waitForEvent("page");
  await openMessage(page).getByText("Plus d'actions").click();
  await page.getByRole("link", { name: "Imprimer", exact: true }).click();
  const view = await opened;
  await expect(view).toHaveURL(/\/imprimer\/[0-9a-f-]+\/[0-9a-f-]+$/);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText(subject);
  const header = view.getByRole("article");
  await expect(header.getByRole("definition").filter({ hasText: "comptes-rendus_noreply@ch-troispics.mssante.fr" })).toBeVisible();
  await expect(header.getByRole("definition").filter({ hasText: "Dr Jean Dupont <jean.dupont@ch-troispics.mssante.fr>" })).toBeVisible();
  await expect(view.getByText("Échographie cardiaque sans particularité.")).toBeVisible();
  // The files by name and size, nothing to click.
  const files = view.getByRole("region", { name: "Pièces jointes" });
  await expect(files.getByRole("listitem")).toHaveText(/^echographie\.pdf \(\d+ o\)$/);
  await expect(files.getByRole("link")).toHaveCount(0);
  // The message alone: no header, navigation or list of the app.
  await expect(view.getByRole("banner")).toHaveCount(0);
  await expect(view.getByRole("navigation")).toHaveCount(0);
  await expect(view.getByRole("list", { name: "Messages" })).toHaveCount(0);
  await expect.poll(() => printed(view)).toBe(1);
  await expectAccessible(view);

  // On screen, its own controls; on paper, none.
  await expect(view.getByRole("link", { name: "Retour" })).toBeVisible();
  await view.getByRole("button", { name: "Imprimer" }).click();
  expect(await printed(view)).toBe(2);
  await view.emulateMedia({ media: "print" });
  await expect(view.getByRole("button", { name: "Imprimer" })).toBeHidden();
  await expect(view.getByRole("link", { name: "Retour" })).toBeHidden();
  await expect(view.getByText("Échographie cardiaque sans particularité.")).toBeVisible();

  // Another person, through her own box or the message's: the very page of anything out of reach.
  const claire = await loginAs(browser, "claire.martin");
  const claireBox = claire.url().split("/")[4];
  const [, , box, message] = new URL(view.url()).pathname.split("/");
  for (const url of [`/imprimer/${box}/${message}`, `/imprimer/${claireBox}/${message}`]) {
    await claire.goto(url);
    await expect(claire.getByRole("heading", { level: 1 })).toHaveText("Introuvable");
    await expect(claire.getByText("Échographie cardiaque")).toHaveCount(0);
  }

  // Ctrl+P on the thread itself: the messages only.
  const chrome = ["banner", "navigation", "complementary", "search", "button"] as const;
  for (const role of chrome) await expect(page.getByRole(role).first(), role).toBeVisible();
  await page.emulateMedia({ media: "print" });
  for (const role of chrome) {
    const all = await page.getByRole(role, { includeHidden: true }).all();
    expect(all.length, role).toBeGreaterThan(0);
    for (const element of all) await expect(element, role).toBeHidden();
  }
  await expect(page.getByRole("link", { name: "Imprimer", exact: true })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(openMessage(page).getByText("Échographie cardiaque sans particularité.")).toBeVisible();
});
