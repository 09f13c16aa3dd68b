import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_PGLITE_DIR, openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import { DEMO_ACCOUNTS, DEMO_API_TOKEN, DEMO_PASSWORD, PEER_ACCOUNTS, seed, seedPeer } from "@/db/seed";

/** Which demo fills an empty database: ours, another operator's (a second instance to exchange mail with), or none. */
export type Demo = "demo" | "peer" | null;

/** Migrate, and seed the demo when asked; returns once the database is closed again. */
export async function prepareDatabase({ demo }: { demo: Demo }) {
  if (!process.env.DATABASE_URL) mkdirSync(path.dirname(process.env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR), { recursive: true });
  const handle = openDatabase();
  try {
    await migrate(handle.db, handle.driver);
    const result = demo === "demo" ? await seed(handle.db) : demo === "peer" ? await seedPeer(handle.db) : { seeded: false };
    return { driver: handle.driver, seeded: result.seeded };
  } finally {
    await handle.close();
  }
}

export function printDemoAccounts(demo: Demo) {
  if (!demo) return;
  console.log("\nComptes de démonstration (mot de passe : %s)", DEMO_PASSWORD);
  for (const account of demo === "peer" ? PEER_ACCOUNTS : DEMO_ACCOUNTS) console.log(`  ${account.login.padEnd(16)} ${account.who}`);
  if (demo === "demo")
    console.log("\nJeton d'API de démonstration (boîte applicative comptes-rendus_noreply, voir le README) :\n  %s", DEMO_API_TOKEN);
  console.log("");
}
