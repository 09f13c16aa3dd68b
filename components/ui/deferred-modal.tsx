"use client";

import { lazy, Suspense, useRef, useState, type RefObject } from "react";

export type ModalProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus: RefObject<HTMLButtonElement | null>;
  title: string;
  /** Beside the title (a drawer's close button). */
  headerEnd?: React.ReactNode;
  /** Read out after the title; the title again, unseen, when none is given. */
  description?: string;
  classes: { content: string; title: string; description?: string };
  children: React.ReactNode;
};

// The dialog's code is fetched when it is first opened: on the inbox, Radix's Dialog was a tenth of the page's JavaScript.
const Modal = lazy(() => import("./modal"));

/** A button opening a modal dialog whose code loads on the first opening. Controlled, so a key can open it too. */
export function DeferredModal({
  trigger,
  triggerClassName,
  ...modal
}: Omit<ModalProps, "returnFocus"> & { trigger: React.ReactNode; triggerClassName: string }) {
  const triggerRef = useRef<HTMLButtonElement>(null);
  const [wanted, setWanted] = useState(false);
  // Once opened, it stays mounted: closing then returns focus and the next opening is immediate.
  if (modal.open && !wanted) setWanted(true);
  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={modal.open}
        className={triggerClassName}
        onClick={() => modal.onOpenChange(true)}
      >
        {trigger}
      </button>
      {wanted && (
        <Suspense>
          <Modal {...modal} returnFocus={triggerRef} />
        </Suspense>
      )}
    </>
  );
}
