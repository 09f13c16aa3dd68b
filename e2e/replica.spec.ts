import { expect, test, type Page } from "@playwright/test";
import { importMessage, loginAs, messageList, openFolder, uniqueSubject } from "./helpers";
import { replicaRun, webmailWithReplica } from "./replica-harness";

// Two clusters of its own, made with PostgreSQL's tools: on the PostgreSQL run only.
test.skip(!process.env.DATABASE_URL, "a primary and its streaming replica are made with Debian's PostgreSQL tools (DATABASE_URL runs)");
test.use({ baseURL: `http://127.0.0.1:${replicaRun.web}` });

let webmail: Awaited<ReturnType<typeof webmailWithReplica>>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  webmail = await webmailWithReplica();
});

test.afterAll(async () => {
  await webmail?.close();
});

const CARDIO = "Cardiologie — CH des Trois Pics";
/** In the cardiology box's Réception from the seed; these clusters serve this test only. */
const SEEDED = /Demande de rendez-vous — Mme Colette ARNAUD/;

async function send(page: Page, to: string, subject: string) {
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await page.getByLabel("À", { exact: true }).fill(to);
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByLabel("Message", { exact: true }).fill("Écrit pendant que le réplica est en pause.");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Message envoyé.");
}

async function search(page: Page, words: string) {
  const box = page.getByRole("search");
  await box.getByLabel("Rechercher dans les messages").fill(words);
  await box.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Recherche");
}

const row = (page: Page, subject: string | RegExp) =>
  messageList(page).getByRole("link", { name: typeof subject === "string" ? new RegExp(subject) : subject });

test("lists and search are read from the replica; a person's own send, move and a revocation hold at once", async ({ browser }) => {
  // One story, every step leaning on the same paused replay, in four browsers: longer than a single flow.
  test.setTimeout(120_000);
  const marie = await loginAs(browser, "marie.durand");
  // Marie's other browser, on the same session: it never writes, so it is shown what everyone is shown.
  const reader = await (await browser.newContext({ storageState: await marie.context().storageState() })).newPage();
  await reader.goto(marie.url());
  await expect(row(reader, SEEDED)).toBeVisible();
  const lucie = await loginAs(browser, "lucie.petit");
  const sophie = await loginAs(browser, "sophie.bernard");

  await webmail.pause();
  await expect.poll(webmail.paused).toBe(true);

  // Someone else brings a message into the box: committed on the primary (Lucie reads it at once)…
  const arrived = uniqueSubject("Arrivé pendant la pause");
  await importMessage(lucie, arrived, "Reçu pendant que le réplica est en pause.");
  // …while Marie's list and search, read from the paused replica, do not have it.
  await reader.reload();
  await expect(row(reader, SEEDED)).toBeVisible();
  await expect(row(reader, arrived)).toHaveCount(0);
  await search(reader, arrived);
  await expect(reader.getByText("Aucun message ne correspond à cette recherche.")).toBeVisible();

  // Her own draft, saved in the background through the API (not a server action), is in Brouillons at once.
  const draft = uniqueSubject("Brouillon pendant la pause");
  await marie.getByRole("link", { name: "Nouveau message" }).click();
  await marie.getByLabel("Objet", { exact: true }).fill(draft);
  await expect(marie.getByText(/^Brouillon enregistré à/)).toBeVisible();
  await openFolder(marie, "Brouillons");
  await expect(row(marie, draft)).toBeVisible();

  // Her own send shows in Envoyés and her search finds it: after her write, her lists are read from the primary
  // (which has Lucie's message too), while her other browser still reads the replica.
  const own = uniqueSubject("Envoyé pendant la pause");
  await send(marie, "jean.dupont@ch-troispics.mssante.fr", own);
  await openFolder(marie, "Envoyés");
  await expect(row(marie, own)).toBeVisible();
  await search(marie, own);
  await expect(marie.getByRole("list", { name: "Résultats de la recherche" }).getByRole("link", { name: new RegExp(own) })).toBeVisible();
  await openFolder(marie, "Réception");
  await expect(row(marie, arrived)).toBeVisible();

  // Her own move: the message is in Archives at once, still in Réception as the replica has it.
  await row(marie, SEEDED).click();
  await marie.getByRole("button", { name: "Archiver" }).click();
  await expect(marie.getByRole("main").getByRole("status")).toHaveText("Message déplacé.");
  await expect(row(marie, SEEDED)).toHaveCount(0);
  await openFolder(marie, "Archives");
  await expect(row(marie, SEEDED)).toBeVisible();
  await openFolder(reader, "Réception");
  await expect(row(reader, SEEDED)).toBeVisible();

  // A revocation holds on the delegate's next request, whatever the replica has replayed: rights are read from the primary.
  await sophie
    .getByRole("region", { name: CARDIO })
    .getByRole("row", { name: /Lucie Petit/ })
    .getByRole("button", { name: "Révoquer — Lucie Petit" })
    .click();
  await sophie
    .getByRole("group", { name: /^Révoquer la délégation de Lucie Petit/ })
    .getByRole("button", { name: "Confirmer la révocation" })
    .click();
  await expect(sophie.getByRole("main").getByRole("status")).toHaveText("Délégation révoquée.");
  const gone = lucie.getByRole("heading", { name: "Accès retiré" });
  // Her next click, unless the page's own live refresh (also a request) got there first.
  await expect(async () => {
    if (await gone.isHidden()) await messageList(lucie).getByRole("link").first().click({ timeout: 1_000 });
    await expect(gone).toBeVisible({ timeout: 1_000 });
  }).toPass();

  // Replay resumes: the page read from the replica follows without a reload.
  await webmail.resume();
  await expect(row(reader, arrived)).toBeVisible();
  await expect(row(reader, SEEDED)).toHaveCount(0);

  // The replica goes away: lists are read from the primary, said once in the server's log, never an error page.
  await webmail.stopReplica();
  expect((await reader.reload())?.status()).toBe(200);
  await expect(row(reader, arrived)).toBeVisible();
  // The page read it twice (summary, list) and polls its summary since: one line.
  expect(webmail.output().match(/replica unavailable/g)).toHaveLength(1);
});
