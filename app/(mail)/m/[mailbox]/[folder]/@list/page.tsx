import { FolderList } from "@/components/mail/folder-list";

export default async function ListPage({
  params,
  searchParams,
}: {
  params: Promise<{ mailbox: string; folder: string }>;
  searchParams: Promise<{
    cursor?: string;
    before?: string;
    start?: string;
    notice?: string;
    assigned?: string;
    patients?: string;
    todo?: string;
  }>;
}) {
  const [{ mailbox, folder }, query] = await Promise.all([params, searchParams]);
  return <FolderList mailboxId={mailbox} folder={folder} query={query} />;
}
