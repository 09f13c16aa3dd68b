import { loginWithPsc } from "@/lib/actions/auth";
import { fr } from "@/lib/i18n/fr";

/** Pro Santé Connect's own button: its dark blue, its name, the e-CPS / CPS hint beneath. */
export function PscButton() {
  return (
    <form action={loginWithPsc}>
      <button
        type="submit"
        aria-describedby="psc-help"
        className="flex w-full items-center justify-center gap-3 rounded-md bg-[#000091] px-4 py-3 font-semibold text-white hover:bg-[#1212ff]"
      >
        <span aria-hidden className="rounded bg-white px-1.5 py-0.5 text-xs font-bold text-[#000091]">
          PSC
        </span>
        {fr.login.psc}
      </button>
      <p id="psc-help" className="mt-1 text-center text-xs text-slate-700">
        {fr.login.pscHelp}
      </p>
    </form>
  );
}
