import Link from "next/link";
import { logout } from "@/app/(auth)/login/actions";
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
                  <Link href={l.href} aria-current={l.current ? "page" : undefined} className={l.current ? "underline underline-offset-4" : "hover:underline"}>
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
        <form action={logout}>
          <button type="submit" className="rounded border border-white/70 px-3 py-1 hover:bg-white/10">
            {fr.nav.logout}
          </button>
        </form>
      </div>
    </header>
  );
}

export function sectionLinks({
  hasMail,
  managesDelegations,
  audit,
  current,
}: {
  hasMail: boolean;
  managesDelegations: boolean;
  audit: boolean;
  current: "mail" | "delegations" | "audit" | "annuaire";
}) {
  return [
    ...(hasMail ? [{ href: "/", label: fr.nav.mail, current: current === "mail" }] : []),
    ...(hasMail ? [{ href: "/annuaire", label: fr.annuaire.title, current: current === "annuaire" }] : []),
    ...(managesDelegations ? [{ href: "/delegations", label: fr.delegations.title, current: current === "delegations" }] : []),
    ...(audit ? [{ href: "/audit", label: fr.audit.title, current: current === "audit" }] : []),
  ];
}
