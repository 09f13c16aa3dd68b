/**
 * `npm run db:check`: exit 1 naming each migration that differs from db/migrations/lock.json
 * or is not recorded yet. `npm run db:check -- --record` appends new migrations to the lock.
 */
import { MIGRATIONS_DIR } from "@/db/migrate";
import { checkMigrations, recordMigrations } from "@/db/migrations-lock";

if (process.argv.includes("--record")) {
  try {
    const added = recordMigrations(MIGRATIONS_DIR);
    console.log(added.length > 0 ? `Recorded in the lock: ${added.join(", ")}` : "Nothing to record: every migration is in the lock.");
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
} else {
  const { problems, unrecorded } = checkMigrations(MIGRATIONS_DIR);
  for (const problem of problems) console.error(problem);
  for (const file of unrecorded) console.error(`${file} is not in the lock: record it with npm run db:check -- --record`);
  if (problems.length + unrecorded.length > 0) process.exitCode = 1;
  else console.log("Migrations match the lock.");
}
