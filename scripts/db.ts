import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEFAULT_PGLITE_DIR, openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seed } from "@/db/seed";

/** Migrate, and seed the demo when asked; returns once the database is closed again. */
export async function prepareDatabase({ seedDemo }: { seedDemo: boolean }) {
  if (!process.env.DATABASE_URL) mkdirSync(path.dirname(process.env.PGLITE_DIR ?? DEFAULT_PGLITE_DIR), { recursive: true });
  const handle = openDatabase();
  try {
    await migrate(handle.db, handle.driver);
    const result = seedDemo ? await seed(handle.db) : { seeded: false };
    return { driver: handle.driver, seeded: result.seeded };
  } finally {
    await handle.close();
  }
}

export function printDemoAccounts() {
  console.log("\nComptes de démonstration (mot de passe : %s)", DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) console.log(`  ${account.login.padEnd(16)} ${account.who}`);
  console.log("");
}
