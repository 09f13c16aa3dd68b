import { fr } from "@/lib/i18n/fr";
import { PROFESSIONS, type AnnuaireQuery } from "@/db/queries/annuaire";

const t = fr.annuaire;
const control = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";

function TextFilter({ name, label, value }: { name: string; label: string; value: string | undefined }) {
  return (
    <div>
      <label htmlFor={`a-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <input id={`a-${name}`} name={name} defaultValue={value ?? ""} className={control} />
    </div>
  );
}

/** A GET form: the search lives in the URL. */
export function AnnuaireSearch({ query }: { query: AnnuaireQuery }) {
  return (
    <form
      method="get"
      action="/annuaire"
      role="search"
      className="grid gap-3 rounded-md border border-slate-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <div className="sm:col-span-2 lg:col-span-3">
        <label htmlFor="a-q" className="block text-sm font-medium">
          {t.query}
        </label>
        <input id="a-q" type="search" name="q" defaultValue={query.q ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="a-profession" className="block text-sm font-medium">
          {t.profession}
        </label>
        <select id="a-profession" name="profession" defaultValue={query.profession ?? ""} className={control}>
          <option value="">{t.anyProfession}</option>
          {PROFESSIONS.map(([code, label]) => (
            <option key={code} value={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <TextFilter name="specialty" label={t.specialty} value={query.specialty} />
      <TextFilter name="place" label={t.place} value={query.place} />
      <TextFilter name="structure" label={t.structure} value={query.structure} />
      <div>
        <label htmlFor="a-type" className="block text-sm font-medium">
          {t.type}
        </label>
        <select id="a-type" name="type" defaultValue={query.type ?? ""} className={control}>
          <option value="">{t.anyType}</option>
          <option value="PER">{fr.mailboxType.PER}</option>
          <option value="ORG">{fr.mailboxType.ORG}</option>
        </select>
      </div>
      <div className="flex items-end">
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
          {t.search}
        </button>
      </div>
    </form>
  );
}
