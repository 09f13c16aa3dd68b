/**
 * Search highlighting without building a regular expression from what was
 * typed: the text is cut into words (Intl.Segmenter), each word folded the
 * way Postgres folds it (mail_fold: accents removed, lower case) and marked
 * when it starts with one of the query's French stems, which Postgres
 * computed (db/queries/search.ts).
 */
export type Highlighted = { text: string; mark: boolean }[];

const segmenter = new Intl.Segmenter("fr", { granularity: "word" });

export const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

// The segmenter keeps elisions in the word ("l'échographie"): each part is tried.
const matches = (word: string, stems: string[]) =>
  fold(word)
    .split(/['’]/)
    .some((part) => stems.some((stem) => part.startsWith(stem)));

/** The text cut into runs, marked where a word matches. */
export function highlight(text: string, stems: string[]): Highlighted {
  const runs: Highlighted = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const mark = Boolean(isWordLike) && matches(segment, stems);
    const last = runs.at(-1);
    if (last && last.mark === mark && !mark) last.text += segment;
    else runs.push({ text: segment, mark });
  }
  return runs;
}

// Bodies can be long: look for the first match in their beginning only.
const SCANNED = 20_000;

/** A short passage of the body around its first matching word (or its start), highlighted. */
export function snippet(body: string, stems: string[], length = 180): Highlighted {
  const text = body.slice(0, SCANNED).replace(/\s+/g, " ");
  let at = 0;
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    if (isWordLike && matches(segment, stems)) {
      at = index;
      break;
    }
  }
  const start = Math.max(0, at - length / 3);
  const cut = text.slice(start, start + length);
  return highlight(`${start > 0 ? "…" : ""}${cut}${start + length < text.length ? "…" : ""}`, stems);
}
