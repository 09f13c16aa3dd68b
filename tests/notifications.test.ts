import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as notifications } from "@/app/api/notifications/route";
import type { Db, DbHandle } from "@/db/client";
import { ARRIVALS_LIMIT } from "@/db/queries/notifications";
import { delegations, messages } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { driver, seededHandle } from "./db";
import { demo, principalOf } from "./fixtures";

const session = vi.hoisted(() => ({ check: null as { principal: Principal } | null }));
// The cookie → session step needs Next's request scope; what it returns is what each test says.
vi.mock("@/lib/auth/session", () => ({ getSession: () => Promise.resolve(session.check) }));

type Answer = { cursor: string; arrivals: Record<string, unknown>[] };

/** GET /api/notifications as `who`, from the cursor given (none: where to start from). */
async function ask(who: Principal | null, since?: string) {
  session.check = who && { principal: who };
  const url = new URL("http://webmail.test/api/notifications");
  if (since !== undefined) url.searchParams.set("since", since);
  const response = await notifications(new NextRequest(url, { headers: { host: "webmail.test" } }), { params: Promise.resolve({}) });
  return { status: response.status, body: await response.json() };
}
const answer = async (who: Principal, since?: string) => {
  const { status, body } = await ask(who, since);
  expect(status).toBe(200);
  return body as Answer;
};

const BODY = "Texte confidentiel du message";

describe(`new mail notifications (${driver})`, () => {
  let db: Db;
  let d: Awaited<ReturnType<typeof demo>>;
  let marie: Principal;
  let jean: Principal;

  /** A message landing in a box's Réception now (or at the time given). */
  const arrive = async (mailboxId: string, subject: string, extra: { fromAddress?: string; receivedAt?: Date } = {}) => {
    const [row] = await db
      .insert(messages)
      .values({
        mailboxId,
        folder: "inbox",
        threadId: crypto.randomUUID(),
        messageId: `<${crypto.randomUUID()}@test>`,
        fromAddress: "secretariat@clinique.mssante.fr",
        fromName: "Secrétariat de la clinique",
        to: [],
        subject,
        bodyText: BODY,
        bodyHtml: `<p>${BODY}</p>`,
        size: 10,
        ...extra,
      })
      .returning({ id: messages.id, threadId: messages.threadId });
    return row;
  };

  beforeAll(async () => {
    const handle: DbHandle = await seededHandle();
    // The route reaches the database through db/client's shared connection: this file's database.
    (globalThis as { __mssanteConnection?: DbHandle }).__mssanteConnection = handle;
    db = handle.db;
    d = await demo(db);
    marie = await principalOf(db, d.marie);
    jean = await principalOf(db, d.jean);
  });

  it("answers a person only, and refuses a cursor that is not a date", async () => {
    expect((await ask(null)).status).toBe(401);
    expect(await ask(marie, "hier")).toMatchObject({ status: 422, body: { code: "invalid_input" } });
  });

  it("reports what arrived after the cursor in her boxes: sender and subject, never the body, and only once", async () => {
    const start = await answer(marie);
    // The first call only says where to start from: what was there before is no news.
    expect(start.arrivals).toEqual([]);
    const message = await arrive(d.cardio.id, "Résultats d'analyses");
    const news = await answer(marie, start.cursor);
    expect(news.arrivals).toEqual([
      {
        id: message.id,
        threadId: message.threadId,
        mailboxId: d.cardio.id,
        mailbox: d.cardio.displayName,
        fromAddress: "secretariat@clinique.mssante.fr",
        fromName: "Secrétariat de la clinique",
        subject: "Résultats d'analyses",
        at: news.cursor,
      },
    ]);
    expect(JSON.stringify(news)).not.toContain(BODY);
    // Asked again from the cursor given: nothing new, and mail dated before it is not news either.
    await arrive(d.cardio.id, "Ancien message importé", { receivedAt: new Date(Date.now() - 3_600_000) });
    expect(await answer(marie, news.cursor)).toEqual({ cursor: news.cursor, arrivals: [] });
  });

  it("leaves out what she wrote from one of her boxes, and reports the newest few of a burst", async () => {
    const { cursor } = await answer(jean);
    await arrive(d.cardio.id, "Écrit par le Dr Dupont", { fromAddress: d.jeanBox.address });
    expect((await answer(jean, cursor)).arrivals).toEqual([]);
    expect((await answer(marie, cursor)).arrivals.map((a) => a.subject)).toEqual(["Écrit par le Dr Dupont"]);
    const burst = [];
    // One millisecond apart: two arrivals within one tick of PGlite's clock would tie, and ties go by id.
    const start = Date.now();
    for (let i = 0; i < ARRIVALS_LIMIT + 2; i++)
      burst.push(await arrive(i % 2 ? d.cardio.id : d.jeanBox.id, `Message ${i}`, { receivedAt: new Date(start + i) }));
    const { arrivals } = await answer(jean, cursor);
    expect(arrivals.map((a) => a.id)).toEqual(
      burst
        .slice(-ARRIVALS_LIMIT)
        .reverse()
        .map((m) => m.id),
    );
  });

  it("never reports a box she may not read, nor one whose delegation was just revoked", async () => {
    const { cursor } = await answer(marie);
    await arrive(d.claireBox.id, "Pour le Dr Martin");
    await arrive(d.jeanBox.id, "Pour le Dr Dupont");
    expect((await answer(marie, cursor)).arrivals).toEqual([]);

    await db
      .update(delegations)
      .set({ revokedAt: new Date() })
      .where(and(eq(delegations.mailboxId, d.cardio.id), eq(delegations.userId, d.marie.id)));
    await arrive(d.cardio.id, "Après la révocation");
    expect((await answer(marie, cursor)).arrivals).toEqual([]);
    // The box itself still tells its responsible.
    expect((await answer(jean, cursor)).arrivals.map((a) => a.subject)).toContain("Après la révocation");
  });
});
