import { fr } from "@/lib/i18n/fr";

/** Where a message of a box is shown alone, ready to print. */
export const printPath = (mailboxId: string, messageId: string) => `/imprimer/${mailboxId}/${messageId}`;

/** « Imprimer » on a message: its print view, in a new tab so the box stays where it was. */
export function PrintLink({ mailboxId, messageId }: { mailboxId: string; messageId: string }) {
  return (
    <a
      href={printPath(mailboxId, messageId)}
      target="_blank"
      rel="noopener"
      data-print="hide"
      className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-100 sm:min-h-0"
    >
      {fr.print.print}
    </a>
  );
}
