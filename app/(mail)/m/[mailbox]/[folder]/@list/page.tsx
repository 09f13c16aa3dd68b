import { FolderList, type FolderQuery } from "@/components/mail/folder-list";

export default async function ListPage({
  params,
  searchParams,
}: {
  params: Promise<{ mailbox: string; folder: string }>;
  searchParams: Promise<FolderQuery>;
}) {
  const [{ mailbox, folder }, query] = await Promise.all([params, searchParams]);
  return <FolderList mailboxId={mailbox} folder={folder} query={query} />;
}
