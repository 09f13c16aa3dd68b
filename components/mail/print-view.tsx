import type { PrintedMessage } from "@/db/queries/printed-message";
import type { AddressEntry } from "@/db/schema";
import { formatBytes, fr } from "@/lib/i18n/fr";
import { formatAddress, formatDateTime } from "@/lib/i18n/format";
import { readableSubject } from "@/lib/mail/xdm";
import { MessageBody } from "./message-body";
import { PrintControls } from "./print-controls";
import { printPath } from "./print-link";

/** A message alone as it prints: its box, header, body (shown as in its thread) and the names and sizes of its files. */
export function PrintView({
  mailbox,
  message: m,
  remoteImages,
}: {
  mailbox: { id: string; address: string; displayName: string };
  message: PrintedMessage;
  remoteImages: boolean;
}) {
  const subject = readableSubject(m.subject) || fr.list.noSubject;
  const addresses = (list: AddressEntry[]) => list.map(formatAddress).join(", ");
  // Rows without a value (no Cc, no "Envoyé par") are left out.
  const header: [string, React.ReactNode][] = [
    [fr.print.mailbox, `${mailbox.displayName} <${mailbox.address}>`],
    [fr.message.from, formatAddress({ address: m.fromAddress, name: m.fromName })],
    [fr.message.sender, m.senderName],
    [fr.message.to, addresses(m.to)],
    [fr.message.cc, addresses(m.cc)],
    [
      fr.message.date,
      <time key="date" dateTime={m.receivedAt.toISOString()}>
        {formatDateTime(m.receivedAt)}
      </time>,
    ],
    [fr.print.subject, subject],
  ];
  const self = printPath(mailbox.id, m.id);
  return (
    <main className="mx-auto max-w-3xl bg-white p-6 print:max-w-none print:p-0">
      <PrintControls backHref={`/m/${mailbox.id}/${m.folder}/${m.threadId}`} />
      <article aria-labelledby="impression-objet">
        <h1 id="impression-objet" className="mb-4 text-xl font-semibold break-words">
          {subject}
        </h1>
        <dl className="space-y-1 border-b border-slate-300 pb-3 text-sm">
          {header
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <div key={label} className="flex gap-2">
                <dt className="w-24 shrink-0 text-slate-600">{label}</dt>
                <dd className="min-w-0 break-words">{value}</dd>
              </div>
            ))}
        </dl>
        <MessageBody
          mailboxId={mailbox.id}
          message={m}
          remoteImages={remoteImages}
          showImagesHref={`${self}?images=1`}
          originalHref={`/api/messages/${m.id}/original`}
        />
        {m.attachments.length > 0 && (
          <section aria-labelledby="impression-pieces" className="mt-4 border-t border-slate-300 pt-3 text-sm">
            <h2 id="impression-pieces" className="font-semibold">
              {fr.print.attachments}
            </h2>
            <ul className="mt-1 list-disc pl-5">
              {m.attachments.map((f) => (
                <li key={f.id}>
                  {f.filename} ({formatBytes(f.size)})
                </li>
              ))}
            </ul>
          </section>
        )}
      </article>
    </main>
  );
}
