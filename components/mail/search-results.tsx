import Link from "next/link";
import type { searchMessages } from "@/db/queries/search";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime, formatListDate } from "@/lib/i18n/format";
import { HighlightedText } from "./highlighted-text";

type Result = Awaited<ReturnType<typeof searchMessages>>["results"][number];

export function SearchResults({ results, nextHref }: { results: Result[]; nextHref: string | null }) {
  if (results.length === 0) return <p className="mt-6 text-slate-700">{fr.search.none}</p>;
  return (
    <>
      <ul aria-label={fr.search.results} className="divide-y divide-slate-200 rounded-md border border-slate-300 bg-white">
        {results.map((r) => (
          <li key={r.id}>
            <Link
              href={
                r.folder === "drafts"
                  ? `/m/${r.mailboxId}/compose?draft=${r.draftId}`
                  : `/m/${r.mailboxId}/${r.folderId ?? r.folder}/${r.threadId}`
              }
              className="block px-4 py-3 hover:bg-slate-50"
            >
              <span className="flex flex-col gap-0.5 sm:flex-row sm:items-baseline sm:gap-4">
                <span className={`w-56 shrink-0 truncate ${r.unread ? "font-bold" : ""}`}>
                  {r.unread && <span className="sr-only">{fr.list.unread} : </span>}
                  {r.fromName ?? r.fromAddress}
                </span>
                <span className={`min-w-0 flex-1 truncate ${r.unread ? "font-bold" : ""}`}>
                  <HighlightedText runs={r.subject} />
                </span>
                {r.hasAttachments && <span className="shrink-0 text-xs text-slate-700">{fr.search.attachment}</span>}
                <time
                  dateTime={r.receivedAt.toISOString()}
                  title={formatDateTime(r.receivedAt)}
                  className="shrink-0 text-sm text-slate-700"
                >
                  {formatListDate(r.receivedAt)}
                </time>
              </span>
              <span className="mt-1 block text-sm text-slate-700">
                <HighlightedText runs={r.passage} />
              </span>
              <span className="mt-1 block text-xs text-slate-600">
                {fr.search.inFolder(r.mailboxName, r.folderName ?? fr.folders[r.folder])}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {nextHref && (
        <nav aria-label="Pagination" className="mt-4 text-sm">
          <Link href={nextHref} className="text-brand-700 underline">
            {fr.search.next}
          </Link>
        </nav>
      )}
    </>
  );
}
