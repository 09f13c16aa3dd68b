import { fr } from "@/lib/i18n/fr";

const block = "rounded bg-slate-200 motion-safe:animate-pulse";

/** Grey shapes standing for what each page will show; hidden from assistive technology, which hears the status instead. */
const shapes = {
  folder: (
    <ul className="space-y-2">
      {Array.from({ length: 8 }, (_, i) => (
        <li key={i} className={`${block} h-14`} />
      ))}
    </ul>
  ),
  thread: (
    <div className="space-y-4">
      <div className={`${block} h-8 w-2/3`} />
      {Array.from({ length: 2 }, (_, i) => (
        <div key={i} className={`${block} h-40`} />
      ))}
    </div>
  ),
  search: (
    <div className="space-y-2">
      <div className={`${block} mb-4 h-10`} />
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className={`${block} h-16`} />
      ))}
    </div>
  ),
};

/** The status saying what is coming, and grey shapes for it. */
function Busy({ page }: { page: keyof typeof shapes }) {
  return (
    <>
      <p role="status" className="mb-4 text-slate-700">
        {fr.loading[page]}
      </p>
      <div aria-hidden="true">{shapes[page]}</div>
    </>
  );
}

/** The reading pane while a message loads beside the list, which stays as it is. */
export function PaneSkeleton() {
  return (
    <div aria-busy="true">
      <Busy page="thread" />
    </div>
  );
}

/**
 * What a mail page shows while the server renders it (the loading.tsx files): the shell's outline
 * and a status saying what is coming. Pages draw their own shell, so this one stands for all of it.
 */
export function MailSkeleton({ page }: { page: keyof typeof shapes }) {
  return (
    <div className="flex min-h-screen flex-col">
      <div className="h-14 bg-brand-800" aria-hidden="true" />
      <div className="flex flex-1 flex-col md:flex-row">
        <div className="hidden space-y-3 border-r border-slate-300 bg-white p-4 md:block md:w-64" aria-hidden="true">
          <div className={`${block} h-9`} />
          <div className={`${block} h-9`} />
          <div className={`${block} h-40`} />
        </div>
        <main id="contenu" className="min-w-0 flex-1 p-4" aria-busy="true">
          <Busy page={page} />
        </main>
      </div>
    </div>
  );
}
