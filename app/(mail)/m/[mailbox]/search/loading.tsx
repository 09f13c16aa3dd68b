import { MailSkeleton } from "@/components/mail/mail-skeleton";

export default function SearchLoading() {
  return <MailSkeleton page="search" />;
}
