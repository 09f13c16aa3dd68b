import { expect, test, type Page } from "@playwright/test";
import { sendFromAppBox } from "./app-box";
import { login, uniqueSubject } from "./helpers";

type Shown = { title: string; body: string; onclick: (() => void) | null };

/** Each `new Notification(…)` of the page is recorded, not shown; the browser's own permission still decides. */
const recordNotifications = () => {
  const Real = window.Notification;
  const shown: Shown[] = [];
  (window as unknown as { shown: Shown[] }).shown = shown;
  class Recorded {
    static get permission() {
      return Real.permission;
    }
    static requestPermission() {
      return Real.requestPermission();
    }
    onclick: (() => void) | null = null;
    body: string;
    constructor(
      readonly title: string,
      options: NotificationOptions = {},
    ) {
      this.body = options.body ?? "";
      shown.push(this);
    }
    close() {}
  }
  window.Notification = Recorded as unknown as typeof Notification;
};
const shown = (page: Page) =>
  page.evaluate(() => (window as unknown as { shown: Shown[] }).shown.map(({ title, body }) => ({ title, body })));

test("new mail in any of her boxes is a desktop notification once she turns them on, sender and subject or the box alone", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["notifications"]);
  await context.addInitScript(recordNotifications);
  await login(page, "jean.dupont");
  const settings = page.getByRole("region", { name: "Notifications de bureau" });
  // Never asked for unprompted.
  await expect(settings.getByRole("checkbox", { name: "Masquer l'expéditeur et l'objet" })).toHaveCount(0);
  const started = page.waitForResponse((r) => r.url().endsWith("/api/notifications") && r.ok());
  await settings.getByRole("button", { name: "Activer les notifications" }).click();
  await started;
  await expect(settings.getByRole("checkbox", { name: "Masquer l'expéditeur et l'objet" })).not.toBeChecked();

  const subject = uniqueSubject("Compte rendu d'hospitalisation");
  await sendFromAppBox(request, { data: { to: ["jean.dupont@ch-troispics.mssante.fr"], subject, body: "Compte rendu joint." } });
  await expect.poll(() => shown(page)).toContainEqual({ title: "Comptes rendus — CH des Trois Pics", body: subject });

  // Clicking it opens the message.
  await page.evaluate((s) => (window as unknown as { shown: Shown[] }).shown.find((n) => n.body === s)?.onclick?.(), subject);
  await expect(page).toHaveURL(/\/m\/[0-9a-f-]+\/inbox\/[0-9a-f-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);

  // Hidden sender and subject, for a box other than the one open: only the box is named.
  await settings.getByRole("checkbox", { name: "Masquer l'expéditeur et l'objet" }).check();
  const discreet = uniqueSubject("Résultat confidentiel");
  await sendFromAppBox(request, { data: { to: ["cardiologie@ch-troispics.mssante.fr"], subject: discreet, body: "Compte rendu joint." } });
  await expect.poll(() => shown(page)).toContainEqual({ title: "Nouveau message dans Cardiologie — CH des Trois Pics", body: "" });
  expect(JSON.stringify(await shown(page))).not.toContain(discreet);
  // The choice is this browser's: it holds after a reload.
  await page.reload();
  await expect(settings.getByRole("checkbox", { name: "Masquer l'expéditeur et l'objet" })).toBeChecked();
});
