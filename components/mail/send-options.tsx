"use client";

import { useId, useState, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import * as fr from "@/lib/i18n/fr-compose";
import { saveToStore, subscribeStore } from "./browser-store";

/** This browser's delay for « Annuler l'envoi » ("" = the instance's), kept in localStorage. */
const KEY = "mssante.undoSeconds";
const CHOICES = ["", "0", "5", "10", "20", "30"] as const;

/**
 * Beside « Envoyer »: the person's delay for taking a send back (posted with the form, bounded by the
 * server), and « Envoyer à… » a chosen time, which posts the same form with that time.
 */
export function SendOptions({ disabled, onSchedule }: { disabled: boolean; onSchedule: () => void }) {
  const stored = useSyncExternalStore(
    subscribeStore,
    () => localStorage.getItem(KEY) ?? "",
    () => "",
  );
  const [sendAt, setSendAt] = useState("");
  const id = useId();
  return (
    <>
      <input type="hidden" name="undoSeconds" value={stored} />
      <details className="w-full text-sm">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700 underline sm:min-h-0">
          {fr.compose.sendLater}
        </summary>
        <div className="mt-2 flex flex-wrap items-end gap-3 rounded-md border border-slate-300 bg-slate-50 p-3">
          <div>
            <label htmlFor={`${id}-at`} className="block font-medium">
              {fr.compose.sendAtLabel}
            </label>
            <input
              id={`${id}-at`}
              type="datetime-local"
              value={sendAt}
              onChange={(e) => setSendAt(e.target.value)}
              className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5"
            />
          </div>
          {/* Only this button posts the time: « Envoyer » never sends later by surprise. */}
          <Button type="submit" variant="secondary" name="sendAt" value={sendAt} disabled={disabled || !sendAt} onClick={onSchedule}>
            {fr.compose.schedule}
          </Button>
          <div>
            <label htmlFor={`${id}-undo`} className="block font-medium">
              {fr.compose.undoDelay}
            </label>
            <select
              id={`${id}-undo`}
              value={stored}
              onChange={(e) => saveToStore(KEY, e.target.value)}
              className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-1.5"
            >
              {CHOICES.map((value) => (
                <option key={value} value={value}>
                  {value === ""
                    ? fr.compose.undoDelayDefault
                    : value === "0"
                      ? fr.compose.undoDelayNone
                      : fr.compose.undoSeconds(Number(value))}
                </option>
              ))}
            </select>
          </div>
        </div>
      </details>
    </>
  );
}
