import Link from "next/link";
import { fr } from "@/lib/i18n/fr";
import { FOLDERS, type Folder } from "@/lib/mail/folders";

export function FolderNav({
  mailboxId,
  current,
  unread,
}: {
  mailboxId: string;
  current?: Folder;
  unread: Partial<Record<Folder, number>>;
}) {
  return (
    <nav aria-labelledby="dossiers-titre">
      <h2 id="dossiers-titre" className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
        {fr.nav.folders}
      </h2>
      <ul className="space-y-1">
        {FOLDERS.map((folder) => {
          const count = unread[folder] ?? 0;
          return (
            <li key={folder}>
              <Link
                href={`/m/${mailboxId}/${folder}`}
                aria-current={folder === current ? "page" : undefined}
                className={`flex justify-between rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 ${folder === current ? "bg-brand-50 font-semibold" : ""}`}
              >
                <span>{fr.folders[folder]}</span>
                {count > 0 && <span aria-label={fr.nav.unread(count)}>{count}</span>}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
