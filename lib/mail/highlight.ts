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
  // No stem anywhere in it (most passages of a page): one unmarked run, without cutting it into words.
  const folded = fold(text);
  if (text && !stems.some((stem) => folded.includes(stem))) return [{ text, mark: false }];
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

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

/**
 * Where the first word matching a stem starts, or 0. When folding keeps the text's length, and so its positions
 * (nearly always), the stems are looked up in the folded text, each hit kept at a word start and checked against
 * the text itself: cutting a long body into words was most of a search page's time. A text that folding shortens
 * or lengthens (decomposed accents, Hangul) goes word by word, as the highlighting does.
 */
function firstMatch(text: string, stems: string[]): number {
  const folded = fold(text);
  if (folded.length !== text.length) {
    for (const { segment, index, isWordLike } of segmenter.segment(text)) if (isWordLike && matches(segment, stems)) return index;
    return 0;
  }
  let first = -1;
  for (const stem of stems.filter(Boolean)) {
    for (let at = folded.indexOf(stem); at !== -1 && (first === -1 || at < first); at = folded.indexOf(stem, at + 1)) {
      if ((at === 0 || !WORD_CHAR.test(text[at - 1])) && fold(text.slice(at, at + stem.length)) === stem) {
        first = at;
        break;
      }
    }
  }
  return Math.max(first, 0);
}

/** A short passage of the body around its first matching word (or its start), highlighted. */
export function snippet(body: string, stems: string[], length = 180): Highlighted {
  const text = body.slice(0, SCANNED).replace(/\s+/g, " ");
  const at = firstMatch(text, stems);
  const start = Math.max(0, at - length / 3);
  const cut = text.slice(start, start + length);
  return highlight(`${start > 0 ? "…" : ""}${cut}${start + length < text.length ? "…" : ""}`, stems);
}
