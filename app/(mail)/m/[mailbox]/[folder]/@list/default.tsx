import { FolderList } from "@/components/mail/folder-list";

/** A thread's address loaded directly (a link, a reload): the list beside it starts at the folder's first page. */
export default async function ListDefault({ params }: { params: Promise<{ mailbox: string; folder: string }> }) {
  const { mailbox, folder } = await params;
  return <FolderList mailboxId={mailbox} folder={folder} query={{}} />;
}
