import { MailSkeleton } from "@/components/mail/mail-skeleton";

export default function ThreadLoading() {
  return <MailSkeleton page="thread" />;
}
