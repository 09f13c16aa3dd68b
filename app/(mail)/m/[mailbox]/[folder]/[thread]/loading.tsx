import { PaneSkeleton } from "@/components/mail/mail-skeleton";

export default function ThreadLoading() {
  return <PaneSkeleton />;
}
