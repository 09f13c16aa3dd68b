import { ActionButton } from "@/components/ui/action-button";
import type { structureMembers } from "@/db/queries/people";
import { disablePerson, enablePerson } from "@/lib/actions/people";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime } from "@/lib/i18n/format";

type Person = Awaited<ReturnType<typeof structureMembers>>[number];
const t = fr.people;

/** The structure's accounts, each with the one switch that applies to it (never on one's own account). */
export function PeopleTable({ people, selfId }: { people: Person[]; selfId: string }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-300 bg-white p-4">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{t.title}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            {[t.name, t.login, t.role, t.status, t.actions].map((heading) => (
              <th key={heading} scope="col" className="py-2 pr-3">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id} className="border-b border-slate-200 align-top">
              <th scope="row" className="py-2 pr-3 font-medium">
                {p.name}
                {p.profession && <span className="block font-normal text-slate-700">{p.profession}</span>}
              </th>
              <td className="py-2 pr-3">{p.login}</td>
              <td className="py-2 pr-3">{t.roles[p.role]}</td>
              <td className="py-2 pr-3">{p.disabledAt ? t.disabledSince(formatDateTime(new Date(p.disabledAt))) : t.active}</td>
              <td className="py-2">
                {p.id === selfId ? (
                  <span className="text-slate-700">{t.you}</span>
                ) : p.disabledAt ? (
                  <ActionButton action={enablePerson} fields={{ userId: p.id }} label={t.enable} accessibleName={t.enableNamed(p.name)} />
                ) : (
                  <ActionButton
                    action={disablePerson}
                    fields={{ userId: p.id }}
                    label={t.disable}
                    accessibleName={t.disableNamed(p.name)}
                    variant="danger"
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
