"use client";

import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import * as fr from "@/lib/i18n/fr-admin";

const t = fr.tokens;

/**
 * A new token's secret, shown once. Focus moves to the box so nobody misses
 * it; the secret is never announced by a live region, only read on demand.
 */
export function OneTimeSecret({ secret }: { secret: string }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => box.current?.focus(), []);

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy("copied");
    } catch {
      // No clipboard outside a secure context, or refused: the selected text is one Ctrl+C away.
      field.current?.select();
      setCopy("failed");
    }
  }

  return (
    <div
      ref={box}
      tabIndex={-1}
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-warning`}
      className="mt-4 space-y-2 rounded-md border-2 border-amber-600 bg-amber-50 p-4 text-amber-950"
    >
      <h4 id={`${id}-title`} className="font-semibold">
        {t.secretTitle}
      </h4>
      <p id={`${id}-warning`} className="text-sm">
        {t.secretWarning}
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor={`${id}-secret`} className="block text-sm font-medium">
            {t.secretField}
          </label>
          <input
            ref={field}
            id={`${id}-secret`}
            readOnly
            value={secret}
            autoComplete="off"
            spellCheck={false}
            onFocus={(e) => e.target.select()}
            className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm"
          />
        </div>
        <Button type="button" variant="secondary" onClick={copySecret}>
          {t.copy}
        </Button>
      </div>
      <p role="status" className="text-sm">
        {copy === "copied" ? t.copied : copy === "failed" ? t.copyFailed : ""}
      </p>
    </div>
  );
}
