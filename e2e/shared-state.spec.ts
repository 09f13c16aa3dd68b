import { expect, test } from "@playwright/test";
import {
  expectAccessible,
  folderNav,
  freshBox,
  importMessage,
  login,
  loginAs,
  mailboxNav,
  messageList,
  pickPerson,
  uniqueSubject,
} from "./helpers";

test("« Traité » is the team's: a colleague sees who handled it, and « À traiter » leaves it out", async ({ page, browser }) => {
  const subject = uniqueSubject("Demande de rendez-vous");
  await login(page, "marie.durand");
  await importMessage(page, subject, "Pouvez-vous me proposer un créneau ?");
  await page.getByRole("button", { name: "Traité", exact: true }).click();
  await expect(page.getByRole("button", { name: "À traiter de nouveau" })).toBeVisible();

  const lucie = await loginAs(browser, "lucie.petit");
  const row = messageList(lucie).getByRole("link", { name: new RegExp(subject) });
  await expect(row).toContainText(/Traité par Marie Durand le/);
  await lucie.getByRole("link", { name: "À traiter", exact: true }).click();
  await expect(lucie.getByRole("link", { name: "À traiter", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(messageList(lucie).getByRole("link", { name: new RegExp(subject) })).toHaveCount(0);
  await expectAccessible(lucie);
});

test("a new delegate's unread count starts with her delegation: only what arrives after counts", async ({ page, browser }) => {
  const name = await freshBox(page, "delegue", 3);
  const address = await mailboxNav(page)
    .getByRole("link", { name: new RegExp(name) })
    .innerText();

  const manager = await loginAs(browser, "sophie.bernard");
  const section = manager.getByRole("region", { name });
  await pickPerson(manager, section, "Lucie Petit — Secrétaire médicale", "pet");
  await section.getByRole("checkbox", { name: "Lecture" }).check();
  await section.getByRole("button", { name: "Enregistrer la délégation" }).click();
  await expect(manager.getByRole("main").getByRole("status")).toHaveText("Délégation enregistrée.");

  const lucie = await loginAs(browser, "lucie.petit");
  await mailboxNav(lucie)
    .getByRole("link", { name: new RegExp(name) })
    .click();
  await expect(lucie.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(messageList(lucie).getByRole("link")).toHaveCount(3);
  await expect(messageList(lucie).getByText("Non lu")).toHaveCount(0);
  await expect(folderNav(lucie).getByRole("link", { name: /^Réception/ })).toHaveAccessibleName("Réception");

  const { operatorClient } = await import("./instances");
  const operator = await operatorClient();
  const later = uniqueSubject("Arrivé après la délégation");
  await operator.sendMail({
    from: "Dr Antoine Leroy <antoine.leroy@medecin.mssante.fr>",
    to: address.match(/[\w.-]+@ch-troispics\.mssante\.fr/)![0],
    subject: later,
    text: "Nouveau message.",
  });
  operator.close();
  // The open page follows by itself.
  await expect(folderNav(lucie).getByRole("link", { name: /^Réception/ })).toHaveAccessibleName("Réception 1 non lu");
  await expect(messageList(lucie).getByRole("link", { name: new RegExp(later) })).toContainText("Non lu");
});
