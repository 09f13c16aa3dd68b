import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PrintView } from "@/components/mail/print-view";
import { db } from "@/db/client";
import { printedMessage } from "@/db/queries/printed-message";
import { requireMailbox } from "@/lib/authz/require";
import { fr } from "@/lib/i18n/fr";
import { readableSubject } from "@/lib/mail/xdm";
import { requestMeta } from "@/lib/request";

type Params = Promise<{ mailbox: string; message: string }>;

/** The message read once per request, for its title and its page alike (so it is traced once). */
const load = cache(async (mailbox: string, messageId: string) => {
  const { principal, access } = await requireMailbox(mailbox, "mailbox.read");
  const message = await printedMessage(db, { principal, access, messageId, meta: await requestMeta() });
  if (!message) notFound();
  return { access, message };
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { mailbox, message } = await params;
  const { message: m } = await load(mailbox, message);
  return { title: fr.print.title(readableSubject(m.subject) || fr.list.noSubject) };
}

/** A message alone, outside the mail layout, for printing: the same right as its thread, `mailbox.read`. */
export default async function PrintPage({ params, searchParams }: { params: Params; searchParams: Promise<{ images?: string }> }) {
  const [{ mailbox, message }, { images }] = await Promise.all([params, searchParams]);
  const { access, message: m } = await load(mailbox, message);
  return <PrintView mailbox={access.mailbox} message={m} remoteImages={images === "1"} />;
}
