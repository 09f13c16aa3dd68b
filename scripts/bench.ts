/**
 * `npm run bench`: mailboxes at hospital scale. On a throwaway database of
 * the PostgreSQL of DATABASE_URL, load BENCH_MESSAGES (1,000,000) messages,
 * BENCH_BIG_BOX (100,000) of them in the cardiology secretariat's box, the
 * rest over 300 nominative boxes; then, over HTTP against the production
 * build (`npm run build` first) behind Debian's HAProxy, which compresses as
 * in production (docs/deploy.md), and logged in as the secretary, time: the
 * login page without a session (the framework's floor), an empty folder, the
 * big box's first inbox page, pages deep in it, opening a thread, a
 * full-text search, sending a message to 10 local recipients (the real
 * server action), and sends per second from 20 concurrent clients with the
 * CPU time each send cost the server, HAProxy, PostgreSQL and the bench's own
 * clients (which share the machine's cores); then, in
 * process, bulk triage of 1,000 of the big box's messages (scripts/triage-timing.ts); in Chromium, the
 * JavaScript of the inbox route (and of the sign-in and compose pages) and the move from the list to a message
 * (scripts/bench-browser.ts).
 * Each operation is timed after BENCH_WARM (200) untimed runs of it, as in a server in service; the empty
 * folder is also timed right after the start. Every thread is opened once, unread as loaded.
 * Prints JSON with p50/p95 per operation and the server's peak memory. BENCH_DATABASE names a database to
 * load once and reuse (scripts/bench-kit.ts).
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { encodeCursor } from "@/db/queries/messages";
import { messageReads, messages } from "@/db/schema";
import type { ActionState } from "@/lib/actions/state";
import { demo } from "@/tests/fixtures";
import { measureInBrowser } from "./bench-browser";
import { cpuPerOperation, REPORT_PHRASES, sendForm, serverAction, startServer, throughput, throwawayDatabase, timed } from "./bench-kit";
import { timeBulkTriage } from "./triage-timing";

const total = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const big = Number(process.env.BENCH_BIG_BOX ?? 100_000);
const runs = Number(process.env.BENCH_RUNS ?? 100);
const clients = Number(process.env.BENCH_CLIENTS ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const port = Number(process.env.BENCH_PORT ?? 3301);
/** Untimed runs of each operation first: a server in service has run its paths often enough for V8 to compile them. */
const warm = Number(process.env.BENCH_WARM ?? 200);
const BOXES = 300;

const PATIENTS = [
  "Josette FAURE",
  "Marcel LEBLANC",
  "Yvonne MOREAU",
  "André GIRAUD",
  "Lucienne PERRIN",
  "Robert CHEVALIER",
  "Odette MERCIER",
  "Henri BLANCHARD",
  "Germaine ROUSSEL",
  "Paul FONTAINE",
  "Simone GAUTHIER",
  "Louis LEFÈVRE",
  "Denise BRUN",
  "Gérard MASSON",
  "Jeanne RIVIÈRE",
  "Roger DUVAL",
  "Suzanne ARNAUD",
  "Maurice LEROUX",
  "Marguerite COLIN",
  "Bernard VIDAL",
  "Renée CARON",
  "Claude PICARD",
  "Monique FABRE",
  "René AUBERT",
  "Paulette LEMOINE",
  "Jacques RENAUD",
  "Colette DUMAS",
  "Pierre LACROIX",
  "Huguette OLIVIER",
  "Michel BOURGEOIS",
  "Ginette PAYET",
  "Alain HOARAU",
  "Yvette ROLLAND",
  "Daniel LECLERC",
  "Josiane GUILLAUME",
  "Christian LECOMTE",
  "Nicole BENALI",
  "Serge NGUYEN",
  "Arlette DA SILVA",
  "Guy KERJEAN",
];
const SUBJECTS = [
  "Compte rendu de consultation",
  "Demande d'échocardiographie",
  "Résultats de biologie",
  "Courrier de sortie",
  "Avis cardiologique",
  "Holter ECG des 24 heures",
  "Bilan préopératoire",
  "Ordonnance de sortie",
  "Convocation en hôpital de jour",
  "Résultat d'épreuve d'effort",
];
// The first lines are those of the report the bench sends.
const PHRASES = [
  ...REPORT_PHRASES,
  "Bilan biologique : kaliémie normale, créatininémie stable, BNP en baisse.",
  "Fibrillation atriale paroxystique, anticoagulation à poursuivre.",
  "Coronarographie programmée le mois prochain en hôpital de jour.",
  "Épreuve d'effort maximale négative cliniquement et électriquement.",
  "Hypertension artérielle mal contrôlée sous bithérapie.",
  "Je vous remercie de renouveler son traitement habituel.",
  "Consultation de contrôle dans trois mois avec un nouvel ECG.",
  "Pose d'un stent actif sur l'artère interventriculaire antérieure.",
  "Rééducation cardiaque proposée au centre de réadaptation.",
  "Scintigraphie myocardique sans ischémie inductible.",
  "Dyslipidémie : objectif de LDL non atteint, majoration de la statine.",
  "Syncope à l'emporte-pièce, bilan rythmique en cours.",
  "Le patient signale des palpitations nocturnes depuis deux semaines.",
  "Œdèmes des membres inférieurs régressifs sous diurétique.",
  "Valve aortique tricuspide, gradient moyen à 18 mmHg.",
  "Arrêt du tabac vivement encouragé, orientation vers un tabacologue.",
  "Résultats de l'IRM cardiaque joints à ce courrier.",
  "Bloc de branche gauche complet connu, sans modification.",
  "Surveillance de l'INR hebdomadaire par l'infirmière à domicile.",
  "Prothèse mitrale mécanique fonctionnelle à l'échographie.",
  "Péricardite aiguë d'évolution favorable sous anti-inflammatoires.",
  "Demande d'avis pour adaptation du traitement antiarythmique.",
  "Le compte rendu opératoire vous sera adressé séparément.",
  "Bien entendu, je reste à votre disposition pour tout complément.",
];
const SEARCHES = [
  "échographie",
  "FAURE",
  "holter",
  "insuffisance cardiaque",
  "Moreau coronarographie",
  "scintigraphie",
  "bêtabloquant",
  "fibrillation atriale",
  "Lefèvre",
  "compte rendu opératoire",
];

/** The bench's corpus, loaded in bulk. */
async function load(d: Awaited<ReturnType<typeof demo>>) {
  await db.execute(sql`insert into users (structure_id, login, first_name, last_name, role)
    select ${d.jean.structureId}, 'bench.' || i, 'Prénom', 'Médecin ' || i, 'professional' from generate_series(1, ${BOXES}) i`);
  await db.execute(sql`insert into mailboxes (address, type, structure_id, display_name, holder_user_id)
    select login || '@ch-troispics.mssante.fr', 'PER', structure_id, 'Dr ' || last_name, id from users where login like 'bench.%'`);

  // A bulk load, not a mail flow: triggers off, search index built once after, counters recomputed from the rows.
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`drop index messages_box_search_idx`);
    const insertMessages = (boxes: ReturnType<typeof sql>, perBox: number) =>
      tx.execute(sql`insert into messages (mailbox_id, folder, thread_id, message_id, from_address, from_name, "to", subject, body_text, received_at, size)
        select b.id,
          (case when g % 20 = 0 then 'sent' when g % 50 = 1 then 'archive' else 'inbox' end)::folder,
          md5(b.id::text || (g / 3)::text)::uuid,
          '<bench-' || b.id || '-' || g || '@ch-troispics.mssante.fr>',
          'dr.' || (g % 500) || '@medecin.mssante.fr',
          'Dr ' || split_part(p.patients[1 + (g * 31) % 40], ' ', 2),
          jsonb_build_array(jsonb_build_object('address', b.address, 'name', b.display_name)),
          p.subjects[1 + (g * 7) % 10] || ' — ' || p.patients[1 + (g * 13) % 40],
          'Cher confrère,' || chr(10) || p.phrases[1 + g % 30] || ' ' || p.phrases[1 + (g * 7) % 30] || ' ' || p.phrases[1 + (g * 11) % 30] || ' '
            || p.phrases[1 + (g * 17) % 30] || chr(10) || 'Patient : ' || p.patients[1 + (g * 13) % 40] || chr(10) || 'Bien confraternellement.',
          now() - g * interval '37 seconds' - b.n * interval '1 second',
          600
        from (select id, address, display_name, row_number() over (order by id) as n from mailboxes where ${boxes}) b
        cross join generate_series(1, ${perBox}) g
        cross join (select ${array(PATIENTS)} as patients, ${array(SUBJECTS)} as subjects, ${array(PHRASES)} as phrases) p`);
    await insertMessages(sql`id = ${d.cardio.id}`, big);
    await insertMessages(sql`address like 'bench.%'`, Math.floor((total - big) / BOXES));
    // The secretary has read most of her box; the rest is her unread.
    await tx.execute(
      sql`insert into message_reads (message_id, user_id) select id, ${d.marie.id} from messages where mailbox_id = ${d.cardio.id} and hashtext(id::text) % 10 <> 0 on conflict do nothing`,
    );
    await tx.execute(sql`create index messages_box_search_idx on messages using gin (mailbox_id, search)`);
    await tx.execute(sql`select folder_counts_rebuild()`);
  });
  await db.execute(sql`vacuum analyze`);
}

const array = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ")}]`);

const { url, handle, drop } = await throwawayDatabase("bench_mail", 25);
const db = handle.db;
let server: Awaited<ReturnType<typeof startServer>> | null = null;

/** How many messages the database holds, and the big box. */
async function loadedCounts(cardioId: string) {
  const [row] = rowsOf<{ all: number; box: number }>(
    await db.execute(
      sql`select (select count(*)::int from messages) as all, (select count(*)::int from messages where mailbox_id = ${cardioId}) as box`,
    ),
  );
  return row;
}

try {
  const d = await demo(db);
  const loadStarted = performance.now();
  // A named bench database already loaded (BENCH_DATABASE) is measured as it is.
  if ((await loadedCounts(d.cardio.id)).box < big) await load(d);
  const { all: loaded } = await loadedCounts(d.cardio.id);
  const loadSeconds = Number(((performance.now() - loadStarted) / 1000).toFixed(1));

  // Pages deep in the box, and threads to open, taken from the data.
  const inbox = and(eq(messages.mailboxId, d.cardio.id), eq(messages.folder, "inbox"));
  const cursors: string[] = [];
  for (let offset = 10_000; offset < big * 0.9; offset += Math.floor(big / 12)) {
    const [row] = await db
      .select({ at: sql<string>`${messages.receivedAt}::text`, id: messages.id })
      .from(messages)
      .where(inbox)
      .orderBy(desc(messages.receivedAt), desc(messages.id))
      .offset(offset)
      .limit(1);
    cursors.push(encodeCursor(row));
  }
  // Threads to open, each once per run: a first opening writes the read marks and a second would not. The
  // warm-up, the full pages and the router's moves take threads of their own.
  const threads = [
    ...new Set(
      (
        await db
          .select({ threadId: messages.threadId })
          .from(messages)
          .where(and(inbox, sql`hashtext(${messages.id}::text) % 100 = 0`))
          .limit(3 * (warm + runs))
      ).map((r) => r.threadId),
    ),
  ];
  if (threads.length < 2 * (warm + runs)) throw new Error(`only ${threads.length} threads to open in the big box`);
  // As loaded, whatever an earlier run of a kept database opened: the secretary has read most of them, not all.
  await db.delete(messageReads).where(
    and(
      eq(messageReads.userId, d.marie.id),
      inArray(
        messageReads.messageId,
        db
          .select({ id: messages.id })
          .from(messages)
          .where(and(inbox, inArray(messages.threadId, threads), sql`hashtext(${messages.id}::text) % 10 = 0`)),
      ),
    ),
  );
  const box = `/m/${d.cardio.id}`;
  const threadPaths = (from: number) => threads.slice(from, from + warm + runs).map((t) => `${box}/inbox/${t}`);

  // What a browser gets in production (docs/deploy.md): HAProxy gzips, the server does not.
  server = await startServer(url, port, "marie.durand", {}, { balanced: true });
  // The figures stand for pages as browsers get them: compressed.
  const sample = await fetch(`${server.origin}${box}/inbox`, { headers: { Cookie: server.cookie } });
  await sample.text();
  if (sample.headers.get("content-encoding") !== "gzip") throw new Error("the balancer should gzip the pages it serves");
  // The framework's floor: a folder of the box holding nothing (the bench files nothing in Corbeille).
  const [{ n: inTrash }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from messages where mailbox_id = ${d.cardio.id} and folder = 'trash'`),
  );
  if (inTrash > 0) throw new Error("the cardiology box's Corbeille should be empty");
  // What the first requests after a start cost, before V8 has compiled the paths (a deploy's first minute).
  const justStarted = await timed(runs, () => server!.get(`${box}/trash`), 0);
  const opening = threadPaths(0);
  const results = {
    // The framework's own floor beside it: the login page without a session (proxy, nonce, root layout, no database).
    login_page_without_session: await timed(
      runs,
      async () => {
        const response = await fetch(`${server!.origin}/login`);
        await response.text();
        if (response.status !== 200) throw new Error(`/login: HTTP ${response.status}`);
      },
      warm,
    ),
    empty_folder_page: await timed(runs, () => server!.get(`${box}/trash`), warm),
    empty_folder_page_just_started: justStarted,
    inbox_first_page: await timed(runs, () => server!.get(`${box}/inbox`), warm),
    inbox_deep_page: await timed(runs, (i) => server!.get(`${box}/inbox?cursor=${cursors[i % cursors.length]}`), warm),
    open_thread: await timed(runs, () => server!.get(opening.shift()!), warm),
    search: await timed(runs, (i) => server!.get(`${box}/search?q=${encodeURIComponent(SEARCHES[i % SEARCHES.length])}`), warm),
  };

  // Sending goes through the compose page's real server action, as the browser calls it.
  const sendAction = serverAction<ActionState>("send", "app/(mail)/m/[mailbox]/compose/page");
  const send = async () => {
    // A success names the box's list as the next page.
    const { state, status } = await sendAction(server!.origin, `${box}/compose`, [{ ok: false }, sendForm(d.cardio.id)], server!.cookie);
    if (!state.next?.includes("notice=sent")) throw new Error(`send refused: ${state.error ?? status}`);
  };
  const browser = await measureInBrowser(server.origin, "marie.durand", `${box}/inbox`, threadPaths(warm + runs), runs, warm);
  const sendLatency = await timed(runs, send, warm);
  // Where the CPU of the concurrent sends goes: the server, the balancer, PostgreSQL, and this bench's own clients on the same cores.
  const cpuBefore = server.cpuMs();
  const concurrent = await throughput(clients, seconds, send);
  const cpuPerSend = cpuPerOperation(cpuBefore, server.cpuMs(), concurrent.per_second * seconds);
  const triage = await timeBulkTriage(db, d.marie, d.cardio.id, Math.max(5, Math.floor(runs / 5)));
  console.log(
    JSON.stringify(
      {
        bench: "mailboxes",
        messages: loaded,
        big_box_messages: big,
        load_seconds: loadSeconds,
        runs_per_operation: runs,
        warm_up_runs_per_operation: warm,
        ...results,
        ...browser,
        send_10_local_recipients: sendLatency,
        concurrent_sends: { ...concurrent, cpu_ms_per_send: cpuPerSend },
        ...triage,
        served_through: "HAProxy (gzip) → next start (HTTP_COMPRESSION=off)",
        server_peak_memory_mb: server.peakMemoryMb(),
        balancer_peak_memory_mb: server.balancerPeakMemoryMb(),
      },
      null,
      2,
    ),
  );
} finally {
  await server?.stop();
  await drop();
}
