import { Providers } from "@/components/providers";

/** The mail pages' client state (polled counters, delivery states, notices): not shipped with sign-in or administration. */
export default function MailLayout({ children }: { children: React.ReactNode }) {
  return <Providers>{children}</Providers>;
}
