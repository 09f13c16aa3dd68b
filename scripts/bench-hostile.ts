/**
 * `npm run bench:hostile`: what hostile HTML costs the others. On a throwaway
 * database of DATABASE_URL, messages arrive through the SMTP listener's own
 * receipt path (parse, sanitise once, inbound gate): the 100,000
 * nested elements, and the heaviest HTML each bound still lets through. Then,
 * against the production build (`npm run build` first): the server work of
 * showing each message's body (median, p95), its thread page over HTTP, and a
 * colleague's inbox page in another box alone, then while BENCH_CLIENTS (1)
 * other sessions keep opening ordinary messages, then the hostile ones. Prints JSON.
 */
import { eq } from "drizzle-orm";
import { messages } from "@/db/schema";
import { htmlView } from "@/lib/mail/html-body";
import { HTML_BOUNDS } from "@/lib/mail/sanitize";
import { receiveFromOperator } from "@/lib/smtp/receive";
import { demo } from "@/tests/fixtures";
import { startServer, stats, throwawayDatabase, timed } from "./bench-kit";

const runs = Number(process.env.BENCH_RUNS ?? 50);
const clients = Number(process.env.BENCH_CLIENTS ?? 1);
const port = Number(process.env.BENCH_PORT ?? 3302);

const within = (n: number) => n - 10; // room for the body and paragraph around
const pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
/** Each hostile shape at the scale of the issue or of the bound it leans on. */
const SHAPES: Record<string, string> = {
  nested_100k: "<div>".repeat(100_000),
  deepest_accepted:
    "<div>".repeat(within(HTML_BOUNDS.depth)) + `<p style="color:#333">x</p>`.repeat(within(HTML_BOUNDS.elements) - HTML_BOUNDS.depth),
  most_elements_styled: `<p style="color:#333;font-size:12px;margin:0 0 4px 0;font-family:Arial">ligne</p>`.repeat(
    within(HTML_BOUNDS.elements),
  ),
  most_remote_images: `<img src="http://tracker.invalid/p.gif" alt="x">`.repeat(within(HTML_BOUNDS.elements)),
  most_characters: `<p>compte rendu</p><img src="${pixel}${"A".repeat(within(HTML_BOUNDS.chars) - pixel.length - 40)}">`,
};
SHAPES.stored_before_0011 = SHAPES.most_elements_styled;

const { url, handle, drop } = await throwawayDatabase("bench_hostile", 10);
let server: Awaited<ReturnType<typeof startServer>> | null = null;
try {
  const d = await demo(handle.db);
  const meta = { ip: "127.0.0.1", userAgent: "bench" };
  const received: Record<string, { thread: string; receipt_ms: number; id: string }> = {};
  for (const [name, html] of Object.entries(SHAPES)) {
    // HTML alone, as most senders write it; beside a text part where the text drawn from it would exceed the body limit.
    const body =
      name === "most_characters"
        ? `Content-Type: multipart/alternative; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nCompte rendu.\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n--b--\r\n`
        : `Content-Type: text/html; charset=utf-8\r\n\r\n${html}`;
    const raw = Buffer.from(
      `From: labo@ch-ailleurs.mssante.fr\r\nTo: ${d.jeanBox.address}\r\nSubject: ${name}\r\nMessage-ID: <${name}@ch-ailleurs.mssante.fr>\r\n${body}`,
    );
    const started = performance.now();
    const arrival = await receiveFromOperator(handle.db, raw, { from: "labo@ch-ailleurs.mssante.fr", to: [d.jeanBox.address] }, meta);
    const receipt_ms = Number((performance.now() - started).toFixed(1));
    const [row] = await handle.db.select().from(messages).where(eq(messages.id, arrival.copies[0].copyId));
    received[name] = { thread: row.threadId, receipt_ms, id: row.id };
  }
  // A row stored before sanitising on receipt: its HTML is sanitised, within the bounds, each time it is shown.
  await handle.db.update(messages).set({ bodyHtmlSafe: null, remoteImages: 0 }).where(eq(messages.id, received.stored_before_0011.id));

  // The server's work for one message's body, as the thread page asks for it.
  const rows = Object.fromEntries(
    await Promise.all(
      Object.entries(received).map(
        async ([name, r]) => [name, (await handle.db.select().from(messages).where(eq(messages.id, r.id)))[0]] as const,
      ),
    ),
  );
  const display = (name: string, remoteImages: boolean) => {
    const row = rows[name];
    const times: number[] = [];
    let shown = "";
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const view = htmlView({ ...row, bodyHtml: row.bodyHtml! }, { remoteImages });
      times.push(performance.now() - started);
      shown = view ? `html (${view.html.length} chars, ${view.blockedImages} images blocked)` : "fallback";
    }
    return { shown, ...stats(times) };
  };

  const body = Object.fromEntries(
    Object.entries(received).map(([name, r]) => [
      name,
      { receipt_ms: r.receipt_ms, shown: display(name, false), with_remote_images: display(name, true) },
    ]),
  );

  // Then over HTTP (after the in-process timings: an idle keep-alive connection would be closed meanwhile).
  server = await startServer(url, port, "jean.dupont");
  const colleague = await server.as("claire.martin");
  const colleaguePage = () => colleague.get(`/m/${d.claireBox.id}/inbox`);
  const pages: Record<string, unknown> = {};
  for (const [name, r] of Object.entries(received)) {
    const path = `/m/${d.jeanBox.id}/inbox/${r.thread}`;
    pages[name] = {
      page: await timed(runs, () => server!.get(path), 3),
      with_remote_images: await timed(runs, () => server!.get(`${path}?images=1`), 3),
    };
  }

  const alone = await timed(runs, colleaguePage);
  /** The colleague's page while `clients` other sessions keep opening `paths`. */
  const meanwhile = async (paths: string[]) => {
    let busy = true;
    let opened = 0;
    const load = Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = c; busy; i++) {
          await server!.get(paths[i % paths.length]);
          opened++;
        }
      }),
    );
    const latency = await timed(runs, colleaguePage, 3);
    busy = false;
    await load;
    return { ...latency, pages_opened_meanwhile: opened };
  };
  const hostile = Object.values(received).flatMap((r) => [
    `/m/${d.jeanBox.id}/inbox/${r.thread}`,
    `/m/${d.jeanBox.id}/inbox/${r.thread}?images=1`,
  ]);
  const ordinary = (
    await handle.db.select({ threadId: messages.threadId }).from(messages).where(eq(messages.mailboxId, d.jeanBox.id)).limit(20)
  )
    .filter((m) => !Object.values(received).some((r) => r.thread === m.threadId))
    .map((m) => `/m/${d.jeanBox.id}/inbox/${m.threadId}`);
  const colleague_inbox = {
    clients,
    alone,
    while_others_read_ordinary_mail: await meanwhile(ordinary),
    while_others_read_the_hostile_messages: await meanwhile(hostile),
  };
  const worst = Object.values(body).flatMap((b) => [b.shown, b.with_remote_images]);
  console.log(
    JSON.stringify(
      {
        bench: "hostile",
        driver: "postgres",
        bounds: HTML_BOUNDS,
        body_display_ms: {
          bound: 100,
          largest_p50_ms: Math.max(...worst.map((w) => w.p50_ms)),
          largest_p95_ms: Math.max(...worst.map((w) => w.p95_ms)),
        },
        body,
        thread_page: pages,
        colleague_inbox,
        server_peak_rss_mb: server.peakMemoryMb(),
      },
      null,
      2,
    ),
  );
} finally {
  await server?.stop();
  await drop();
}
