import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { startServer, throughput } from "./scripts/bench-kit";
import pg from "pg";
const url = "postgres://postgres@127.0.0.1:5432/bench_keep";
const c = new pg.Client(url); await c.connect();
const cardio = (await c.query("select id from mailboxes where address='cardiologie@ch-troispics.mssante.fr'")).rows[0].id;
await c.end();
const server = await startServer(url, 3301, "marie.durand", process.env.PROF ? { NODE_OPTIONS: "--max-semi-space-size=4 --max-old-space-size=384 --require /tmp/prof-hook.cjs" } : {}, { balanced: true });
const { execSync } = await import("node:child_process");
const usr2 = () => { if (process.env.PROF) execSync("pkill -USR2 -f ^next-server"); };
const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8"));
const actionId = Object.entries<any>(manifest.node).find(([, a]) => a.exportedName === "send" && "app/(mail)/m/[mailbox]/compose/page" in a.workers)![0];
const { encodeReply, createFromFetch } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js");
const noModules = { serverConsumerManifest: { moduleMap: {}, serverModuleMap: null, moduleLoading: null } };
const recipients = Array.from({ length: 10 }, (_, i) => `bench.${i + 1}@ch-troispics.mssante.fr`).join(", ");
const box = `/m/${cardio}`;
const send = async () => {
  const form = new FormData();
  form.set("mailboxId", cardio); form.set("to", recipients);
  form.set("subject", "Compte rendu de consultation — Josette FAURE"); form.set("body", "Bonjour\nLigne deux\nLigne trois, un peu plus longue pour ressembler au bench.\n".repeat(4));
  const response = fetch(`${server.origin}${box}/compose`, { method: "POST", headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: server.origin, Cookie: server.cookie }, body: await encodeReply([{ ok: false }, form]) });
  const state = await (await createFromFetch(response, noModules)).a;
  if (!state.next?.includes("notice=sent")) throw new Error("refused " + JSON.stringify(state));
};
for (let i = 0; i < 200; i++) await send();
usr2();
for (let r = 0; r < Number(process.env.ROUNDS ?? 2); r++) {
  const before = server.cpuMs();
  const t = await throughput(20, 10, send);
  const after = server.cpuMs();
  const n = t.per_second * 10;
  console.log(JSON.stringify({ per_second: t.per_second, server: ((after.server - before.server) / n).toFixed(2), pg: ((after.postgres - before.postgres) / n).toFixed(2), client: ((after.client - before.client) / n).toFixed(2) }));
}
usr2(); await new Promise((r) => setTimeout(r, 2000));
await server.stop();
