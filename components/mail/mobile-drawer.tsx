"use client";

import { usePathname } from "next/navigation";
import { useState } from "react";
import { DeferredModal } from "@/components/ui/deferred-modal";
import * as fr from "@/lib/i18n/fr-mail";

/** On a phone the sidebar (boxes, folders, search) lives in a drawer opened from the top of the page. */
export function MobileDrawer({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  // Open on the page where it was opened: choosing a folder or a box closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const close = () => setOpenOn(null);
  return (
    <DeferredModal
      open={openOn === pathname}
      onOpenChange={(open) => setOpenOn(open ? pathname : null)}
      trigger={
        <>
          <span aria-hidden>☰</span>
          {fr.list.menu}
        </>
      }
      triggerClassName="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-400 bg-white px-3 text-sm font-medium md:hidden"
      title={fr.list.menu}
      description={fr.nav.mainNav}
      headerEnd={
        <button
          type="button"
          onClick={close}
          className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-slate-400"
        >
          <span aria-hidden>✕</span>
          <span className="sr-only">{fr.list.closeMenu}</span>
        </button>
      }
      classes={{
        content: "fixed inset-y-0 left-0 z-50 w-80 max-w-[85vw] overflow-y-auto bg-white p-4 shadow-xl focus:outline-none",
        title: "font-semibold",
      }}
    >
      {children}
    </DeferredModal>
  );
}
