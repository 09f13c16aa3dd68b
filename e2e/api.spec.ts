import { expect, test, type APIRequestContext } from "@playwright/test";
import { dischargeXdm } from "../tests/xdm-fixture";
import { login, loginAs, messageList, openBox, uniqueSubject } from "./helpers";
import { operatorClient, peer } from "./instances";

/** The demo's token for comptes-rendus_noreply (db/seed.ts), printed by `npm start` like the demo's password. */
const DEMO_TOKEN = "mss_demo-comptes-rendus-ch-troispics-2026";
const APP = "comptes-rendus_noreply@ch-troispics.mssante.fr";
const CARDIO = "cardiologie@ch-troispics.mssante.fr";
const bearer = (token = DEMO_TOKEN) => ({ Authorization: `Bearer ${token}` });

// In order: the last test spends the token's rate limit (API_RATE_PER_MINUTE in playwright.config.ts).
test.describe.configure({ mode: "serial" });

async function send(request: APIRequestContext, data: object, key: string | null = crypto.randomUUID()) {
  return request.post("/api/v1/messages", { headers: { ...bearer(), ...(key ? { "Idempotency-Key": key } : {}) }, data });
}

async function expectProblem(response: Awaited<ReturnType<APIRequestContext["get"]>>, status: number, code: string) {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const body = await response.json();
  expect(body).toMatchObject({ status, code, detail: expect.any(String) });
  return body as { detail: string; errors?: Record<string, string[]> };
}

test("software is known by its token alone: none, a wrong one or an unknown one is a 401 problem", async ({ request }) => {
  const none = await request.get("/api/v1/mailbox");
  await expectProblem(none, 401, "unauthenticated");
  expect(none.headers()["www-authenticate"]).toBe("Bearer");
  await expectProblem(await request.get("/api/v1/mailbox", { headers: bearer("mss_inconnu") }), 401, "invalid_token");
  await expectProblem(await request.get("/api/v1/mailbox", { headers: { Authorization: "Basic abc" } }), 401, "unauthenticated");
  const me = await request.get("/api/v1/mailbox", { headers: bearer() });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ address: APP, replyTo: CARDIO });
});

test("one message per Idempotency-Key: a retry gets the first answer, another request under the key is refused", async ({ request }) => {
  const subject = uniqueSubject("Compte rendu de consultation");
  const key = crypto.randomUUID();
  const letter = { to: ["jean.dupont@ch-troispics.mssante.fr"], subject, body: "Compte rendu joint." };
  const first = await send(request, letter, key);
  expect(first.status()).toBe(202);
  const answer = await first.json();
  expect(answer).toMatchObject({
    id: expect.any(String),
    recipients: [{ address: "jean.dupont@ch-troispics.mssante.fr", state: "delivered" }],
  });

  const retry = await send(request, letter, key);
  expect(retry.status()).toBe(202);
  expect(retry.headers()["idempotent-replayed"]).toBe("true");
  expect(await retry.json()).toEqual(answer);
  const other = await expectProblem(await send(request, { ...letter, body: "Autre texte." }, key), 422, "idempotency_key_reused");
  expect(other.detail).toContain("Idempotency-Key");
  await expectProblem(await send(request, letter, null), 400, "idempotency_key_missing");

  const status = await request.get(`/api/v1/messages/${answer.id}`, { headers: bearer() });
  expect(status.status()).toBe(200);
  expect(await status.json()).toMatchObject({
    id: answer.id,
    recipients: [{ address: "jean.dupont@ch-troispics.mssante.fr", state: "delivered" }],
  });
  await expectProblem(await request.get(`/api/v1/messages/${crypto.randomUUID()}`, { headers: bearer() }), 404, "not_found");
});

test("the rules of the webmail: an address outside the trust space is refused by name, a body that is no JSON is a 400", async ({
  request,
}) => {
  const refused = await expectProblem(
    await send(request, { to: ["jean.dupont@ch-troispics.mssante.fr", "secretariat@gmail.com"], subject: "x", body: "." }),
    422,
    "untrusted_recipient",
  );
  expect(refused.detail).toContain("« secretariat@gmail.com »");
  expect(refused.errors?.to?.[0]).toContain("secretariat@gmail.com");
  const broken = await request.post("/api/v1/messages", {
    headers: { ...bearer(), "Idempotency-Key": crypto.randomUUID(), "Content-Type": "application/json" },
    data: "{ pas du json",
  });
  await expectProblem(broken, 400, "bad_request");
  const text = await request.post("/api/v1/messages", {
    headers: { ...bearer(), "Idempotency-Key": crypto.randomUUID(), "Content-Type": "text/plain" },
    data: "bonjour",
  });
  await expectProblem(text, 415, "unsupported_type");
});

test("the clinician reads the software's letter with its documents, and his answer goes to the service's box", async ({
  page,
  browser,
  request,
}) => {
  const title = uniqueSubject("Lettre de liaison FAURE Josette 19470312");
  const sent = await request.post("/api/v1/messages", {
    headers: { ...bearer(), "Idempotency-Key": crypto.randomUUID() },
    multipart: {
      to: "jean.dupont@ch-troispics.mssante.fr",
      subject: `XDM/1.0/DDM+${title}`,
      body: "Veuillez trouver ci-joint la lettre de liaison.",
      attachments: { name: "IHE_XDM.ZIP", mimeType: "application/zip", buffer: await dischargeXdm() },
    },
  });
  expect(sent.status()).toBe(202);
  const { id } = await sent.json();

  await login(page, "jean.dupont");
  await messageList(page)
    .getByRole("link", { name: new RegExp(title) })
    .click();
  await expect(page.getByRole("region", { name: "Documents de santé" })).toContainText("INS 255081416802538 (NIR)");
  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation.getByRole("definition").filter({ hasText: CARDIO })).toBeVisible();
  await expect(conversation.getByRole("term").filter({ hasText: "Répondre à" })).toBeVisible();
  // Jean's copy is his, not the software's: asking for it with the token finds nothing.
  const reply = page.getByRole("link", { name: "Répondre", exact: true });
  const copyId = new URL((await reply.getAttribute("href"))!, "http://x").searchParams.get("reply");
  expect(copyId).not.toBe(id);
  await expectProblem(await request.get(`/api/v1/messages/${copyId}`, { headers: bearer() }), 404, "not_found");

  await reply.click();
  await expect(page.getByRole("list", { name: "Adresses saisies (À)" })).toContainText(CARDIO);
  await page.getByLabel("Message", { exact: true }).press("Control+Home");
  await page.getByLabel("Message", { exact: true }).pressSequentially("Bien reçu, je vois la patiente.");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toBeVisible();

  const marie = await loginAs(browser, "marie.durand");
  await openBox(marie, /Cardiologie/);
  await expect(messageList(marie).getByRole("link", { name: new RegExp(`RE : ${title}`) })).toBeVisible();
});

test("a reply from another operator to the applicative address lands in the linked box, shown via the applicative box", async ({
  page,
}) => {
  const subject = uniqueSubject("RE : Compte rendu opératoire");
  const operator = await operatorClient();
  await operator.sendMail({ from: "Dr Leroy <antoine.leroy@medecin.mssante.fr>", to: APP, subject, text: "Merci pour le compte rendu." });
  operator.close();

  await login(page, "marie.durand");
  await openBox(page, /Cardiologie/);
  const row = messageList(page).getByRole("listitem").filter({ hasText: subject });
  await expect(row).toContainText("via comptes-rendus_noreply");
  await row.getByRole("link").click();
  const conversation = page.getByRole("list", { name: "Conversation" });
  await expect(conversation.getByRole("term").filter({ hasText: "Reçu via" })).toBeVisible();
  // "À" names the applicative box as the sender wrote it, and "Reçu via" says why it is here.
  await expect(conversation.getByRole("definition").filter({ hasText: new RegExp(`^${APP}$`) })).toHaveCount(2);
});

test("across the border: the letter reaches another operator with Reply-To, and the answer from there reaches the service", async ({
  page,
  browser,
  request,
}) => {
  test.skip(!peer, "two instances run on the PostgreSQL pass only");
  test.setTimeout(90_000);
  const subject = uniqueSubject("Compte rendu d'hospitalisation");
  const sent = await send(request, { to: [`hugo.lambert@${peer!.domain}`], subject, body: "Compte rendu d'hospitalisation joint." });
  expect(sent.status()).toBe(202);
  const { id } = await sent.json();
  await expect
    .poll(async () => (await (await request.get(`/api/v1/messages/${id}`, { headers: bearer() })).json()).recipients[0].state, {
      timeout: 30_000,
    })
    .toBe("delivered");

  const hugo = await (await browser.newContext({ baseURL: `http://127.0.0.1:${peer!.port}` })).newPage();
  await login(hugo, "hugo.lambert");
  await messageList(hugo)
    .getByRole("link", { name: new RegExp(subject) })
    .click({ timeout: 30_000 });
  await hugo.getByRole("link", { name: "Répondre", exact: true }).click();
  await expect(hugo.getByRole("list", { name: "Adresses saisies (À)" })).toContainText(CARDIO);
  await hugo.getByRole("button", { name: "Envoyer" }).click();
  await expect(hugo.getByRole("main").getByRole("status").first()).toBeVisible();

  await login(page, "marie.durand");
  await openBox(page, /Cardiologie/);
  await expect(messageList(page).getByRole("link", { name: new RegExp(`RE : ${subject}`) })).toBeVisible({ timeout: 30_000 });
});

test("a burst over the token's rate limit is answered 429 with Retry-After", async ({ request }) => {
  const answers = await Promise.all(Array.from({ length: 150 }, () => request.get("/api/v1/mailbox", { headers: bearer() })));
  const limited = answers.find((a) => a.status() === 429);
  expect(limited).toBeDefined();
  await expectProblem(limited!, 429, "rate_limited");
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
});
