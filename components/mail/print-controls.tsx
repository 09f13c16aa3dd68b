"use client";

import Link from "next/link";
import { useEffect } from "react";
import * as fr from "@/lib/i18n/fr-mail";

/** The print view's own controls, never printed: the browser's print dialog opens once the page (its message frame included) has loaded. */
export function PrintControls({ backHref }: { backHref: string }) {
  useEffect(() => {
    const print = () => window.print();
    if (document.readyState === "complete") print();
    else window.addEventListener("load", print, { once: true });
    return () => window.removeEventListener("load", print);
  }, []);
  return (
    <div data-print="hide" className="mb-6 flex flex-wrap items-center gap-4 print:hidden">
      <button
        type="button"
        onClick={() => window.print()}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
      >
        {fr.print.print}
      </button>
      <Link href={backHref} className="text-sm text-brand-700 underline">
        {fr.print.back}
      </Link>
    </div>
  );
}
