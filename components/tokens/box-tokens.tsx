import type { TokenView } from "@/db/queries/tokens";
import { fr } from "@/lib/i18n/fr";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import { CreateTokenForm } from "./create-token-form";
import { RevokeToken } from "./revoke-token";

const t = fr.tokens;

// expiresAt is the midnight after the last day the token works: that day is what people chose and read.
const lastDay = (expiresAt: Date) => formatDate(new Date(expiresAt.getTime() - 1));
const shownPrefix = (prefix: string) => `${prefix}…`;

/** The API tokens of one applicative box: those in service or expired, the revoked ones folded away, and a new one. */
export function BoxTokens({ mailboxId, tokens }: { mailboxId: string; tokens: TokenView[] }) {
  const listed = tokens.filter((token) => token.status !== "revoked");
  const revoked = tokens.filter((token) => token.status === "revoked");
  const headingId = `jetons-${mailboxId}-titre`;
  return (
    <section id={`jetons-${mailboxId}`} aria-labelledby={headingId} className="mt-4 rounded-md border border-slate-300 p-4">
      <h3 id={headingId} className="font-semibold">
        {t.title}
      </h3>
      <p className="mt-1 text-sm text-slate-700">{t.intro}</p>
      {listed.length === 0 ? (
        <p className="mt-3 text-sm">{t.none}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full min-w-3xl text-left text-sm">
            <caption className="sr-only">{t.title}</caption>
            <thead>
              <tr className="border-b border-slate-300">
                {[t.label, t.prefix, t.created, t.end, t.lastUse, t.status, t.actions].map((h) => (
                  <th key={h} scope="col" className="py-2 pr-3">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {listed.map((token) => (
                <tr key={token.id} className="border-b border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-3 font-medium break-words">
                    {token.label}
                  </th>
                  <td className="py-2 pr-3 font-mono whitespace-nowrap">{shownPrefix(token.prefix)}</td>
                  <td className="py-2 pr-3">{t.createdBy(token.createdBy, formatDateTime(token.createdAt))}</td>
                  <td className="py-2 pr-3">{token.expiresAt ? t.until(lastDay(token.expiresAt)) : t.noEnd}</td>
                  <td className="py-2 pr-3">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t.neverUsed}</td>
                  <td className={`py-2 pr-3 ${token.status === "expired" ? "font-semibold text-red-800" : ""}`}>
                    {token.status === "expired" ? t.expired : t.active}
                  </td>
                  <td className="py-2">
                    {token.status === "active" ? <RevokeToken mailboxId={mailboxId} tokenId={token.id} label={token.label} /> : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoked.length > 0 && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-medium">{t.revokedList(revoked.length)}</summary>
          <ul className="mt-2 space-y-1">
            {revoked.map((token) => (
              <li key={token.id}>
                <span className="font-medium">{token.label}</span> (<span className="font-mono">{shownPrefix(token.prefix)}</span>) —{" "}
                {t.createdBy(token.createdBy, formatDateTime(token.createdAt))} —{" "}
                {t.revokedOn(formatDateTime(token.revokedAt!), token.revokedBy)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {/* A revocation starts the form afresh: a secret still on screen could be the one just revoked. */}
      <CreateTokenForm key={revoked.length} mailboxId={mailboxId} />
    </section>
  );
}
