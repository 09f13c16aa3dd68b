"use client";

import * as Dialog from "@radix-ui/react-dialog";
import type { ModalProps } from "./deferred-modal";

/**
 * Radix's modal dialog (focus trap, scroll lock, Escape, outside click), loaded only when a dialog is first
 * opened (components/ui/deferred-modal.tsx). Focus goes back to the trigger, which is not Radix's own.
 */
export default function Modal({ open, onOpenChange, returnFocus, title, headerEnd, description, classes, children }: ModalProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          className={classes.content}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocus.current?.focus();
          }}
        >
          {headerEnd ? (
            <div className="mb-3 flex items-center justify-between">
              <Dialog.Title className={classes.title}>{title}</Dialog.Title>
              {headerEnd}
            </div>
          ) : (
            <Dialog.Title className={classes.title}>{title}</Dialog.Title>
          )}
          <Dialog.Description className={classes.description ?? "sr-only"}>{description ?? title}</Dialog.Description>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
