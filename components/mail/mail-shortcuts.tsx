"use client";

import { useParams, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { DeferredModal } from "@/components/ui/deferred-modal";
import * as fr from "@/lib/i18n/fr-mail";

/** Keys that press a visible control: of the selection's toolbar first, else of the open message (its last one). */
const pressing: Record<string, string> = { r: "reply", a: "reply-all", f: "forward", e: "archive", "#": "trash", s: "flag", u: "back" };

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

function press(name: string) {
  const inToolbar = document.querySelector<HTMLElement>(`[data-selection-toolbar] [data-shortcut="${name}"]`);
  const inPane = [...document.querySelectorAll<HTMLElement>(`[data-reading-pane] [data-shortcut="${name}"]`)].at(-1);
  (inToolbar ?? inPane)?.click();
}

/** Move through the list's rows: the focused one, else the open one, is where j and k start from. */
function moveInList(step: 1 | -1) {
  const links = [...document.querySelectorAll<HTMLAnchorElement>("[data-row-link]")];
  if (links.length === 0) return;
  const at = links.findIndex((l) => l === document.activeElement);
  const from = at >= 0 ? at : links.findIndex((l) => l.getAttribute("aria-current") === "true");
  const next = from < 0 ? 0 : Math.min(links.length - 1, Math.max(0, from + step));
  links[next].focus();
}

/**
 * The common webmail keys (the list is under "?"), never while typing in a field or with Ctrl/Alt/Meta,
 * so the browser's and the screen reader's own keys stay theirs.
 */
export function MailShortcuts() {
  const router = useRouter();
  const { mailbox } = useParams<{ mailbox: string }>();
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || typing(event.target)) return;
      const key = event.key;
      const row = document.activeElement?.closest("[data-thread]");
      // Arrows only within the list: elsewhere they scroll the page, as always.
      if (key === "j" || (key === "ArrowDown" && row)) moveInList(1);
      else if (key === "k" || (key === "ArrowUp" && row)) moveInList(-1);
      else if (key === "o" && row) row.querySelector<HTMLAnchorElement>("[data-row-link]")?.click();
      else if (key === "x" && row) row.querySelector<HTMLInputElement>("[data-row-select]")?.click();
      else if (key === "c") router.push(`/m/${mailbox}/compose`);
      else if (key === "/") document.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
      else if (key === "?") setHelp(true);
      else if (key in pressing) press(pressing[key]);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [router, mailbox]);

  return (
    <DeferredModal
      open={help}
      onOpenChange={setHelp}
      trigger={fr.shortcuts.open}
      triggerClassName="hidden self-start text-sm text-brand-700 underline lg:inline"
      title={fr.shortcuts.title}
      description={fr.shortcuts.intro}
      classes={{
        content: "fixed top-1/2 left-1/2 z-50 w-[28rem] max-w-[95vw] -translate-x-1/2 -translate-y-1/2 rounded-md bg-white p-5 shadow-xl",
        title: "mb-1 text-lg font-semibold",
        description: "mb-3 text-sm text-slate-700",
      }}
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {fr.shortcuts.keys.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-400 px-1.5 font-mono">{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        onClick={() => setHelp(false)}
        className="mt-4 rounded-md border border-slate-400 px-4 py-2 text-sm font-medium"
      >
        {fr.shortcuts.close}
      </button>
    </DeferredModal>
  );
}
