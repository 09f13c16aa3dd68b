import { MailSkeleton } from "@/components/mail/mail-skeleton";

export default function FolderLoading() {
  return <MailSkeleton page="folder" />;
}
