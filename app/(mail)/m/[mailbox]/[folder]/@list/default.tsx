import { headers } from "next/headers";
import { FolderList } from "@/components/mail/folder-list";
import { KEPT_LIST_HEADER } from "@/lib/http/kept-list";

/** A thread's address loaded directly (a link, a reload): the list beside it starts at the folder's first page. */
export default async function ListDefault({ params }: { params: Promise<{ mailbox: string; folder: string }> }) {
  // Moving to a message from this folder's own list: the browser keeps the list it shows (lib/http/kept-list.ts).
  if ((await headers()).has(KEPT_LIST_HEADER)) return null;
  const { mailbox, folder } = await params;
  return <FolderList mailboxId={mailbox} folder={folder} query={{}} />;
}
