import { notFound } from "next/navigation";
import { MailPanes } from "@/components/mail/mail-panes";
import { MailShell, preloadShell } from "@/components/mail/mail-shell";
import { requirePrincipal } from "@/lib/auth/session";
import { requireMailbox } from "@/lib/authz/require";
import { db } from "@/db/client";
import { placeFor } from "@/db/queries/render-cache";

/**
 * A folder: its list (the @list slot) beside the reading pane (children). Moving between messages renders
 * only the pane: the list keeps its page, scroll and selection (docs/architecture.md, "Reading").
 */
export default async function FolderLayout({
  params,
  list,
  children,
}: {
  params: Promise<{ mailbox: string; folder: string }>;
  list: React.ReactNode;
  children: React.ReactNode;
}) {
  const { mailbox, folder } = await params;
  preloadShell(await requirePrincipal());
  const { principal, access } = await requireMailbox(mailbox, "mailbox.read");
  if (!(await placeFor(db, access, folder))) notFound();
  return (
    <MailShell principal={principal} access={access} folder={folder} listing>
      <MailPanes list={list}>{children}</MailPanes>
    </MailShell>
  );
}
