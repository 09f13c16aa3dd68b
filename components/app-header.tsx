import Link from "next/link";
import { logout } from "@/lib/actions/auth";
import type { Principal } from "@/lib/auth/principal";
import { hasRolePermission } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";

/** The bar on every signed-in page: product, sections the person may use, her name, logout. */
export function AppHeader({ name, links }: { name: string; links: { href: string; label: string; current?: boolean }[] }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-2 bg-brand-800 px-4 py-3 text-white">
      <div className="flex flex-wrap items-center gap-6">
        <Link href="/" className="font-semibold">
          {fr.app.name}
        </Link>
        {links.length > 1 && (
          <nav aria-label={fr.nav.sections}>
            <ul className="flex gap-4 text-sm">
              {links.map((l) => (
                <li key={l.href}>
                  <Link
                    href={l.href}
                    aria-current={l.current ? "page" : undefined}
                    className={l.current ? "underline underline-offset-4" : "hover:underline"}
                  >
                    {l.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
      <div className="flex items-center gap-4 text-sm">
        <span>{name}</span>
        <Link href="/mot-de-passe" className="hover:underline">
          {fr.password.link}
        </Link>
        <form action={logout}>
          <button type="submit" className="rounded border border-white/70 px-3 py-1 hover:bg-white/10">
            {fr.nav.logout}
          </button>
        </form>
      </div>
    </header>
  );
}

/** The sections a person may use: mail and annuaire with a box, delegations when she manages one, the rest by role. */
export function sectionLinks({
  principal,
  hasMail,
  managesDelegations,
  current,
}: {
  principal: Pick<Principal, "role">;
  hasMail: boolean;
  managesDelegations: boolean;
  current?: "mail" | "delegations" | "people" | "audit" | "annuaire";
}) {
  const link = (href: string, label: string, section: typeof current) => [{ href, label, current: current === section }];
  return [
    ...(hasMail ? link("/", fr.nav.mail, "mail") : []),
    ...(hasMail ? link("/annuaire", fr.annuaire.title, "annuaire") : []),
    ...(managesDelegations ? link("/delegations", fr.delegations.title, "delegations") : []),
    ...(hasRolePermission(principal, "structure.manage") ? link("/personnes", fr.people.title, "people") : []),
    ...(hasRolePermission(principal, "audit.read") ? link("/audit", fr.audit.title, "audit") : []),
  ];
}
