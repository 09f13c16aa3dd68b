"use client";

import { useParams, useSearchParams } from "next/navigation";
import { useSyncExternalStore } from "react";
import * as fr from "@/lib/i18n/fr-mail";
import { MailShortcuts } from "./mail-shortcuts";

const WIDTH_KEY = "mss.list-width";
const subscribe = (changed: () => void) => {
  window.addEventListener("storage", changed);
  return () => window.removeEventListener("storage", changed);
};

/**
 * Folder list | reading pane. On a phone one at a time: the list, or the open message with its way back.
 * "Pleine page" (?full=1) gives a long message the whole width; the list has two widths, kept per browser.
 */
export function MailPanes({ list, children }: { list: React.ReactNode; children: React.ReactNode }) {
  const open = Boolean(useParams().thread);
  const full = useSearchParams().get("full") === "1";
  const wide = useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(WIDTH_KEY) === "wide",
    () => false,
  );
  const toggle = () => {
    localStorage.setItem(WIDTH_KEY, wide ? "normal" : "wide");
    window.dispatchEvent(new StorageEvent("storage", { key: WIDTH_KEY }));
  };
  return (
    <div className="flex min-h-0 flex-1 gap-4">
      <section
        aria-label={fr.list.pane}
        // Printing an open message prints it alone.
        data-print={open ? "hide" : undefined}
        className={`min-w-0 flex-col gap-2 lg:shrink-0 ${open ? "hidden lg:flex" : "flex w-full"} ${
          full && open ? "lg:hidden" : wide ? "lg:w-[40rem]" : "lg:w-[28rem]"
        }`}
      >
        {list}
        <MailShortcuts />
        <button type="button" onClick={toggle} className="hidden self-start text-sm text-brand-700 underline lg:inline" aria-pressed={wide}>
          {fr.list.widen}
        </button>
      </section>
      <div data-reading-pane className={`min-w-0 flex-1 ${open ? "block" : "hidden lg:block"} lg:border-l lg:border-slate-300 lg:pl-4`}>
        {children}
      </div>
    </div>
  );
}
