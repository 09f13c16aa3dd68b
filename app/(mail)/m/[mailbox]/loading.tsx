import { MailSkeleton } from "@/components/mail/mail-skeleton";

export default function MailboxLoading() {
  return <MailSkeleton page="folder" />;
}
