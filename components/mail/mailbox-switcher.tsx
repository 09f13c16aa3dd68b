import Link from "next/link";
import { fr } from "@/lib/i18n/fr";

type Box = { id: string; address: string; displayName: string; type: keyof typeof fr.mailboxType; unread: number };

export function MailboxSwitcher({ boxes, currentId }: { boxes: Box[]; currentId: string }) {
  return (
    <nav aria-label={fr.nav.mailboxes} className="mb-6">
      <h2 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{fr.nav.mailboxes}</h2>
      <ul className="space-y-1">
        {boxes.map((box) => (
          <li key={box.id}>
            <Link
              href={`/m/${box.id}/inbox`}
              aria-current={box.id === currentId ? "page" : undefined}
              // The whole name and address on hover: a long one is cut in the sidebar.
              title={`${box.displayName} — ${box.address} · ${fr.mailboxType[box.type]}`}
              className={`block rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 ${box.id === currentId ? "bg-brand-50 font-semibold" : ""}`}
            >
              <span className="flex items-center justify-between gap-2">
                <span className="min-w-0 break-words">{box.displayName}</span>
                {box.unread > 0 && (
                  <span className="rounded-full bg-brand-700 px-2 text-xs text-white" aria-label={fr.nav.unread(box.unread)}>
                    {box.unread}
                  </span>
                )}
              </span>
              <span className="block truncate text-xs font-normal text-slate-600">
                {box.address} · {fr.mailboxType[box.type]}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
