import { fr } from "@/lib/i18n/fr";

/** A plain GET form: the search lives in the URL, so it can be bookmarked, shared and reloaded. */
export function SearchBox({ mailboxId, value }: { mailboxId: string; value?: string }) {
  return (
    <form role="search" action={`/m/${mailboxId}/search`} className="mb-4 flex gap-2">
      <label htmlFor="recherche-rapide" className="sr-only">
        {fr.search.label}
      </label>
      <input
        id="recherche-rapide"
        name="q"
        type="search"
        defaultValue={value}
        maxLength={200}
        placeholder={fr.search.placeholder}
        className="min-w-0 flex-1 rounded-md border border-slate-400 px-2 py-1.5 text-sm"
      />
      {/* A magnifier, named for screen readers: the field keeps the sidebar's width for its hint. */}
      <button
        type="submit"
        className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-slate-400 hover:bg-slate-100 md:min-h-0 md:min-w-0 md:px-2 md:py-1.5"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="8.5" cy="8.5" r="5.5" />
          <path d="m13 13 4.5 4.5" strokeLinecap="round" />
        </svg>
        <span className="sr-only">{fr.search.submit}</span>
      </button>
    </form>
  );
}
