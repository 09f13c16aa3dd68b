/** On Postgres, tests run in throwaway copies of one migrated template database. */
export function templateUrl(databaseUrl: string): { url: string; name: string } {
  const url = new URL(databaseUrl);
  const name = `${url.pathname.slice(1) || "postgres"}_vitest_template`;
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}
