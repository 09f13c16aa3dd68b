import { randomUUID } from "node:crypto";
import http from "node:http";
import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { login, messageList, openFolder, uniqueSubject } from "./helpers";

const FORM_LIMIT = 5 * 1024 * 1024;
const TOO_LARGE = "Envoi refusé : il dépasse 5 Mo, la taille maximale d'un formulaire.";
const LENGTH_REQUIRED = "Requête refusée : la taille du contenu envoyé n'est pas annoncée.";
const MALFORMED = "Requête refusée : le contenu envoyé est illisible ou mal formé.";
const BAD_ORIGIN = "Requête refusée : origine inconnue.";

const PROBLEM = "application/problem+json; charset=utf-8";

/** What an /api/ refusal says: its status, its machine code and its French detail (after checking it is a problem). */
async function problemOf(response: APIResponse) {
  expect(response.headers()["content-type"]).toBe(PROBLEM);
  const { code, detail } = await response.json();
  return [response.status(), code, detail];
}

/** A POST whose body is sent in chunks, with no Content-Length: what `request` cannot send. */
async function chunkedPost(page: Page, path: string, headers: Record<string, string>) {
  const url = new URL(path, page.url());
  const cookie = (await page.context().cookies(url.href)).map((c) => `${c.name}=${c.value}`).join("; ");
  return new Promise<{ status: number; type?: string; body: string }>((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      headers: { ...headers, cookie, origin: url.origin, "transfer-encoding": "chunked" },
    });
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, type: response.headers["content-type"], body }));
    });
    request.on("error", reject);
    request.write('--x\r\nContent-Disposition: form-data; name="subject"\r\n\r\n');
    request.end("chunked\r\n--x--\r\n");
  });
}

async function openCompose(page: Page) {
  await login(page, "claire.martin");
  await page.getByRole("link", { name: "Nouveau message" }).click();
  await expect(page.getByRole("heading", { name: "Nouveau message" })).toBeVisible();
  return { origin: new URL(page.url()).origin, mailboxId: page.url().match(/\/m\/([0-9a-f-]{36})\//)![1] };
}

async function expectNotInDrafts(page: Page, subject: string) {
  await openFolder(page, "Brouillons");
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toHaveCount(0);
}

test("a replayed server action that is foreign, oversize or unreadable gets a 4xx in French and writes nothing", async ({ page }) => {
  const subject = uniqueSubject("Rejoué");
  const { origin } = await openCompose(page);
  // The page's own "Enregistrer le brouillon" request is kept, not sent, and neither is the autosave: only the replays reach the server.
  await page.route("**/api/drafts", (route) => route.abort());
  const captured = new Promise<{ url: string; headers: Record<string, string>; body: Buffer }>((resolve) =>
    page.route(/\/compose/, async (route) => {
      const request = route.request();
      if (request.method() !== "POST") return route.continue();
      const h = await request.allHeaders();
      resolve({
        url: request.url(),
        headers: {
          "content-type": h["content-type"],
          "next-action": h["next-action"],
          "next-router-state-tree": h["next-router-state-tree"],
          accept: h.accept,
        },
        body: request.postDataBuffer()!,
      });
      await route.abort();
    }),
  );
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  const action = await captured;
  // The aborted request is the form's error, in French; what was typed stays.
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "L'envoi n'a pas abouti. Ce que vous avez saisi est conservé : réessayez.",
  );
  await expect(page.getByLabel("Objet", { exact: true })).toHaveValue(subject);

  const replay = (headers: Record<string, string>, body: Buffer = action.body) =>
    page.request.post(action.url, { headers: { ...action.headers, origin, ...headers }, data: body, maxRedirects: 0 });
  const cases: [string, Record<string, string>, Buffer | undefined, number, string][] = [
    ["a foreign Origin", { origin: "http://evil.example" }, undefined, 403, BAD_ORIGIN],
    ["a null Origin", { origin: "null" }, undefined, 403, BAD_ORIGIN],
    [
      "a forged forwarded host matching a foreign Origin",
      { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
      undefined,
      403,
      BAD_ORIGIN,
    ],
    ["a body over the limit", {}, Buffer.concat([action.body, Buffer.alloc(FORM_LIMIT)]), 413, TOO_LARGE],
    ["a multipart body without boundary", { "content-type": "multipart/form-data" }, undefined, 400, MALFORMED],
    ["a multipart body cut short", {}, action.body.subarray(0, action.body.length - 40), 400, MALFORMED],
  ];
  for (const [label, headers, body, status, message] of cases) {
    const response = await replay(headers, body);
    expect.soft({ label, status: response.status(), text: await response.text() }).toEqual({ label, status, text: message });
  }
  expect(await chunkedPost(page, action.url, { ...action.headers, "content-type": "multipart/form-data; boundary=x" })).toEqual({
    status: 411,
    type: "text/plain",
    body: LENGTH_REQUIRED,
  });
  await expectNotInDrafts(page, subject);

  // The same request from our own origin is taken: only what was wrong with the others stopped them.
  expect((await replay({})).status()).toBeLessThan(400);
  await openFolder(page, "Brouillons");
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toBeVisible();
});

test("a NUL in a subject or body is dropped and the draft saved, never a server error", async ({ page }) => {
  const subject = uniqueSubject("Bilan NUL");
  const { origin, mailboxId } = await openCompose(page);
  const response = await page.request.post("/api/drafts", {
    headers: { origin },
    multipart: {
      mailboxId,
      draftId: randomUUID(),
      subject: `${subject}\u0000`,
      body: "Bonjour\u0000 Madame",
      to: "jean.dupont@ch-troispics.mssante.fr\u0000",
    },
  });
  expect(response.status()).toBe(200);
  await openFolder(page, "Brouillons");
  await messageList(page)
    .getByRole("link", { name: new RegExp(subject) })
    .click();
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Bonjour Madame");
});

test("uploads: no length, no boundary or parts cut short get a 4xx in French; a file over 10 MB arrives whole", async ({ page }) => {
  const subject = uniqueSubject("Pièces");
  const { origin, mailboxId } = await openCompose(page);
  const draftId = randomUUID();
  expect((await page.request.post("/api/drafts", { headers: { origin }, multipart: { mailboxId, draftId, subject } })).status()).toBe(200);

  const chunked = await chunkedPost(page, "/api/attachments", { "content-type": "multipart/form-data; boundary=x" });
  const { code, detail } = JSON.parse(chunked.body);
  expect([chunked.status, chunked.type, code, detail]).toEqual([411, PROBLEM, "length_required", LENGTH_REQUIRED]);
  const noBoundary = await page.request.post("/api/attachments", {
    headers: { origin, "content-type": "multipart/form-data" },
    data: Buffer.from("--x\r\n\r\n--x--\r\n"),
  });
  expect(await problemOf(noBoundary)).toEqual([400, "bad_request", MALFORMED]);
  const cutShort = await page.request.post("/api/attachments", {
    headers: { origin, "content-type": "multipart/form-data; boundary=x" },
    data: Buffer.from(
      `--x\r\nContent-Disposition: form-data; name="mailboxId"\r\n\r\n${mailboxId}\r\n--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF`,
    ),
  });
  expect(await problemOf(cutShort)).toEqual([400, "bad_request", MALFORMED]);
  const foreign = await page.request.post("/api/attachments", {
    headers: { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
    multipart: { mailboxId, draftId, file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("a") } },
  });
  expect(await problemOf(foreign)).toEqual([403, "bad_origin", BAD_ORIGIN]);

  await page.goto(`/m/${mailboxId}/compose?draft=${draftId}`);
  await expect(page.getByLabel("Objet", { exact: true })).toHaveValue(subject);
  await expect(page.getByRole("list", { name: "Pièces jointes" })).toHaveCount(0);

  // Above the 10 MB Next keeps for proxy.ts: the upload route is outside it, so nothing is cut.
  const big = Buffer.alloc(12 * 1024 * 1024, "a");
  await page.getByLabel("Joindre des fichiers").setInputFiles({ name: "scanner.txt", mimeType: "text/plain", buffer: big });
  // 12 MB written into the embedded PGlite's WebAssembly takes more than the default 10 s on a busy CI machine.
  await expect(page.getByRole("list", { name: "Pièces jointes" })).toContainText("scanner.txt (12 Mo)", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: "Retirer scanner.txt" })).toBeVisible();
});

test("signed out, the pages' calls get 401 problems: an upload says so in French, a download opened in the browser goes to sign in", async ({
  page,
}) => {
  await openCompose(page);
  await page.context().clearCookies();
  await page.getByLabel("Joindre des fichiers").setInputFiles({ name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("note") });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Connexion requise : connectez-vous pour continuer.");

  const paths = ["/api/recipients?a=x@y.fr", "/api/annuaire?q=dupont", "/api/drafts"];
  const calls = await page.evaluate(
    (list) =>
      Promise.all(
        list.map(async (path) => {
          const response = await fetch(path, path === "/api/drafts" ? { method: "POST", body: new FormData() } : {});
          return [path, response.status, response.headers.get("content-type"), (await response.json()).code];
        }),
      ),
    paths,
  );
  expect(calls).toEqual(paths.map((path) => [path, 401, PROBLEM, "unauthenticated"]));
  await page.goto("/api/audit/export");
  await expect(page).toHaveURL(/\/login$/);
});

test("the audit records the connection's address, not the one a client puts in X-Forwarded-For", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.9", "X-Real-IP": "203.0.113.9" } });
  const page = await context.newPage();
  await login(page, "sophie.bernard");
  await page.goto("/audit");
  await page.getByLabel("Personne").selectOption({ label: "Sophie Bernard" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  const table = page.getByRole("table");
  await expect(table).toContainText("127.0.0.1");
  await expect(table).not.toContainText("203.0.113.9");
  await context.close();
});

test("a message body over the limit is refused before sending, in French, and what was typed stays", async ({ page }) => {
  const subject = uniqueSubject("Très long");
  await openCompose(page);
  let actions = 0;
  page.on("request", (r) => r.method() === "POST" && r.headers()["next-action"] && actions++);
  await page.getByLabel("Objet", { exact: true }).fill(subject);
  await page.getByRole("button", { name: "Passer en texte brut" }).click();
  await page.getByRole("textbox", { name: "Message", exact: true }).and(page.locator("textarea")).fill("x".repeat(1_000_001));
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("main").getByRole("alert").first()).toHaveText("Le formulaire contient des erreurs.");
  await expect(page.getByText("Le message est trop long.")).toBeVisible();
  await expect(page.getByLabel("Objet", { exact: true })).toHaveValue(subject);
  expect(await page.getByLabel("Message", { exact: true }).evaluate((e: HTMLTextAreaElement) => e.value.length)).toBe(1_000_001);
  expect(actions).toBe(0);
});

test("an .eml file over the import limit is refused before sending, in French", async ({ page }) => {
  await login(page, "jean.dupont");
  let actions = 0;
  page.on("request", (r) => r.method() === "POST" && r.headers()["next-action"] && actions++);
  await page.getByText("Importer un message (.eml)").click();
  await page
    .getByLabel("Fichier du message (.eml)")
    .setInputFiles({ name: "archive.eml", mimeType: "message/rfc822", buffer: Buffer.alloc(4 * 1024 * 1024 + 1, "a") });
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Fichier trop volumineux : un message importé ne peut dépasser 4 Mo.");
  expect(actions).toBe(0);
});
