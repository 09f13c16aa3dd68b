import Link from "next/link";
import { AppHeader, sectionLinks } from "@/components/app-header";
import { db } from "@/db/client";
import { mailboxesForSwitcher } from "@/db/queries/mailboxes";
import { boxSummary } from "@/db/queries/folders";
import { accessesOf, foldersFor } from "@/db/queries/render-cache";
import type { Principal } from "@/lib/auth/principal";
import { can, type ReadAccess } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { listRead } from "@/lib/read-your-writes";
import { FolderNav } from "./folder-nav";
import { LiveUpdates } from "./live-updates";
import { MailboxSwitcher } from "./mailbox-switcher";
import { MobileDrawer } from "./mobile-drawer";
import { NewMailNotifier } from "./new-mail-notifier";
import { SearchBox } from "./search-box";

/** How often an open page asks whether the box changed (LIVE_REFRESH_SECONDS, 15 s by default, at least 1 s). */
export const liveRefreshMs = () => Math.max(1, Number(process.env.LIVE_REFRESH_SECONDS) || 15) * 1000;

/**
 * Starts the shell's read that needs only the person (her boxes, for the switcher) before the page checks its own
 * box, so the two queries run side by side rather than one after the other. The shell awaits the same read (React
 * `cache`): a failure surfaces there, not as an unhandled rejection here.
 */
export function preloadShell(principal: Principal) {
  accessesOf(db, principal.userId).catch(() => {});
}

/** Header and sidebar around every mail page, rendered fresh with the page so counts never lag. */
export async function MailShell({
  principal,
  access,
  folder,
  search,
  listing = false,
  children,
}: {
  principal: Principal;
  access: ReadAccess;
  /** The folder shown: a fixed folder's name, or the id of one of the box's own. */
  folder?: string;
  /** The words of the search shown, kept in the box. */
  search?: string;
  /** A folder's list: new mail re-renders it. Elsewhere (a form being written, a thread whose reading is traced) only counts and title follow. */
  listing?: boolean;
  children: React.ReactNode;
}) {
  // The version the list's live updates compare, and the switcher's counts it is made of: from the database the list is read from.
  const [{ boxes, managesDelegations }, summary] = await listRead((reads) => {
    const switcher = mailboxesForSwitcher(db, principal.userId, reads, accessesOf(db, principal.userId));
    return Promise.all([
      switcher,
      boxSummary(
        reads,
        principal.userId,
        access,
        foldersFor,
        switcher.then((s) => s.counts),
      ),
    ]);
  });
  const sidebar = (
    <>
      <Link
        href={`/m/${access.mailbox.id}/compose`}
        className="mb-4 block rounded-md bg-brand-700 px-4 py-2.5 text-center text-sm font-medium text-white hover:bg-brand-800"
      >
        {fr.nav.compose}
      </Link>
      <SearchBox mailboxId={access.mailbox.id} value={search} />
      <MailboxSwitcher boxes={boxes} currentId={access.mailbox.id} />
      <FolderNav
        mailboxId={access.mailbox.id}
        current={folder}
        summary={summary}
        intervalMs={liveRefreshMs()}
        canEdit={can(access, "message.edit")}
      />
      <NewMailNotifier intervalMs={liveRefreshMs()} />
    </>
  );
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#contenu" className="sr-only focus:not-sr-only focus:p-2">
        {fr.nav.skipToContent}
      </a>
      <AppHeader name={principal.name} links={sectionLinks({ principal, hasMail: true, managesDelegations, current: "mail" })} />
      <LiveUpdates
        mailboxId={access.mailbox.id}
        initial={summary}
        refresh={listing}
        title={`${access.mailbox.displayName} — ${fr.app.name}`}
        intervalMs={liveRefreshMs()}
      />
      <div className="flex flex-1 flex-col md:flex-row">
        <aside className="hidden border-r border-slate-300 bg-white p-4 md:block md:w-64 md:shrink-0" aria-label={fr.nav.mainNav}>
          {sidebar}
        </aside>
        <main id="contenu" className="flex min-w-0 flex-1 flex-col gap-3 p-3 sm:p-4">
          <div className="md:hidden">
            <MobileDrawer>{sidebar}</MobileDrawer>
          </div>
          {children}
        </main>
      </div>
    </div>
  );
}
