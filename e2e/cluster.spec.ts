import { readFileSync } from "node:fs";
import { expect, test, type Page, type Response } from "@playwright/test";
import { simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { startPeer } from "../tests/smtp-peer";
import {
  balancerOrigin,
  clusterPki,
  instances,
  otherThan,
  QUEUE_EXPIRE_SECONDS,
  startCluster,
  type Cluster,
  type InstanceName,
} from "./cluster";
import { login, loginAs, messageList, openFolder, uniqueSubject } from "./helpers";

/**
 * Two instances of the app behind HAProxy on one PostgreSQL (e2e/cluster.ts): nothing a person does may
 * depend on which instance serves which request. PGlite belongs to one process: PostgreSQL only.
 */
test.skip(!process.env.DATABASE_URL, "several instances share one database: PostgreSQL only (DATABASE_URL)");
// Each test works on what the previous left (a revoked delegation, a killed instance); two cores run four servers and a browser.
test.describe.configure({ mode: "serial", timeout: 60_000 });
test.use({ baseURL: balancerOrigin });

const CARDIO = "Cardiologie — CH des Trois Pics";
const REMOTE = "antoine.leroy@medecin.mssante.fr";

/** The other operator's server: it may hold each RCPT (a slow server) and defer each message's first copy with a 451. */
const peerControl = {
  hold: false,
  deferFirst: false,
  held: [] as { client: string; release: () => void }[],
  deferred: new Set<string>(),
};
const messageIdOf = (raw: Buffer) => /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw.toString("latin1"))?.[1] ?? "";

let cluster: Cluster;
let peer: Awaited<ReturnType<typeof startPeer>>;

test.beforeAll(async () => {
  // Preparing the database and starting three servers, on two cores.
  test.setTimeout(120_000);
  const pki = await clusterPki();
  peer = await startPeer({
    key: readFileSync(pki.key),
    cert: readFileSync(pki.cert),
    closeTimeout: 100,
    answer: (_rcpt, session) =>
      peerControl.hold
        ? new Promise<null>((resolve) => peerControl.held.push({ client: session.hostNameAppearsAs, release: () => resolve(null) }))
        : null,
    answerData: (raw) => {
      const id = messageIdOf(raw);
      if (!peerControl.deferFirst || peerControl.deferred.has(id)) return null;
      peerControl.deferred.add(id);
      return 451;
    },
  });
  cluster = await startCluster({ smtpRoutes: `medecin.mssante.fr=127.0.0.1:${peer.port}` });
});

test.afterAll(async () => {
  await cluster?.stop();
  await peer?.close();
});

/**
 * Which instance answered each of the page's requests for pages, their data, actions and polls (HAProxy's
 * X-Served-By), with when each request started. Static files, which need no session, are left out.
 */
function servedBy(page: Page) {
  const log: { url: string; status: number; server: string; startedAt: number }[] = [];
  page.on("response", (response) => {
    const server = response.headers()["x-served-by"];
    if (server && !response.url().includes("/_next/static/"))
      log.push({ url: response.url(), status: response.status(), server, startedAt: response.request().timing().startTime });
  });
  return log;
}
const servers = (log: { server: string }[]) => [...new Set(log.map((r) => r.server))].sort();
const serverOf = (response: Response | null) => response?.headers()["x-served-by"] as InstanceName;
/** Runs `step` with the balancer sending every new request to `server` (the other one in maintenance). */
async function on<T>(server: InstanceName, step: () => Promise<T>) {
  await cluster.disable(otherThan(server));
  try {
    return await step();
  } finally {
    await cluster.enable(otherThan(server));
  }
}
const isAction = (response: Response) => response.request().method() === "POST" && Boolean(response.request().headers()["next-action"]);

test("a person logs in through the balancer and both instances serve her session", async ({ page }) => {
  await login(page, "jean.dupont");
  // From here on every request carries the session cookie one instance issued.
  const served = servedBy(page);
  await openFolder(page, "Envoyés");
  await openFolder(page, "Réception");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Réception");
  expect(served.filter((r) => r.status >= 400)).toEqual([]);
  expect(servers(served)).toEqual(["app1", "app2"]);
  // Pages reach the browser gzipped by the balancer; an instance asked directly sends them as they are.
  const inbox = page.url();
  const viaBalancer = await page.request.get(inbox);
  expect(viaBalancer.headers()["content-encoding"]).toBe("gzip");
  const direct = await page.request.get(inbox.replace(balancerOrigin, `http://127.0.0.1:${instances[0].port}`));
  expect(direct.status()).toBe(200);
  expect(direct.headers()["content-encoding"]).toBeUndefined();
});

test("a page served by one instance shows the mail that arrived through the other's SMTP listener", async ({ page }) => {
  await login(page, "marie.durand");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Cardiologie");
  const [smtpOf, pageOn] = instances;
  const pki = await clusterPki();
  const subject = uniqueSubject("Arrivée par une autre instance");
  await on(pageOn.name, async () => {
    const since = Date.now();
    const served = servedBy(page);
    const operator = nodemailer.createTransport({
      host: "127.0.0.1",
      port: smtpOf.smtpPort,
      requireTLS: true,
      tls: { ca: readFileSync(pki.ca) },
    });
    try {
      await operator.sendMail({
        from: `Dr Antoine Leroy <${REMOTE}>`,
        to: "cardiologie@ch-troispics.mssante.fr",
        subject,
        text: "Bonjour.",
      });
    } finally {
      operator.close();
    }
    // Polled every 2 s (LIVE_REFRESH_SECONDS), from the one instance the balancer uses now.
    await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toBeVisible();
    expect(servers(served.filter((r) => r.startedAt > since))).toEqual([pageOn.name]);
  });
});

test("a form rendered by one instance is sent by the other", async ({ page }) => {
  await login(page, "jean.dupont");
  const compose = await page.getByRole("link", { name: "Nouveau message" }).getAttribute("href");
  const renderer = serverOf(await page.goto(compose!));
  const subject = uniqueSubject("Action sur une autre instance");
  await on(otherThan(renderer), async () => {
    await page.getByLabel("À", { exact: true }).fill("cardiologie@ch-troispics.mssante.fr");
    await page.getByLabel("Objet", { exact: true }).fill(subject);
    await page.getByLabel("Message", { exact: true }).fill("Envoyé depuis un formulaire d'une autre instance.");
    const action = page.waitForResponse(isAction);
    await page.getByRole("button", { name: "Envoyer" }).click();
    expect(serverOf(await action)).toBe(otherThan(renderer));
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Message envoyé.");
  });
  await openFolder(page, "Envoyés");
  await expect(messageList(page).getByRole("link", { name: new RegExp(subject) })).toBeVisible();
});

test("a revoked delegate is refused from her very next request, whichever instance serves it", async ({ page, browser }) => {
  const marie = await loginAs(browser, "marie.durand");
  await expect(marie.getByRole("heading", { level: 1 })).toContainText("Cardiologie");
  const box = marie.url();
  const boxId = new URL(box).pathname.split("/")[2];
  const served = servedBy(marie);
  // Her access checked by each instance: anything either kept in memory would be warm now.
  for (const only of ["app1", "app2"] as const) await on(only, () => marie.goto(box));
  expect(servers(served)).toEqual(["app1", "app2"]);

  await login(page, "sophie.bernard");
  const row = page.getByRole("region", { name: CARDIO }).getByRole("row", { name: /Marie Durand/ });
  await row.getByRole("button", { name: "Révoquer — Marie Durand" }).click();
  const action = page.waitForResponse(isAction);
  await row.getByRole("button", { name: "Confirmer la révocation" }).click();
  const revokedBy = serverOf(await action);
  const revokedAt = Date.now();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Délégation révoquée.");

  // Her open page polls the box every 2 s: its first poll after the revocation, whichever instance answers, is refused.
  const polls = () => served.filter((r) => r.startedAt > revokedAt && r.url.endsWith(`/api/mailboxes/${boxId}/summary`));
  await expect.poll(() => polls().length).toBeGreaterThan(0);
  expect(polls()[0].status).toBe(404);
  // Opening the box: on the instance that did not revoke, then on the one that did.
  for (const only of [otherThan(revokedBy), revokedBy]) {
    const response = await on(only, () => marie.goto(box));
    expect(serverOf(response)).toBe(only);
    await expect(marie).toHaveURL(/\/acces-retire$/);
    await expect(marie.getByRole("heading", { name: "Accès retiré" })).toBeVisible();
  }
  expect(polls().filter((r) => r.status === 200)).toEqual([]);
});

test("deliveries to another operator: each once with both workers running, none lost when an instance is killed", async ({ page }) => {
  test.setTimeout(120_000);
  // What the peer accepted, and from which instance (its EHLO name).
  const accepted = () => peer.received.map((m) => ({ id: messageIdOf(m.raw), server: m.client }));
  const heldBy = () => [...new Set(peerControl.held.map((h) => h.client))].sort();
  await login(page, "jean.dupont");
  const compose = await page.getByRole("link", { name: "Nouveau message" }).getAttribute("href");
  /** Messages written in tabs of their own, ready to go: a send then takes a click, not a page to load. */
  const written = (labels: string[]) =>
    Promise.all(
      labels.map(async (label) => {
        const tab = await page.context().newPage();
        await tab.goto(compose!);
        const subject = uniqueSubject(label);
        await tab.getByLabel("À", { exact: true }).fill(REMOTE);
        await tab.getByLabel("Objet", { exact: true }).fill(subject);
        await tab.getByLabel("Message", { exact: true }).fill("Pour avis.");
        // Saved in the background 2.5 s after the last change; waited for, so that no tab saves while another
        // sends: the two can deadlock on the folder counters' triggers (40P01), which is not this test's subject.
        await expect(tab.getByRole("main").getByRole("status")).toHaveText(/^Brouillon enregistré/);
        return { tab, subject };
      }),
    );
  /** Sent one after the other while the peer holds every delivery: each instance's one delivery loop takes one. */
  const sendWhileHeld = async (messages: { tab: Page; subject: string }[]) => {
    peerControl.hold = true;
    let heldSince = 0;
    for (const [i, { tab }] of messages.entries()) {
      await tab.getByRole("button", { name: "Envoyer" }).click();
      await expect(tab.getByRole("main").getByRole("status")).toHaveText("Message en cours d'envoi : son état s'affiche dans Envoyés.");
      // Taken and held by one instance, whose loop is now busy: the next message can only go to the other.
      await expect.poll(() => peerControl.held.length).toBe(i + 1);
      heldSince ||= Date.now();
    }
    expect(heldBy()).toEqual(["app1", "app2"]);
    await Promise.all(messages.map(({ tab }) => tab.close()));
    return { subjects: messages.map((m) => m.subject), heldSince };
  };
  const release = (heldSince: number) => {
    // Held past its expiry, a job would be handed out a second time while its first try still runs.
    expect(Date.now() - heldSince, "deliveries held for less than the queue's expiry").toBeLessThan(QUEUE_EXPIRE_SECONDS * 1000);
    peerControl.hold = false;
    for (const h of peerControl.held.splice(0)) h.release();
  };

  const messages = await written(["Avis partagé", "Avis partagé", "Avis malgré la panne", "Avis malgré la panne"]);
  // Both instances take jobs from the one queue, each its own.
  const first = await sendWhileHeld(messages.slice(0, 2));
  release(first.heldSince);
  await expect.poll(() => accepted().length).toBe(2);
  expect(servers(accepted())).toEqual(["app1", "app2"]);

  // app1 dies with a delivery in flight; each message's first copy is deferred (451) and tried again.
  peerControl.deferFirst = true;
  const second = await sendWhileHeld(messages.slice(2));
  await cluster.kill("app1");
  release(second.heldSince);
  // app1's job comes back once it expires, handed out to app2.
  await expect.poll(() => accepted().length, { timeout: 60_000 }).toBe(4);
  // Settled: no job left that could still deliver anything twice.
  await expect
    .poll(async () => (await cluster.db.query("select count(*)::int as n from pgboss.job where state < 'completed'")).rows[0].n)
    .toBe(0);
  const { rows } = await cluster.db.query("select status, count(*)::int as n from outbox group by status");
  expect(rows).toEqual([{ status: "sent", n: 4 }]);

  // The peer accepted each message exactly once, under its own Message-ID; the second two after a 451 each.
  const subjects = await Promise.all(peer.received.map(async (m) => (await simpleParser(m.raw)).subject));
  expect(subjects.sort()).toEqual([...first.subjects, ...second.subjects].sort());
  const ids = accepted().map((m) => m.id);
  expect(new Set(ids).size).toBe(4);
  expect([...peerControl.deferred].sort()).toEqual(ids.slice(2).sort());
  expect(servers(accepted().slice(2))).toEqual(["app2"]);

  // Through the balancer, now on app2 alone, the sender sees them delivered.
  await openFolder(page, "Envoyés");
  for (const subject of second.subjects) {
    const row = messageList(page).getByRole("link", { name: new RegExp(subject) });
    await expect(row).toBeVisible();
    await expect(row).not.toContainText("En cours d'envoi");
  }
});
