"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { fr } from "@/lib/i18n/fr";

/** On a phone the sidebar (boxes, folders, search) lives in a drawer opened from the top of the page. */
export function MobileDrawer({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  // Open on the page where it was opened: choosing a folder or a box closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  return (
    <Dialog.Root open={openOn === pathname} onOpenChange={(open) => setOpenOn(open ? pathname : null)}>
      <Dialog.Trigger className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-400 bg-white px-3 text-sm font-medium md:hidden">
        <span aria-hidden>☰</span>
        {fr.list.menu}
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed inset-y-0 left-0 z-50 w-80 max-w-[85vw] overflow-y-auto bg-white p-4 shadow-xl focus:outline-none">
          <div className="mb-3 flex items-center justify-between">
            <Dialog.Title className="font-semibold">{fr.list.menu}</Dialog.Title>
            <Dialog.Close className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-slate-400">
              <span aria-hidden>✕</span>
              <span className="sr-only">{fr.list.closeMenu}</span>
            </Dialog.Close>
          </div>
          <Dialog.Description className="sr-only">{fr.nav.mainNav}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
