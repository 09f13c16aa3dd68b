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
      <button type="submit" className="rounded-md border border-slate-400 px-3 py-1.5 text-sm hover:bg-slate-100">
        {fr.search.submit}
      </button>
    </form>
  );
}
