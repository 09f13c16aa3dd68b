import type { Highlighted } from "@/lib/mail/highlight";

/** Runs of text with the matching words in <mark>: React escapes every run, nothing is parsed as HTML. */
export function HighlightedText({ runs }: { runs: Highlighted }) {
  return runs.map((run, i) =>
    run.mark ? (
      <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-inherit">
        {run.text}
      </mark>
    ) : (
      run.text
    ),
  );
}
