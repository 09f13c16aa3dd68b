import { fr } from "@/lib/i18n/fr";

/** The reading pane before a message is chosen. */
export default function NoMessageOpen() {
  return (
    <div className="flex h-full flex-col items-center justify-center p-8 text-center text-slate-700">
      <p className="font-medium">{fr.list.noMessageOpen}</p>
      <p className="text-sm">{fr.list.noMessageHint}</p>
    </div>
  );
}
