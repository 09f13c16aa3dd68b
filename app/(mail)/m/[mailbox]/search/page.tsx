import { MailShell, preloadShell } from "@/components/mail/mail-shell";
import { SearchFilters } from "@/components/mail/search-filters";
import { SearchResults } from "@/components/mail/search-results";
import { db } from "@/db/client";
import { accessesOf } from "@/db/queries/render-cache";
import { searchForPerson, searchQuery } from "@/db/queries/search";
import { requirePrincipal } from "@/lib/auth/session";
import { requireMailbox } from "@/lib/authz/require";
import { fr } from "@/lib/i18n/fr";
import { listRead } from "@/lib/read-your-writes";

export default async function SearchPage({
  params,
  searchParams,
}: {
  params: Promise<{ mailbox: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ mailbox }, raw] = await Promise.all([params, searchParams]);
  preloadShell(await requirePrincipal());
  const { principal, access } = await requireMailbox(mailbox, "mailbox.read");
  const query = searchQuery.parse(Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")));
  const { cursor: _, ...kept } = query;
  const asked = Object.values(kept).some(Boolean);
  // Started now and awaited in the results: the search runs while the shell reads the counts, not before.
  const found = asked
    ? listRead((reads) => searchForPerson(db, principal.userId, access, query, reads, accessesOf(db, principal.userId)))
    : null;
  // Should the shell fail first, the search's own failure is not left unhandled; <Found> still throws it.
  found?.catch(() => {});
  const pageAt = (cursor: string) =>
    `/m/${access.mailbox.id}/search?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(kept).filter(([, v]) => v)) as Record<string, string>), cursor })}`;
  return (
    <MailShell principal={principal} access={access} search={query.q}>
      <h1 className="mb-4 text-xl font-semibold">
        {fr.search.title}{" "}
        <span className="text-base font-normal text-slate-700">— {query.all ? fr.search.all : access.mailbox.displayName}</span>
      </h1>
      <SearchFilters mailboxId={access.mailbox.id} query={query} />
      {found ? <Found found={found} pageAt={pageAt} /> : <p className="text-slate-700">{fr.search.prompt}</p>}
    </MailShell>
  );
}

async function Found({ found, pageAt }: { found: ReturnType<typeof searchForPerson>; pageAt: (cursor: string) => string }) {
  const { results, nextCursor } = await found;
  return <SearchResults results={results} nextHref={nextCursor ? pageAt(nextCursor) : null} />;
}
