import type { SearchQuery } from "@/db/queries/search";
import { fr } from "@/lib/i18n/fr";

const field = "mt-1 block w-full rounded-md border border-slate-400 px-2 py-1.5 text-sm";

function Text({ name, label, value, type = "text" }: { name: string; label: string; value?: string; type?: string }) {
  return (
    <label className="text-sm">
      {label}
      <input name={name} type={type} defaultValue={value} maxLength={type === "text" ? 100 : undefined} className={field} />
    </label>
  );
}

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} />
      {label}
    </label>
  );
}

/** Every filter of the search, as a GET form: the URL holds the whole search. */
export function SearchFilters({ mailboxId, query }: { mailboxId: string; query: SearchQuery }) {
  return (
    <form
      action={`/m/${mailboxId}/search`}
      aria-label={fr.search.filters}
      className="mb-4 grid gap-3 rounded-md border border-slate-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <label className="text-sm sm:col-span-2 lg:col-span-3">
        {fr.search.words}
        <input name="q" type="search" defaultValue={query.q} maxLength={200} className={field} />
      </label>
      <Text name="from" label={fr.search.from} value={query.from} />
      <Text name="to" label={fr.search.to} value={query.to} />
      <div className="grid grid-cols-2 gap-3">
        <Text name="after" label={fr.search.after} value={query.after} type="date" />
        <Text name="before" label={fr.search.before} value={query.before} type="date" />
      </div>
      <div className="flex flex-wrap gap-x-6 gap-y-2 sm:col-span-2 lg:col-span-3">
        <Check name="attachments" label={fr.search.attachments} checked={Boolean(query.attachments)} />
        <Check name="unread" label={fr.search.unread} checked={Boolean(query.unread)} />
        <Check name="all" label={fr.search.all} checked={Boolean(query.all)} />
      </div>
      <div>
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
          {fr.search.submit}
        </button>
      </div>
    </form>
  );
}
