import { MailShell } from "@/components/mail/mail-shell";
import { SearchFilters } from "@/components/mail/search-filters";
import { SearchResults } from "@/components/mail/search-results";
import { db } from "@/db/client";
import { searchForPerson, searchQuery } from "@/db/queries/search";
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
  const { principal, access } = await requireMailbox(mailbox, "mailbox.read");
  const query = searchQuery.parse(Object.fromEntries(Object.entries(raw).filter(([, v]) => typeof v === "string")));
  const { cursor: _, ...kept } = query;
  const asked = Object.values(kept).some(Boolean);
  const { results, nextCursor } = asked
    ? await listRead((reads) => searchForPerson(db, principal.userId, access, query, reads))
    : { results: [], nextCursor: null };
  const next = nextCursor
    ? `/m/${access.mailbox.id}/search?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(kept).filter(([, v]) => v)) as Record<string, string>), cursor: nextCursor })}`
    : null;
  return (
    <MailShell principal={principal} access={access} search={query.q}>
      <h1 className="mb-4 text-xl font-semibold">
        {fr.search.title}{" "}
        <span className="text-base font-normal text-slate-700">— {query.all ? fr.search.all : access.mailbox.displayName}</span>
      </h1>
      <SearchFilters mailboxId={access.mailbox.id} query={query} />
      {asked ? <SearchResults results={results} nextHref={next} /> : <p className="text-slate-700">{fr.search.prompt}</p>}
    </MailShell>
  );
}
