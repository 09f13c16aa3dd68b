import Link from "next/link";
import { revoke } from "@/lib/actions/delegations";
import { BoxTemplates } from "@/components/templates/box-templates";
import { BoxSignature } from "./box-signature";
import { BoxTokens } from "@/components/tokens/box-tokens";
import { ConfirmButton } from "@/components/ui/confirm-button";
import type { delegationsOverview } from "@/db/queries/delegations";
import type { Right } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { formatDate, formatDateTime, parisDay } from "@/lib/i18n/format";
import { GrantForm } from "./grant-form";
import { LinkAppForm } from "./link-app-form";

type Box = Awaited<ReturnType<typeof delegationsOverview>>[number];
/** A grant's end is stored as the midnight after its last day, which the manager chose and sees. */
const lastDay = (validUntil: Date) => new Date(validUntil.getTime() - 1);
const t = fr.delegations;

export function BoxDelegations({
  box,
  people,
  orgBoxes,
  edit,
}: {
  box: Box;
  people: { id: string; name: string; profession: string | null }[];
  /** Link targets, when the person may link applicative boxes. */
  orgBoxes: { id: string; address: string }[] | null;
  /** The grant being changed, from the URL. */
  edit: string | undefined;
}) {
  const editing = box.grants.find((g) => g.id === edit);
  const headingId = `boite-${box.id}-titre`;
  return (
    <section id={`boite-${box.id}`} aria-labelledby={headingId} className="rounded-md border border-slate-300 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold">
        {box.displayName}
      </h2>
      <p className="text-sm text-slate-700">
        {box.address} · {fr.mailboxType[box.type]}
        {box.responsibleName && ` · ${t.responsible} : ${box.responsibleName}`}
        {box.holderName && ` · ${t.holder} : ${box.holderName}`}
        {box.type === "APP" && ` · ${t.linkedTo} : ${box.linkedAddress ?? "—"}`}
      </p>
      {box.grants.length === 0 ? (
        <p className="mt-3 text-sm">{t.noGrant}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {t.title} — {box.address}
            </caption>
            <thead>
              <tr className="border-b border-slate-300">
                <th scope="col" className="py-2 pr-3">
                  {t.person}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t.rights}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t.grantedBy}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t.since}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t.until}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t.status}
                </th>
                <th scope="col" className="py-2">
                  {t.actions}
                </th>
              </tr>
            </thead>
            <tbody>
              {box.grants.map((g) => (
                <tr key={g.id} className="border-b border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {g.granteeName}
                  </th>
                  <td className="py-2 pr-3">{g.rights.map((r) => t.rightLabels[r as Right]).join(", ")}</td>
                  <td className="py-2 pr-3">{g.granterName ?? "—"}</td>
                  <td className="py-2 pr-3">{formatDateTime(g.validFrom)}</td>
                  <td className="py-2 pr-3">{g.validUntil ? t.untilDay(formatDate(lastDay(g.validUntil))) : t.noEnd}</td>
                  <td className="py-2 pr-3">{t[g.status]}</td>
                  <td className="flex flex-wrap gap-2 py-2">
                    <Link
                      href={`/delegations?edit=${g.id}#boite-${box.id}`}
                      className="inline-flex items-center rounded-md border border-slate-400 px-3 py-2"
                      aria-label={`${t.change} — ${g.granteeName}`}
                    >
                      {t.change}
                    </Link>
                    <ConfirmButton
                      action={revoke}
                      fields={{ mailboxId: box.id, delegationId: g.id }}
                      label={t.revoke}
                      accessibleName={`${t.revoke} — ${g.granteeName}`}
                      question={t.confirmRevoke(
                        g.granteeName,
                        box.displayName,
                        g.rights.map((r) => t.rightLabels[r as Right].toLowerCase()).join(", "),
                      )}
                      confirmLabel={t.confirm}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {/* Folded until asked for; open when a grant is being changed (?edit=). */}
      <details key={editing?.id ?? "new"} open={Boolean(editing)} className="mt-4">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700 underline sm:min-h-0">
          {editing ? t.changeOpen(editing.granteeName) : t.grantOpen}
        </summary>
        <GrantForm
          mailboxId={box.id}
          people={people}
          grantable={box.grantable}
          defaults={{
            userId: editing?.userId ?? "",
            rights: editing?.rights ?? ["read"],
            // The input shows the last included day; validUntil is the next midnight.
            until: editing?.validUntil ? parisDay(lastDay(editing.validUntil)) : "",
          }}
        />
      </details>
      {box.type === "APP" && orgBoxes && <LinkAppForm appMailboxId={box.id} current={box.linkedAddress} orgBoxes={orgBoxes} />}
      {box.tokens && <BoxTokens mailboxId={box.id} tokens={box.tokens} />}
      {box.signatureHtml !== undefined && <BoxSignature mailboxId={box.id} signatureHtml={box.signatureHtml} />}
      {box.templates && <BoxTemplates mailboxId={box.id} templates={box.templates} />}
    </section>
  );
}
