import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as annuaire } from "@/app/api/annuaire/route";
import { POST as annuaireImport } from "@/app/api/annuaire/import/route";
import { POST as upload } from "@/app/api/attachments/route";
import { GET as download } from "@/app/api/attachments/[id]/route";
import { GET as auditExport } from "@/app/api/audit/export/route";
import { POST as saveDraft } from "@/app/api/drafts/route";
import { GET as deliveries } from "@/app/api/mailboxes/[mailbox]/deliveries/route";
import { GET as summary } from "@/app/api/mailboxes/[mailbox]/summary/route";
import { GET as original } from "@/app/api/messages/[id]/original/route";
import { GET as recipients } from "@/app/api/recipients/route";
import type { Db, DbHandle } from "@/db/client";
import { apiTokens, messages, users } from "@/db/schema";
import { proxy } from "@/proxy";
import { runAction } from "@/lib/actions/run";
import { newSecret } from "@/lib/api/tokens";
import type { Principal } from "@/lib/auth/principal";
import { ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import { sendSpec } from "@/lib/mail/compose-specs";
import { driver, seededHandle } from "./db";
import { demo, meta, principalOf } from "./fixtures";

/** Requests one person may make in a minute, lowered in this file's own process only (the e2e server keeps its default). */
const RATE = 25;

const session = vi.hoisted(() => {
  process.env.API_SESSION_RATE_PER_MINUTE = "25";
  return { check: null as { principal: Principal } | { expired: true } | null };
});
// The cookie → session step needs Next's request scope; what it returns is what each test says.
vi.mock("@/lib/auth/session", () => ({ getSession: () => Promise.resolve(session.check) }));

type Route = (request: NextRequest, context: { params: Promise<never> }) => Promise<Response>;
type Call = { method?: string; headers?: Record<string, string>; body?: BodyInit; params?: Record<string, string> };

const HOST = "webmail.ch-troispics.test";
const ORIGIN = `http://${HOST}`;

/** A request to a route as `who` (a person, an expired session, or nobody), from our own pages unless told otherwise. */
async function ask(route: unknown, who: Principal | "expired" | null, path: string, call: Call = {}) {
  session.check = who === "expired" ? { expired: true } : who && { principal: who };
  const method = call.method ?? "GET";
  const headers = { host: HOST, ...(method === "GET" ? {} : { origin: ORIGIN }), ...call.headers };
  const request = new NextRequest(new URL(path, ORIGIN), { method, headers, body: call.body, duplex: "half" });
  return (route as Route)(request, { params: Promise.resolve(call.params ?? {}) as Promise<never> });
}

/** What a refusal says to a program: its status, type, machine code, and that a French detail goes with it. */
async function refusal(response: Response) {
  const body = await response.json();
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    code: body.code,
    same: body.status === response.status && body.type === `urn:mssante-webmail:problem:${body.code}`,
    detail: typeof body.detail === "string" && body.detail.length > 0,
  };
}
const problem = (code: ErrorCode) => ({
  status: ERROR_STATUS[code],
  type: "application/problem+json; charset=utf-8",
  code,
  same: true,
  detail: true,
});

const form = (fields: Record<string, string | File>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const pdf = () => new File([new Uint8Array(Buffer.from("%PDF-1.4\n%%EOF\n"))], "bilan.pdf", { type: "application/pdf" });

describe(`JSON routes: one wrapper, refusals as problems (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let people: Record<"jean" | "claire" | "marie" | "lucie" | "sophie" | "admin", Principal>;
  let jeanMessageId: string;

  beforeAll(async () => {
    const handle: DbHandle = await seededHandle();
    // The routes reach the database through db/client's shared connection: this file's database.
    (globalThis as { __mssanteConnection?: DbHandle }).__mssanteConnection = handle;
    db = handle.db;
    d = await demo(db);
    const [admin] = await db.select().from(users).where(eq(users.login, "admin.operateur"));
    people = {
      jean: await principalOf(db, d.jean),
      claire: await principalOf(db, d.claire),
      marie: await principalOf(db, d.marie),
      lucie: await principalOf(db, d.lucie),
      sophie: await principalOf(db, (await db.select().from(users).where(eq(users.login, "sophie.bernard")))[0]),
      admin: await principalOf(db, admin),
    };
    [{ id: jeanMessageId }] = await db.select({ id: messages.id }).from(messages).where(eq(messages.mailboxId, d.jeanBox.id)).limit(1);
  });

  /** Every moved route, with a request that would succeed for its rightful caller. */
  const routes = () =>
    [
      ["annuaire", annuaire, "/api/annuaire?q=dupont", {}],
      ["recipients", recipients, `/api/recipients?a=${d.claireBox.address}`, {}],
      ["summary", summary, `/api/mailboxes/${d.jeanBox.id}/summary`, { params: { mailbox: d.jeanBox.id } }],
      ["deliveries", deliveries, `/api/mailboxes/${d.jeanBox.id}/deliveries?ids=`, { params: { mailbox: d.jeanBox.id } }],
      ["download", download, `/api/attachments/${randomUUID()}`, { params: { id: randomUUID() } }],
      ["original", original, `/api/messages/${jeanMessageId}/original`, { params: { id: jeanMessageId } }],
      ["audit export", auditExport, "/api/audit/export", {}],
      ["draft", saveDraft, "/api/drafts", { method: "POST", body: form({ mailboxId: d.jeanBox.id, draftId: randomUUID() }) }],
      [
        "upload",
        upload,
        "/api/attachments",
        { method: "POST", body: form({ mailboxId: d.jeanBox.id, draftId: randomUUID(), file: pdf() }) },
      ],
      ["annuaire import", annuaireImport, "/api/annuaire/import", { method: "POST", body: "Type de BAL|Adresse BAL\n" }],
    ] as const;

  it("without a session, or with an expired one, every route answers 401 unauthenticated", async () => {
    for (const who of [null, "expired"] as const) {
      const seen = await Promise.all(
        routes().map(async ([name, route, path, call]) => [name, await refusal(await ask(route, who, path, call))]),
      );
      expect(seen).toEqual(routes().map(([name]) => [name, problem("unauthenticated")]));
    }
  });

  it("a browser opening a download or the export without a session is sent to sign in; a script gets the 401", async () => {
    const html = { accept: "text/html,application/xhtml+xml" };
    for (const [route, path, params] of [
      [download, `/api/attachments/${randomUUID()}`, { id: randomUUID() }],
      [original, `/api/messages/${jeanMessageId}/original`, { id: jeanMessageId }],
      [auditExport, "/api/audit/export", {}],
    ] as const) {
      const navigated = await ask(route, null, path, { headers: html, params });
      expect([navigated.status, navigated.headers.get("location")]).toEqual([307, `${ORIGIN}/login`]);
      expect(await refusal(await ask(route, null, path, { headers: { accept: "*/*" }, params }))).toEqual(problem("unauthenticated"));
    }
  });

  it("a token is nobody on the routes of the pages: 401, the same as no session", async () => {
    const { secret } = await tokenFor(d.app.id);
    const bearer = { authorization: `Bearer ${secret}` };
    const pages = routes().filter(([name]) => name !== "deliveries");
    const seen = await Promise.all(
      pages.map(async ([name, route, path, call]) => [name, await refusal(await ask(route, null, path, { ...call, headers: bearer }))]),
    );
    expect(seen).toEqual(pages.map(([name]) => [name, problem("unauthenticated")]));
  });

  it("out of reach answers 404 not_found, exactly like missing", async () => {
    const marie = people.marie;
    // An attachment of Jean's draft, uploaded through the route itself.
    const draftId = randomUUID();
    const uploaded = await ask(upload, people.jean, "/api/attachments", {
      method: "POST",
      body: form({ mailboxId: d.jeanBox.id, draftId, file: pdf() }),
    });
    expect(uploaded.status).toBe(201);
    const { id: attachmentId } = await uploaded.json();

    const cases: [string, Response, Response][] = [
      [
        "summary of another's box",
        await ask(summary, people.claire, "/x", { params: { mailbox: d.jeanBox.id } }),
        await ask(summary, people.claire, "/x", { params: { mailbox: randomUUID() } }),
      ],
      [
        "deliveries of another's box",
        await ask(deliveries, people.claire, "/x", { params: { mailbox: d.jeanBox.id } }),
        await ask(deliveries, people.claire, "/x", { params: { mailbox: "pas-un-uuid" } }),
      ],
      [
        "another's attachment",
        await ask(download, people.claire, "/x", { params: { id: attachmentId } }),
        await ask(download, people.claire, "/x", { params: { id: randomUUID() } }),
      ],
      [
        "another's message as .eml",
        await ask(original, people.claire, "/x", { params: { id: jeanMessageId } }),
        await ask(original, people.claire, "/x", { params: { id: randomUUID() } }),
      ],
      [
        "a draft in another's box",
        await ask(saveDraft, people.claire, "/api/drafts", { method: "POST", body: form({ mailboxId: d.jeanBox.id, draftId }) }),
        await ask(saveDraft, people.claire, "/api/drafts", { method: "POST", body: form({ mailboxId: randomUUID(), draftId }) }),
      ],
      [
        "a file in another's draft",
        await ask(upload, people.claire, "/api/attachments", {
          method: "POST",
          body: form({ mailboxId: d.jeanBox.id, draftId, file: pdf() }),
        }),
        await ask(upload, people.claire, "/api/attachments", {
          method: "POST",
          body: form({ mailboxId: randomUUID(), draftId, file: pdf() }),
        }),
      ],
      [
        "the journal, for a professional",
        await ask(auditExport, marie, "/api/audit/export"),
        await ask(auditExport, marie, "/api/audit/export"),
      ],
      [
        "the annuaire import, for a manager",
        await ask(annuaireImport, people.sophie, "/api/annuaire/import", { method: "POST", body: "x" }),
        await ask(annuaireImport, people.sophie, "/api/annuaire/import", { method: "POST", body: "x" }),
      ],
    ];
    const seen = await Promise.all(cases.map(async ([name, reached, missing]) => [name, await refusal(reached), await refusal(missing)]));
    expect(seen).toEqual(cases.map(([name]) => [name, problem("not_found"), problem("not_found")]));

    // The rightful callers get what they asked for.
    const own = await ask(download, people.jean, "/x", { params: { id: attachmentId } });
    expect([own.status, own.headers.get("content-type"), own.headers.get("content-security-policy")]).toEqual([
      200,
      "application/octet-stream",
      "default-src 'none'",
    ]);
    const eml = await ask(original, people.jean, "/x", { params: { id: jeanMessageId } });
    expect([eml.status, eml.headers.get("content-type")]).toEqual([200, "message/rfc822"]);
    const journal = await ask(auditExport, people.sophie, "/api/audit/export");
    expect([journal.status, journal.headers.get("content-type")]).toEqual([200, "text/csv; charset=utf-8"]);
    expect(await journal.text()).toContain("Date;Personne;");
    const counts = await ask(summary, people.jean, "/x", { params: { mailbox: d.jeanBox.id } });
    expect([counts.status, Object.keys(await counts.json()).sort()]).toEqual([200, ["folders", "unread", "version"]]);
  });

  it("a write from a page that is not ours answers 403 bad_origin, and changes nothing", async () => {
    const draftId = randomUUID();
    const foreign = (origin: string) => ({ headers: { origin }, method: "POST" });
    const writes = [
      ["draft", saveDraft, "/api/drafts", () => form({ mailboxId: d.jeanBox.id, draftId, subject: "Venu d'ailleurs" })],
      ["upload", upload, "/api/attachments", () => form({ mailboxId: d.jeanBox.id, draftId, file: pdf() })],
      ["annuaire import", annuaireImport, "/api/annuaire/import", () => "Type de BAL|Adresse BAL\n"],
    ] as const;
    for (const origin of ["http://evil.example", "null"]) {
      const seen = await Promise.all(
        writes.map(async ([name, route, path, body]) => [
          name,
          await refusal(
            await ask(route, name === "annuaire import" ? people.admin : people.jean, path, { ...foreign(origin), body: body() }),
          ),
        ]),
      );
      expect(seen).toEqual(writes.map(([name]) => [name, problem("bad_origin")]));
    }
    // And with no Origin at all.
    const bare = new NextRequest(new URL("/api/drafts", ORIGIN), { method: "POST", headers: { host: HOST }, body: form({ draftId }) });
    session.check = { principal: people.jean };
    expect(await refusal(await (saveDraft as Route)(bare, { params: Promise.resolve({}) as Promise<never> }))).toEqual(
      problem("bad_origin"),
    );
    expect(await db.select().from(messages).where(eq(messages.draftId, draftId))).toEqual([]);
  });

  it("an upload announced over the limit is refused from its headers, 413 too_large, before its body is read", async () => {
    const body = new ReadableStream({
      pull: () => {
        throw new Error("the body was read");
      },
    });
    const response = await ask(upload, people.jean, "/api/attachments", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(26 * 1024 * 1024) },
      body,
    });
    expect(await refusal(response)).toEqual(problem("too_large"));
  });

  it("bodies that cannot be read as the form they claim answer 400 bad_request", async () => {
    const cut =
      '--x\r\nContent-Disposition: form-data; name="mailboxId"\r\n\r\nabc\r\n--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF';
    const cases = [
      ["draft cut short", saveDraft, "/api/drafts", "multipart/form-data; boundary=x", cut],
      ["upload cut short", upload, "/api/attachments", "multipart/form-data; boundary=x", cut],
      ["upload without boundary", upload, "/api/attachments", "multipart/form-data", "--x\r\n\r\n--x--\r\n"],
      ["draft as JSON", saveDraft, "/api/drafts", "application/json", "{}"],
    ] as const;
    const seen = await Promise.all(
      cases.map(async ([name, route, path, type, body]) => [
        name,
        await refusal(await ask(route, people.jean, path, { method: "POST", headers: { "content-type": type }, body })),
      ]),
    );
    expect(seen).toEqual(cases.map(([name]) => [name, problem("bad_request")]));
  });

  it("an action's refusals keep their code and status: 422 with the fields' errors, 409 for a draft already sent", async () => {
    const invalid = await ask(saveDraft, people.jean, "/api/drafts", {
      method: "POST",
      body: form({ mailboxId: d.jeanBox.id, draftId: randomUUID(), subject: "x".repeat(999) }),
    });
    const body = await invalid.clone().json();
    expect(await refusal(invalid)).toEqual(problem("invalid_input"));
    expect(Object.keys(body.errors)).toEqual(["subject"]);

    const draftId = randomUUID();
    const fields = { mailboxId: d.jeanBox.id, draftId, to: d.claireBox.address, subject: "Envoyé puis enregistré", body: "." };
    expect((await runAction(db, people.jean, meta, sendSpec, fields)).ok).toBe(true);
    const late = await ask(saveDraft, people.jean, "/api/drafts", { method: "POST", body: form(fields) });
    expect(await refusal(late)).toEqual(problem("already_sent"));

    const saved = await ask(saveDraft, people.jean, "/api/drafts", { method: "POST", body: form({ ...fields, draftId: randomUUID() }) });
    expect([saved.status, await saved.json()]).toEqual([200, { ok: true, id: expect.any(String) }]);
  });

  it("proxy.ts refuses /api/ writes as problems and keeps plain French text for the pages' forms", async () => {
    const post = (path: string, headers: Record<string, string>) =>
      proxy(new NextRequest(new URL(path, ORIGIN), { method: "POST", headers: { host: HOST, origin: ORIGIN, ...headers } }));
    const big = { "content-type": "multipart/form-data; boundary=x", "content-length": String(6 * 1024 * 1024) };
    expect(await refusal(await post("/api/drafts", big))).toEqual(problem("too_large"));
    expect(await refusal(await post("/api/drafts", { origin: "http://evil.example", "content-length": "10" }))).toEqual(
      problem("bad_origin"),
    );
    expect(await refusal(await post("/api/drafts", { "content-type": "multipart/form-data", "content-length": "10" }))).toEqual(
      problem("bad_request"),
    );
    const page = await post(`/m/${d.jeanBox.id}/compose`, big);
    expect([page.status, page.headers.get("content-type")]).toEqual([413, "text/plain; charset=utf-8"]);
    expect(await page.text()).toMatch(/^Envoi refusé/);
  });

  describe("a token on the deliveries of its own applicative box", () => {
    it("follows what was sent from its box; any other box is missing; a dead token is 401 invalid_token", async () => {
      const { secret, id } = await tokenFor(d.app.id);
      const bearer = { authorization: `Bearer ${secret}` };
      // A sent copy of the applicative box with a recipient at another operator (sent here by a person, then filed in the box).
      const fields = { mailboxId: d.jeanBox.id, to: "dr.externe@medecin.mssante.fr", subject: "Compte rendu applicatif", body: "." };
      expect((await runAction(db, people.jean, meta, sendSpec, fields)).ok).toBe(true);
      const [sent] = await db
        .update(messages)
        .set({ mailboxId: d.app.id })
        .where(and(eq(messages.subject, fields.subject), eq(messages.folder, "sent")))
        .returning({ id: messages.id });

      const own = await ask(deliveries, null, `/x?ids=${sent.id}`, { headers: bearer, params: { mailbox: d.app.id } });
      expect(own.status).toBe(200);
      expect((await own.json()).deliveries[sent.id]).toEqual([expect.objectContaining({ recipient: fields.to, state: "sending" })]);

      const other = await ask(deliveries, null, `/x?ids=${sent.id}`, { headers: bearer, params: { mailbox: d.jeanBox.id } });
      expect(await refusal(other)).toEqual(problem("not_found"));
      // A person managing the box reads none of its mail.
      const person = await ask(deliveries, people.sophie, `/x?ids=${sent.id}`, { params: { mailbox: d.app.id } });
      expect(await refusal(person)).toEqual(problem("not_found"));

      await db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
      const revoked = await ask(deliveries, null, "/x", { headers: bearer, params: { mailbox: d.app.id } });
      expect(await refusal(revoked)).toEqual(problem("invalid_token"));
      expect(revoked.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"');
    });
  });

  it(`past ${RATE} requests in a minute a person is answered 429 with Retry-After; others are not slowed`, async () => {
    const path = `/api/recipients?a=${d.jeanBox.address}`;
    const statuses = [];
    for (let i = 0; i < RATE; i++) statuses.push((await ask(recipients, people.lucie, path)).status);
    expect(statuses).toEqual(Array(RATE).fill(200));
    const limited = await ask(recipients, people.lucie, path);
    expect(await refusal(limited.clone())).toEqual(problem("rate_limited"));
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    // Every route counts against the same person's limit; another person is served.
    expect((await ask(summary, people.lucie, "/x", { params: { mailbox: d.cardio.id } })).status).toBe(429);
    expect((await ask(recipients, people.claire, path)).status).toBe(200);
  });

  async function tokenFor(mailboxId: string) {
    const { secret, secretHash, prefix } = newSecret();
    const [{ id }] = await db
      .insert(apiTokens)
      .values({ mailboxId, label: "DPI", secretHash, prefix, createdBy: people.sophie.userId })
      .returning({ id: apiTokens.id });
    return { secret, id };
  }
});
